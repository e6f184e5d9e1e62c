extension SVGChart {
    /// A line chart: one line per series over linear x and y axes, each series in its own
    /// colour and dash pattern, with a legend when there is more than one series. Points are
    /// marked (with a tooltip) when a series has at most 60 of them.
    ///
    /// - Parameters:
    ///   - xLabel, yLabel: axis titles, with units, e.g. "time (h)".
    ///   - yIncludesZero: keep 0 on the y axis (default), so that levels compare honestly.
    ///   - xStep: distance between x ticks (default: a nice step giving about 8 ticks); pass
    ///     e.g. `SVGChart.hourStep(span:)` for a time axis in hours.
    ///   - description: optional sentence put before the generated summary in `<desc>`.
    /// O(total points).
    public static func line(title: String, xLabel: String, yLabel: String, series: [LineSeries],
                            description: String = "", yIncludesZero: Bool = true, xStep: Double? = nil) -> String {
        var svg = SVGCanvas()
        Axes.drawTitle(title, into: &svg)
        let legendEntries = series.count > 1
            ? series.enumerated().map { (name: $0.element.name, mark: LegendMark.line(color: Palette.color($0.offset), dash: Palette.dash($0.offset))) }
            : []
        let legend = LegendLayout(legendEntries, top: ChartFrame.titleBaseline + 10, left: ChartFrame.left, right: ChartFrame.width - ChartFrame.right)
        let frame = ChartFrame(plotTop: ChartFrame.titleBaseline + 10 + legend.height + 14)
        legend.draw(into: &svg)

        // Only points with both coordinates finite are drawn or shape the axes.
        var xs: [Double] = [], ys: [Double] = []
        for s in series {
            for i in s.x.indices where s.x[i].isFinite && s.y[i].isFinite {
                xs.append(s.x[i])
                ys.append(s.y[i])
            }
        }
        let x = LinearScale(covering: xs, rangeStart: frame.plotLeft, rangeEnd: frame.plotRight, tickCount: 8, step: xStep, includeZero: false)
        let y = LinearScale(covering: ys, rangeStart: frame.plotBottom, rangeEnd: frame.plotTop, includeZero: yIncludesZero)
        Axes.drawY(y, frame: frame, title: yLabel, into: &svg)
        Axes.drawX(x, frame: frame, title: xLabel, into: &svg)
        if xs.isEmpty { Axes.drawNoData(frame: frame, into: &svg) }

        for (k, s) in series.enumerated() {
            // A path of runs: "M" starts a run (also after a gap), "L" continues it.
            var d = ""
            var drawing = false
            for i in s.x.indices {
                guard s.x[i].isFinite && s.y[i].isFinite else { drawing = false; continue }
                d += (d.isEmpty ? "" : " ") + (drawing ? "L" : "M") + Markup.px(x.map(s.x[i])) + " " + Markup.px(y.map(s.y[i]))
                drawing = true
            }
            svg.open("g", [("class", "series")])
            svg.titled("title", s.name)
            if !d.isEmpty {
                var a: [(String, String)] = [("d", d), ("fill", "none"), ("stroke", Palette.color(k)), ("stroke-width", "2"),
                                             ("stroke-linejoin", "round")]
                if let dash = Palette.dash(k) { a.append(("stroke-dasharray", dash)) }
                svg.empty("path", a)
            }
            if s.x.count <= 60 {
                for i in s.x.indices where s.x[i].isFinite && s.y[i].isFinite {
                    svg.open("circle", [("cx", Markup.px(x.map(s.x[i]))), ("cy", Markup.px(y.map(s.y[i]))), ("r", "2.5"),
                                        ("fill", Palette.color(k))])
                    svg.titled("title", "\(s.name): \(xLabel) \(Markup.value(s.x[i], significant: 6)), \(yLabel) \(Markup.value(s.y[i], significant: 6))")
                    svg.close("circle")
                }
            }
            svg.close("g")
        }

        var desc = description.isEmpty ? "" : description + " "
        desc += "Line chart of \(yLabel) against \(xLabel)."
        for s in series {
            let pts = s.x.indices.filter { s.x[$0].isFinite && s.y[$0].isFinite }
            guard let first = pts.first, let last = pts.last else {
                desc += " \(s.name): no data."
                continue
            }
            let values = pts.map { s.y[$0] }
            let mean = values.reduce(0, +) / Double(values.count)
            desc += " \(s.name): \(pts.count) points from \(Markup.value(s.x[first])) to \(Markup.value(s.x[last])),"
            desc += " minimum \(Markup.value(values.min()!)), mean \(Markup.value(mean)), maximum \(Markup.value(values.max()!))."
        }
        return SVGCanvas.document(title: title, description: desc, body: svg.body)
    }
}

extension SVGChart {
    /// A tick step for a time axis in hours spanning `span` hours: the smallest of 1, 2, 3,
    /// 4, 6, 12, 24, 48, … giving at most 12 intervals (nil for a span of an hour or less,
    /// where the default decimal steps read better).
    public static func hourStep(span: Double) -> Double? {
        guard span.isFinite, span > 1 else { return nil }
        for s: Double in [1, 2, 3, 4, 6, 12, 24] where span / s <= 12 { return s }
        var step = 48.0
        while span / step > 12 { step *= 2 }
        return step
    }
}
