/// Reading tables back: by column name, and from CSV text (so charts can be drawn from a
/// results folder as well as from a run in memory).
extension CSVTable {
    /// The index of the column named `name`, or nil. O(columns).
    public func columnIndex(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The cells of column `name`, top to bottom, or nil when there is no such column. O(rows).
    public func column(_ name: String) -> [String]? {
        guard let i = columnIndex(name) else { return nil }
        return rows.map { $0[i] }
    }

    /// The cells of column `name` as numbers ("nan" and unparsable cells become NaN), or nil
    /// when there is no such column. O(rows).
    public func numbers(_ name: String) -> [Double]? {
        column(name)?.map { Double($0) ?? .nan }
    }

    /// A problem found while reading CSV text.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "CSV line \(line): \(message)" }
    }

    /// Parses RFC 4180 text (as `render()` writes it, or with CRLF line ends): the first record
    /// is the header; quoted cells may hold commas, quotes (doubled) and line breaks.
    /// - Throws: `ParseError` on an unterminated quote or a record with the wrong cell count.
    /// O(length).
    public static func parse(_ text: String) throws -> CSVTable {
        var records: [(cells: [String], line: Int)] = []
        var record: [String] = []
        var cell = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let ch = next() {
            if quoted {
                if ch == "\"" {
                    if let after = next() {
                        if after == "\"" { cell.unicodeScalars.append("\"") } else { quoted = false; pending = after }
                    } else {
                        quoted = false
                    }
                } else {
                    if ch == "\n" { line += 1 }
                    cell.unicodeScalars.append(ch)
                }
                continue
            }
            switch ch {
            case "\"" where cell.isEmpty: quoted = true
            case ",":
                record.append(cell)
                cell = ""
            case "\r": break
            case "\n":
                record.append(cell)
                cell = ""
                records.append((record, recordLine))
                record = []
                line += 1
                recordLine = line
            default: cell.unicodeScalars.append(ch)
            }
        }
        if quoted { throw ParseError(line: recordLine, message: "unterminated quoted cell") }
        if !cell.isEmpty || !record.isEmpty {
            record.append(cell)
            records.append((record, recordLine))
        }
        guard let header = records.first?.cells else { throw ParseError(line: 1, message: "no header") }
        var table = CSVTable(header: header)
        for r in records.dropFirst() {
            // An empty line carries no record.
            if r.cells == [""] { continue }
            guard r.cells.count == header.count else {
                throw ParseError(line: r.line, message: "\(r.cells.count) cells, header has \(header.count)")
            }
            table.append(r.cells)
        }
        return table
    }
}

extension SummaryRow {
    /// The rows of a parsed `summary.csv` (columns found by name; unparsable values become
    /// NaN). Empty when a column is missing. O(rows).
    public static func rows(from table: CSVTable) -> [SummaryRow] {
        guard let s = table.columnIndex("scenario"), let v = table.columnIndex("variant"), let m = table.columnIndex("metric"),
              let x = table.columnIndex("value"), let u = table.columnIndex("unit") else { return [] }
        return table.rows.map { SummaryRow(scenario: $0[s], variant: $0[v], metric: $0[m], value: Double($0[x]) ?? .nan, unit: $0[u]) }
    }
}
