import Consolidation
import Reports
import Scenario
import VirtModel

/// Checks that the PlanetLab trace day a scenario's `traceGuests` reads is there and well formed.
enum TraceCheck {
    /// Where a trace day is named in a scenario file.
    static let dayPath = "$.consolidation.traceGuests.trace.day"

    /// The problems of trace day `day` under `root` (none when it reads cleanly); a day read
    /// cleanly is kept in `days` for the rest of the run. O(the day's bytes).
    static func problems(root: String?, day: String, keepingIn days: inout TraceDays) -> [Diagnostic] {
        guard let root else {
            return [Diagnostic(path: dayPath, message: "needs the PlanetLab traces: pass --traces DIR or set VIRTSIM_TRACES")]
        }
        do {
            days.insert(try PlanetLabTrace.readDaySnapshot(root: root, day: day))
            return []
        } catch {
            return [Diagnostic(path: dayPath, message: error.description)]
        }
    }

    /// Trace days of a sweep's points that differ from the base scenario's, each checked once and
    /// reported at the sweep value that names it (`$.sweep.parameters[i].values[j]`), or at
    /// `$.sweep` when no single axis does. Days read cleanly are kept in `days`.
    static func sweepProblems(sweep: SweepSpec?, points: [SweepPoint], base: Scenario, root: String?,
                              keepingIn days: inout TraceDays) -> [Diagnostic] {
        guard let sweep else { return [] }
        let baseDay = base.traceDay
        var checked: Set<String> = []
        var problems: [Diagnostic] = []
        for point in points {
            guard let day = point.scenario.traceDay, day != baseDay, checked.insert(day).inserted else { continue }
            let found = self.problems(root: root, day: day, keepingIn: &days)
            guard !found.isEmpty else { continue }
            var path = "$.sweep"
            for (i, axis) in sweep.axes.enumerated() {
                if let j = axis.values.firstIndex(where: { $0 == .string(day) }), point.values[i] == .string(day) {
                    path = "$.sweep.parameters[\(i)].values[\(j)]"
                }
            }
            problems += found.map { Diagnostic(path: path, message: "\($0.message) (day \(day))") }
        }
        return problems
    }
}

extension Scenario {
    /// The PlanetLab trace day the scenario's trace guests read, if it has them.
    var traceDay: String? {
        guard case .consolidation(let c) = study else { return nil }
        return c.traceGuests?.day
    }

    /// Whether the scenario reads a PlanetLab trace day (`traceGuests`): the scenarios `--day`
    /// and `--mode` apply to, and that need `--traces`.
    var isPlanetLab: Bool { traceDay != nil }
}

/// Runs a consolidation study whose guests are one per file of a PlanetLab trace day
/// (`traceGuests`), as CloudSim's PlanetLab experiment builds them; its tables are those of
/// CloudSim's experiment (every engine metric, one row per trace guest with its trace file).
enum TraceGuestsStudyRunner {
    /// The engine configuration of `study` on the trace `day`: the pools in `hostOrder`, one guest
    /// per trace file typed by the assignment rule, the policies under the `semantics` preset.
    static func engineConfig(_ scenario: Scenario, study: ConsolidationStudy, day: PlanetLabDay,
                             recordHostIntervals: Bool = false) -> EngineConfig {
        let traceGuests = study.traceGuests!
        let semantics = Semantics.preset(study.semantics, switches: study.switches)
        let guests = TraceGuests.guests(day: day, types: traceGuests.types, assignment: traceGuests.assignment)
        let hostTypes = study.hostPools.map { $0.type.named($0.label) }
        let counts = study.hostPools.map { $0.count ?? guests.count }
        return EngineConfig(hostTypes: hostTypes, hostLayout: study.hostOrder.layout(counts: counts), guests: guests,
                            policies: study.policies.resolvingBaselinePlacement(semantics), semantics: semantics,
                            horizon: study.horizonHours * 3600, consolidationInterval: study.consolidationMinutes * 60,
                            seed: scenario.seed, recordHostIntervals: recordHostIntervals, reportInterval: study.reportMinutes * 60)
    }

    /// The study's trace day under the context's trace root: as the scenario check read it
    /// (`context.traceDays`), else read now.
    static func readDay(_ study: ConsolidationStudy, context: RunContext) throws -> PlanetLabDay {
        guard let root = context.traceRoot else { throw InputError(message: "PlanetLab trace guests need --traces DIR or VIRTSIM_TRACES") }
        return try context.traceDays.read(root: root, day: study.traceGuests!.day).parsed
    }

    static func run(_ scenario: Scenario, study: ConsolidationStudy, context: RunContext) throws -> StudyOutput {
        let phases = context.phases
        let day = try phases.measure("traceRead") { try readDay(study, context: context) }
        let config = phases.measure("engineSetup") { engineConfig(scenario, study: study, day: day, recordHostIntervals: true) }
        let result = try phases.measure("engine") { try ConsolidationEngine.run(config, progress: context.progress("\(scenario.name) \(day.day)")) }
        return phases.measure("tables") { output(scenario, study: study, config: config, day: day, result: result) }
    }

    /// The summary rows, `hosts.csv`, `guests.csv` and the terminal table of one finished day.
    private static func output(_ scenario: Scenario, study: ConsolidationStudy, config: EngineConfig, day: PlanetLabDay,
                               result: EngineResult) -> StudyOutput {
        let variant = study.variants[0].name
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
            ["day", "mode", "energy kWh", "migrations", "SLATAH %", "PDM %", "SLAV", "ESV", "shutdowns"],
            [day.day, study.semantics.rawValue, g(m.energyKWh), String(m.vmMigrations), g(m.slatahPercent), g(m.pdmPercent),
             NumberFormat.format(m.slav, significant: 5), NumberFormat.format(m.esv, significant: 5), String(m.hostShutdowns)],
        ])
        return StudyOutput(summary: summary, tables: [("hosts.csv", hosts), ("guests.csv", guests)],
                           display: "\(scenario.name): \(day.count) VMs on \(config.hostLayout.count) hosts\n" + display)
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
    /// A scenario's preset with its switches applied in order.
    static func preset(_ mode: SemanticsMode, switches: [SemanticSwitch]) -> Semantics {
        var s: Semantics
        switch mode {
        case .virtsim: s = .virtSim
        case .cloudsim: s = .cloudSimCompatible
        }
        for sw in switches { s[switchNamed: sw.name] = sw.value }
        return s
    }
}

/// The engine configuration of a scenario file whose guests read a PlanetLab trace day, for the
/// benchmark (which times the engine alone).
public enum PlanetLabScenarioConfig {
    /// Reads and checks `file` and its trace day under `traceRoot` (read once). Throws when the file is
    /// not valid or has no `traceGuests`. O(trace bytes).
    public static func engineConfig(file: String, traceRoot: String) throws -> EngineConfig {
        let loaded = try ScenarioLoader.loadResolved(file, traceRoot: traceRoot)
        let scenario = loaded.base
        guard case .consolidation(let study) = scenario.study, study.traceGuests != nil else {
            throw InputError(message: "\(file): no traceGuests; expected a PlanetLab trace scenario")
        }
        // The day as the check read it: one read.
        let day = try loaded.traceDays.read(root: traceRoot, day: study.traceGuests!.day).parsed
        return TraceGuestsStudyRunner.engineConfig(scenario, study: study, day: day)
    }
}
