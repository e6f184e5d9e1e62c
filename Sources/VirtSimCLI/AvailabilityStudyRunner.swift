import Continuity
import MetricCatalogue
import Reports
import Scenario
import VirtModel

/// Runs an availability study: one cluster run per variant (spread over threads, assembled in
/// scenario order), each under the same failures. O(variants × events × (hosts + guests)).
enum AvailabilityStudyRunner {
    static func run(_ scenario: Scenario, study: AvailabilityStudy, context: RunContext) throws -> StudyOutput {
        let log = DiagnosticLog()
        guard let spec = AvailabilityStudyReader.read(study, log: log) else {
            throw ScenarioError(file: scenario.name, diagnostics: log.items)
        }
        let config = spec.config
        let variants = spec.variants
        let seed = scenario.seed
        let results: [AvailabilityResult] = try parallelMap(variants.count, threads: context.threads) { i in
            AvailabilitySimulation(config: config, variant: variants[i], seed: seed).run()
        }
        let f = { (x: Double) in NumberFormat.format(x) }
        let g = { (x: Double) in NumberFormat.format(x, significant: 4) }
        let horizon = config.horizonSeconds
        let kinds = config.guests.map(\.kind)

        var summary: [SummaryRow] = []
        var display = [["variant", "hosts", "reserved", "refused", "availability", "nines", "lost", "restart p99 s", "maint. down s", "kWh"]]
        var perKind = CSVTable(header: ["variant", "kind", "guests", "availability", "availability_nines", "downtime_seconds_mean",
                                        "restarts", "restart_seconds_mean", "restart_seconds_p99"])
        var incidents = CSVTable(header: ["variant", "time_hours", "host", "rack", "power_domain", "guests", "restarted", "waited", "lost"])
        var guests = CSVTable(header: ["variant", "guest", "type", "kind", "vcpus", "memory_mb", "admitted", "downtime_seconds",
                                       "maintenance_downtime_seconds", "availability"])
        for (variant, r) in zip(variants, results) {
            let metrics = r.metrics(horizonSeconds: horizon)
            for m in metrics { summary.append(SummaryRow(scenario: scenario.name, variant: variant.name, m)) }
            let value = { (metric: Metric) in metrics.first { $0.metric == metric }!.value }
            display.append([variant.name, String(r.hosts), String(r.hosts - r.hostsMinimum), g(value(.guestsRefused)),
                            NumberFormat.format(value(.availability), significant: 7), g(value(.availabilityNines)),
                            g(value(.guestsLost)), g(value(.restartSecondsP99)), g(value(.maintenanceDowntimeSecondsMean)),
                            g(value(.energyKWh))])
            for k in r.perKind(horizonSeconds: horizon, kinds: kinds) {
                perKind.append([variant.name, k.kind.rawValue, String(k.guests), f(k.availability), f(k.nines), f(k.downtimeMean),
                                String(k.restarts), f(k.restartMean), f(k.restartP99)])
            }
            for i in r.incidents {
                let host = config.hosts[i.host]
                incidents.append([variant.name, f(i.time / 3600), String(i.host), host.rack, host.powerDomain, String(i.guests),
                                  String(i.restarted), String(i.waited), String(i.lost)])
            }
            let availability = r.availability(horizonSeconds: horizon)
            for (n, guest) in config.guests.enumerated() {
                guests.append([variant.name, String(n), spec.groups[guest.group].name, guest.kind.rawValue, String(guest.vcpus),
                               f(guest.memoryMB), r.admitted[n] ? "1" : "0", f(r.downtimeSeconds[n]),
                               f(r.maintenanceDowntimeSeconds[n]), availability[n].map(f) ?? ""])
            }
        }
        let text = "\(scenario.name): \(config.guests.count) guests on a pool of \(config.hosts.count) hosts over "
            + "\(g(horizon / 3600)) h, seed \(seed)\n" + TextTable.render(display)
        return StudyOutput(summary: summary,
                           tables: [("availability.csv", perKind), ("incidents.csv", incidents), ("availability_guests.csv", guests)],
                           display: text)
    }
}
