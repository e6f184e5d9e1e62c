import Consolidation
import IOModel
import VirtModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What running a scenario will cost, estimated from its sizes before anything runs: the work
/// (simulation steps) and the peak memory, each with the JSON path of the key that drives it.
///
/// Estimates are upper-bound style (they count what the engines allocate and iterate per unit of
/// input, not what a clever run might skip), so a scenario under the limits cannot exhaust the
/// machine; `ResourceLimits` states the limits. O(points × variants) to compute.
public struct ResourceEstimate: Sendable, Equatable {
    /// Elementary simulation steps: guest-steps (one guest at one sample or consolidation
    /// instant, one host at one report) for consolidation and PlanetLab studies, requests for I/O
    /// studies, pre-copy rounds for migration studies; summed over variants, kinds, sweep points
    /// and seeds.
    public var work: Double
    /// The key whose value drives the work (where to look to make the run smaller).
    public var workPath: String
    /// How the work was counted, for messages ("400 servers × 4 variants × 1,152 steps").
    public var workDetail: String
    /// Peak bytes held at once by the largest single run (sweep points run one per thread; see
    /// `ResourceLimits.memoryBytes`).
    public var memoryBytes: Double
    public var memoryPath: String
    public var memoryDetail: String

    public init(work: Double, workPath: String, workDetail: String, memoryBytes: Double, memoryPath: String, memoryDetail: String) {
        self.work = work
        self.workPath = workPath
        self.workDetail = workDetail
        self.memoryBytes = memoryBytes
        self.memoryPath = memoryPath
        self.memoryDetail = memoryDetail
    }

    /// One line for `validate`: "work 1.8e6 steps, memory 12 MB".
    public var summary: String {
        "estimated work \(Self.format(work)) steps, peak memory \(Self.formatBytes(memoryBytes))"
    }

    /// The problems of this estimate under `limits`: a work diagnostic unless `force`, and a
    /// memory diagnostic always (memory is never forced: the run would abort).
    public func problems(_ limits: ResourceLimits, force: Bool) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if !force && !(work <= limits.work) {
            out.append(Diagnostic(path: workPath, message: "estimated work \(Self.format(work)) steps (\(workDetail)) exceeds the limit of \(Self.format(limits.work)); make the scenario smaller or pass --force to run it anyway"))
        }
        if !(memoryBytes <= limits.memoryBytes) {
            out.append(Diagnostic(path: memoryPath, message: "estimated peak memory \(Self.formatBytes(memoryBytes)) (\(memoryDetail)) exceeds the limit of \(Self.formatBytes(limits.memoryBytes)); make the scenario smaller (--force does not lift this limit)"))
        }
        return out
    }

    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "more than 1e308" }
        if x < 1e6 { return String(Int(x.rounded())) }
        var m = x, e = 0
        while m >= 10 { m /= 10; e += 1 }
        return "\((m * 10).rounded() / 10)e\(e)"
    }

    static func formatBytes(_ x: Double) -> String {
        guard x.isFinite else { return "more than 1e308 bytes" }
        let units = ["B", "KB", "MB", "GB", "TB", "PB"]
        var v = x, k = 0
        while v >= 1000 && k < units.count - 1 { v /= 1000; k += 1 }
        return k == 0 ? "\(Int(v)) B" : "\((v * 10).rounded() / 10) \(units[k])"
    }
}

/// The documented limits a scenario's estimate must meet (README, "Limits"). `--force` lifts the
/// work limit, never the memory limit.
public struct ResourceLimits: Sendable {
    /// Most simulation steps of one `run` (all variants, sweep points and seeds): about half an
    /// hour of a release build on one core at the engine's measured 1 to 2 µs per guest-step.
    public var work: Double
    /// Most bytes the largest single run may hold at once.
    public var memoryBytes: Double

    public init(work: Double, memoryBytes: Double) {
        self.work = work
        self.memoryBytes = memoryBytes
    }

    public static let standard = ResourceLimits(work: 1e9, memoryBytes: 4e9)
}

/// Per-unit costs the estimates use. Measured on the shipped scenarios (debug and release
/// builds allocate the same): see README "Limits".
enum UnitCost {
    /// One workload sample (Float) of the fleet.
    static let sampleBytes = 4.0
    /// Engine state per guest and per host (tables, indices, history windows).
    static let engineBytesPerGuest = 1_000.0
    /// One host-interval row: the engine's record plus its CSV cells.
    static let hostIntervalRowBytes = 400.0
    /// One row of a per-guest or per-round table, record plus CSV cells.
    static let tableRowBytes = 400.0
    /// One request in flight or queued in the I/O pipeline.
    static let requestBytes = 200.0
    /// Largest PlanetLab day of the CloudSim data set, in VMs (20110303 has 1,052).
    static let planetLabMaxGuests = 1_600.0
    /// Summary rows per run, for sweep tables.
    static let summaryRowBytes = 300.0
}

extension ResourceEstimate {
    /// The estimate of one run of `scenario` (no sweep).
    public static func of(_ scenario: Scenario) -> ResourceEstimate {
        switch scenario.study {
        case .consolidation(let c): return c.traceGuests != nil ? traceGuests(c) : consolidation(c)
        case .io(let io): return self.io(io)
        case .migration(let m): return migration(m)
        case .serverless(let s): return serverless(s)
        case .timeSharing(let t): return timeSharing(t)
        case .availability(let a): return availability(a)
        }
    }

    /// Dispatches (cores × simulated time / slice) and interactive wake-ups, per scheduler;
    /// memory: one record per wake-up.
    public static func timeSharing(_ study: TimeSharingStudy) -> ResourceEstimate {
        let log = DiagnosticLog()
        guard let spec = TimeSharingStudyReader.read(study, log: log), let c = spec.configs.first else {
            return ResourceEstimate(work: 0, workPath: study.path, workDetail: "", memoryBytes: 0, memoryPath: study.path, memoryDetail: "")
        }
        let seconds = c.warmupSeconds + c.durationSeconds
        let dispatches = Double(c.cores) * seconds / (c.sliceMicros * 1e-6)
        let wakes = c.interactive ? seconds / (c.interactiveThinkMicros * 1e-6) : 0
        let schedulers = Double(spec.configs.count)
        return ResourceEstimate(
            work: (dispatches + 2 * wakes) * Double(c.cores) * schedulers, workPath: "\(study.path).sliceMicros",
            workDetail: "\(format(dispatches)) dispatches and \(format(wakes)) wake-ups × \(c.cores) cores × \(Int(schedulers)) schedulers",
            memoryBytes: wakes * 16 * schedulers + Double(c.cpuBoundGuests) * 64,
            memoryPath: "\(study.path).interactiveThinkMicros", memoryDetail: "one record per wake-up")
    }

    /// The estimate of a scenario and its sweep: work summed over every point × seed, memory of
    /// the largest point plus the sweep table.
    public static func of(base: Scenario, points: [SweepPoint]) -> ResourceEstimate {
        var total = of(base)
        guard !points.isEmpty else { return total }
        var largest = total
        var summaryRows = 0.0
        for p in points {
            let e = of(p.scenario)
            total.work += e.work
            if e.work > largest.work { largest.work = e.work; largest.workPath = e.workPath }
            if e.memoryBytes > largest.memoryBytes {
                largest.memoryBytes = e.memoryBytes
                largest.memoryPath = e.memoryPath
                largest.memoryDetail = e.memoryDetail
            }
            summaryRows += 30
        }
        total.workPath = largest.workPath
        total.workDetail = "\(points.count) sweep runs and the base run, largest: \(largest.workDetail)"
        total.memoryBytes = largest.memoryBytes + summaryRows * UnitCost.summaryRowBytes
        total.memoryPath = largest.memoryPath
        total.memoryDetail = largest.memoryDetail + ", plus the sweep table"
        return total
    }

    static func consolidation(_ c: ConsolidationStudy) -> ResourceEstimate {
        let horizon = c.horizonHours * 60
        let samples = (horizon / c.sampleMinutes).rounded(.up)
        let rounds = (horizon / c.consolidationMinutes).rounded(.up)
        let reports = (horizon / c.reportMinutes).rounded(.up)
        let servers = Double(c.fleet.servers)
        let variants = Double(c.variants.count)
        // Each guest is visited at every sample and every consolidation round; each host
        // (as many as servers) is written at every report.
        let steps = samples + rounds + reports
        let work = variants * servers * steps
        let stepPath: String
        if samples >= rounds && samples >= reports { stepPath = "$.consolidation.sampleMinutes" }
        else if rounds >= reports { stepPath = "$.consolidation.consolidationMinutes" }
        else { stepPath = "$.consolidation.reportMinutes" }
        let workPath = servers >= steps ? "$.consolidation.fleet.servers" : stepPath
        // Memory: the shared fleet samples, every variant's host-interval rows and guest rows
        // (kept until the tables are written), the engine state of the variants running at once.
        let sampleBytes = servers * samples * UnitCost.sampleBytes
        let rowBytes = variants * servers * (reports * UnitCost.hostIntervalRowBytes + UnitCost.tableRowBytes)
        let engineBytes = variants * servers * 2 * UnitCost.engineBytesPerGuest
        let memory = sampleBytes + rowBytes + engineBytes
        let memoryPath: String
        if sampleBytes >= rowBytes && sampleBytes >= engineBytes { memoryPath = servers >= samples ? "$.consolidation.fleet.servers" : "$.consolidation.sampleMinutes" }
        else if rowBytes >= engineBytes { memoryPath = servers >= reports ? "$.consolidation.fleet.servers" : "$.consolidation.reportMinutes" }
        else { memoryPath = servers >= variants ? "$.consolidation.fleet.servers" : "$.consolidation.variants" }
        return ResourceEstimate(
            work: work, workPath: workPath,
            workDetail: "\(format(servers)) servers × \(format(variants)) variants × \(format(steps)) steps",
            memoryBytes: memory, memoryPath: memoryPath,
            memoryDetail: "\(format(servers * samples)) samples, \(format(variants * servers * reports)) host-interval rows")
    }

    /// One PlanetLab trace day: at most `planetLabMaxGuests` guests and the pools' hosts (an
    /// elastic pool counted as one host per guest) over the horizon's consolidation steps, plus
    /// reading the whole day (every guest's 288 samples, whatever the horizon).
    static func traceGuests(_ c: ConsolidationStudy) -> ResourceEstimate {
        let steps = max(1, (c.horizonHours * 60 / c.consolidationMinutes).rounded(.up))
        let guests = UnitCost.planetLabMaxGuests
        let hosts = c.hostPools.reduce(0.0) { $0 + Double($1.count.map(Double.init) ?? guests) }
        let reports = max(1, (c.horizonHours * 60 / c.reportMinutes).rounded(.up))
        let samples = guests * Double(PlanetLabTrace.samplesPerFile)
        let path = "$.consolidation.traceGuests.trace.day"
        return ResourceEstimate(
            work: (guests + hosts) * (steps + 1) * 2 + samples, workPath: path,
            workDetail: "at most \(Int(guests)) VMs and \(Int(hosts)) hosts × \(Int(steps)) steps, and the day's \(Int(samples)) samples read",
            memoryBytes: samples * 8 + (guests + hosts) * UnitCost.engineBytesPerGuest + hosts * reports * UnitCost.hostIntervalRowBytes,
            memoryPath: path, memoryDetail: "one day of traces")
    }

    /// Invocations expected over the horizon × kinds, plus the boot storms; memory: one record
    /// per invocation kept for the latency table.
    static func serverless(_ study: ServerlessStudy) -> ResourceEstimate {
        let log = DiagnosticLog()
        guard let spec = ServerlessStudyReader.read(study, log: log) else {
            return ResourceEstimate(work: 0, workPath: study.path, workDetail: "", memoryBytes: 0, memoryPath: study.path, memoryDetail: "")
        }
        let perSecond = spec.config.functions.reduce(0.0) { $0 + $1.arrival.meanRatePerSecond * Double($1.count) }
        let invocations = perSecond * spec.config.horizonSeconds
        let kinds = Double(spec.kinds.count)
        let storms = Double(spec.storm?.sizes.reduce(0, +) ?? 0) * kinds
        let work = invocations * kinds * Double(1 + spec.keepAliveCurveSeconds.count) + storms
        return ResourceEstimate(
            work: work, workPath: "\(study.path).functions",
            workDetail: "\(format(invocations)) invocations × \(Int(kinds)) kinds × \(1 + spec.keepAliveCurveSeconds.count) keep-alive settings",
            memoryBytes: invocations * UnitCost.tableRowBytes / 4 + Double(spec.config.functions.count) * kinds * UnitCost.tableRowBytes,
            memoryPath: "\(study.path).functions", memoryDetail: "one record per invocation")
    }

    /// Expected events (failures, repairs, maintenance steps, first placement) × (hosts + guests)
    /// scanned per event, × variants (each also sized by bisection: × log2 hosts placements);
    /// memory: a few records per guest and host.
    static func availability(_ study: AvailabilityStudy) -> ResourceEstimate {
        let log = DiagnosticLog()
        guard let spec = AvailabilityStudyReader.read(study, log: log) else {
            return ResourceEstimate(work: 0, workPath: study.path, workDetail: "", memoryBytes: 0, memoryPath: study.path, memoryDetail: "")
        }
        let c = spec.config
        let hosts = Double(c.hosts.count), guests = Double(c.guests.count)
        let sizing = guests * hosts * 2 * (log2(max(2, hosts)) + 2)
        let work = Double(spec.variants.count) * (spec.expectedEvents * (hosts + guests) + sizing)
        return ResourceEstimate(
            work: work, workPath: "\(study.path).hosts",
            workDetail: "\(format(spec.expectedEvents)) events × \(format(hosts + guests)) hosts and guests × \(spec.variants.count) variants",
            memoryBytes: (hosts + guests) * UnitCost.tableRowBytes * 2 + spec.expectedEvents * 64,
            memoryPath: "\(study.path).guests", memoryDetail: "records per guest and host")
    }

    static func migration(_ m: MigrationStudy) -> ResourceEstimate {
        let log = DiagnosticLog()
        guard let spec = MigrationStudyReader.read(m, log: log) else {
            return ResourceEstimate(work: 0, workPath: m.path, workDetail: "", memoryBytes: 0, memoryPath: m.path, memoryDetail: "")
        }
        let rounds = Double((spec.model as? PreCopyMigrationModel)?.maxRounds ?? 1) + 1
        let guests = Double(spec.guests.count)
        let roundPath = spec.model is PreCopyMigrationModel ? "\(m.path).maxRounds" : "\(m.path).guests"
        let path = guests >= rounds ? "\(m.path).guests" : roundPath
        return ResourceEstimate(
            work: guests * rounds, workPath: path, workDetail: "\(format(guests)) guests × at most \(format(rounds)) rounds",
            memoryBytes: guests * rounds * UnitCost.tableRowBytes * 2, memoryPath: path,
            memoryDetail: "\(format(guests * rounds)) round rows")
    }

    static func io(_ study: IOStudy) -> ResourceEstimate {
        let log = DiagnosticLog()
        guard let (spec, sweep, inline) = IOStudyReader.read(study, seed: 1, log: log) else {
            return ResourceEstimate(work: 0, workPath: study.path, workDetail: "", memoryBytes: 0, memoryPath: study.path, memoryDetail: "")
        }
        var cells = [spec]
        if !sweep.isEmpty {
            for bs in sweep.blockSizes {
                if sweep.arrivalRates.isEmpty {
                    for qd in sweep.queueDepths { var c = spec; c.blockSizeBytes = bs; c.queueDepth = qd; c.arrivalRate = 0; cells.append(c) }
                } else {
                    for rate in sweep.arrivalRates { var c = spec; c.blockSizeBytes = bs; c.arrivalRate = rate; cells.append(c) }
                }
            }
        }
        var requests = 0.0
        var memory = 0.0
        var baseRequests = 0.0
        // Each back-end is one more variant; its held threads wait in no queue beyond the requests.
        let kinds = Double(Set(spec.kinds + ["native"]).count + spec.backends.count)
        for cell in cells {
            let (rate, inFlight) = requestBound(cell, profile: inline ?? HardwareProfile.named(cell.hardware))
            let seconds = cell.warmupSeconds + cell.durationSeconds
            requests += kinds * rate * seconds
            if baseRequests == 0 { baseRequests = requests }
            // Open loop: arrivals beyond capacity queue up; closed loop: the threads in flight.
            let held = cell.arrivalRate > 0 ? rate * seconds : inFlight
            memory = max(memory, held * UnitCost.requestBytes)
        }
        let drivers = spec.arrivalRate > 0 ? "\(study.path).arrivalRate" : "\(study.path).durationSeconds"
        // The base run or the sweep's cells, whichever does most of the work.
        let path = baseRequests * 2 >= requests ? drivers : "\(study.path).sweep"
        return ResourceEstimate(
            work: requests, workPath: path,
            workDetail: "at most \(format(requests)) requests over \(cells.count) run\(cells.count == 1 ? "" : "s") × \(Int(kinds)) kinds",
            memoryBytes: memory, memoryPath: spec.arrivalRate > 0 ? "\(study.path).arrivalRate" : "\(study.path).queueDepth",
            memoryDetail: "requests held at once")
    }

    /// An upper bound of the requests per second one guest kind completes in `spec`, and the
    /// requests it keeps in flight: the open-loop rate, or the closed loop's threads over the
    /// least time a request can take (its compute, the device's positioning and transfer, the
    /// network's round trip; never less than 1 µs), capped by the device's throughput.
    static func requestBound(_ spec: IOExperimentSpec, profile: HardwareProfile?) -> (rate: Double, inFlight: Double) {
        guard let profile else { return (0, 0) }
        let floor = 1e-6
        let compute = spec.computeMicrosPerRequest * 1e-6
        if spec.arrivalRate > 0 { return (spec.arrivalRate, 1) }
        let threads: Double
        let perRequest: Double
        var deviceRate = Double.infinity
        switch spec.workload {
        case "fio":
            threads = Double(spec.queueDepth)
            let storage = profile.storage
            let positioning = storage.sequentialPositioningMicros.value * 1e-6 * (1 - storage.positioningSpread.value)
            let transfer = spec.blockSizeBytes / (storage.bandwidthMBps.value * 1e6)
            perRequest = max(floor, compute, positioning + transfer)
            deviceRate = storage.bandwidthMBps.value * 1e6 / spec.blockSizeBytes
        case "netperf-stream":
            let payload = max(1, spec.mtuBytes - 52)
            threads = max(1, (spec.socketBufferBytes / payload).rounded(.down))
            perRequest = floor
            deviceRate = profile.nic.bandwidthGbps.value * 1e9 / 8 / payload
        case "netperf-rr":
            threads = Double(spec.queueDepth)
            perRequest = max(floor, compute, 2 * profile.nic.oneWayLatencyMicros.value * 1e-6)
        default:
            threads = Double(spec.queueDepth)
            perRequest = max(floor, compute)
        }
        return (min(threads / perRequest, deviceRate), threads)
    }
}
