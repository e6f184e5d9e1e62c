import VirtModel

/// A user's own SPECpower table as a CSV file, the form a SPECpower_ssj2008 result page's
/// "Average Active Power (W)" column is easily copied into:
///
///     load_percent,watts
///     0,86
///     10,89.4
///     …
///     100,117
///
/// The header names the columns and their units (target load in percent of the calibrated
/// maximum, average active power in watts). One row per SPECpower target load: 0 (active idle),
/// 10, 20, …, 100, each once, in increasing order; watts must not decrease with load. Blank lines
/// and lines starting with `#` (a note, e.g. the result id) are skipped. A power table document
/// names the file with `"table": "<file>.csv"` instead of `"watts"` (see `PowerTableDocument`).
///
/// Only the 11 SPECpower levels are accepted: VirtSim's power model interpolates linearly between
/// exactly those points (`SpecPowerModel`), and resampling another set of points onto them would
/// silently change the user's curve.
public enum PowerTableCSV {
    /// The header line, column names with their units.
    public static let header = "load_percent,watts"
    /// The target loads of a SPECpower_ssj2008 result, percent.
    public static let loads = Array(stride(from: 0, through: 100, by: 10))

    /// Every problem of `text` (the contents of `file`), each as `file:line: found …; expected …`,
    /// or the 11 watts from 0 % to 100 % load. O(lines).
    public static func parse(_ text: String, file: String) -> Result<[Double], PowerTableCSVError> {
        var problems: [String] = []
        func problem(_ line: Int, _ message: String) { problems.append("\(file):\(line): \(message)") }
        var sawHeader = false
        var rows: [(line: Int, load: Int, watts: Double)] = []
        var lastLine = 0
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let n = i + 1
            var line = raw
            if line.last == "\r" { line = line.dropLast() }
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            lastLine = n
            let fields = TraceLines.fields(trimmed)
            if !sawHeader {
                sawHeader = true
                if fields.map(String.init) != ["load_percent", "watts"] {
                    problem(n, "found header \"\(trimmed)\"; expected \"\(header)\" (target load in %, average active power in W)")
                }
                continue
            }
            guard fields.count == 2 else {
                problem(n, "found \(fields.count) fields; expected 2 (load_percent, watts)")
                continue
            }
            let load = Double(fields[0])
            let watts = Double(fields[1])
            var ok = true
            if load == nil || !loads.contains(where: { Double($0) == load! }) {
                problem(n, "found load \"\(fields[0])\"; expected a SPECpower target load in percent: one of 0, 10, 20, …, 100")
                ok = false
            }
            if let w = watts, w.isFinite, w >= 0, w <= 1_000_000 {} else {
                problem(n, "found watts \"\(fields[1])\"; expected a number of watts in [0, 1000000]")
                ok = false
            }
            guard ok, let load, let watts else { continue }
            if let last = rows.last {
                if Int(load) <= last.load {
                    problem(n, "found load \(Int(load)) after \(last.load) (line \(last.line)); expected each load once, in increasing order")
                    continue
                }
                if watts < last.watts {
                    problem(n, "found \(fmt(watts)) W at \(Int(load)) % after \(fmt(last.watts)) W at \(last.load) %; expected watts that do not decrease with load")
                }
            }
            rows.append((n, Int(load), watts))
        }
        if !sawHeader { problem(max(lastLine, 1), "empty; expected the header \"\(header)\" and 11 rows, 0 to 100 % load") }
        else {
            let missing = loads.filter { l in !rows.contains { $0.load == l } }
            if !missing.isEmpty && problems.isEmpty {
                problem(lastLine, "missing load\(missing.count == 1 ? "" : "s") " + missing.map(String.init).joined(separator: ", ")
                        + " %; expected one row per SPECpower target load, 0, 10, …, 100")
            }
        }
        guard problems.isEmpty, rows.count == loads.count else { return .failure(PowerTableCSVError(problems: problems)) }
        return .success(rows.map(\.watts))
    }

    /// Reads and parses the file at `path`.
    public static func read(_ path: String) -> Result<[Double], PowerTableCSVError> {
        var lines: [String] = []
        do {
            try TraceLines.forEach(path) { (_, line) in lines.append(String(line)) }
        } catch {
            return .failure(PowerTableCSVError(problems: ["\(error)"]))
        }
        return parse(lines.joined(separator: "\n"), file: path)
    }

    private static func fmt(_ x: Double) -> String { JSONText.number(x) }
}

/// The problems of a power table CSV file, each `file:line: …`.
public struct PowerTableCSVError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}
