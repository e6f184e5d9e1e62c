import Foundation
import Reports
import Scenario

/// Checks expectations against what the model produces: each scenario named in the file is
/// loaded and run once (its base scenario; its sweep is not part of a band), `built-in:ID` rows
/// read `BuiltInMeasurements`. A row whose scenario needs the PlanetLab traces is skipped when
/// no trace root is given.
enum ExpectationCheck {
    /// One scenario's values: (variant, metric) → value, unit and note.
    struct Values {
        var rows: [String: (value: Double?, unit: String, note: String)] = [:]
        var skipped: String?
        func value(_ variant: String, _ metric: String) -> (value: Double?, unit: String, note: String)? { rows["\(variant)\u{1F}\(metric)"] }
    }

    /// Checks `expectations` (read from `file`), scenarios in order of first appearance.
    static func run(_ expectations: [Expectation], file: String, context: RunContext) throws -> [FigureCheck] {
        let folder = (file as NSString).deletingLastPathComponent
        var cache: [String: Values] = [:]
        var checks: [FigureCheck] = []
        for e in expectations {
            if cache[e.scenario] == nil { cache[e.scenario] = try values(of: e.scenario, folder: folder, context: context, origin: e.origin) }
            checks.append(check(e, against: cache[e.scenario]!))
        }
        return checks
    }

    /// The band of `e` against `values`; `ratio:A:B` and `difference:A:B` combine two variants.
    static func check(_ e: Expectation, against values: Values) -> FigureCheck {
        var simulated: Double?
        var unit = e.unit
        var notes: [String] = e.note.isEmpty ? [] : [e.note]
        let parts = e.variant.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if let skip = values.skipped {
            notes.append(skip)
        } else if parts.count == 3, parts[0] == "ratio" || parts[0] == "difference" {
            let a = values.value(parts[1], e.metric), b = values.value(parts[2], e.metric)
            if let x = a?.value, let y = b?.value {
                simulated = parts[0] == "ratio" ? (y != 0 ? x / y : nil) : x - y
            } else {
                notes.append("no \(e.metric) for variant \(a == nil ? parts[1] : parts[2]) in \(e.scenario)")
            }
        } else if let v = values.value(e.variant, e.metric) {
            simulated = v.value
            if unit.isEmpty { unit = v.unit }
            if !v.note.isEmpty { notes.append(v.note) }
        } else {
            notes.append("no metric \(e.metric) for variant \(e.variant) in \(e.scenario)")
        }
        var c = FigureCheck(figure: e.figure, quantity: e.quantity, expectedLow: e.low, expectedHigh: e.high,
                            simulated: simulated, unit: unit, citation: e.source, scenario: e.scenario,
                            note: notes.joined(separator: " "))
        c.skipped = values.skipped != nil
        return c
    }

    static func values(of scenario: String, folder: String, context: RunContext, origin: String) throws -> Values {
        var out = Values()
        if scenario.hasPrefix("built-in:") {
            let id = String(scenario.dropFirst("built-in:".count))
            guard let ms = try BuiltInMeasurements.measurements(id) else {
                throw InputError(message: "\(origin): unknown \(scenario); expected a scenario file or one of \(BuiltInMeasurements.ids.map { "built-in:\($0)" }.joined(separator: ", "))")
            }
            for m in ms { out.rows["\(m.variant)\u{1F}\(m.metric)"] = (m.value, m.unit, m.note) }
            return out
        }
        let path = scenario.hasPrefix("/") || folder.isEmpty ? scenario : folder + "/" + scenario
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(message: "\(origin): scenario \(path) does not exist; expected a scenario file relative to the expectations file, or built-in:ID")
        }
        let unchecked = try ScenarioLoader.load(path, traceRoot: context.traceRoot, day: nil, checkTraces: false)
        if unchecked.isPlanetLab, context.traceRoot?.isEmpty ?? true {
            out.skipped = "skipped: needs the PlanetLab traces (--traces or VIRTSIM_TRACES)"
            return out
        }
        // The run takes the trace days the check read: each day is read once.
        let loaded = try ScenarioLoader.loadResolved(path, traceRoot: context.traceRoot)
        var runContext = context
        runContext.traceDays = loaded.traceDays
        for r in try StudyRunner.run(loaded.base, context: runContext).summary {
            out.rows["\(r.variant)\u{1F}\(r.metric)"] = (r.value, r.unit, "")
        }
        return out
    }
}
