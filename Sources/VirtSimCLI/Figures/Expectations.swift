import Foundation
import Scenario

/// One expected band: a scenario's metric for one variant must lie in [low, high].
///
/// Files (`verify --expectations FILE`, and the shipped catalogue `scenarios/expectations.csv`)
/// are CSV with a header naming at least `scenario,variant,metric,low,high,source` (any order;
/// optional `figure`, `unit`, `note`), or JSON: `{"expectations": [{…same keys…}]}`.
///
/// - `scenario`: a scenario file, relative to the expectations file's folder, or `built-in:ID` for
///   the quantities the catalogue computes without a scenario file (`BuiltInMeasurements`).
/// - `variant`: a variant of that scenario's `summary.csv`, or `ratio:A:B` / `difference:A:B` of
///   the metric between two variants.
/// - `low`, `high`: numbers; `-inf` / `inf` (or empty) for an open side.
/// - `source`: where the band comes from (publication, table, or "analytic: …"); required.
struct Expectation: Sendable, Hashable {
    var figure: String
    var scenario: String
    var variant: String
    var metric: String
    var low: Double
    var high: Double
    var unit: String
    var source: String
    var note: String
    /// Where the row is (`file:line` or `file $.expectations[i]`), for messages.
    var origin: String

    /// `variant.metric`, as `verify.csv` names the compared quantity.
    var quantity: String { "\(variant).\(metric)" }

    static let requiredColumns = ["scenario", "variant", "metric", "low", "high", "source"]
    static let optionalColumns = ["figure", "unit", "note"]
}

enum ExpectationsFile {
    /// Reads a CSV or JSON expectations file (by its extension). Throws `InputError` naming the
    /// file and line (CSV) or JSON path of every problem.
    static func read(_ path: String) throws -> [Expectation] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(message: "\(path): cannot read the expectations file (missing, unreadable or not UTF-8)")
        }
        return path.hasSuffix(".json") ? try readJSON(text, file: path) : try readCSV(text, file: path)
    }

    static func readCSV(_ text: String, file: String) throws -> [Expectation] {
        var problems: [String] = []
        var rows: [Expectation] = []
        var header: [String] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = i + 1
            var line = raw
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.allSatisfy(\.isWhitespace) { continue }
            guard let fields = csvFields(line) else {
                problems.append("\(file):\(lineNumber): unbalanced quotes; expected RFC 4180 quoting (\"a, b\", \"\"\"\" for a quote)")
                continue
            }
            if header.isEmpty {
                header = fields
                for name in header where !(Expectation.requiredColumns + Expectation.optionalColumns).contains(name) {
                    problems.append("\(file):1: unknown column \"\(name)\"; expected \(Expectation.requiredColumns.joined(separator: ", ")) and optionally \(Expectation.optionalColumns.joined(separator: ", "))")
                }
                for name in Expectation.requiredColumns where !header.contains(name) {
                    problems.append("\(file):1: missing column \"\(name)\"; the header needs \(Expectation.requiredColumns.joined(separator: ","))")
                }
                if !problems.isEmpty { break }
                continue
            }
            guard fields.count == header.count else {
                problems.append("\(file):\(lineNumber): found \(fields.count) fields; expected \(header.count) as in the header")
                continue
            }
            var cells: [String: String] = [:]
            for (k, v) in zip(header, fields) { cells[k] = v }
            switch row(cells, origin: "\(file):\(lineNumber)") {
            case .success(let e): rows.append(e)
            case .failure(let e): problems += e.messages
            }
        }
        if header.isEmpty && problems.isEmpty { problems.append("\(file): empty; expected a header and at least one band") }
        if !problems.isEmpty { throw InputError(message: problems.joined(separator: "\n")) }
        return rows
    }

    static func readJSON(_ text: String, file: String) throws -> [Expectation] {
        let root: JSONValue
        do { root = try JSONParser.parse(text) } catch { throw InputError(message: "\(file): not valid JSON: \(error)") }
        let log = DiagnosticLog()
        var rows: [Expectation] = []
        if var top = ObjectReader(root, path: "$", log: log) {
            for (value, path) in top.array("expectations", required: true, nonEmpty: true) ?? [] {
                guard case .object(let members) = value else { log.add(path, "expected an object, found \(value.brief)"); continue }
                var cells: [String: String] = [:]
                for (k, v) in members {
                    guard (Expectation.requiredColumns + Expectation.optionalColumns).contains(k) else {
                        log.add("\(path).\(k)", "unknown key; expected one of \((Expectation.requiredColumns + Expectation.optionalColumns).joined(separator: ", "))")
                        continue
                    }
                    switch v {
                    case .string(let s): cells[k] = s
                    case .number(_, let t): cells[k] = t
                    default: log.add("\(path).\(k)", "expected a string or a number, found \(v.brief)")
                    }
                }
                switch row(cells, origin: "\(file) \(path)") {
                case .success(let e): rows.append(e)
                case .failure(let e): for m in e.messages { log.add(path, m) }
                }
            }
            top.finish()
        }
        if !log.isEmpty { throw ScenarioError(file: file, diagnostics: log.items) }
        return rows
    }

    struct RowProblems: Error { var messages: [String] }

    /// One row's cells into an expectation, or every problem with the row.
    static func row(_ c: [String: String], origin: String) -> Result<Expectation, RowProblems> {
        var problems: [String] = []
        func text(_ k: String, required: Bool) -> String {
            let v = c[k] ?? ""
            if required && v.allSatisfy(\.isWhitespace) { problems.append("\(origin): \(k) is empty; expected \(k == "source" ? "where the band comes from" : "a value")") }
            return v
        }
        func bound(_ k: String, open: Double) -> Double {
            let v = (c[k] ?? "").trimmingCharacters(in: .whitespaces)
            if v.isEmpty { return open }
            switch v {
            case "inf", "+inf", "infinity": return .infinity
            case "-inf", "-infinity": return -.infinity
            default:
                guard let x = Double(v), x.isFinite else {
                    problems.append("\(origin): \(k) \"\(v)\" is not a number; expected a number, inf or -inf")
                    return .nan
                }
                return x
            }
        }
        let low = bound("low", open: -.infinity), high = bound("high", open: .infinity)
        if low > high { problems.append("\(origin): low \(low) is above high \(high)") }
        let variant = text("variant", required: true)
        if variant.hasPrefix("ratio:") || variant.hasPrefix("difference:") {
            if variant.split(separator: ":", omittingEmptySubsequences: false).count != 3 {
                problems.append("\(origin): variant \"\(variant)\"; expected ratio:A:B or difference:A:B with two variant names")
            }
        }
        let e = Expectation(figure: text("figure", required: false), scenario: text("scenario", required: true),
                            variant: variant, metric: text("metric", required: true), low: low, high: high,
                            unit: text("unit", required: false), source: text("source", required: true),
                            note: text("note", required: false), origin: origin)
        return problems.isEmpty ? .success(e) : .failure(RowProblems(messages: problems))
    }

    /// Splits one CSV line with RFC 4180 quoting (no line breaks inside fields); nil on an
    /// unterminated quote.
    static func csvFields(_ line: Substring) -> [String]? {
        var out: [String] = []
        var field = ""
        var quoted = false
        var i = line.startIndex
        while i < line.endIndex {
            let ch = line[i]
            if quoted {
                if ch == "\"" {
                    let next = line.index(after: i)
                    if next < line.endIndex && line[next] == "\"" { field.append("\""); i = next } else { quoted = false }
                } else {
                    field.append(ch)
                }
            } else if ch == "\"" && field.isEmpty {
                quoted = true
            } else if ch == "," {
                out.append(field)
                field = ""
            } else {
                field.append(ch)
            }
            i = line.index(after: i)
        }
        if quoted { return nil }
        out.append(field)
        return out
    }
}
