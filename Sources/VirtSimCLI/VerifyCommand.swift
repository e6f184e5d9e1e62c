import Foundation
import Reports
import Scenario

enum VerifyCommand {
    /// The shipped catalogue of published figures, relative to the project folder.
    static let catalogue = "scenarios/expectations.csv"

    static let help = """
    OVERVIEW: Run scenarios and compare their metrics with expected bands.

    USAGE: virtsim verify [--expectations <file>] [--out <file>] [--only <figure>] [--traces <dir>]

    Reads the bands (default: the shipped catalogue of published figures, \(catalogue), which
    needs the project folder as the current directory), runs every scenario the bands name once,
    prints id, expected band, simulated value and pass/fail for every band, writes the table
    (figure,scenario,quantity,expected_low,expected_high,simulated,unit,status,source,note) and
    exits 1 if any band is missed. Bands whose scenario needs the PlanetLab traces are skipped
    without them.

    An expectations file is CSV with the header scenario,variant,metric,low,high,source (any
    order; optional figure, unit, note) or JSON {"expectations": [{...the same keys...}]}:
      scenario   a scenario file, relative to the expectations file, or built-in:X1|X2|M2
      variant    a variant of the scenario's summary.csv, or ratio:A:B / difference:A:B
      metric     a metric of summary.csv
      low, high  the band (inf / -inf or empty for an open side)
      source     where the band comes from (required)

    OPTIONS:
      --expectations <file>   Bands to check (default: \(catalogue)).
      --out <file>            Where to write the table (default: out/verify.csv for the
                              catalogue, nothing for another file unless given; 'virtsim
                              regenerate' writes results/verify.csv).
      --only <figure>         Check only the bands whose figure column is this (e.g. S1, X2).
      --traces <dir>          PlanetLab trace root (default: $VIRTSIM_TRACES).
      -h, --help              Show help information.

    Exit status: 0 every band met, 1 a band missed, 2 bad usage or input.
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: ["out", "only", "traces", "expectations"], flags: [],
                                           maxPositionals: 0, console: console)
        guard let parsed = p else { return early! }
        let file = parsed.options["expectations"] ?? catalogue
        var expectations: [Expectation]
        do {
            expectations = try ExpectationsFile.read(file)
        } catch let e as ScenarioError {
            console.err("Error: " + e.description)
            return .badInput
        } catch {
            let hint = parsed.options["expectations"] == nil ? "\n(run from the project folder, or give --expectations FILE)" : ""
            console.err("Error: \(error)\(hint)")
            return .badInput
        }
        if let only = parsed.options["only"] {
            let known = expectations.map(\.figure).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            guard known.contains(only) else {
                console.err("Error: unknown figure '\(only)'; expected one of \(known.joined(separator: ", "))")
                return .badInput
            }
            expectations = expectations.filter { $0.figure == only }
        }
        let checks: [FigureCheck]
        do {
            checks = try ExpectationCheck.run(expectations, file: file, context: RunContext(
                traceRoot: resolveTraceRoot(parsed), progress: { console.progress($0) }))
        } catch let e as ScenarioError {
            console.err("Error: " + e.description)
            return .badInput
        } catch {
            console.err("Error: \(error)")
            return .badInput
        }
        console.out(render(checks))
        if let out = parsed.options["out"] ?? (parsed.options["expectations"] == nil ? "out/verify.csv" : nil) {
            do {
                try ResultWriter.standard.replaceFile(out, with: Data(table(checks).render().utf8))
            } catch {
                console.err("Error: \(error.message)")
                return .badInput
            }
        }
        let failed = checks.filter { !$0.passed && !$0.skipped }
        let skipped = checks.filter(\.skipped).count
        console.out("\(checks.count - failed.count - skipped) of \(checks.count - skipped) checks pass" +
                    (skipped == 0 ? "" : " (\(skipped) skipped)") +
                    (failed.isEmpty ? "" : "; failing: " + failed.map { [$0.figure, $0.quantity].filter { !$0.isEmpty }.joined(separator: " ") }.joined(separator: ", ")))
        return failed.isEmpty ? .success : .verificationFailed
    }

    static func table(_ checks: [FigureCheck]) -> CSVTable {
        var t = CSVTable(header: ["figure", "scenario", "quantity", "expected_low", "expected_high", "simulated", "unit", "status",
                                  "source", "note"])
        for c in checks {
            t.append([c.figure, c.scenario, c.quantity, NumberFormat.format(c.expectedLow), NumberFormat.format(c.expectedHigh),
                      c.simulated.map { NumberFormat.format($0) } ?? "", c.unit, c.status, c.citation, c.note])
        }
        return t
    }

    static func render(_ checks: [FigureCheck]) -> String {
        var rows = [["id", "quantity", "expected", "simulated", "unit", "status"]]
        for c in checks {
            rows.append([c.figure, c.quantity,
                         "\(NumberFormat.format(c.expectedLow, significant: 4))–\(NumberFormat.format(c.expectedHigh, significant: 4))",
                         c.simulated.map { NumberFormat.format($0, significant: 4) } ?? "n/a", c.unit,
                         c.skipped ? "skipped" : c.passed ? "pass" : "FAIL"])
        }
        return TextTable.render(rows)
    }
}

/// A plain fixed-width text table for the terminal.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        var widths = Array(repeating: 0, count: first.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        var lines: [String] = []
        for (k, r) in rows.enumerated() {
            lines.append(r.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces())
            if k == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
