import IOModel
import Reports
import Scenario

/// Runs an I/O study: every kind's path on the same workload, then the optional sweep.
enum IOStudyRunner {
    static func run(_ scenario: Scenario, study: IOStudy, context: RunContext) throws -> StudyOutput {
        let log = DiagnosticLog()
        guard let (spec, sweep, hardware) = IOStudyReader.read(study, seed: scenario.seed, log: log) else {
            throw ScenarioError(file: scenario.name, diagnostics: log.items)
        }
        // One progress line: the kinds' run, then the sweep's cells (each about one run's work).
        let progress = context.progress(scenario.name)
        let sweepCells = sweep.blockSizes.count * max(sweep.queueDepths.count, sweep.arrivalRates.count)
        let runShare = 1 / Double(1 + sweepCells)
        let runProgress = progress.map { p in { (f: Double) in p(f * runShare) } }
        let result = hardware.map { IOExperiment.run(spec, profile: $0, progress: runProgress) } ?? IOExperiment.run(spec, progress: runProgress)
        var summary: [SummaryRow] = []
        for s in result.summary {
            summary.append(SummaryRow(scenario: scenario.name, variant: s.variant, s.value))
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
        if spec.guests > 1 {
            // Several guests share the host: each one's share, and how fair the split is.
            var guests = CSVTable(header: ["variant", "path", "guest", "throughput", "throughput_unit", "requests_per_second",
                                           "latency_mean_us", "fairness_jain"])
            for row in result.rows {
                for (g, share) in row.perGuest.enumerated() {
                    guests.append([row.variant, row.path, String(g + 1), f(share.throughput), row.throughputUnit,
                                   f(share.requestsPerSecond), f(share.meanLatencyMicros), f(row.fairness)])
                }
            }
            tables.append(("io_guests.csv", guests))
        }
        if !spec.backends.isEmpty {
            // Back-end variants: how loaded each thread pool is.
            var pools = CSVTable(header: ["variant", "path", "pool", "kind", "threads", "busy_cores", "utilization"])
            for row in result.rows {
                for p in row.pools {
                    pools.append([row.variant, row.path, String(p.index), p.kind, String(p.threads), f(p.busyCores), f(p.utilization)])
                }
            }
            tables.append(("io_pools.csv", pools))
        }
        var text = "\(scenario.name): \(spec.workloadDescription) on \(spec.hardware), seed \(scenario.seed)\n" + TextTable.render(display)
        if !sweep.isEmpty {
            let rows = IOExperiment.sweep(spec, blockSizes: sweep.blockSizes, queueDepths: sweep.queueDepths, arrivalRates: sweep.arrivalRates,
                                          profile: hardware, progress: progress.map { p in { f in p(runShare + f * (1 - runShare)) } })
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
