import Reports
import Scenario
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
/// `imageMB`, `sharedStorage`, `source`.
enum MigrationStudyReader {
    struct Guest {
        var name: String
        var request: MigrationRequest
    }

    struct Spec {
        var model: any MigrationModel
        var linkBandwidthMbps: Double
        var guests: [Guest]
    }

    static let presets = ["xen2005"]

    /// Every problem of the section, with JSON paths.
    static func problems(_ study: MigrationStudy) -> [Diagnostic] {
        let log = DiagnosticLog()
        _ = read(study, log: log)
        return log.items
    }

    /// The spec, or nil when there were problems (logged).
    static func read(_ study: MigrationStudy, log: DiagnosticLog) -> Spec? {
        guard var r = ObjectReader(study.raw, path: study.path, log: log) else { return nil }
        let before = log.items.count
        let modelName = r.string("model", required: true, oneOf: MigrationModels.allNames)
        let link = r.number("linkBandwidthMbps", required: true, positive: true, unit: "Mb/s")
        var model: (any MigrationModel)?
        switch modelName {
        case PreCopyMigrationModel.registryName:
            var m = PreCopyMigrationModel()
            if let preset = r.string("preset", oneOf: presets), preset == "xen2005" { m = .xen2005 }
            if let v = r.number("minimumRateMbps", positive: true, unit: "Mb/s") { m.minimumRateMbps = v }
            if let v = r.number("maximumRateMbps", positive: true, unit: "Mb/s") { m.maximumRateMbps = v }
            if let v = r.number("rateIncrementMbps", nonNegative: true, unit: "Mb/s") { m.rateIncrementMbps = v }
            if let v = r.number("stopThresholdMB", nonNegative: true, unit: "MB") { m.stopThresholdMB = v }
            if let v = r.integer("maxRounds", min: 1) { m.maxRounds = v }
            if let v = r.number("maxDataFactor", positive: true) { m.maxDataFactor = v }
            if let v = r.number("stopAndCopyRateMbps", positive: true, unit: "Mb/s") { m.stopAndCopyRateMbps = v }
            if let v = r.number("suspendSeconds", nonNegative: true, unit: "s") { m.suspendSeconds = v }
            if let v = r.number("resumeSeconds", nonNegative: true, unit: "s") { m.resumeSeconds = v }
            model = m
        case ColdMigrationModel.registryName:
            var m = ColdMigrationModel()
            if let v = r.number("shutdownSeconds", nonNegative: true, unit: "s") { m.shutdownSeconds = v }
            if let v = r.number("bootSeconds", nonNegative: true, unit: "s") { m.bootSeconds = v }
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
                let memory = g.number("memoryMB", required: true, positive: true, unit: "MB")
                let dirty = g.number("dirtyRateMBps", nonNegative: true, unit: "MB/s") ?? 0
                let wws = g.number("writableWorkingSetMB", nonNegative: true, unit: "MB")
                let background = g.number("backgroundDirtyRateMBps", nonNegative: true, unit: "MB/s") ?? 0
                let image = g.number("imageMB", nonNegative: true, unit: "MB") ?? 0
                let shared = g.bool("sharedStorage") ?? true
                _ = g.string("source")
                g.finish()
                if let name {
                    if !names.insert(name).inserted { log.add(path + ".name", "duplicate guest name \"\(name)\"") }
                }
                if let memory, let wws, wws > memory {
                    log.add(path + ".writableWorkingSetMB", "found \(NumberFormat.format(wws)); expected at most memoryMB (\(NumberFormat.format(memory)))")
                }
                guard let name, let memory, let link else { continue }
                guests.append(Guest(name: name, request: MigrationRequest(
                    memoryMB: memory, linkBandwidthMbps: link, dirtyRateMBps: dirty, writableWorkingSetMB: wws,
                    backgroundDirtyRateMBps: background, imageMB: image, sharedStorage: shared)))
            }
        }
        r.finish()
        guard log.items.count == before, let model, let link else { return nil }
        return Spec(model: model, linkBandwidthMbps: link, guests: guests)
    }
}

/// Runs a migration study: one plan per guest. O(guests · rounds).
enum MigrationStudyRunner {
    static func run(_ scenario: Scenario, study: MigrationStudy) throws -> StudyOutput {
        let log = DiagnosticLog()
        guard let spec = MigrationStudyReader.read(study, log: log) else {
            throw ScenarioError(file: scenario.name, diagnostics: log.items)
        }
        let f = { (x: Double) in NumberFormat.format(x) }
        var migrations = CSVTable(header: ["guest", "model", "memory_mb", "dirty_rate_mb_per_s", "writable_working_set_mb",
                                           "link_mbps", "total_seconds", "downtime_seconds", "data_mb", "data_over_memory",
                                           "rounds", "stop_reason"])
        var rounds = CSVTable(header: ["guest", "round", "phase", "rate_mbps", "sent_mb", "seconds", "dirtied_mb", "end_seconds"])
        var summary: [SummaryRow] = []
        var display = [["guest", "memory MB", "total s", "downtime s", "data MB", "rounds", "why pre-copy stopped"]]
        for guest in spec.guests {
            let r = guest.request
            let plan = spec.model.plan(r)
            let wws = r.writableWorkingSetMB.map(f) ?? ""
            migrations.append([guest.name, spec.model.name, f(r.memoryMB), f(r.dirtyRateMBps), wws, f(r.linkBandwidthMbps),
                               f(plan.totalSeconds), f(plan.downtimeSeconds), f(plan.megabytesSent),
                               f(plan.megabytesSent / r.memoryMB), String(plan.rounds), plan.note])
            var end = 0.0
            for (k, round) in plan.roundDetails.enumerated() {
                end += round.seconds
                rounds.append([guest.name, String(k + 1), round.stopAndCopy ? "stop-and-copy" : "live", f(round.rateMbps),
                               f(round.sentMB), f(round.seconds), f(round.dirtiedMB), f(end)])
            }
            for (metric, value, unit) in [("migration_total_seconds", plan.totalSeconds, "s"),
                                          ("migration_downtime_seconds", plan.downtimeSeconds, "s"),
                                          ("migration_data_mb", plan.megabytesSent, "MB"),
                                          ("migration_rounds", Double(plan.rounds), "count")] {
                summary.append(SummaryRow(scenario: scenario.name, variant: guest.name, metric: metric, value: value, unit: unit))
            }
            let g = { (x: Double) in NumberFormat.format(x, significant: 4) }
            display.append([guest.name, g(r.memoryMB), g(plan.totalSeconds), g(plan.downtimeSeconds), g(plan.megabytesSent),
                            String(plan.rounds), plan.note])
        }
        let text = "\(scenario.name): \(spec.model.name) migration over \(NumberFormat.format(spec.linkBandwidthMbps)) Mb/s\n"
            + TextTable.render(display)
        return StudyOutput(summary: summary, tables: [("migration.csv", migrations), ("migration_rounds.csv", rounds)], display: text)
    }
}
