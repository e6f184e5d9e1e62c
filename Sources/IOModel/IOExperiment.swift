import MetricCatalogue
import SimKernel
import VirtModel

/// One variant's measurements in a request-level I/O experiment (a row of `io.csv`).
public struct IOResultRow: Sendable {
    /// Guest kind (`GuestKind` raw value).
    public var variant: String
    /// Route taken, e.g. "emulated", "para-kernel-backend+container-bridge".
    public var path: String
    /// Workload description.
    public var workload: String
    /// Delivered throughput in `throughputUnit`.
    public var throughput: Double
    /// "MB/s" (storage), "Mb/s" (network stream), "transactions/s" (request/response),
    /// "work-s/s" (application: native CPU-seconds of work completed per second).
    public var throughputUnit: String
    /// Completed requests per second.
    public var requestsPerSecond: Double
    /// Percent of native throughput lost (native: 0).
    public var throughputLossPercent: Double
    /// Request latency from submission to completion, µs.
    public var meanLatencyMicros: Double
    public var p50LatencyMicros: Double
    public var p99LatencyMicros: Double
    /// CPU per request by mechanism, µs (stable order of `IOCostComponent`).
    public var cpuMicrosPerRequest: [(component: String, micros: Double)]
    /// Busy fraction of the guest's vCPUs (application work + guest side of the path; for
    /// hosted VMMs and Xen 1.0 also the host side).
    public var guestCPUUtilization: Double
    /// Busy fraction of the host cores running device model / back-end.
    public var hostCPUUtilization: Double
    /// Busy fraction of the device (storage: positioning + transfer time / parallelism; network: link).
    public var deviceUtilization: Double
    /// Requests completed in the measurement window.
    public var requests: UInt64
    /// Path CPU per request measured from the simulated CPUs' busy time (guest + host busy
    /// seconds per completed request, minus the application's compute), µs. Agrees with
    /// `totalCPUMicrosPerRequest` up to window-edge effects.
    public var measuredPathCPUMicrosPerRequest: Double
    /// Each guest's share when several guests share the host (one entry per guest; the row's
    /// throughput and latency are the aggregate).
    public var perGuest: [IOGuestResult] = []
    /// Jain's fairness index of the guests' throughputs, (Σx)² / (n Σx²), in [1/n, 1]; 1 for one guest.
    public var fairness: Double = 1
    /// A back-end variant (`IOBackend`): each pool's load; empty for the guest kinds' rows.
    public var pools: [IOPoolResult] = []

    /// Total path CPU per request, µs.
    public var totalCPUMicrosPerRequest: Double { cpuMicrosPerRequest.reduce(0) { $0 + $1.micros } }
}

/// One back-end thread pool's load in a back-end variant.
public struct IOPoolResult: Sendable {
    /// Position in the back-end's list (0 = guest side) and kind.
    public var index: Int
    public var kind: String
    public var threads: Int
    /// CPU the pool's threads used, in cores (busy seconds per second).
    public var busyCores: Double
    /// Busy fraction of the pool's threads.
    public var utilization: Double
}

/// One guest's part of a variant when several guests share the host.
public struct IOGuestResult: Sendable {
    /// Throughput in the row's unit.
    public var throughput: Double
    public var requestsPerSecond: Double
    public var meanLatencyMicros: Double
}

/// Jain's fairness index of `values`: (Σx)² / (n · Σx²); 1 when all are equal, 1/n when one
/// takes everything; 1 for an empty or all-zero list. O(n).
public func jainFairnessIndex(_ values: [Double]) -> Double {
    let sum = values.reduce(0, +)
    let squares = values.reduce(0) { $0 + $1 * $1 }
    return squares > 0 ? sum * sum / (Double(values.count) * squares) : 1
}

/// Result of `IOExperiment.run`.
public struct IOExperimentResult: Sendable {
    /// One row per requested kind, in the spec's order.
    public var rows: [IOResultRow]
    /// Tidy summary rows: for every kind `io_throughput_loss`, `io_latency_mean`, `io_latency_p99`,
    /// `io_throughput` (in the row's unit), `io_cpu_per_request`, and with several guests `io_fairness_jain`.
    public var summary: [(variant: String, value: MetricValue)]
    /// Simulated requests and events over all variants (for benchmarks).
    public var simulatedRequests: UInt64
    public var simulatedEvents: UInt64
}

/// One cell of a block size × queue depth (or rate) sweep.
public struct IOSweepRow: Sendable {
    public var blockSizeBytes: Double
    public var queueDepth: Int
    /// Open-loop rate of the cell, requests per second (0 when closed loop).
    public var arrivalRate: Double
    public var variant: String
    public var throughput: Double
    public var throughputUnit: String
    /// Percent of native throughput lost at this cell.
    public var throughputLossPercent: Double
    public var meanLatencyMicros: Double
    /// Mean latency added over native, percent.
    public var latencyIncreasePercent: Double
}

/// The request-level I/O experiment: runs each guest kind's path on the same workload and
/// compares with native.
public enum IOExperiment {
    /// Runs `spec` (which must be valid: see `IOExperimentSpec.validate`). Cost: the number of
    /// simulated requests × O(log in-flight).
    /// - Parameter progress: called with the fraction of the kinds run (0…1) after each kind.
    public static func run(_ spec: IOExperimentSpec, progress: ((Double) -> Void)? = nil) -> IOExperimentResult {
        let problems = spec.validate()
        precondition(problems.isEmpty, "invalid IOExperimentSpec: \(problems.map { "\($0.property): \($0.message)" }.joined(separator: "; "))")
        return run(spec, profile: HardwareProfile.named(spec.hardware)!, progress: progress)
    }

    /// Runs `spec` on an explicit hardware profile (a catalogue profile with changed fields:
    /// a faster exit, more trapping accesses ...); `spec.hardware` is ignored, the spec's
    /// `fullDiskDevice` / `fullNetworkDevice` are applied when set.
    public static func run(_ spec: IOExperimentSpec, profile: HardwareProfile, progress: ((Double) -> Void)? = nil) -> IOExperimentResult {
        let problems = spec.validate().filter { $0.property != "hardware" }
        precondition(problems.isEmpty, "invalid IOExperimentSpec: \(problems.map { "\($0.property): \($0.message)" }.joined(separator: "; "))")
        let model = CostModel(profile: spec.applyingDevices(to: profile), ioPaths: spec.pathChoice)
        let kinds = spec.kinds.compactMap(GuestKind.init(rawValue:))
        var measured: [(GuestKind, IOResultRow, UInt64)] = []
        var requests: UInt64 = 0
        var events: UInt64 = 0
        var native: IOResultRow?
        let order = [GuestKind.native] + kinds.filter({ $0 != .native })
        let steps = Double(order.count + spec.backends.count)
        for (done, kind) in order.enumerated() {
            progress?(Double(done) / steps)
            let (row, m) = runVariant(kind: kind, spec: spec, model: model)
            requests += m.completed
            events += m.events
            if kind == .native { native = row }
            measured.append((kind, row, m.completed))
        }
        // Back-end variants: the path's kind on that path, its host work on the pools.
        var backendRows: [IOResultRow] = []
        for (i, b) in spec.backends.enumerated() {
            progress?(Double(order.count + i) / steps)
            var choice = spec.pathChoice
            if b.kind == .full { choice.full = IOPath(rawValue: b.path)! } else { choice.para = IOPath(rawValue: b.path)! }
            let (row, m) = runVariant(kind: b.kind, spec: spec, model: CostModel(profile: model.profile, ioPaths: choice), backend: b)
            requests += m.completed
            events += m.events
            backendRows.append(row)
        }
        progress?(1)
        let base = native!
        var rows: [IOResultRow] = []
        for kind in kinds {
            guard var row = measured.first(where: { $0.0 == kind })?.1 else { continue }
            row.throughputLossPercent = kind == .native ? 0 : lossPercent(row.throughput, native: base.throughput)
            rows.append(row)
        }
        for var row in backendRows {
            row.throughputLossPercent = lossPercent(row.throughput, native: base.throughput)
            rows.append(row)
        }
        var summary: [(variant: String, value: MetricValue)] = []
        for row in rows {
            summary.append((row.variant, MetricValue(.ioThroughputLoss, row.throughputLossPercent)))
            summary.append((row.variant, MetricValue(.ioLatencyMean, row.meanLatencyMicros)))
            summary.append((row.variant, MetricValue(.ioLatencyP99, row.p99LatencyMicros)))
            summary.append((row.variant, MetricValue(.ioThroughput, row.throughput, unit: row.throughputUnit)))
            summary.append((row.variant, MetricValue(.ioCpuPerRequest, row.totalCPUMicrosPerRequest)))
            if spec.guests > 1 { summary.append((row.variant, MetricValue(.ioFairnessJain, row.fairness))) }
        }
        return IOExperimentResult(rows: rows, summary: summary, simulatedRequests: requests, simulatedEvents: events)
    }

    /// Sweeps block size × queue depth (closed loop) or block size × arrival rate (open loop,
    /// when `arrivalRates` is non-empty) around `spec`, one run per cell. Rows in the order
    /// block size, then depth/rate, then the spec's kinds.
    /// `profile`: run on this hardware profile instead of the catalogue's `spec.hardware`.
    /// `progress` is called with the fraction of cells run (0…1).
    public static func sweep(_ spec: IOExperimentSpec, blockSizes: [Double], queueDepths: [Int] = [],
                             arrivalRates: [Double] = [], profile: HardwareProfile? = nil,
                             progress: ((Double) -> Void)? = nil) -> [IOSweepRow] {
        var out: [IOSweepRow] = []
        let loads: [(Int, Double)] = arrivalRates.isEmpty
            ? queueDepths.map { ($0, 0.0) }
            : arrivalRates.map { (spec.queueDepth, $0) }
        let cells = Double(blockSizes.count * loads.count)
        var done = 0.0
        for bs in blockSizes {
            for (qd, rate) in loads {
                defer { done += 1 }
                var cell = spec
                cell.blockSizeBytes = bs
                cell.queueDepth = qd
                cell.arrivalRate = rate
                if !cell.kinds.contains("native") { cell.kinds.insert("native", at: 0) }
                let before = done
                let cellProgress = progress.map { p in { (f: Double) in p((before + f) / cells) } }
                let r = profile.map { run(cell, profile: $0, progress: cellProgress) } ?? run(cell, progress: cellProgress)
                let nativeRow = r.rows.first { $0.variant == "native" }!
                for row in r.rows where spec.kinds.contains(row.variant) || spec.backends.contains(where: { $0.name == row.variant }) {
                    out.append(IOSweepRow(
                        blockSizeBytes: bs, queueDepth: qd, arrivalRate: rate, variant: row.variant,
                        throughput: row.throughput, throughputUnit: row.throughputUnit,
                        throughputLossPercent: row.throughputLossPercent, meanLatencyMicros: row.meanLatencyMicros,
                        latencyIncreasePercent: latencyIncreasePercent(row.meanLatencyMicros, native: nativeRow.meanLatencyMicros)))
                }
            }
        }
        return out
    }

    /// Mean latency added over native, percent; 0 when native completed no request in the
    /// window (no latency to compare with), as `lossPercent` does for throughput.
    static func latencyIncreasePercent(_ latency: Double, native: Double) -> Double {
        native > 0 ? 100 * (latency / native - 1) : 0
    }

    static func lossPercent(_ throughput: Double, native: Double) -> Double {
        native > 0 ? 100 * (1 - throughput / native) : 0
    }

    // MARK: One variant

    /// One variant: `kind` on `model`'s route for it; with `backend`, its host work on the
    /// back-end's thread pools (the row is named after the back-end).
    static func runVariant(kind: GuestKind, spec: IOExperimentSpec, model: CostModel, backend: IOBackend? = nil) -> (IOResultRow, PipelineMeasurement) {
        var built = WorkloadBuilder.build(kind: kind, spec: spec, model: model)
        let threads = backend.map { BackendThreads.steps(pools: $0.pools, costs: built.costs) }
        if let threads {
            // The pools' own hand-offs are back-end work in the CPU accounting.
            for k in built.costs.indices { built.costs[k].add(threads.ownMicros[k], .backend, side: .host, completion: false) }
        }
        // An emulated controller accepts only so many commands at once (one per IDE channel):
        // the rest wait in the guest, so the device's own parallelism is capped by it.
        var parallelism = Int(model.profile.storage.internalParallelism.value.rounded())
        let route = model.ioPaths.route(for: kind)
        let basePath = route.path
        if basePath == .emulated || basePath == .hosted {
            parallelism = min(parallelism, max(1, Int(model.profile.emulatedDisk.maxOutstanding.value.rounded())))
        }
        // Unequal guests: each guest's own depth and compute where it gives them.
        let loads = spec.guestLoads
        let threadsPerGuest = loads.map { $0.queueDepth ?? built.threads }
        let computePerGuest = loads.map { $0.computeMicrosPerRequest.map { $0 * 1e-6 } ?? built.computeSeconds }
        var pipeline = RequestPipeline(PipelineConfig(
            classes: built.classes, arrivals: spec.arrivalRate > 0 ? .openLoop(rate: spec.arrivalRate) : .closedLoop(threads: built.threads),
            computeSeconds: built.computeSeconds, guestCPUs: spec.guestCPUs, guests: spec.guests,
            threadsPerGuest: threadsPerGuest, computeSecondsPerGuest: computePerGuest, hostCores: spec.hostCores, backend: threads,
            deviceParallelism: max(1, parallelism),
            warmupSeconds: spec.warmupSeconds, durationSeconds: spec.durationSeconds,
            seed: spec.seed, replication: 0, streamName: "io/requests"))
        let m = pipeline.run()
        let window = m.windowSeconds
        let rps = Double(m.completed) / window
        let throughput: Double
        switch built.unit {
        case "MB/s": throughput = m.payloadBytes / window / 1e6
        case "Mb/s": throughput = m.payloadBytes * 8 / window / 1e6
        case "work-s/s": throughput = rps * built.workSecondsPerRequest
        default: throughput = rps
        }
        // CPU per request by mechanism: the completed mix × each class's accounting.
        var perComponent = Array(repeating: 0.0, count: IOCostComponent.allCases.count)
        if m.completed > 0 {
            for (k, c) in built.costs.enumerated() {
                let share = Double(m.completedPerClass[k]) / Double(m.completed)
                for j in perComponent.indices { perComponent[j] += share * c.components[j] }
            }
        }
        let deviceServers = built.usesStorage ? Double(max(1, parallelism)) : 1
        func inUnit(requests: UInt64, payload: Double) -> Double {
            switch built.unit {
            case "MB/s": return payload / window / 1e6
            case "Mb/s": return payload * 8 / window / 1e6
            case "work-s/s": return Double(requests) / window * built.workSecondsPerRequest
            default: return Double(requests) / window
            }
        }
        let perGuest = m.completedPerGuest.indices.map { g in
            IOGuestResult(throughput: inUnit(requests: m.completedPerGuest[g], payload: m.payloadBytesPerGuest[g]),
                          requestsPerSecond: Double(m.completedPerGuest[g]) / window,
                          meanLatencyMicros: m.completedPerGuest[g] == 0 ? 0 : m.latencySumPerGuest[g] / Double(m.completedPerGuest[g]) * 1e6)
        }
        let hostThreads = threads?.totalThreads ?? spec.hostCores
        var row = IOResultRow(
            variant: backend?.name ?? kind.rawValue, path: route.name, workload: spec.workloadDescription,
            throughput: throughput, throughputUnit: built.unit, requestsPerSecond: rps, throughputLossPercent: 0,
            meanLatencyMicros: m.meanLatency * 1e6, p50LatencyMicros: m.p50Latency * 1e6, p99LatencyMicros: m.p99Latency * 1e6,
            cpuMicrosPerRequest: IOCostComponent.allCases.map { (component: $0.name, micros: perComponent[$0.rawValue]) },
            guestCPUUtilization: m.guestBusySeconds / (window * Double(spec.guestCPUs * spec.guests)),
            hostCPUUtilization: m.hostBusySeconds / (window * Double(hostThreads)),
            deviceUtilization: m.deviceBusySeconds / (window * deviceServers),
            requests: m.completed,
            measuredPathCPUMicrosPerRequest: m.completed == 0 ? 0
                : ((m.guestBusySeconds + m.hostBusySeconds) / Double(m.completed) - meanCompute(m, perGuest: computePerGuest, uniform: built.computeSeconds)) * 1e6)
        row.perGuest = perGuest
        row.fairness = jainFairnessIndex(perGuest.map(\.throughput))
        if let backend {
            row.pools = backend.pools.enumerated().map { j, pool in
                IOPoolResult(index: j, kind: pool.kind.rawValue, threads: pool.threads, busyCores: m.stationBusySeconds[j] / window,
                             utilization: m.stationBusySeconds[j] / (window * Double(pool.threads)))
            }
        }
        return (row, m)
    }

    /// Application CPU per completed request: the guests' own compute weighted by their completions.
    static func meanCompute(_ m: PipelineMeasurement, perGuest: [Double], uniform: Double) -> Double {
        guard perGuest.count == m.completedPerGuest.count, m.completed > 0 else { return uniform }
        var sum = 0.0
        for g in perGuest.indices { sum += Double(m.completedPerGuest[g]) * perGuest[g] }
        return sum / Double(m.completed)
    }
}
