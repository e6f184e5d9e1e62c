extension SVGChart {
    /// A grid of coloured cells, one per (row, column), each showing its value; colour runs
    /// from light (lowest value) to dark blue (highest), with a five-step key on top.
    ///
    /// - Parameters:
    ///   - rowTitle, columnTitle: what the rows (left labels) and columns (bottom labels) are.
    ///   - values: `values[r][c]`; missing or non-finite cells are grey and read "n/a".
    ///   - unit: of the values, shown in the key and the description.
    /// O(rows × columns).
    public static func heatMap(title: String, rowTitle: String, rows: [String], columnTitle: String, columns: [String],
                               values: [[Double]], unit: String, description: String = "") -> String {
        var svg = SVGCanvas()
        Axes.drawTitle(title, into: &svg)
        func cell(_ r: Int, _ c: Int) -> Double {
            r < values.count && c < values[r].count ? values[r][c] : .nan
        }
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 0
        func shade(_ v: Double) -> Double { hi > lo ? (v - lo) / (hi - lo) : 0.5 }

        // Key: five swatches from the lowest to the highest value.
        let keyTop = ChartFrame.titleBaseline + 12
        svg.open("g", [("class", "legend")])
        svg.text("\(unit):", x: ChartFrame.left, y: keyTop + 13)
        var kx = ChartFrame.left + Markup.textWidth(unit, fontSize: ChartFrame.fontSize) + 16
        for i in 0..<5 where !finite.isEmpty {
            let t = Double(i) / 4
            svg.rect(x: kx, y: keyTop + 2, width: 14, height: 14, fill: Palette.sequential(t), stroke: "#999999")
            let label = Markup.value(lo + t * (hi - lo), significant: 3)
            svg.text(label, x: kx + 18, y: keyTop + 13)
            kx += 18 + Markup.textWidth(label, fontSize: ChartFrame.fontSize) + 14
        }
        svg.close("g")

        let labelWidth = min(160, (rows.map { Markup.textWidth($0, fontSize: ChartFrame.fontSize) }.max() ?? 0) + 12)
        var frame = ChartFrame(plotTop: keyTop + 30)
        frame.plotLeft = 40 + labelWidth
        let cellW = columns.isEmpty ? 0 : frame.plotWidth / Double(columns.count)
        let cellH = rows.isEmpty ? 0 : min(60, frame.plotHeight / Double(rows.count))
        frame.plotBottom = frame.plotTop + cellH * Double(rows.count)
        if rows.isEmpty || columns.isEmpty {
            frame.plotBottom = ChartFrame.height - 56
            Axes.drawNoData(frame: frame, into: &svg)
        }

        svg.open("g", [("class", "cells")])
        for (r, rowName) in rows.enumerated() {
            let top = frame.plotTop + Double(r) * cellH
            svg.text(rowName, x: frame.plotLeft - 8, y: top + cellH / 2 + 4, anchor: "end")
            for (c, columnName) in columns.enumerated() {
                let v = cell(r, c)
                let left = frame.plotLeft + Double(c) * cellW
                let t = shade(v)
                svg.rect(x: left, y: top, width: cellW, height: cellH, fill: v.isFinite ? Palette.sequential(t) : "#EEEEEE",
                         stroke: "#FFFFFF", tooltip: "\(rowTitle) \(rowName), \(columnTitle) \(columnName): \(Markup.value(v, significant: 6)) \(unit)",
                         cssClass: "cell")
                // Text in whichever of dark or white contrasts more with the cell.
                svg.text(Markup.value(v, significant: 3), x: left + cellW / 2, y: top + cellH / 2 + 4, anchor: "middle",
                         fill: v.isFinite ? Palette.textOnSequential(t) : "#222222")
            }
        }
        for (c, columnName) in columns.enumerated() {
            svg.text(columnName, x: frame.plotLeft + (Double(c) + 0.5) * cellW, y: frame.plotBottom + 16, anchor: "middle")
        }
        svg.close("g")
        svg.text(columnTitle, x: (frame.plotLeft + frame.plotRight) / 2, y: frame.plotBottom + 36, anchor: "middle")
        svg.text(rowTitle, x: 18, y: (frame.plotTop + frame.plotBottom) / 2, anchor: "middle", rotate: -90)

        var desc = description.isEmpty ? "" : description + " "
        desc += "Grid of \(rows.count) \(rowTitle) rows by \(columns.count) \(columnTitle) columns, values in \(unit)."
        for (r, rowName) in rows.enumerated() {
            desc += " \(rowTitle) \(rowName): " + columns.indices.map { "\(columns[$0]) \(Markup.value(cell(r, $0)))" }.joined(separator: ", ") + "."
        }
        // The canvas ends under the column title: a short grid leaves no empty band.
        let height = min(ChartFrame.height, frame.plotBottom + 50)
        return SVGCanvas.document(title: title, description: desc, body: svg.body, height: height)
    }
}
