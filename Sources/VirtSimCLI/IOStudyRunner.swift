import IOModel
import Reports
import Scenario

/// Reads a scenario's `"io"` section into an `IOExperimentSpec`: keys map one to one onto the
/// spec's properties (documented there and in README), plus an optional `"sweep"` with axes.
enum IOStudyReader {
    struct Sweep {
        var blockSizes: [Double] = []
        var queueDepths: [Int] = []
        var arrivalRates: [Double] = []
        var isEmpty: Bool { blockSizes.isEmpty }
    }

    static let stringKeys = ["hardware", "fullPath", "paraPath", "containerPath", "workload", "application", "direction",
                             "fullDiskDevice", "fullNetworkDevice"]
    static let numberKeys = ["blockSizeBytes", "readFraction", "arrivalRate", "computeMicrosPerRequest", "mtuBytes",
                             "socketBufferBytes", "requestBytes", "responseBytes", "requestsPerNotification",
                             "warmupSeconds", "durationSeconds"]
    static let integerKeys = ["queueDepth", "guestCPUs", "hostCores"]

    /// Every problem of the section, with JSON paths.
    static func problems(_ study: IOStudy) -> [Diagnostic] {
        let log = DiagnosticLog()
        _ = read(study, seed: 1, log: log)
        return log.items
    }

    /// The spec and sweep, or nil when there were problems (logged).
    static func read(_ study: IOStudy, seed: UInt64, log: DiagnosticLog) -> (IOExperimentSpec, Sweep)? {
        guard var r = ObjectReader(study.raw, path: study.path, log: log) else { return nil }
        var spec = IOExperimentSpec()
        spec.seed = seed
        let before = log.items.count
        for key in stringKeys {
            guard let v = r.string(key) else { continue }
            switch key {
            case "hardware": spec.hardware = v
            case "fullPath": spec.fullPath = v
            case "paraPath": spec.paraPath = v
            case "containerPath": spec.containerPath = v
            case "workload": spec.workload = v
            case "application": spec.application = v
            case "fullDiskDevice": spec.fullDiskDevice = v
            case "fullNetworkDevice": spec.fullNetworkDevice = v
            default: spec.direction = v
            }
        }
        for key in numberKeys {
            guard let v = r.number(key) else { continue }
            switch key {
            case "blockSizeBytes": spec.blockSizeBytes = v
            case "readFraction": spec.readFraction = v
            case "arrivalRate": spec.arrivalRate = v
            case "computeMicrosPerRequest": spec.computeMicrosPerRequest = v
            case "mtuBytes": spec.mtuBytes = v
            case "socketBufferBytes": spec.socketBufferBytes = v
            case "requestBytes": spec.requestBytes = v
            case "responseBytes": spec.responseBytes = v
            case "requestsPerNotification": spec.requestsPerNotification = v
            case "warmupSeconds": spec.warmupSeconds = v
            default: spec.durationSeconds = v
            }
        }
        for key in integerKeys {
            guard let v = r.integer(key) else { continue }
            switch key {
            case "queueDepth": spec.queueDepth = v
            case "guestCPUs": spec.guestCPUs = v
            default: spec.hostCores = v
            }
        }
        if let s = r.bool("sequential") { spec.sequential = s }
        if let items = r.array("kinds", nonEmpty: true) {
            var kinds: [String] = []
            for (value, path) in items {
                if case .string(let k) = value { kinds.append(k) } else { log.add(path, "expected a guest kind name, found \(value.brief)") }
            }
            spec.kinds = kinds
        }
        var sweep = Sweep()
        if var s = r.object("sweep") {
            sweep.blockSizes = numbers(&s, "blockSizeBytes", required: true)
            sweep.queueDepths = numbers(&s, "queueDepth", required: false).map { Int($0) }
            sweep.arrivalRates = numbers(&s, "arrivalRate", required: false)
            if sweep.queueDepths.isEmpty == sweep.arrivalRates.isEmpty {
                log.add(s.path, "expected exactly one of \"queueDepth\" or \"arrivalRate\" as the second axis")
            }
            s.finish()
        }
        r.finish()
        // The model's own checks, mapped onto JSON paths.
        if log.items.count == before {
            for p in spec.validate() { log.add("\(study.path).\(p.property)", p.message) }
        }
        return log.items.count == before ? (spec, sweep) : nil
    }

    private static func numbers(_ r: inout ObjectReader, _ key: String, required: Bool) -> [Double] {
        guard let items = r.array(key, required: required, nonEmpty: required) else { return [] }
        var out: [Double] = []
        for (value, path) in items {
            if case .number(let x, _) = value, x > 0 { out.append(x) } else { r.log.add(path, "found \(value.brief); expected a number > 0") }
        }
        return out
    }
}

/// Runs an I/O study: every kind's path on the same workload, then the optional sweep.
enum IOStudyRunner {
    static func run(_ scenario: Scenario, study: IOStudy) throws -> StudyOutput {
        let log = DiagnosticLog()
        guard let (spec, sweep) = IOStudyReader.read(study, seed: scenario.seed, log: log) else {
            throw ScenarioError(file: scenario.name, diagnostics: log.items)
        }
        let result = IOExperiment.run(spec)
        var summary: [SummaryRow] = []
        for s in result.summary {
            summary.append(SummaryRow(scenario: scenario.name, variant: s.variant, metric: s.metric, value: s.value, unit: s.unit))
        }
        var io = CSVTable(header: ["variant", "path", "workload", "throughput", "throughput_unit", "requests_per_second",
                                   "throughput_loss_percent", "latency_mean_us", "latency_p50_us", "latency_p99_us",
                                   "cpu_us_per_request", "guest_cpu_utilization", "host_cpu_utilization",
                                   "device_utilization", "requests"])
        var cpu = CSVTable(header: ["variant", "path", "component", "cpu_us_per_request"])
        var display = [["variant", "path", "throughput", "unit", "loss %", "mean µs", "p99 µs", "CPU µs/req"]]
        let f = { (x: Double) in NumberFormat.format(x) }
        for row in result.rows {
            io.append([row.variant, row.path, row.workload, f(row.throughput), row.throughputUnit, f(row.requestsPerSecond),
                       f(row.throughputLossPercent), f(row.meanLatencyMicros), f(row.p50LatencyMicros), f(row.p99LatencyMicros),
                       f(row.totalCPUMicrosPerRequest), f(row.guestCPUUtilization), f(row.hostCPUUtilization),
                       f(row.deviceUtilization), String(row.requests)])
            for c in row.cpuMicrosPerRequest { cpu.append([row.variant, row.path, c.component, f(c.micros)]) }
            let g = { (x: Double) in NumberFormat.format(x, significant: 4) }
            display.append([row.variant, row.path, g(row.throughput), row.throughputUnit, g(row.throughputLossPercent),
                            g(row.meanLatencyMicros), g(row.p99LatencyMicros), g(row.totalCPUMicrosPerRequest)])
        }
        var tables = [("io.csv", io), ("io_cpu.csv", cpu)]
        var text = "\(scenario.name): \(spec.workloadDescription) on \(spec.hardware), seed \(scenario.seed)\n" + TextTable.render(display)
        if !sweep.isEmpty {
            let rows = IOExperiment.sweep(spec, blockSizes: sweep.blockSizes, queueDepths: sweep.queueDepths, arrivalRates: sweep.arrivalRates)
            var t = CSVTable(header: ["block_size_bytes", "queue_depth", "arrival_rate", "variant", "throughput", "throughput_unit",
                                      "throughput_loss_percent", "latency_mean_us", "latency_increase_percent"])
            for r in rows {
                t.append([f(r.blockSizeBytes), String(r.queueDepth), f(r.arrivalRate), r.variant, f(r.throughput), r.throughputUnit,
                          f(r.throughputLossPercent), f(r.meanLatencyMicros), f(r.latencyIncreasePercent)])
            }
            tables.append(("io_sweep.csv", t))
            text += "\n\n" + sweepMatrix(rows, variant: "full")
        }
        return StudyOutput(summary: summary, tables: tables, display: text)
    }

    /// Full virtualization's throughput loss as a block size × load matrix, for the terminal.
    static func sweepMatrix(_ rows: [IOSweepRow], variant: String) -> String {
        let cells = rows.filter { $0.variant == variant }
        var loads: [String] = []
        for r in cells {
            let l = r.arrivalRate > 0 ? "\(NumberFormat.format(r.arrivalRate))/s" : "qd \(r.queueDepth)"
            if !loads.contains(l) { loads.append(l) }
        }
        var sizes: [Double] = []
        for r in cells where !sizes.contains(r.blockSizeBytes) { sizes.append(r.blockSizeBytes) }
        var table = [["\(variant) loss %"] + loads]
        for s in sizes {
            let row = cells.filter { $0.blockSizeBytes == s }.map { NumberFormat.format($0.throughputLossPercent, significant: 3) }
            table.append(["\(NumberFormat.format(s / 1024)) KiB"] + row)
        }
        return TextTable.render(table)
    }
}
