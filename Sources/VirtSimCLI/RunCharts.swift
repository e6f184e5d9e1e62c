import Foundation
import MetricCatalogue
import Reports

/// The charts and the HTML page of one run, drawn from the run's own tables, ready to be
/// written next to its CSV files: `report.html` first, then one `.svg` per chart (the same
/// charts the page inlines). Deterministic: the same output gives the same bytes.
///
/// Which charts: chosen by the tables present. `io.csv` → I/O charts (throughput, loss,
/// latency, CPU per request by component, and the sweep grid when `io_sweep.csv` exists);
/// `hosts.csv` → hosts over time (active-host utilization, active hosts, energy per hour),
/// plus per-variant bars of the summary when there are several variants (consolidation
/// studies). Anything else gets the summary table alone.
func renderCharts(for output: StudyOutput, scenarioName: String) -> [(file: String, text: String)] {
    RunCharts.render(summary: output.summary, tables: output.tables, scenarioName: scenarioName)
}

/// Builds the charts of a run from its tables (see `renderCharts(for:scenarioName:)`).
enum RunCharts {
    /// A chart with its file name and the words around it on the page.
    struct Chart {
        var file: String
        var heading: String
        var text: String
        var svg: String
    }

    static func render(summary: [SummaryRow], tables: [(file: String, table: CSVTable)], scenarioName: String,
                       provenance: [(label: String, value: String)] = []) -> [(file: String, text: String)] {
        func table(_ name: String) -> CSVTable? { tables.first { $0.file == name }?.table }
        var charts: [Chart] = []
        var study = "unknown"
        if let io = table("io.csv") {
            study = "I/O"
            charts += ioCharts(io: io, cpu: table("io_cpu.csv"), sweep: table("io_sweep.csv"))
        } else if table("serverless.csv") != nil {
            study = "serverless"
            charts += serverlessCharts(summary, keepAlive: table("keepalive.csv"), storm: table("storm.csv"))
        } else if let kinds = table("availability.csv") {
            study = "availability"
            charts += availabilityCharts(summary, kinds: kinds)
        } else if let migrations = table("migration.csv") {
            study = "live-migration"
            charts += migrationCharts(migrations, rounds: table("migration_rounds.csv"))
        } else if let hosts = table("hosts.csv") {
            let variants = distinct(summary.map(\.variant))
            study = variants.count > 1 ? "consolidation" : "single-variant consolidation (e.g. PlanetLab)"
            if variants.count > 1 { charts += variantBars(summary) }
            charts += hostTimeSeries(hosts)
        }
        // Every sweep: one small multiple per varying metric and axis (`SweepView.charts`).
        if let sweep = table("sweep.csv").flatMap(SweepView.init) { charts += sweep.charts(scenarioName: scenarioName) }
        let sections = charts.map { ReportSection(heading: $0.heading, text: $0.text, svg: $0.svg, file: $0.file) }
        let files = ["summary.csv"] + tables.map(\.file)
        let intro = "Results of scenario \(scenarioName) (\(study) study). The charts below are drawn from the CSV tables "
            + "of this run, listed at the end; every chart is also a separate SVG file."
        let page = HTMLReport.page(title: "VirtSim run: \(scenarioName)", intro: intro, summary: summary,
                                   sections: sections, files: files, provenance: provenance)
        return [("report.html", page)] + charts.map { ($0.file, $0.svg) }
    }

    // MARK: - Consolidation: per-variant bars of the summary

    static func variantBars(_ summary: [SummaryRow]) -> [Chart] {
        let variants = distinct(summary.map(\.variant))
        func values(_ metric: Metric) -> [Double]? {
            let rows = summary.filter { $0.metric == metric.name }
            guard !rows.isEmpty else { return nil }
            return variants.map { v in rows.first { $0.variant == v }?.value ?? .nan }
        }
        var charts: [Chart] = []
        if let u = values(.meanActiveHostCpuUtilization) {
            charts.append(Chart(
                file: "utilization.svg", heading: "CPU utilization of active hosts",
                text: "Mean CPU utilization of the hosts that are switched on, per variant, over the whole run. Packing more "
                    + "guests on each host raises it; a dedicated server stays at its own workload's level.",
                svg: SVGChart.bar(title: "Mean CPU utilization of active hosts", categories: variants,
                                  series: [BarSeries(name: "utilization", values: u)], unit: "CPU utilization (%)")))
        }
        if let h = values(.activeHostsMean) {
            charts.append(Chart(
                file: "active-hosts.svg", heading: "Active hosts",
                text: "Mean number of hosts switched on, per variant (time-weighted). Fewer hosts for the same workloads "
                    + "means denser consolidation.",
                svg: SVGChart.bar(title: "Mean number of active hosts", categories: variants,
                                  series: [BarSeries(name: "active hosts", values: h)], unit: "active hosts")))
        }
        if let e = values(.energyKWh) {
            charts.append(Chart(
                file: "energy.svg", heading: "Energy",
                text: "Energy used by all hosts over the whole run, per variant.",
                svg: SVGChart.bar(title: "Energy of all hosts over the run", categories: variants,
                                  series: [BarSeries(name: "energy", values: e)], unit: "energy (kWh)")))
        }
        if let mean = values(.tenantsExposedMean), let inner = values(.tenantsPerBoundaryMax),
           let outer = values(.hostBoundaryTenantsMax) {
            charts.append(Chart(
                file: "isolation-tenants.svg", heading: "Tenants behind one boundary",
                text: "Against the density above, what one compromised boundary exposes (final placement): the other "
                    + "tenants behind a random guest's first shared boundary (its host's hypervisor for a VM, the host "
                    + "kernel for a container, its tenant's VM for a container in a VM), the most tenants behind one such "
                    + "boundary, and the most behind one host's hypervisor or kernel.",
                svg: SVGChart.bar(title: "Tenants exposed by one compromised boundary", categories: variants,
                                  series: [BarSeries(name: "other tenants, mean", values: mean),
                                           BarSeries(name: "tenants per boundary, max", values: inner),
                                           BarSeries(name: "tenants per host boundary, max", values: outer)],
                                  unit: "tenants")))
        }
        if let mean = values(.blastRadiusPercentMean), let worst = values(.blastRadiusPercentMax) {
            charts.append(Chart(
                file: "blast-radius.svg", heading: "Blast radius",
                text: "Share of all guests behind the first shared boundary of a random guest (mean) and behind the "
                    + "largest boundary (max).",
                svg: SVGChart.bar(title: "Guests reachable from one compromised boundary", categories: variants,
                                  series: [BarSeries(name: "mean", values: mean), BarSeries(name: "max", values: worst)],
                                  unit: "share of guests (%)")))
        }
        return charts
    }

    // MARK: - Hosts over time (consolidation and PlanetLab)

    /// Per variant and report interval: active hosts, their mean CPU utilization, energy.
    struct HostSeries {
        var variant: String
        var timeHours: [Double] = []
        var activeHosts: [Double] = []
        var activeUtilization: [Double] = []
        var energyKWh: [Double] = []
    }

    /// Aggregates `hosts.csv` rows (one per host per report interval) per variant and interval:
    /// active hosts = Σ on_hours / hours (time-averaged), utilization = Σ utilization × on_hours /
    /// Σ on_hours (time-weighted over hosts while on, as the summary's figure; NaN when none).
    /// Without those columns, a host counts as active when its state at the interval's end is "on".
    /// O(rows).
    static func hostSeries(_ hosts: CSVTable) -> [HostSeries] {
        guard let vi = hosts.columnIndex("variant"), let ti = hosts.columnIndex("time_h"), let si = hosts.columnIndex("state"),
              let ui = hosts.columnIndex("cpu_utilization_percent"), let ei = hosts.columnIndex("energy_kwh") else { return [] }
        let onIndex = hosts.columnIndex("on_hours"), lengthIndex = hosts.columnIndex("hours")
        var onSum: [[Double]] = []
        var out: [HostSeries] = []
        var variantIndex: [String: Int] = [:]
        var utilSum: [[Double]] = []
        var timeIndex: [[Double: Int]] = []
        for row in hosts.rows {
            guard let t = Double(row[ti]), t.isFinite else { continue }
            let v: Int
            if let k = variantIndex[row[vi]] { v = k } else {
                v = out.count
                variantIndex[row[vi]] = v
                out.append(HostSeries(variant: row[vi]))
                utilSum.append([])
                onSum.append([])
                timeIndex.append([:])
            }
            let k: Int
            if let existing = timeIndex[v][t] { k = existing } else {
                k = out[v].timeHours.count
                timeIndex[v][t] = k
                out[v].timeHours.append(t)
                out[v].activeHosts.append(0)
                out[v].energyKWh.append(0)
                utilSum[v].append(0)
                onSum[v].append(0)
            }
            if let oi = onIndex, let li = lengthIndex, let on = Double(row[oi]), let length = Double(row[li]), length > 0 {
                out[v].activeHosts[k] += on / length
                utilSum[v][k] += (Double(row[ui]) ?? 0) * on
                onSum[v][k] += on
            } else if row[si] == "on" {
                out[v].activeHosts[k] += 1
                utilSum[v][k] += Double(row[ui]) ?? 0
                onSum[v][k] += 1
            }
            out[v].energyKWh[k] += Double(row[ei]) ?? 0
        }
        for v in out.indices {
            out[v].activeUtilization = zip(utilSum[v], onSum[v]).map { $1 > 0 ? $0 / $1 : .nan }
            // Rows come in time order in practice; sort anyway so lines never zigzag.
            let order = out[v].timeHours.indices.sorted { out[v].timeHours[$0] < out[v].timeHours[$1] }
            out[v].timeHours = order.map { out[v].timeHours[$0] }
            out[v].activeHosts = order.map { out[v].activeHosts[$0] }
            out[v].activeUtilization = order.map { out[v].activeUtilization[$0] }
            out[v].energyKWh = order.map { out[v].energyKWh[$0] }
        }
        return out
    }

    static func hostTimeSeries(_ hosts: CSVTable) -> [Chart] {
        let series = hostSeries(hosts)
        guard !series.isEmpty else { return [] }
        let times = series.flatMap(\.timeHours)
        let xStep = SVGChart.hourStep(span: (times.max() ?? 0) - (times.min() ?? 0))
        let xLabel = "time (h, start of report interval)"
        var charts: [Chart] = []
        charts.append(Chart(
            file: "utilization-over-time.svg", heading: "CPU utilization of active hosts over time",
            text: "CPU utilization of the hosts that are on, time-weighted over the time each was on in the report "
                + "interval (the summary's mean_active_host_cpu_utilization is the same average over the whole run).",
            svg: SVGChart.line(title: "CPU utilization of active hosts", xLabel: xLabel, yLabel: "CPU utilization (%)",
                               series: series.map { LineSeries(name: $0.variant, x: $0.timeHours, y: $0.activeUtilization) },
                               xStep: xStep)))
        charts.append(Chart(
            file: "active-hosts-over-time.svg", heading: "Active hosts over time",
            text: "Number of hosts switched on, averaged over each report interval.",
            svg: SVGChart.line(title: "Active hosts", xLabel: xLabel, yLabel: "active hosts",
                               series: series.map { LineSeries(name: $0.variant, x: $0.timeHours, y: $0.activeHosts) },
                               xStep: xStep)))
        // Energy per interval divided by the interval's length: kWh per hour (the mean power in
        // kW). The length is the report step (the first gap between times); with one interval
        // it is unknown and the chart shows kWh per interval.
        let step = series.compactMap { s in s.timeHours.count > 1 ? s.timeHours[1] - s.timeHours[0] : nil }.first
        let perHour = series.map { s in LineSeries(name: s.variant, x: s.timeHours, y: s.energyKWh.map { $0 / (step ?? 1) }) }
        charts.append(Chart(
            file: "energy-over-time.svg", heading: step == nil ? "Energy per report interval" : "Energy per hour",
            text: step == nil
                ? "Energy of all hosts in each report interval."
                : "Energy of all hosts in each report interval divided by its length (\(NumberFormat.format(step!)) h), "
                    + "i.e. the mean power in kW. A shorter last interval reads slightly low.",
            svg: SVGChart.line(title: step == nil ? "Energy per report interval" : "Energy per hour, all hosts",
                               xLabel: xLabel, yLabel: step == nil ? "energy (kWh)" : "energy (kWh per hour)", series: perHour,
                               xStep: xStep)))
        return charts
    }

    // MARK: - I/O

    static func ioCharts(io: CSVTable, cpu: CSVTable?, sweep: CSVTable?) -> [Chart] {
        guard let variants = io.column("variant") else { return [] }
        var charts: [Chart] = []
        let paths = io.column("path") ?? []
        let pathNote = paths.isEmpty ? "" : " I/O paths: " + zip(variants, paths).map { "\($0) = \($1)" }.joined(separator: ", ") + "."
        if let t = io.numbers("throughput") {
            let units = distinct(io.column("throughput_unit") ?? [])
            let unit = units.count == 1 ? units[0] : "request-dependent units"
            charts.append(Chart(
                file: "io-throughput.svg", heading: "Throughput",
                text: "Throughput each guest kind reaches on the same workload." + pathNote,
                svg: SVGChart.bar(title: "Throughput", categories: variants, series: [BarSeries(name: "throughput", values: t)],
                                  unit: "throughput (\(unit))")))
        }
        if let loss = io.numbers("throughput_loss_percent") {
            charts.append(Chart(
                file: "io-loss.svg", heading: "Throughput loss against native",
                text: "How much throughput each kind loses compared with the same workload run natively (native is 0 by "
                    + "definition). Lower is better.",
                svg: SVGChart.bar(title: "Throughput loss against native", categories: variants,
                                  series: [BarSeries(name: "loss", values: loss)], unit: "throughput loss (%)")))
        }
        if let mean = io.numbers("latency_mean_us"), let p99 = io.numbers("latency_p99_us") {
            charts.append(Chart(
                file: "io-latency.svg", heading: "Request latency",
                text: "Mean and 99th-percentile latency of a request, per guest kind.",
                svg: SVGChart.bar(title: "Request latency", categories: variants,
                                  series: [BarSeries(name: "mean", values: mean), BarSeries(name: "p99", values: p99)],
                                  unit: "latency (µs)")))
        }
        if let cpu, let v = cpu.column("variant"), let c = cpu.column("component"), let us = cpu.numbers("cpu_us_per_request") {
            let categories = distinct(v)
            // Components that cost nothing anywhere would only crowd the legend.
            let components = distinct(c).filter { comp in c.indices.contains { c[$0] == comp && us[$0] != 0 } }
            let series = components.map { comp in
                BarSeries(name: comp, values: categories.map { cat in
                    c.indices.first { v[$0] == cat && c[$0] == comp }.map { us[$0] } ?? 0
                })
            }
            charts.append(Chart(
                file: "io-cpu.svg", heading: "CPU time per request, by component",
                text: "CPU time spent per request in each part of the I/O path, stacked; the total is on top. "
                    + "Components that cost nothing for every kind are left out.",
                svg: SVGChart.bar(title: "CPU time per request", categories: categories, series: series,
                                  unit: "CPU time per request (µs)", stacked: true)))
        }
        if let sweep { charts += sweepGrids(sweep) }
        return charts
    }

    // MARK: - Live migration

    static func migrationCharts(_ migrations: CSVTable, rounds: CSVTable?) -> [Chart] {
        guard let guests = migrations.column("guest") else { return [] }
        var charts: [Chart] = []
        if let down = migrations.numbers("downtime_seconds") {
            charts.append(Chart(
                file: "migration-downtime.svg", heading: "Downtime",
                text: "How long each guest does not run at all: the stop-and-copy of what is still dirty, plus the fixed "
                    + "suspend and resume costs the model has.",
                svg: SVGChart.bar(title: "Downtime", categories: guests, series: [BarSeries(name: "downtime", values: down.map { $0 * 1000 })],
                                  unit: "downtime (ms)")))
        }
        if let total = migrations.numbers("total_seconds") {
            charts.append(Chart(
                file: "migration-total.svg", heading: "Total migration time",
                text: "From the start of the first copy round until the guest runs on the target.",
                svg: SVGChart.bar(title: "Total migration time", categories: guests, series: [BarSeries(name: "total", values: total)],
                                  unit: "total time (s)")))
        }
        if let rounds, let g = rounds.column("guest"), let k = rounds.numbers("round"), let sent = rounds.numbers("sent_mb") {
            let series = distinct(g).map { name in
                let idx = g.indices.filter { g[$0] == name }
                return LineSeries(name: name, x: idx.map { k[$0] }, y: idx.map { sent[$0] })
            }
            charts.append(Chart(
                file: "migration-rounds.svg", heading: "Iterative progress",
                text: "Data sent in each copy round (the last one is the stop-and-copy): the first round sends all memory, "
                    + "later rounds what the guest dirtied meanwhile. A guest whose writable working set is rewritten "
                    + "faster than it can be sent stops converging, and what is left goes in the stop-and-copy.",
                svg: SVGChart.line(title: "Data sent per round", xLabel: "round", yLabel: "sent (MB)", series: series,
                                   xStep: ((k.max() ?? 1) / 8).rounded(.up))))
        }
        return charts
    }

    // MARK: - Serverless

    /// Cold starts and response times per kind; the keep-alive trade-off; boot storms.
    static func serverlessCharts(_ summary: [SummaryRow], keepAlive: CSVTable?, storm: CSVTable?) -> [Chart] {
        let kinds = distinct(summary.map(\.variant))
        func values(_ metric: Metric) -> [Double] {
            kinds.map { k in summary.value(metric, variant: k) ?? .nan }
        }
        var charts: [Chart] = [
            Chart(file: "cold-starts.svg", heading: "Cold starts",
                  text: "Share of invocations that found no warm sandbox of their function and had to start one, per kind, "
                      + "at the scenario's keep-alive. A kind that starts slowly also starts more often: invocations that "
                      + "arrive while a sandbox is still booting each start another one.",
                  svg: SVGChart.bar(title: "Invocations that started cold", categories: kinds,
                                    series: [BarSeries(name: "cold starts", values: values(.coldStartPercent))], unit: "cold starts (%)")),
            Chart(file: "response-p99.svg", heading: "Response time",
                  text: "99th percentile of the response time (arrival to completion) over all invocations, and of the "
                      + "cold-start delay (arrival to the handler's start) over the cold ones.",
                  svg: SVGChart.bar(title: "Response time and cold-start delay, 99th percentile", categories: kinds,
                                    series: [BarSeries(name: "response p99", values: values(.responseMsP99).map { $0 / 1000 }),
                                             BarSeries(name: "cold-start delay p99", values: values(.coldStartDelayMsP99).map { $0 / 1000 })],
                                    unit: "seconds")),
        ]
        if let keepAlive, let v = keepAlive.column("variant"), let m = keepAlive.numbers("keep_alive_minutes"),
           let cold = keepAlive.numbers("cold_start_percent"), let idle = keepAlive.numbers("idle_memory_gb_hours") {
            func series(_ y: [Double]) -> [LineSeries] {
                distinct(v).map { name in
                    let idx = v.indices.filter { v[$0] == name }
                    return LineSeries(name: name, x: idx.map { m[$0] }, y: idx.map { y[$0] })
                }
            }
            charts.append(Chart(
                file: "keepalive-cold-starts.svg", heading: "Keep-alive against cold starts",
                text: "Keeping an idle sandbox longer turns more invocations warm. Rarely invoked functions stay cold "
                    + "unless the keep-alive outlasts the gap between their invocations.",
                svg: SVGChart.line(title: "Cold starts against keep-alive", xLabel: "keep-alive (minutes)", yLabel: "cold starts (%)",
                                   series: series(cold))))
            charts.append(Chart(
                file: "keepalive-idle-memory.svg", heading: "What keep-alive costs",
                text: "Memory held by idle sandboxes, integrated over the run: the price of the warm starts above. A full "
                    + "VM pays its guest OS in every idle sandbox.",
                svg: SVGChart.line(title: "Idle sandbox memory against keep-alive", xLabel: "keep-alive (minutes)",
                                   yLabel: "idle memory (GB·h)", series: series(idle))))
        }
        if let storm, let v = storm.column("variant"), let n = storm.numbers("starts"), let worst = storm.numbers("ready_seconds_max") {
            let series = distinct(v).map { name in
                let idx = v.indices.filter { v[$0] == name }
                return LineSeries(name: name, x: idx.map { n[$0] }, y: idx.map { worst[$0] })
            }
            charts.append(Chart(
                file: "boot-storm.svg", heading: "Boot storms",
                text: "Many sandboxes started at the same instant share the image store's link and each host's disk: "
                    + "the last one is ready only when every image has crossed the link. Past a few dozen starts the "
                    + "link, not the kind's own start time, sets the pace.",
                svg: SVGChart.line(title: "Time until the last of N simultaneous starts is ready", xLabel: "simultaneous starts",
                                   yLabel: "last ready (s)", series: series)))
        }
        return charts
    }

    // MARK: - Availability

    /// Availability against the hosts and energy each variant pays for it; restart times per
    /// kind; maintenance downtime and duration when the study has maintenance.
    static func availabilityCharts(_ summary: [SummaryRow], kinds: CSVTable) -> [Chart] {
        let variants = distinct(summary.map(\.variant))
        func values(_ metric: Metric) -> [Double] {
            variants.map { v in summary.value(metric, variant: v) ?? .nan }
        }
        var charts: [Chart] = [
            Chart(file: "availability-nines.svg", heading: "Availability",
                  text: "Mean availability of the admitted guests over the run (1 − downtime / time), as nines: 3 is 99.9 %, "
                      + "4 is 99.99 %. A guest is down from its host's failure until it runs again elsewhere (detection, then "
                      + "its kind's boot), longer when no host has room and it waits for a repair.",
                  svg: SVGChart.bar(title: "Availability of the guests (nines)", categories: variants,
                                    series: [BarSeries(name: "availability", values: values(.availabilityNines))], unit: "nines")),
            Chart(file: "ha-hosts.svg", heading: "Hosts: what the reserve costs",
                  text: "Hosts powered by each variant: the fewest that hold every guest with no reserve, and the extra "
                      + "hosts its admission control needs to admit them all with its reserve.",
                  svg: SVGChart.bar(title: "Hosts powered", categories: variants,
                                    series: [BarSeries(name: "without reserve", values: values(.hostsMinimum)),
                                             BarSeries(name: "HA reserve", values: values(.haReservedHosts))], unit: "hosts")),
            Chart(file: "ha-energy.svg", heading: "Energy: what the reserve costs",
                  text: "Energy of all powered hosts over the run (SPECpower table, failed hosts off), and the part of it "
                      + "the reserve costs: the failure-free energy of the variant's cluster less that of the fewest hosts.",
                  svg: SVGChart.bar(title: "Energy over the run", categories: variants,
                                    series: [BarSeries(name: "energy", values: values(.energyKWh)),
                                             BarSeries(name: "HA reserve", values: values(.haReservedKWh))], unit: "energy (kWh)")),
        ]
        if let v = kinds.column("variant"), let k = kinds.column("kind"), let p99 = kinds.numbers("restart_seconds_p99") {
            let kindNames = distinct(k)
            let series = kindNames.map { kind in
                BarSeries(name: kind, values: variants.map { variant in v.indices.first { v[$0] == variant && k[$0] == kind }.map { p99[$0] } ?? .nan })
            }
            charts.append(Chart(
                file: "restart-p99.svg", heading: "Restart time per kind",
                text: "99th percentile of the time from a host's failure to the guest running again, per kind: detection "
                    + "plus the kind's boot when a host has room (a container in about a second, a VM in tens of seconds), "
                    + "hours when restarts wait for a repair.",
                svg: SVGChart.bar(title: "Restart time, 99th percentile", categories: variants, series: series, unit: "seconds")))
        }
        if values(.maintenanceHours).contains(where: { $0 > 0 }) {
            charts.append(Chart(
                file: "maintenance-downtime.svg", heading: "Maintenance: downtime per guest",
                text: "Guest downtime due to maintenance over the run, per guest: a live migration's stop-and-copy pause "
                    + "(rolling), or the service and boot (cold, and rolling guests no host had room for).",
                svg: SVGChart.bar(title: "Maintenance downtime per guest", categories: variants,
                                  series: [BarSeries(name: "downtime", values: values(.maintenanceDowntimeSecondsMean))], unit: "seconds")))
            charts.append(Chart(
                file: "maintenance-duration.svg", heading: "Maintenance: duration and migrations",
                text: "Duration of one maintenance window (every host serviced in turn, evacuations included) and the "
                    + "live migrations of the whole run.",
                svg: SVGChart.bar(title: "Maintenance window duration", categories: variants,
                                  series: [BarSeries(name: "hours per window", values: values(.maintenanceHours))], unit: "hours")))
        }
        return charts
    }

    /// One grid per virtualized kind: throughput loss by block size (rows) and load (columns).
    static func sweepGrids(_ sweep: CSVTable) -> [Chart] {
        guard let v = sweep.column("variant"), let bs = sweep.numbers("block_size_bytes"), let loss = sweep.numbers("throughput_loss_percent"),
              let qd = sweep.column("queue_depth"), let rate = sweep.numbers("arrival_rate") else { return [] }
        func load(_ i: Int) -> String { rate[i] > 0 ? "\(NumberFormat.format(rate[i]))/s" : "qd \(qd[i])" }
        let loads = distinct(v.indices.map(load))
        var sizes: [Double] = []
        for b in bs where !sizes.contains(b) { sizes.append(b) }
        let openLoop = v.indices.contains { rate[$0] > 0 }
        var charts: [Chart] = []
        var used: [String] = []
        for variant in distinct(v) where variant != "native" {
            // Distinct variants can map to one file-safe name ("a b", "a-b"): number repeats.
            var file = "io-sweep-\(fileSafe(variant))"
            var n = 1
            while used.contains(file) { n += 1; file = "io-sweep-\(fileSafe(variant))-\(n)" }
            used.append(file)
            let values = sizes.map { size in
                loads.map { l in v.indices.first { v[$0] == variant && bs[$0] == size && load($0) == l }.map { loss[$0] } ?? .nan }
            }
            charts.append(Chart(
                file: file + ".svg", heading: "Sweep: \(variant) throughput loss",
                text: "Throughput loss of \(variant) against native for each block size and "
                    + (openLoop ? "arrival rate" : "queue depth") + " of the sweep. Darker cells lose more.",
                svg: SVGChart.heatMap(title: "\(variant): throughput loss against native", rowTitle: "block size", rows: sizes.map(blockSize),
                                      columnTitle: openLoop ? "arrival rate" : "queue depth", columns: loads,
                                      values: values, unit: "loss (%)")))
        }
        return charts
    }

    // MARK: - Helpers

    /// The distinct values in first-appearance order. O(n²) in the worst case; the lists are short.
    static func distinct(_ values: [String]) -> [String] {
        var out: [String] = []
        for x in values where !out.contains(x) { out.append(x) }
        return out
    }

    /// "4 KiB", "1 MiB", or bytes when not a whole number of KiB.
    static func blockSize(_ bytes: Double) -> String {
        if bytes >= 1_048_576, bytes.truncatingRemainder(dividingBy: 1_048_576) == 0 { return "\(NumberFormat.format(bytes / 1_048_576)) MiB" }
        if bytes >= 1024, bytes.truncatingRemainder(dividingBy: 1024) == 0 { return "\(NumberFormat.format(bytes / 1024)) KiB" }
        return "\(NumberFormat.format(bytes)) B"
    }

    /// A file-name part: lower-case letters, digits and '-' only.
    static func fileSafe(_ name: String) -> String {
        let mapped = name.lowercased().unicodeScalars.map { s -> Character in
            (s >= "a" && s <= "z") || (s >= "0" && s <= "9") ? Character(s) : "-"
        }
        return String(mapped)
    }
}
