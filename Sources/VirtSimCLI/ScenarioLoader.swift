import Foundation
import Scenario

/// Finds, reads and checks scenario files (or the built-in default).
enum ScenarioLoader {
    /// The name shown for the built-in scenario.
    static let builtInLabel = "(built-in seed-consolidation)"

    /// Reads `path` (nil: the built-in default). Throws `ScenarioError` with every problem,
    /// including trace files a PlanetLab scenario needs, when `checkTraces` is set.
    static func load(_ path: String?, traceRoot: String?, day: String?, checkTraces: Bool = true) throws -> Scenario {
        try loadWithSweep(path, traceRoot: traceRoot, day: day, checkTraces: checkTraces).base
    }

    /// Like `load`, and also the points of the file's `"sweep"` (empty when it has none), each
    /// already read and checked.
    static func loadWithSweep(_ path: String?, traceRoot: String?, day: String?,
                              checkTraces: Bool = true) throws -> (base: Scenario, sweep: SweepSpec?, points: [SweepPoint]) {
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
        return try loadWithSweep(text: text, label: label, traceRoot: traceRoot, day: day, checkTraces: checkTraces)
    }

    /// `loadWithSweep` on a scenario's text (`label` names it in messages).
    static func loadWithSweep(text: String, label: String, traceRoot: String?, day: String?,
                              checkTraces: Bool = true) throws -> (base: Scenario, sweep: SweepSpec?, points: [SweepPoint]) {
        let (base, sweep, points) = try ScenarioReader(vocabulary: Vocabulary.current).readWithSweep(text, file: label)
        var scenario = base
        var problems: [Diagnostic] = []
        if case .planetLab(var study) = scenario.study {
            if let day { study.day = day }
            scenario.study = .planetLab(study)
            if checkTraces { problems += TraceCheck.problems(root: traceRoot, day: study.day) }
        }
        if checkTraces { problems += TraceCheck.sweepProblems(sweep: sweep, points: points, base: scenario, root: traceRoot) }
        if !problems.isEmpty { throw ScenarioError(file: label, diagnostics: problems) }
        return (scenario, sweep, points)
    }

    /// Scenario files under `dir`, recursively, in byte order of their paths.
    static func scenarioFiles(in dir: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var files: [String] = []
        while let f = e.nextObject() as? String { if f.hasSuffix(".json") { files.append("\(dir)/\(f)") } }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
