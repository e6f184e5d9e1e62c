import MetricCatalogue
import Reports
import Scenario
import VirtModel

/// Runs a migration study: one plan per guest. O(guests · rounds).
enum MigrationStudyRunner {
    static func run(_ scenario: Scenario, study: MigrationStudy, context: RunContext) throws -> StudyOutput {
        let log = DiagnosticLog()
        guard let spec = MigrationStudyReader.read(study, log: log) else {
            throw ScenarioError(file: scenario.name, diagnostics: log.items)
        }
        let f = { (x: Double) in NumberFormat.format(x) }
        var migrations = CSVTable(header: ["guest", "model", "memory_mb", "dirty_rate_mb_per_s", "writable_working_set_mb",
                                           "link_mbps", "total_seconds", "downtime_seconds", "final_copy_seconds",
                                           "resume_seconds", "data_mb", "data_over_memory",
                                           "rounds", "stop_reason"])
        var rounds = CSVTable(header: ["guest", "round", "phase", "rate_mbps", "sent_mb", "seconds", "dirtied_mb", "end_seconds"])
        var summary: [SummaryRow] = []
        var display = [["guest", "memory MB", "total s", "downtime s", "data MB", "rounds", "why pre-copy stopped"]]
        let progress = context.progress(scenario.name)
        for (done, guest) in spec.guests.enumerated() {
            progress?(Double(done) / Double(spec.guests.count))
            let r = guest.request
            let plan = spec.model.plan(r)
            let wws = r.writableWorkingSetMB.map(f) ?? ""
            migrations.append([guest.name, spec.model.name, f(r.memoryMB), f(r.dirtyRateMBps), wws, f(r.linkBandwidthMbps),
                               f(plan.totalSeconds), f(plan.downtimeSeconds), f(plan.finalCopySeconds),
                               f(plan.resumeSeconds), f(plan.megabytesSent),
                               f(plan.megabytesSent / r.memoryMB), String(plan.rounds), plan.note])
            var end = 0.0
            for (k, round) in plan.roundDetails.enumerated() {
                end += round.seconds
                rounds.append([guest.name, String(k + 1), round.stopAndCopy ? "stop-and-copy" : "live", f(round.rateMbps),
                               f(round.sentMB), f(round.seconds), f(round.dirtiedMB), f(end)])
            }
            for value in [MetricValue(.migrationTotalSeconds, plan.totalSeconds), MetricValue(.migrationDowntimeSeconds, plan.downtimeSeconds),
                          MetricValue(.migrationDataMB, plan.megabytesSent), MetricValue(.migrationRounds, Double(plan.rounds))] {
                summary.append(SummaryRow(scenario: scenario.name, variant: guest.name, value))
            }
            let g = { (x: Double) in NumberFormat.format(x, significant: 4) }
            display.append([guest.name, g(r.memoryMB), g(plan.totalSeconds), g(plan.downtimeSeconds), g(plan.megabytesSent),
                            String(plan.rounds), plan.note])
        }
        progress?(1)
        let text = "\(scenario.name): \(spec.model.name) migration over \(NumberFormat.format(spec.linkBandwidthMbps)) Mb/s\n"
            + TextTable.render(display)
        return StudyOutput(summary: summary, tables: [("migration.csv", migrations), ("migration_rounds.csv", rounds)], display: text)
    }
}
