import Foundation

/// A CSV table (RFC 4180): a header row and string cells, rendered with CRLF-free `\n` line ends
/// (as most tools expect) and quoting only where a cell needs it.
public struct CSVTable: Sendable {
    public var header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    /// Appends a row. - Precondition: it has as many cells as the header.
    public mutating func append(_ cells: [String]) {
        precondition(cells.count == header.count, "CSV row has \(cells.count) cells, header has \(header.count)")
        rows.append(cells)
    }

    /// The whole table as text. O(total cell length).
    public func render() -> String {
        var out = ""
        out.reserveCapacity(rows.count * header.count * 8)
        out += header.map(CSVTable.escape).joined(separator: ",") + "\n"
        for row in rows { out += row.map(CSVTable.escape).joined(separator: ",") + "\n" }
        return out
    }

    /// Quotes a cell when it holds a comma, quote, or line break.
    public static func escape(_ cell: String) -> String {
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }
}

/// One row of a tidy `summary.csv`: `scenario,variant,metric,value,unit`.
public struct SummaryRow: Sendable, Hashable {
    public var scenario: String
    public var variant: String
    public var metric: String
    public var value: Double
    public var unit: String
    public init(scenario: String, variant: String, metric: String, value: Double, unit: String) {
        self.scenario = scenario
        self.variant = variant
        self.metric = metric
        self.value = value
        self.unit = unit
    }

    public static let header = ["scenario", "variant", "metric", "value", "unit"]

    public static func table(_ rows: [SummaryRow]) -> CSVTable {
        var t = CSVTable(header: header)
        for r in rows { t.append([r.scenario, r.variant, r.metric, NumberFormat.format(r.value), r.unit]) }
        return t
    }
}
