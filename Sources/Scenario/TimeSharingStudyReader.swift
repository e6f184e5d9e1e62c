import IOModel
import VirtModel

/// A CPU time-sharing study (`"study": "timesharing"`): guests' vCPUs sharing a host's cores under
/// a scheduler, with one interactive vCPU measuring its wait for a core:
///
/// ```json
/// "timesharing": {"hardware": "xeon-sandybridge-2012", "cores": 2, "guestsPerCore": 4,
///                 "sliceMicros": 1000, "schedulers": ["round-robin", "credit"],
///                 "interactive": true, "interactiveBurstMicros": 50, "interactiveThinkMicros": 1000,
///                 "switchMicros": 2.4, "refillMicros": 6.8,
///                 "durationSeconds": 1, "warmupSeconds": 0.05}
/// ```
///
/// `guestsPerCore` × `cores` CPU-bound vCPUs (one per guest), plus the interactive one when
/// `interactive` is true (default). `switchMicros` and `refillMicros` default to the hardware
/// profile's inputs (`TimeSharingConfig.switchInputs`); giving them is a sensitivity row.
public enum TimeSharingStudyReader {
    typealias K = ScenarioKeys

    public struct Spec: Sendable {
        /// One configuration per scheduler, in the file's order (the variants).
        public var configs: [TimeSharingConfig]
        public var hardware: String
        /// Where the per-switch inputs come from.
        public var inputSource: String
    }

    public static func problems(_ study: TimeSharingStudy) -> [Diagnostic] {
        let log = DiagnosticLog()
        _ = read(study, log: log)
        return log.items
    }

    /// The spec, or nil when there were problems (logged).
    public static func read(_ study: TimeSharingStudy, log: DiagnosticLog) -> Spec? {
        guard var r = ObjectReader(study.raw, path: study.path, log: log) else { return nil }
        let before = log.items.count
        let hardware = r.string("hardware", oneOf: HardwareProfile.catalogueNames) ?? "xeon-sandybridge-2012"
        let profile = HardwareProfile.named(hardware) ?? HardwareProfile.catalogue[0]
        let cores = r.integer(K.tsCores, required: true)
        let perCore = r.integer(K.tsGuestsPerCore, required: true)
        let slice = r.number(K.tsSliceMicros, required: true)
        let interactive = r.bool("interactive") ?? true
        let burst = r.number(K.tsBurstMicros) ?? 50
        let think = r.number(K.tsThinkMicros) ?? 1000
        let defaults = TimeSharingConfig.switchInputs(profile)
        let switchMicros = r.number(K.tsSwitchMicros)
        let refillMicros = r.number(K.tsRefillMicros)
        let duration = r.number(K.tsDurationSeconds) ?? 1
        let warmup = r.number(K.tsWarmupSeconds) ?? 0.05
        var schedulers: [TimeSharingConfig.Scheduler] = []
        let names = TimeSharingConfig.Scheduler.allCases.map(\.rawValue)
        for (value, path) in r.array("schedulers", nonEmpty: true) ?? [] {
            guard case .string(let s) = value, let scheduler = TimeSharingConfig.Scheduler(rawValue: s) else {
                log.add(path, "expected one of \(names.map { "\"\($0)\"" }.joined(separator: ", ")), found \(value.brief)")
                continue
            }
            if schedulers.contains(scheduler) { log.add(path, "duplicate scheduler \"\(s)\"; list each once") }
            schedulers.append(scheduler)
        }
        if !r.has("schedulers") { schedulers = TimeSharingConfig.Scheduler.allCases }
        r.finish()
        guard log.items.count == before, let cores, let perCore, let slice else { return nil }
        var source = defaults.source
        if switchMicros != nil || refillMicros != nil { source = "set by the scenario (sensitivity); profile: " + source }
        let configs = schedulers.map {
            TimeSharingConfig(cores: cores, cpuBoundGuests: cores * perCore, interactive: interactive,
                              interactiveBurstMicros: burst, interactiveThinkMicros: think, sliceMicros: slice,
                              switchMicros: switchMicros ?? defaults.switchMicros, refillMicros: refillMicros ?? defaults.refillMicros,
                              scheduler: $0, warmupSeconds: warmup, durationSeconds: duration, seed: 1)
        }
        return Spec(configs: configs, hardware: hardware, inputSource: source)
    }
}
