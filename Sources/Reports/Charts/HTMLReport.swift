/// One section of a report page: a heading, an optional explanatory paragraph and a chart.
public struct ReportSection: Sendable, Hashable {
    public var heading: String
    /// Plain text (escaped when written): what the chart shows and how to read it.
    public var text: String
    /// A complete `<svg>` document from `SVGChart` (inlined as is: it is trusted markup).
    public var svg: String
    /// The `.svg` file holding the same chart, linked under the figure (empty: no link).
    public var file: String

    public init(heading: String, text: String = "", svg: String, file: String = "") {
        self.heading = heading
        self.text = text
        self.svg = svg
        self.file = file
    }
}

/// One self-contained HTML page per run: title, the summary as a table, the charts inline.
/// No scripts, no fonts, no stylesheets or images from elsewhere: the file reads offline and
/// can be mailed or archived alone. Output is deterministic (no dates, no generated ids).
public enum HTMLReport {
    /// The whole page.
    ///
    /// - Parameters:
    ///   - title: page title and top heading.
    ///   - intro: a paragraph under the heading (plain text; may be empty).
    ///   - summary: tidy summary rows, shown by `summaryTable`.
    ///   - sections: charts, in order.
    ///   - files: names of the run's other files (CSV tables), listed with relative links.
    ///   - provenance: label and value pairs saying what the results come from (version, input
    ///     hashes, seed), shown last; never the run's time or machine, so the page stays
    ///     identical between identical runs.
    /// O(total size).
    public static func page(title: String, intro: String = "", summary: [SummaryRow], sections: [ReportSection],
                            files: [String] = [], provenance: [(label: String, value: String)] = []) -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>" + Markup.escape(title) + "</title>\n"
        h += "<style>\n" + style + "</style>\n</head>\n<body>\n<main>\n"
        h += "<h1>" + Markup.escape(title) + "</h1>\n"
        if !intro.isEmpty { h += "<p>" + Markup.escape(intro) + "</p>\n" }
        if !sections.isEmpty {
            h += "<nav aria-label=\"Contents\">\n<ul>\n<li><a href=\"#summary\">Summary</a></li>\n"
            for (i, s) in sections.enumerated() {
                h += "<li><a href=\"#chart-\(i + 1)\">" + Markup.escape(s.heading) + "</a></li>\n"
            }
            h += "</ul>\n</nav>\n"
        }
        h += "<section id=\"summary\">\n<h2>Summary</h2>\n"
        h += "<p class=\"note\">Values rounded to 4 significant digits; summary.csv holds them in full.</p>\n"
        h += summaryTable(summary)
        h += "</section>\n"
        for (i, s) in sections.enumerated() {
            h += "<section id=\"chart-\(i + 1)\">\n<h2>" + Markup.escape(s.heading) + "</h2>\n"
            if !s.text.isEmpty { h += "<p>" + Markup.escape(s.text) + "</p>\n" }
            h += "<figure>\n" + s.svg
            if !s.file.isEmpty {
                h += "<figcaption><a href=\"" + Markup.escape(s.file) + "\">" + Markup.escape(s.file) + "</a></figcaption>\n"
            }
            h += "</figure>\n</section>\n"
        }
        if !files.isEmpty {
            h += "<section id=\"files\">\n<h2>Files of this run</h2>\n<ul>\n"
            for f in files { h += "<li><a href=\"" + Markup.escape(f) + "\">" + Markup.escape(f) + "</a></li>\n" }
            h += "</ul>\n</section>\n"
        }
        if !provenance.isEmpty {
            h += "<section id=\"provenance\">\n<h2>Provenance</h2>\n<table>\n"
            for p in provenance {
                h += "<tr><th scope=\"row\">" + Markup.escape(p.label) + "</th><td>" + Markup.escape(p.value) + "</td></tr>\n"
            }
            h += "</table>\n<p class=\"note\">run.json holds the scenario as run; timing.json when and where it ran.</p>\n</section>\n"
        }
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    /// The summary as a table per scenario: one row per metric (with its unit), one column per
    /// variant, in the order they first appear. A metric a variant lacks shows "–".
    /// O(rows × variants).
    public static func summaryTable(_ rows: [SummaryRow]) -> String {
        guard !rows.isEmpty else { return "<p>No summary values.</p>\n" }
        var scenarios: [String] = []
        for r in rows where !scenarios.contains(r.scenario) { scenarios.append(r.scenario) }
        var h = ""
        for scenario in scenarios {
            let mine = rows.filter { $0.scenario == scenario }
            var variants: [String] = []
            var metrics: [(name: String, unit: String)] = []
            // Lookup only; display order comes from the arrays above.
            var cells: [String: Double] = [:]
            for r in mine {
                if !variants.contains(r.variant) { variants.append(r.variant) }
                if !metrics.contains(where: { $0.name == r.metric && $0.unit == r.unit }) { metrics.append((r.metric, r.unit)) }
                cells[r.variant + "\u{1F}" + r.metric + "\u{1F}" + r.unit] = r.value
            }
            h += "<table>\n"
            if scenarios.count > 1 { h += "<caption>" + Markup.escape(scenario) + "</caption>\n" }
            h += "<thead><tr><th scope=\"col\">metric</th><th scope=\"col\">unit</th>"
            for v in variants { h += "<th scope=\"col\" class=\"num\">" + Markup.escape(v) + "</th>" }
            h += "</tr></thead>\n<tbody>\n"
            for m in metrics {
                h += "<tr><th scope=\"row\">" + Markup.escape(m.name) + "</th><td>" + Markup.escape(m.unit) + "</td>"
                for v in variants {
                    let text = cells[v + "\u{1F}" + m.name + "\u{1F}" + m.unit].map { Markup.value($0, significant: 4) } ?? "–"
                    h += "<td class=\"num\">" + text + "</td>"
                }
                h += "</tr>\n"
            }
            h += "</tbody>\n</table>\n"
        }
        return h
    }

    static let style = """
    body { margin: 0; background: #F7F7F7; color: #222222; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    main { max-width: 780px; margin: 0 auto; padding: 1.5rem 1rem 3rem; background: #FFFFFF; }
    h1 { font-size: 1.6rem; margin-top: 0; }
    h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #DDDDDD; }
    nav ul { padding-left: 1.2rem; }
    table { border-collapse: collapse; font-size: 0.9rem; margin: 0.5rem 0; display: block; overflow-x: auto; }
    caption { text-align: left; font-weight: bold; }
    th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #E4E4E4; text-align: left; }
    thead th { border-bottom: 2px solid #999999; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .note { color: #555555; font-size: 0.9rem; }
    figure { margin: 0.5rem 0; }
    figure svg { max-width: 100%; height: auto; display: block; }
    figcaption { font-size: 0.85rem; }
    a { color: #0060A0; }

    """
}
