/// README's metric tables, rendered from the catalogue: one Markdown table per study
/// (`MetricGroup`), each row a metric's name, unit and meaning, in `Metric.allCases` order.
/// README holds this text between `MetricTable.beginMarker` and `MetricTable.endMarker`; a test
/// checks it is the current rendering.
public enum MetricTable {
    public static let beginMarker = "<!-- metric tables: generated from Sources/MetricCatalogue, do not edit by hand -->"
    public static let endMarker = "<!-- end of metric tables -->"

    /// The Markdown of every group's table. O(metrics).
    public static func markdown() -> String {
        var s = ""
        for group in MetricGroup.allCases {
            s += "\n**\(group.title)**\n\n| metric | unit | meaning |\n|---|---|---|\n"
            for m in Metric.allCases where m.definition.group == group {
                let d = m.definition
                s += "| `\(m.name)` | \(d.units.joined(separator: ", ")) | \(d.meaning) |\n"
            }
        }
        return s + "\n"
    }
}
