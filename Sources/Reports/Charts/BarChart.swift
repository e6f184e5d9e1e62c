/// Dependency-free SVG charts. Each function returns one complete `<svg>` document (no XML
/// declaration, so it can be written to a `.svg` file or inlined in HTML as is), with a
/// `<title>` and a `<desc>` that states the plotted values in words. Output is deterministic:
/// the same arguments give the same bytes. Elements carry no `id`, so several charts can share
/// one HTML page.
public enum SVGChart {}

extension SVGChart {
    /// A bar chart: one group per category, one bar per series inside a group (or, with
    /// `stacked`, the series piled on one bar: positive values upward, negative downward).
    ///
    /// - Parameters:
    ///   - title: shown on top and as the accessible name.
    ///   - categories: the x axis, left to right.
    ///   - series: each with one value per category (missing trailing values count as n/a).
    ///   - unit: the y axis title, also appended to values in tooltips and the description.
    ///   - description: optional sentence put before the generated list of values in `<desc>`.
    /// The y axis always includes 0. A legend is drawn when there is more than one series.
    /// O(categories × series).
    public static func bar(title: String, categories: [String], series: [BarSeries], unit: String,
                           description: String = "", stacked: Bool = false) -> String {
        var svg = SVGCanvas()
        Axes.drawTitle(title, into: &svg)
        let legendEntries = series.count > 1
            ? series.enumerated().map { (name: $0.element.name, mark: LegendMark.box(color: Palette.color($0.offset), opacity: Palette.opacity($0.offset))) }
            : []
        let legend = LegendLayout(legendEntries, top: ChartFrame.titleBaseline + 10, left: ChartFrame.left, right: ChartFrame.width - ChartFrame.right)
        var frame = ChartFrame(plotTop: ChartFrame.titleBaseline + 10 + legend.height + 14)
        // Long category names are turned 30° so neighbours do not overlap.
        let slot = categories.isEmpty ? frame.plotWidth : frame.plotWidth / Double(categories.count)
        let widest = categories.map { Markup.textWidth($0, fontSize: ChartFrame.fontSize) }.max() ?? 0
        let rotateLabels = widest > slot - 6
        if rotateLabels { frame.plotBottom = ChartFrame.height - 20 - min(widest, 140) * 0.5 - 14 }
        legend.draw(into: &svg)

        func value(_ s: Int, _ c: Int) -> Double {
            c < series[s].values.count ? series[s].values[c] : .nan
        }
        // Extent: each bar, or each stack's positive and negative totals.
        var extent: [Double] = []
        for c in categories.indices {
            if stacked {
                var up = 0.0, down = 0.0
                for s in series.indices where value(s, c).isFinite {
                    if value(s, c) >= 0 { up += value(s, c) } else { down += value(s, c) }
                }
                extent += [up, down]
            } else {
                for s in series.indices { extent.append(value(s, c)) }
            }
        }
        let y = LinearScale(covering: extent, rangeStart: frame.plotBottom, rangeEnd: frame.plotTop, includeZero: true)
        Axes.drawY(y, frame: frame, title: unit, into: &svg)
        if categories.isEmpty || series.isEmpty || !extent.contains(where: \.isFinite) {
            Axes.drawNoData(frame: frame, into: &svg)
        }

        let zero = y.map(0)
        let groupWidth = slot * 0.72
        let barWidth = stacked || series.isEmpty ? groupWidth : groupWidth / Double(series.count)
        svg.open("g", [("class", "bars")])
        for (c, category) in categories.enumerated() {
            let groupLeft = frame.plotLeft + Double(c) * slot + (slot - groupWidth) / 2
            var up = 0.0, down = 0.0
            for s in series.indices {
                let v = value(s, c)
                let x = stacked ? groupLeft : groupLeft + Double(s) * barWidth
                let tip = "\(category), \(series[s].name): \(Markup.value(v, significant: 6)) \(unit)"
                guard v.isFinite else {
                    if !stacked { svg.text("n/a", x: x + barWidth / 2, y: zero - 4, anchor: "middle", size: 10, fill: "#666666") }
                    continue
                }
                var from = 0.0, to = v
                if stacked {
                    if v >= 0 { from = up; up += v; to = up } else { from = down; down += v; to = down }
                }
                let top = y.map(max(from, to)), bottom = y.map(min(from, to))
                svg.rect(x: x, y: top, width: barWidth, height: bottom - top, fill: Palette.color(s),
                         opacity: Palette.opacity(s), stroke: stacked ? "#FFFFFF" : nil, tooltip: tip, cssClass: "bar")
                if !stacked && barWidth >= 24 {
                    let labelY = v >= 0 ? top - 4 : bottom + 13
                    svg.text(Markup.value(v, significant: 3), x: x + barWidth / 2, y: labelY, anchor: "middle", size: 11)
                }
            }
            if stacked && !series.isEmpty {
                svg.text(Markup.value(up + down, significant: 3), x: groupLeft + barWidth / 2, y: y.map(up) - 4, anchor: "middle", size: 11)
            }
            // Category label under the group.
            let cx = frame.plotLeft + (Double(c) + 0.5) * slot
            if rotateLabels {
                let shown = category.count > 24 ? String(category.prefix(23)) + "…" : category
                svg.text(shown, x: cx, y: frame.plotBottom + 14, anchor: "end", rotate: -30)
            } else {
                svg.text(category, x: cx, y: frame.plotBottom + 18, anchor: "middle")
            }
        }
        svg.close("g")
        svg.line(x1: frame.plotLeft, y1: frame.plotBottom, x2: frame.plotRight, y2: frame.plotBottom, stroke: Axes.axisColor)
        if !y.ticks.contains(0) {
            svg.line(x1: frame.plotLeft, y1: zero, x2: frame.plotRight, y2: zero, stroke: Axes.axisColor)
        }

        var desc = description.isEmpty ? "" : description + " "
        desc += stacked ? "Stacked bar chart" : "Bar chart"
        desc += " of \(categories.count) categories, values in \(unit)."
        for (s, ser) in series.enumerated() {
            let items = categories.indices.map { "\(categories[$0]) \(Markup.value(value(s, $0), significant: 4))" }
            desc += " \(ser.name): " + items.joined(separator: ", ") + "."
        }
        return SVGCanvas.document(title: title, description: desc, body: svg.body)
    }
}
