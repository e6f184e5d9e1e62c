import Foundation
import Reports
import Scenario

/// Finds, reads and checks scenario files (or the built-in default).
enum ScenarioLoader {
    /// The name shown for the built-in scenario.
    static let builtInLabel = "(built-in seed-consolidation)"

    /// Reads `path` (nil: the built-in default). Throws `ScenarioError` with every problem,
    /// including trace files a PlanetLab scenario needs, when `checkTraces` is set.
    static func load(_ path: String?, traceRoot: String?, day: String?, checkTraces: Bool = true,
                     limits: ResourceLimits = .standard) throws -> Scenario {
        try loadWithSweep(path, traceRoot: traceRoot, day: day, checkTraces: checkTraces, limits: limits).base
    }

    /// Like `load`, and also the points of the file's `"sweep"` (empty when it has none), each
    /// already read and checked, and the whole checked against `limits` (`force` lifts the
    /// work limit, never the memory limit).
    static func loadWithSweep(_ path: String?, traceRoot: String?, day: String?, checkTraces: Bool = true,
                              limits: ResourceLimits = .standard, force: Bool = false) throws -> (base: Scenario, sweep: SweepSpec?, points: [SweepPoint]) {
        let l = try loadResolved(path, overrides: Overrides(day: day), traceRoot: traceRoot, checkTraces: checkTraces,
                                 limits: limits, force: force)
        return (l.base, l.sweep, l.points)
    }

    /// Command-line values that replace the file's, applied to the document before it is read,
    /// so the sweep's points see them too and `run.json` records the scenario as run.
    struct Overrides {
        /// `$.seed` (a sweep's default seed too).
        var seed: UInt64?
        /// `$.consolidation.traceGuests.trace.day`; - Throws: `UsageError` for other studies.
        var day: String?
        /// `$.consolidation.semantics` of a PlanetLab trace study; - Throws: `UsageError` for other studies.
        var mode: String?
    }

    /// Reads `path` (nil: the built-in default) with `overrides` applied. Throws `ScenarioError`
    /// with every problem, including trace files the base scenario and every sweep point need
    /// when `checkTraces` is set.
    static func loadResolved(_ path: String?, overrides: Overrides = Overrides(), traceRoot: String?,
                             checkTraces: Bool = true, limits: ResourceLimits = .standard, force: Bool = false,
                             phases: RunPhases? = nil) throws -> LoadedScenario {
        let text: String
        let label: String
        if let path {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ScenarioError(file: path, diagnostics: [Diagnostic(path: "$", message: "cannot read the file (missing or unreadable)")])
            }
            guard let t = String(data: data, encoding: .utf8) else {
                throw ScenarioError(file: path, diagnostics: [Diagnostic(path: "$", message: "not UTF-8 text")])
            }
            text = t
            label = path
        } else {
            text = BuiltInScenarios.seedConsolidation
            label = builtInLabel
        }
        return try loadResolved(text: text, label: label, overrides: overrides, traceRoot: traceRoot, checkTraces: checkTraces,
                                limits: limits, force: force, phases: phases)
    }

    /// `loadWithSweep` on a scenario's text (`label` names it in messages).
    static func loadWithSweep(text: String, label: String, traceRoot: String?, day: String?, checkTraces: Bool = true,
                              limits: ResourceLimits = .standard, force: Bool = false) throws -> (base: Scenario, sweep: SweepSpec?, points: [SweepPoint]) {
        let l = try loadResolved(text: text, label: label, overrides: Overrides(day: day), traceRoot: traceRoot, checkTraces: checkTraces,
                                 limits: limits, force: force)
        return (l.base, l.sweep, l.points)
    }

    /// `loadResolved` on a scenario's text (`label` names it in messages).
    static func loadResolved(text: String, label: String, overrides: Overrides, traceRoot: String?,
                             checkTraces: Bool = true, limits: ResourceLimits = .standard, force: Bool = false,
                             phases: RunPhases? = nil) throws -> LoadedScenario {
        var root: JSONValue
        do { root = try JSONParser.parse(text) } catch {
            throw ScenarioError(file: label, diagnostics: [Diagnostic(path: error.path, message: "not valid JSON: \(error)")])
        }
        // `--day` and `--mode` apply to a study whose guests read a PlanetLab trace day.
        let isPlanetLab = root.value(at: "$.study") == .string("consolidation") && root.value(at: TraceCheck.dayPath) != nil
        if let seed = overrides.seed { root = root.setting("$.seed", to: .number(Double(seed), text: String(seed))) ?? root }
        if let day = overrides.day {
            guard isPlanetLab else { throw UsageError(message: "'--day' applies to PlanetLab scenarios only") }
            root = root.setting(TraceCheck.dayPath, to: .string(day)) ?? root
        }
        if let mode = overrides.mode {
            guard isPlanetLab else { throw UsageError(message: "'--mode' applies to PlanetLab scenarios only") }
            guard SemanticsMode(rawValue: mode) != nil else {
                throw UsageError(message: "'--mode' expects one of \(SemanticsMode.names.joined(separator: ", ")), found '\(mode)'")
            }
            root = root.setting("$.consolidation.semantics", to: .string(mode)) ?? root
        }
        let (base, sweep, points) = try ScenarioReader(vocabulary: Vocabulary.current).readWithSweep(root, file: label)
        var problems: [Diagnostic] = []
        // The check reads each trace day once and keeps it for the digest and the runs.
        var traceDays = TraceDays(root: traceRoot)
        if checkTraces {
            phases.measure("traceRead") {
                if let day = base.traceDay { problems += TraceCheck.problems(root: traceRoot, day: day, keepingIn: &traceDays) }
                problems += TraceCheck.sweepProblems(sweep: sweep, points: points, base: base, root: traceRoot, keepingIn: &traceDays)
            }
        }
        // A trace fleet's relative path is taken from the scenario file's folder, and must exist.
        let path: String? = label == builtInLabel ? nil : label
        var scenario = base
        scenario.study = resolvingTracePath(base.study, scenarioPath: path)
        let resolvedPoints = points.map { p in
            var q = p
            q.scenario.study = resolvingTracePath(p.scenario.study, scenarioPath: path)
            return q
        }
        for study in [scenario.study] + resolvedPoints.map(\.scenario.study) {
            guard case .consolidation(let c) = study else { continue }
            let traces = [(c.fleet.trace, "$.consolidation.fleet.trace.path")]
                + c.guestTypes.enumerated().map { ($1.workload.trace, "$.consolidation.guests[\($0)].workload.trace.path") }
            for case let (t?, jsonPath) in traces where !FileManager.default.fileExists(atPath: t.path) {
                let d = Diagnostic(path: jsonPath, message: "\(t.path) does not exist; expected a trace \(t.format == "csv" ? "file" : "folder")")
                if !problems.contains(d) { problems.append(d) }
            }
        }
        // Anything validate accepts, run runs: refuse what would exhaust the machine.
        problems += ResourceEstimate.of(base: scenario, points: resolvedPoints).problems(limits, force: force)
        if !problems.isEmpty { throw ScenarioError(file: label, diagnostics: problems) }
        // `$schema` is editor metadata, not input: the scenario as run (run.json, its hash) leaves it out.
        if case .object(let members) = root { root = .object(members.filter { $0.key != Scenario.schemaKey }) }
        return LoadedScenario(file: label, root: root, base: scenario, sweep: sweep, points: resolvedPoints, traceDays: traceDays)
    }

    /// `study` with a consolidation fleet's relative trace path joined to the scenario file's folder.
    /// The same for every sized guest type's trace.
    static func resolvingTracePath(_ study: Scenario.Study, scenarioPath: String?) -> Scenario.Study {
        guard case .consolidation(var c) = study, let scenarioPath, let slash = scenarioPath.lastIndex(of: "/") else { return study }
        func resolved(_ t: TraceSource?) -> TraceSource? {
            guard var t, !t.path.hasPrefix("/") else { return t }
            t.path = String(scenarioPath[...slash]) + t.path
            return t
        }
        c.fleet.trace = resolved(c.fleet.trace)
        for i in c.guestTypes.indices { c.guestTypes[i].workload.trace = resolved(c.guestTypes[i].workload.trace) }
        return .consolidation(c)
    }

    /// Folder below `scenarios/` that holds hardware and power documents, not scenarios.
    static let hardwareFolder = "hardware"

    /// Scenario files under `dir`, recursively, in byte order of their paths; the hardware
    /// documents in `dir/hardware/` and the JSON Schemas (`*.schema.json`) are not scenarios
    /// and are left out.
    static func scenarioFiles(in dir: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var files: [String] = []
        while let f = e.nextObject() as? String {
            if f.hasSuffix(".json") && !f.hasSuffix(".schema.json") && !f.hasPrefix(hardwareFolder + "/") { files.append("\(dir)/\(f)") }
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

/// A scenario file read with its overrides: the document as run, the base scenario and the
/// sweep's points.
struct LoadedScenario: Sendable {
    /// The file (or the built-in label), for messages.
    var file: String
    /// The document with the overrides applied: what `run.json` records.
    var root: JSONValue
    var base: Scenario
    var sweep: SweepSpec?
    var points: [SweepPoint]
    /// The trace days the check read (none when traces were not checked), for the digest and the runs.
    var traceDays = TraceDays(root: nil)

    /// `sha256:` and the hex SHA-256 of the resolved document's canonical rendering.
    var hash: String { "sha256:" + SHA256.hex(root.rendered()) }
}
