import VirtModel

/// A live-migration study (`"study": "migration"`): one migration model, one link, and a list of
/// guests to move, each planned independently (what figure M1 checks, as a scenario anyone can
/// edit and sweep). The section's keys map onto `MigrationRequest` and the models' parameters:
///
/// ```json
/// "migration": {"model": "pre-copy", "preset": "xen2005", "linkBandwidthMbps": 1000,
///               "guests": [{"name": "specweb99", "memoryMB": 800, "dirtyRateMBps": 100,
///                           "writableWorkingSetMB": 18.2, "source": "…"}]}
/// ```
///
/// Pre-copy keys (override the preset): `minimumRateMbps`, `maximumRateMbps`, `rateIncrementMbps`,
/// `stopThresholdMB`, `maxRounds`, `maxDataFactor`, `stopAndCopyRateMbps`, `suspendSeconds`,
/// `resumeSeconds`. Cold keys: `shutdownSeconds`, `bootSeconds`, `suspendResume`. Guest keys:
/// `name`, `memoryMB`, `dirtyRateMBps`, `writableWorkingSetMB`, `backgroundDirtyRateMBps`,
/// `imageMB`, `sharedStorage`, `resumeSeconds` (the guest's measured resume/start-up time on the
/// target, replacing the model's `resumeSeconds`), `source`.
public enum MigrationStudyReader {
    typealias K = ScenarioKeys

    public struct Guest: Sendable {
        public var name: String
        public var request: MigrationRequest
    }

    public struct Spec: Sendable {
        public var model: any MigrationModel
        public var linkBandwidthMbps: Double
        public var guests: [Guest]
    }

    static let presets = ["xen2005"]

    /// Every problem of the section, with JSON paths.
    public static func problems(_ study: MigrationStudy) -> [Diagnostic] {
        let log = DiagnosticLog()
        _ = read(study, log: log)
        return log.items
    }

    /// The spec, or nil when there were problems (logged).
    public static func read(_ study: MigrationStudy, log: DiagnosticLog) -> Spec? {
        guard var r = ObjectReader(study.raw, path: study.path, log: log) else { return nil }
        let before = log.items.count
        let modelName = r.string("model", required: true, oneOf: MigrationModels.allNames)
        let link = r.number(K.migLinkBandwidthMbps, required: true)
        var model: (any MigrationModel)?
        switch modelName {
        case PreCopyMigrationModel.registryName:
            var m = PreCopyMigrationModel()
            if let preset = r.string("preset", oneOf: presets), preset == "xen2005" { m = .xen2005 }
            if let v = r.number(K.migMinimumRateMbps) { m.minimumRateMbps = v }
            if let v = r.number(K.migMaximumRateMbps) { m.maximumRateMbps = v }
            if let v = r.number(K.migRateIncrementMbps) { m.rateIncrementMbps = v }
            if let v = r.number(K.migStopThresholdMB) { m.stopThresholdMB = v }
            if let v = r.integer(K.migMaxRounds) { m.maxRounds = v }
            if let v = r.number(K.migMaxDataFactor) { m.maxDataFactor = v }
            if let v = r.number(K.migStopAndCopyRateMbps) { m.stopAndCopyRateMbps = v }
            if let v = r.number(K.migSuspendSeconds) { m.suspendSeconds = v }
            if let v = r.number(K.migResumeSeconds) { m.resumeSeconds = v }
            model = m
        case ColdMigrationModel.registryName:
            var m = ColdMigrationModel()
            if let v = r.number(K.migShutdownSeconds) { m.shutdownSeconds = v }
            if let v = r.number(K.migBootSeconds) { m.bootSeconds = v }
            if let v = r.bool("suspendResume") { m.suspendResume = v }
            model = m
        case CloudSimMigrationModel.registryName:
            model = CloudSimMigrationModel()
        default:
            break
        }
        var guests: [Guest] = []
        var names: Set<String> = []
        if let items = r.array("guests", required: true, nonEmpty: true) {
            for (value, path) in items {
                guard var g = ObjectReader(value, path: path, log: log) else { continue }
                let name = g.string("name", required: true)
                let memory = g.number(K.migGuestMemoryMB, required: true)
                let dirty = g.number(K.migGuestDirtyRateMBps) ?? 0
                let wws = g.number(K.migGuestWritableMB)
                let background = g.number(K.migGuestBackgroundMBps) ?? 0
                let image = g.number(K.migGuestImageMB) ?? 0
                let shared = g.bool("sharedStorage") ?? true
                let resume = g.number(K.migGuestResumeSeconds)
                _ = g.string("source")
                g.finish()
                if let name {
                    if !names.insert(name).inserted { log.add(path + ".name", "duplicate guest name \"\(name)\"") }
                }
                if let memory, let wws, wws > memory {
                    log.add(path + ".writableWorkingSetMB", "found \(formatBound(wws)); expected at most memoryMB (\(formatBound(memory)))")
                }
                guard let name, let memory, let link else { continue }
                guests.append(Guest(name: name, request: MigrationRequest(
                    memoryMB: memory, linkBandwidthMbps: link, dirtyRateMBps: dirty, writableWorkingSetMB: wws,
                    backgroundDirtyRateMBps: background, imageMB: image, sharedStorage: shared,
                    resumeSeconds: resume)))
            }
        }
        r.finish()
        guard log.items.count == before, let model, let link else { return nil }
        return Spec(model: model, linkBandwidthMbps: link, guests: guests)
    }
}

