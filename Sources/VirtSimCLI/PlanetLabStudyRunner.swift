import Consolidation
import Reports
import Scenario
import VirtModel

/// Checks that a PlanetLab scenario's traces are there and well formed.
enum TraceCheck {
    static func problems(root: String?, day: String) -> [Diagnostic] {
        guard let root else {
            return [Diagnostic(path: "$.planetlab.day", message: "needs the PlanetLab traces: pass --traces DIR or set VIRTSIM_TRACES")]
        }
        do {
            _ = try PlanetLabTrace.readDay(root: root, day: day)
            return []
        } catch {
            return [Diagnostic(path: "$.planetlab.day", message: error.description)]
        }
    }
}

extension TraceCheck {
    /// Trace days of a sweep's PlanetLab points that differ from the base scenario's, each checked
    /// once and reported at the sweep value that names it (`$.sweep.parameters[i].values[j]`), or
    /// at `$.sweep` when no single axis does.
    static func sweepProblems(sweep: SweepSpec?, points: [SweepPoint], base: Scenario, root: String?) -> [Diagnostic] {
        guard let sweep else { return [] }
        let baseDay: String? = if case .planetLab(let s) = base.study { s.day } else { nil }
        var checked: Set<String> = []
        var problems: [Diagnostic] = []
        for point in points {
            guard case .planetLab(let study) = point.scenario.study, study.day != baseDay,
                  checked.insert(study.day).inserted else { continue }
            let found = self.problems(root: root, day: study.day)
            guard !found.isEmpty else { continue }
            var path = "$.sweep"
            for (i, axis) in sweep.axes.enumerated() {
                if let j = axis.values.firstIndex(where: { $0 == .string(study.day) }), point.values[i] == .string(study.day) {
                    path = "$.sweep.parameters[\(i)].values[\(j)]"
                }
            }
            problems += found.map { Diagnostic(path: path, message: "\($0.message) (day \(study.day))") }
        }
        return problems
    }
}

/// Runs CloudSim's PlanetLab experiment for one policy combination and day.
enum PlanetLabStudyRunner {
    static func run(_ scenario: Scenario, study: PlanetLabStudy, context: RunContext) throws -> StudyOutput {
        guard let root = context.traceRoot else { throw InputError(message: "PlanetLab scenarios need --traces DIR or VIRTSIM_TRACES") }
        let phases = context.phases
        let day = try phases.measure("traceRead") { try PlanetLabTrace.readDay(root: root, day: study.day) }
        let config = try phases.measure("engineSetup") {
            try PlanetLabExperiment.config(policy: study.policy, day: day, semantics: Semantics.preset(study.mode, switches: study.switches),
                                           seed: scenario.seed, recordHostIntervals: true, reportInterval: 3600)
        }
        let result = try phases.measure("engine") { try ConsolidationEngine.run(config, progress: context.progress("\(study.policy) \(study.day)")) }
        return phases.measure("tables") { output(scenario, study: study, day: day, result: result) }
    }

    /// The summary rows, `hosts.csv`, `guests.csv` and the terminal table of one finished day.
    private static func output(_ scenario: Scenario, study: PlanetLabStudy, day: PlanetLabDay, result: EngineResult) -> StudyOutput {
        let variant = study.mode
        var summary: [SummaryRow] = []
        for r in result.metrics.rows where r.value.isFinite {
            summary.append(SummaryRow(scenario: scenario.name, variant: variant, r))
        }
        var hosts = CSVTable(header: HostIntervalCSV.header)
        for r in result.hostIntervals where r.state != "off" || r.energyKWh > 0 {
            hosts.append(HostIntervalCSV.cells(r, variant: variant))
        }
        var guests = CSVTable(header: ["variant", "guest", "trace", "initial_host", "final_host", "migrations",
                                       "mean_demand_mips", "requested_cpu_mips_s", "allocated_cpu_mips_s", "deleted"])
        for g in result.guests {
            guests.append([variant, String(g.id), g.name, String(g.initialHost), String(g.finalHost), String(g.migrations),
                           NumberFormat.format(g.meanDemandMips), NumberFormat.format(g.requestedCpuSeconds),
                           NumberFormat.format(g.allocatedCpuSeconds), g.deleted ? "1" : "0"])
        }
        let m = result.metrics
        let g = { (x: Double) in NumberFormat.format(x, significant: 5) }
        let display = TextTable.render([
            ["policy", "day", "mode", "energy kWh", "migrations", "SLATAH %", "PDM %", "SLAV", "ESV", "shutdowns"],
            [study.policy, study.day, study.mode, g(m.energyKWh), String(m.vmMigrations), g(m.slatahPercent), g(m.pdmPercent),
             NumberFormat.format(m.slav, significant: 5), NumberFormat.format(m.esv, significant: 5), String(m.hostShutdowns)],
        ])
        return StudyOutput(summary: summary, tables: [("hosts.csv", hosts), ("guests.csv", guests)],
                           display: "\(scenario.name): \(day.count) VMs on \(PlanetLabExperiment.hostCount) hosts\n" + display)
    }
}

/// The rows of `hosts.csv`, shared by the studies that write it.
enum HostIntervalCSV {
    static let header = ["variant", "time_h", "hours", "host", "state", "on_hours", "cpu_utilization_percent", "energy_kwh", "guests"]

    /// One host in one report interval: its start and length, state at the end, hours on, CPU
    /// utilization averaged over the time it was on, energy, guests at the end.
    static func cells(_ r: HostIntervalRow, variant: String) -> [String] {
        let whileOn = r.onSeconds > 0 ? r.meanUtilization * r.length / r.onSeconds : 0
        return [variant, NumberFormat.format(r.time / 3600), NumberFormat.format(r.length / 3600), String(r.host), r.state,
                NumberFormat.format(r.onSeconds / 3600), NumberFormat.format(100 * whileOn),
                NumberFormat.format(r.energyKWh), String(r.guests)]
    }
}

extension Semantics {
    /// A preset by scenario name (`virtsim`, else `cloudsim`) with a scenario's switches applied in order.
    static func preset(_ mode: String, switches: [SemanticSwitch]) -> Semantics {
        var s: Semantics = mode == "virtsim" ? .virtSim : .cloudSimCompatible
        for sw in switches { s[switchNamed: sw.name] = sw.value }
        return s
    }
}
