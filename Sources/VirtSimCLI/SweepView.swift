import Reports

/// A sweep's long-form table (`sweep.csv`: `point,seed,<axes>,variant,metric,value,unit`) read
/// back into points, for the terminal table and the report's charts.
struct SweepView {
    /// Axis names (the JSON paths of the swept values), in file order.
    var axes: [String]
    /// One entry per point, seed and variant: the axis values and every metric's value.
    struct Row {
        var point: String
        var seed: String
        var axisValues: [String]
        var variant: String
        var values: [String: Double]
    }
    var rows: [Row]
    /// Metrics in order of first appearance, with their units.
    var metrics: [(name: String, unit: String)]

    /// Nil when `table` is not a sweep table.
    init?(_ table: CSVTable) {
        let h = table.header
        guard h.count >= 6, h[0] == "point", h[1] == "seed", h.suffix(4) == ["variant", "metric", "value", "unit"] else { return nil }
        axes = Array(h[2..<(h.count - 4)])
        rows = []
        metrics = []
        var index: [String: Int] = [:]
        let n = axes.count
        for cells in table.rows where cells.count == h.count {
            let variant = cells[2 + n], metric = cells[3 + n], unit = cells[5 + n]
            let key = ([cells[0], cells[1], variant]).joined(separator: "\u{1F}")
            if index[key] == nil {
                index[key] = rows.count
                rows.append(Row(point: cells[0], seed: cells[1], axisValues: Array(cells[2..<(2 + n)]), variant: variant, values: [:]))
            }
            if !metrics.contains(where: { $0.name == metric }) { metrics.append((metric, unit)) }
            rows[index[key]!].values[metric] = Double(cells[4 + n])
        }
    }

    /// Short axis label: the last step of its JSON path (`$.consolidation.policies.overloadParameter` → `overloadParameter`).
    static func label(_ axis: String) -> String {
        String(axis.split(separator: ".").last ?? Substring(axis))
    }

    /// The terminal table: one line per point, seed and variant, with the first `metricCount`
    /// metrics of the study (its headline numbers). O(rows).
    func terminalTable(metricCount: Int = 4) -> String {
        let shown = metrics.prefix(metricCount)
        var out = [axes.map(Self.label) + (Set(rows.map(\.seed)).count > 1 ? ["seed"] : []) + ["variant"]
                   + shown.map { "\($0.name) (\($0.unit))" }]
        let seeds = Set(rows.map(\.seed)).count > 1
        for r in rows {
            out.append(r.axisValues + (seeds ? [r.seed] : []) + [r.variant]
                       + shown.map { m in r.values[m.name].map { NumberFormat.format($0, significant: 4) } ?? "n/a" })
        }
        return TextTable.render(out)
    }

    /// Small multiples: for every metric that varies over the sweep and every axis, the metric
    /// against the axis, one line per variant (and per value of the other axes), each point the
    /// mean over seeds; with several seeds, two more lines per series give the seeds' minimum
    /// and maximum (the spread). A variant whose lines are the same at every value of the other
    /// axes (they do not act on it) is drawn once, named by the variant alone. Numeric axes are
    /// drawn as lines, others as grouped bars.
    func charts(scenarioName: String) -> [RunCharts.Chart] {
        var charts: [RunCharts.Chart] = []
        let seeded = Set(rows.map(\.seed)).count > 1
        for (m, metric) in metrics.enumerated() {
            let values = rows.compactMap { $0.values[metric.name] }
            guard let first = values.first, values.contains(where: { $0 != first }) else { continue }
            for (a, axis) in axes.enumerated() {
                let xLabels = distinct(rows.map { $0.axisValues[a] })
                let numericX = xLabels.compactMap(Double.init)
                // Series: variant × the other axes' values.
                var seriesKeys: [String] = []
                func seriesKey(_ r: Row) -> String {
                    let others = axes.indices.filter { $0 != a }.map { "\(Self.label(axes[$0]))=\(r.axisValues[$0])" }
                    return ([r.variant] + others).joined(separator: ", ")
                }
                for r in rows where !seriesKeys.contains(seriesKey(r)) { seriesKeys.append(seriesKey(r)) }
                func rawStats(_ key: String, _ x: String) -> (mean: Double, lo: Double, hi: Double) {
                    let vs = rows.filter { seriesKey($0) == key && $0.axisValues[a] == x }.compactMap { $0.values[metric.name] }
                    guard !vs.isEmpty else { return (.nan, .nan, .nan) }
                    return (vs.reduce(0, +) / Double(vs.count), vs.min()!, vs.max()!)
                }
                // One line for a variant the other axes do not move: its series, compared at every x.
                var alias: [String: String] = [:]
                if axes.count > 1 {
                    var variants: [String] = []
                    for r in rows where !variants.contains(r.variant) { variants.append(r.variant) }
                    for variant in variants {
                        var keys: [String] = []
                        for r in rows where r.variant == variant && !keys.contains(seriesKey(r)) { keys.append(seriesKey(r)) }
                        guard keys.count > 1 else { continue }
                        let first = xLabels.map { rawStats(keys[0], $0) }
                        func same(_ p: (mean: Double, lo: Double, hi: Double), _ q: (mean: Double, lo: Double, hi: Double)) -> Bool {
                            (p.mean == q.mean || (p.mean.isNaN && q.mean.isNaN)) && (p.lo == q.lo || (p.lo.isNaN && q.lo.isNaN))
                                && (p.hi == q.hi || (p.hi.isNaN && q.hi.isNaN))
                        }
                        guard keys.dropFirst().allSatisfy({ k in zip(xLabels.map { rawStats(k, $0) }, first).allSatisfy(same) }) else { continue }
                        seriesKeys.removeAll { keys.contains($0) && $0 != keys[0] }
                        if let i = seriesKeys.firstIndex(of: keys[0]) { seriesKeys[i] = variant }
                        alias[variant] = keys[0]
                    }
                }
                func stats(_ key: String, _ x: String) -> (mean: Double, lo: Double, hi: Double) { rawStats(alias[key] ?? key, x) }
                // Too many lines to read: leave out those this axis does not move (flat), if some move.
                var flatLeftOut = 0
                if seriesKeys.count > Self.maximumLines {
                    let moving = seriesKeys.filter { key in
                        let means = xLabels.map { stats(key, $0).mean }
                        return means.contains { $0 != means[0] && !($0.isNaN && means[0].isNaN) }
                    }
                    if !moving.isEmpty && moving.count < seriesKeys.count {
                        flatLeftOut = seriesKeys.count - moving.count
                        seriesKeys = moving
                    }
                }
                let title = "\(metric.name) against \(Self.label(axis))"
                let file = "sweep_\(m)_\(RunCharts.fileSafe(Self.label(axis))).svg"
                let svg: String
                if numericX.count == xLabels.count {
                    var series: [LineSeries] = []
                    for key in seriesKeys {
                        let s = xLabels.map { stats(key, $0) }
                        series.append(LineSeries(name: key, x: numericX, y: s.map(\.mean)))
                        if seeded {
                            series.append(LineSeries(name: "\(key) (seed min)", x: numericX, y: s.map(\.lo)))
                            series.append(LineSeries(name: "\(key) (seed max)", x: numericX, y: s.map(\.hi)))
                        }
                    }
                    svg = SVGChart.line(title: title, xLabel: Self.label(axis), yLabel: "\(metric.name) (\(metric.unit))", series: series)
                } else {
                    let series = seriesKeys.map { key in BarSeries(name: key, values: xLabels.map { stats(key, $0).mean }) }
                    svg = SVGChart.bar(title: title, categories: xLabels, series: series, unit: metric.unit)
                }
                // The finding, in words: each series from the first to the last value of the axis.
                let ends = seriesKeys.prefix(6).map { key -> String in
                    let a0 = stats(key, xLabels.first!).mean, a1 = stats(key, xLabels.last!).mean
                    return "\(key) \(NumberFormat.format(a0, significant: 4)) → \(NumberFormat.format(a1, significant: 4))"
                }
                let text = "Sweep of \(scenarioName): \(metric.name) (\(metric.unit)) at each value of \(Self.label(axis))"
                    + (axes.count > 1 ? ", one line per variant and value of the other axes" : ", one line per variant")
                    + (seeded ? "; the mean over seeds, with the seeds' minimum and maximum as their own lines" : "")
                    + ". From \(Self.label(axis)) = \(xLabels.first!) to \(xLabels.last!): " + ends.joined(separator: "; ")
                    + (seriesKeys.count > 6 ? "; …" : "") + "."
                    + (flatLeftOut > 0 ? " \(flatLeftOut) lines that \(Self.label(axis)) does not move are left out (sweep.csv has them)." : "")
                charts.append(RunCharts.Chart(file: file, heading: title, text: text, svg: svg))
            }
        }
        return charts
    }

    /// Lines in one chart beyond which the flat ones are left out.
    static let maximumLines = 12

    private func distinct(_ values: [String]) -> [String] {
        var out: [String] = []
        for v in values where !out.contains(v) { out.append(v) }
        return out
    }
}
