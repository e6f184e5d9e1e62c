import Foundation
import Reports

enum VerifyCommand {
    static let help = """
    OVERVIEW: Run the catalogue of published figures and compare each with its expected band.

    USAGE: virtsim verify [--out <file>] [--only <id>] [--traces <dir>]

    Prints id, expected band, simulated value and pass/fail for every figure, writes the table to
    out/verify.csv (figure,quantity,expected_low,expected_high,simulated,unit,status) and exits
    1 if any figure fails ('virtsim regenerate' writes it to results/verify.csv).

    OPTIONS:
      --out <file>            Where to write the table (default: out/verify.csv).
      --only <id>             Run only the figures with this id (e.g. S1, S2, X1, X2, M1, M2).
      --traces <dir>          PlanetLab trace root (default: $VIRTSIM_TRACES).
      -h, --help              Show help information.
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: ["out", "only", "traces"], flags: [],
                                           maxPositionals: 0, console: console)
        guard let parsed = p else { return early! }
        let only = parsed.options["only"]
        let known = FigureCatalogue.ids
        if let only, !known.contains(only) {
            console.err("Error: unknown figure '\(only)'; expected one of \(known.joined(separator: ", "))")
            return .badInput
        }
        let checks: [FigureCheck]
        do {
            checks = try FigureCatalogue.run(only: only, context: RunContext(
                traceRoot: resolveTraceRoot(parsed), progress: { console.progress($0) }))
        } catch {
            console.err("Error: \(error)")
            return .badInput
        }
        console.out(render(checks))
        do {
            try ResultWriter.standard.replaceFile(parsed.options["out"] ?? "out/verify.csv", with: Data(table(checks).render().utf8))
        } catch {
            console.err("Error: \(error.message)")
            return .badInput
        }
        let failed = checks.filter { !$0.passed }
        console.out("\(checks.count - failed.count) of \(checks.count) checks pass" +
                    (failed.isEmpty ? "" : "; failing: " + failed.map { "\($0.figure) \($0.quantity)" }.joined(separator: ", ")))
        return failed.isEmpty ? .success : .verificationFailed
    }

    static func table(_ checks: [FigureCheck]) -> CSVTable {
        var t = CSVTable(header: ["figure", "quantity", "expected_low", "expected_high", "simulated", "unit", "status"])
        for c in checks {
            t.append([c.figure, c.quantity, NumberFormat.format(c.expectedLow), NumberFormat.format(c.expectedHigh),
                      c.simulated.map { NumberFormat.format($0) } ?? "", c.unit, c.passed ? "pass" : "fail"])
        }
        return t
    }

    static func render(_ checks: [FigureCheck]) -> String {
        var rows = [["id", "quantity", "expected", "simulated", "unit", "status"]]
        for c in checks {
            rows.append([c.figure, c.quantity,
                         "\(NumberFormat.format(c.expectedLow, significant: 4))–\(NumberFormat.format(c.expectedHigh, significant: 4))",
                         c.simulated.map { NumberFormat.format($0, significant: 4) } ?? "n/a", c.unit, c.passed ? "pass" : "FAIL"])
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
