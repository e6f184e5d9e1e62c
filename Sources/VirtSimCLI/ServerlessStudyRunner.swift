import Continuity
import MetricCatalogue
import Reports
import Scenario
import Scheduling
import VirtModel

/// Runs a serverless study: one platform run per kind (spread over threads, assembled in order),
/// the keep-alive curve and the boot storms. O(kinds × (1 + curve points) × events).
enum ServerlessStudyRunner {
    static func run(_ scenario: Scenario, study: ServerlessStudy, context: RunContext) throws -> StudyOutput {
        let log = DiagnosticLog()
        guard let spec = ServerlessStudyReader.read(study, log: log) else {
            throw ScenarioError(file: scenario.name, diagnostics: log.items)
        }
        let f = { (x: Double) in NumberFormat.format(x) }
        let config = spec.config
        let seed = scenario.seed

        // Jobs: (kind, keep-alive) for the main run and every curve point, in a fixed order.
        var jobList: [(kind: Int, keepAlive: Double)] = spec.kinds.indices.map { ($0, config.keepAliveSeconds) }
        for k in spec.kinds.indices { for s in spec.keepAliveCurveSeconds { jobList.append((k, s)) } }
        let jobs = jobList
        let kinds = spec.kinds
        let results: [ServerlessResult] = try parallelMap(jobs.count, threads: context.threads) { i in
            let job = jobs[i]
            var c = config
            c.keepAliveSeconds = job.keepAlive
            return ServerlessSimulation(config: c, variant: kinds[job.kind], seed: seed).run()
        }

        var summary: [SummaryRow] = []
        var display = [["kind", "invocations", "cold starts", "cold %", "p50 ms", "p99 ms", "cold delay p99 ms", "idle GB·h"]]
        var perFunction = CSVTable(header: ["variant", "kind", "function", "functions", "invocations", "cold_starts",
                                            "cold_start_percent", "response_ms_p50", "response_ms_p99"])
        for (k, kind) in spec.kinds.enumerated() {
            let r = results[k]
            let metrics = r.metrics(horizonSeconds: config.horizonSeconds)
            for m in metrics { summary.append(SummaryRow(scenario: scenario.name, variant: kind.name, m)) }
            let value = { (metric: Metric) in metrics.first { $0.metric == metric }!.value }
            let g = { (x: Double) in NumberFormat.format(x, significant: 4) }
            display.append([kind.name, String(r.invocations), String(r.coldStarts), g(value(.coldStartPercent)),
                            g(value(.responseMsP50)), g(value(.responseMsP99)), g(value(.coldStartDelayMsP99)),
                            g(value(.idleMemoryGBHours))])
            // Per function spec: its `count` copies together.
            var first = 0
            for fs in config.functions {
                let members = r.functions[first..<(first + fs.count)]
                first += fs.count
                let inv = members.reduce(0) { $0 + $1.invocations }
                let cold = members.reduce(0) { $0 + $1.coldStarts }
                let times = members.flatMap(\.responseSeconds)
                let q = { (p: Double) in times.isEmpty ? 0 : Quantiles.type7(times, p) * 1000 }
                perFunction.append([kind.name, kind.profile.kind.rawValue, fs.name, String(fs.count), String(inv), String(cold),
                                    f(inv == 0 ? 0 : 100 * Double(cold) / Double(inv)), f(q(0.5)), f(q(0.99))])
            }
        }

        // Start-up phases per kind, uncontended, with their sources.
        var startup = CSVTable(header: ["variant", "kind", "phase", "value", "unit", "source"])
        let app = spec.storm?.function ?? config.functions[0]
        for kind in spec.kinds {
            let p = kind.profile
            let appRead = app.imageMB * config.applicationReadFraction
            let rows: [(String, Double, String, String)] = [
                ("base_image", p.baseImageMB.value, "MB", p.baseImageMB.source),
                ("application_image", app.imageMB, "MB", "function \(app.name)"),
                ("image_fetch", (p.baseImageMB.value + app.imageMB) / config.imageLinkMBps, "s", "images over the image link, alone"),
                ("boot_read", p.bootReadMB.value + appRead, "MB", p.bootReadMB.source),
                ("boot_read_time", (p.bootReadMB.value + appRead) / config.hostDiskMBps, "s", "boot reads on the host disk, alone"),
                ("start", p.startSeconds.value, "s", p.startSeconds.source),
                ("first_response", app.initSeconds, "s", "function \(app.name): initialization"),
                ("ready_total", p.uncontendedReadySeconds(applicationImageMB: app.imageMB, applicationReadMB: appRead,
                                                          linkMBps: config.imageLinkMBps, diskMBps: config.hostDiskMBps) + app.initSeconds,
                 "s", "sum of the phases, one start alone"),
                ("memory_overhead", p.memoryOverheadMB.value, "MB", p.memoryOverheadMB.source),
            ]
            for row in rows { startup.append([kind.name, p.kind.rawValue, row.0, f(row.1), row.2, row.3]) }
            summary.append(SummaryRow(scenario: scenario.name, variant: kind.name,
                                      MetricValue(.startupUncontendedSeconds, rows.first { $0.0 == "ready_total" }!.1)))
        }

        var tables: [(file: String, table: CSVTable)] = [("serverless.csv", perFunction), ("startup.csv", startup)]
        if !spec.keepAliveCurveSeconds.isEmpty {
            var curve = CSVTable(header: ["variant", "kind", "keep_alive_minutes", "invocations", "cold_starts", "cold_start_percent",
                                          "response_ms_p99", "idle_memory_gb_hours"])
            var j = spec.kinds.count
            for kind in spec.kinds {
                for s in spec.keepAliveCurveSeconds {
                    let r = results[j]
                    j += 1
                    let m = r.metrics(horizonSeconds: config.horizonSeconds)
                    let value = { (metric: Metric) in m.first { $0.metric == metric }!.value }
                    curve.append([kind.name, kind.profile.kind.rawValue, f(s / 60), String(r.invocations), String(r.coldStarts),
                                  f(value(.coldStartPercent)), f(value(.responseMsP99)), f(value(.idleMemoryGBHours))])
                }
            }
            tables.append(("keepalive.csv", curve))
        }
        if let storm = spec.storm {
            var stormTable = CSVTable(header: ["variant", "kind", "starts", "ready_seconds_mean", "ready_seconds_p99", "ready_seconds_max"])
            let points = spec.kinds.flatMap { kind in storm.sizes.map { (kind, $0) } }
            let ready: [[Double]] = try parallelMap(points.count, threads: context.threads) { i in
                let point = points[i]
                return BootStorm.readySeconds(config: config, variant: point.0, size: point.1, application: storm.function, seed: seed)
            }
            for (point, times) in zip(points, ready) {
                let mean = times.reduce(0, +) / Double(times.count)
                stormTable.append([point.0.name, point.0.profile.kind.rawValue, String(point.1), f(mean),
                                   f(Quantiles.type7(times, 0.99)), f(times.max() ?? 0)])
            }
            tables.append(("storm.csv", stormTable))
        }
        let text = "\(scenario.name): \(config.functions.reduce(0) { $0 + $1.count }) functions on \(config.hosts) hosts, "
            + "keep-alive \(f(config.keepAliveSeconds / 60)) min\n" + TextTable.render(display)
        return StudyOutput(summary: summary, tables: tables, display: text)
    }
}
