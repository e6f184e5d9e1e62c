import IOModel
import VirtModel

/// Reads a scenario's `"io"` section into an `IOExperimentSpec`: keys map one to one onto the
/// spec's properties (documented there and in README), plus an optional `"sweep"` with a block
/// size axis and a queue depth or arrival rate axis. Numeric ranges come from `ScenarioKeys`.
public enum IOStudyReader {
    /// The optional block size × load sweep of an I/O study.
    public struct Sweep: Sendable {
        public var blockSizes: [Double] = []
        public var queueDepths: [Int] = []
        public var arrivalRates: [Double] = []
        public var isEmpty: Bool { blockSizes.isEmpty }
        /// Cells of the sweep (each runs every kind).
        public var cellCount: Int { blockSizes.count * max(queueDepths.count, arrivalRates.count) }
    }

    static let stringKeys = ["hardware", "fullPath", "paraPath", "containerPath", "workload", "application", "direction",
                             "fullDiskDevice", "fullNetworkDevice"]
    /// The names each string key accepts: the model's own lists (`IOExperimentSpec.validate`
    /// checks the same), read here so a wrong name is reported with the list and `virtsim schema`
    /// publishes it.
    static let stringVocabularies: [String: [String]] = [
        "hardware": HardwareProfile.catalogueNames,
        "fullPath": IOExperimentSpec.vmPaths.map(\.rawValue), "paraPath": IOExperimentSpec.vmPaths.map(\.rawValue),
        "containerPath": IOExperimentSpec.containerPaths.map(\.rawValue), "workload": IOExperimentSpec.workloads,
        "application": OperationProfile.catalogueNames, "direction": IOExperimentSpec.directions,
        "fullDiskDevice": EmulatedStorageController.names, "fullNetworkDevice": EmulatedNetworkController.names,
    ]
    static let numberKeys: [KeyRange] = [
        ScenarioKeys.ioBlockSizeBytes, ScenarioKeys.ioReadFraction, ScenarioKeys.ioArrivalRate, ScenarioKeys.ioComputeMicros,
        ScenarioKeys.ioMtuBytes, ScenarioKeys.ioSocketBufferBytes, ScenarioKeys.ioRequestBytes, ScenarioKeys.ioResponseBytes,
        ScenarioKeys.ioRequestsPerNotification, ScenarioKeys.ioWarmupSeconds, ScenarioKeys.ioDurationSeconds,
    ]
    static let integerKeys: [KeyRange] = [ScenarioKeys.ioQueueDepth, ScenarioKeys.ioGuestCPUs, ScenarioKeys.ioHostCores,
                                          ScenarioKeys.ioGuests]

    /// Every problem of the section, with JSON paths.
    public static func problems(_ study: IOStudy) -> [Diagnostic] {
        let log = DiagnosticLog()
        _ = read(study, seed: 1, log: log)
        return log.items
    }

    /// The spec and sweep, or nil when there were problems (logged). Every key is read and
    /// checked whatever else is wrong, so one mistake never hides another.
    /// The third element is the hardware document given inline as `"hardware": {…}`, if any
    /// (`spec.hardware` then holds its name).
    public static func read(_ study: IOStudy, seed: UInt64, log: DiagnosticLog) -> (IOExperimentSpec, Sweep, HardwareProfile?)? {
        guard var r = ObjectReader(study.raw, path: study.path, log: log) else { return nil }
        var spec = IOExperimentSpec()
        spec.seed = seed
        let before = log.items.count
        var inlineHardware: HardwareProfile?
        var hardwareIsObject = false
        if let v = r.raw("hardware"), case .object = v {
            hardwareIsObject = true
            inlineHardware = HardwareDocument.read(v, path: r.childPath("hardware"), log: log)
        }
        for key in stringKeys where !(key == "hardware" && hardwareIsObject) {
            guard let v = r.string(key, oneOf: stringVocabularies[key]) else { continue }
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
            switch key.key {
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
            switch key.key {
            case "queueDepth": spec.queueDepth = v
            case "guestCPUs": spec.guestCPUs = v
            case "guests": spec.guests = v
            default: spec.hostCores = v
            }
        }
        if let items = r.array("guestLoads", nonEmpty: true) {
            // Unequal guests: each entry is one guest, with its own load where it gives one.
            var loads: [IOGuestLoad] = []
            for (value, path) in items {
                guard var g = ObjectReader(value, path: path, log: log) else { continue }
                loads.append(IOGuestLoad(queueDepth: g.integer(ScenarioKeys.ioGuestLoadQueueDepth),
                                         computeMicrosPerRequest: g.number(ScenarioKeys.ioGuestLoadComputeMicros)))
                g.finish()
            }
            if r.has("guests") && spec.guests != items.count {
                log.add(r.childPath("guests"), "is \(spec.guests) but guestLoads lists \(items.count) guests; give one of them, or the same count")
            }
            spec.guestLoads = loads
            spec.guests = items.count
        }
        if let items = r.array("backends", nonEmpty: true) {
            spec.backends = items.map { readBackend($0.value, path: $0.path, log: log) }
        }
        if let s = r.bool("sequential") { spec.sequential = s }
        if let o = r.bool("offloads") { spec.offloads = o }
        if let posted = r.bool("postedInterrupts") { spec.postedInterrupts = posted }
        if var inputs = r.object("inputs") {
            // Hardware inputs set for a sensitivity row: known names only, each in µs.
            for name in HardwareProfile.adjustableInputs where inputs.has(name) {
                if let v = inputs.number(ScenarioKeys.ioInput.named(name)) { spec.inputs[name] = v }
            }
            inputs.finish()
        }
        if var operations = r.object("operations") {
            // Application rates set for a sensitivity row: known names only.
            for name in OperationProfile.adjustableRates where operations.has(name) {
                if let v = operations.number(ScenarioKeys.ioOperation.named(name)) { spec.operations[name] = v }
            }
            operations.finish()
        }
        if let items = r.array("kinds", nonEmpty: true) {
            var kinds: [String] = []
            for (value, path) in items {
                guard case .string(let k) = value else {
                    log.add(path, "expected a guest kind name, found \(value.brief)")
                    continue
                }
                if kinds.contains(k) { log.add(path, "duplicate guest kind \"\(k)\"; list each kind once") }
                kinds.append(k)
            }
            spec.kinds = kinds
        }
        var sweep = Sweep()
        if var s = r.object("sweep") {
            sweep.blockSizes = numbers(&s, ScenarioKeys.ioSweepBlockSize, required: true)
            sweep.queueDepths = numbers(&s, ScenarioKeys.ioSweepQueueDepth, required: false).map { Int($0) }
            sweep.arrivalRates = numbers(&s, ScenarioKeys.ioSweepArrivalRate, required: false)
            let hasDepth = s.has("queueDepth"), hasRate = s.has("arrivalRate")
            if hasDepth == hasRate {
                log.add(s.path, "expected exactly one of \"queueDepth\" or \"arrivalRate\" as the second axis")
            }
            s.finish()
        }
        r.finish()
        // The model's own checks, mapped onto JSON paths (skipping keys already reported).
        let reported = Set(log.items[before...].map(\.path))
        for p in spec.validate() where !(hardwareIsObject && p.property == "hardware") {
            let path = "\(study.path).\(p.property)"
            if !reported.contains(path) { log.add(path, p.message) }
        }
        if let h = inlineHardware { spec.hardware = h.name }
        return log.items.count == before ? (spec, sweep, inlineHardware) : nil
    }

    /// One back-end variant: `name`, `path` and its thread `pools` (`IOBackend`); the model's
    /// checks (known path, aio-pool last, unique names …) come from `IOExperimentSpec.validate`.
    /// Whatever is wrong, one back-end and one pool per element, so the model's messages land on
    /// the elements' own paths (a part the reader rejected stands in with a default).
    private static func readBackend(_ value: JSONValue, path: String, log: DiagnosticLog) -> IOBackend {
        guard var b = ObjectReader(value, path: path, log: log) else { return IOBackend(name: "", path: "", pools: []) }
        let name = b.string("name", required: true)
        let ioPath = b.string("path", required: true, oneOf: IOBackend.paths.map(\.rawValue))
        var pools: [BackendThreadPool] = []
        for (v, p) in b.array("pools", required: true, nonEmpty: true) ?? [] {
            guard var r = ObjectReader(v, path: p, log: log) else {
                pools.append(BackendThreadPool(kind: .iothread))
                continue
            }
            let kind = r.string("kind", required: true, oneOf: BackendThreadPool.Kind.names).flatMap(BackendThreadPool.Kind.init(rawValue:))
            var pool = BackendThreadPool(kind: kind ?? .iothread)
            if let t = r.integer(ScenarioKeys.ioBackendPoolThreads) { pool.threads = t }
            if let q = r.bool("perQueue") { pool.perQueue = q }
            if let c = r.number(ScenarioKeys.ioBackendPoolCPUMicros) { pool.cpuMicrosPerRequest = c }
            if let w = r.number(ScenarioKeys.ioBackendPoolWakeupMicros) { pool.wakeupMicros = w }
            if let q = r.number(ScenarioKeys.ioBackendPoolPollMicros) { pool.pollMicros = q }
            r.finish()
            pools.append(pool)
        }
        b.finish()
        return IOBackend(name: name ?? "", path: ioPath ?? IOPath.paraUserBackend.rawValue, pools: pools)
    }

    /// An axis of the sweep: distinct numbers in the key's range.
    private static func numbers(_ r: inout ObjectReader, _ range: KeyRange, required: Bool) -> [Double] {
        let key = range.key
        guard let items = r.array(key, required: required, nonEmpty: required) else { return [] }
        if items.count > ScenarioKeys.maximumArrayLength {
            r.log.add(r.childPath(key), "\(items.count) values; expected at most \(ScenarioKeys.maximumArrayLength)")
            return []
        }
        var out: [Double] = []
        for (value, path) in items {
            guard let x = range.check(value, path: path, log: r.log) else { continue }
            if out.contains(x) { r.log.add(path, "duplicate value \(value.brief); list each value once"); continue }
            out.append(x)
        }
        return out
    }
}
