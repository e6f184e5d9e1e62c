/// Axis drawing shared by the charts: grid lines at the ticks, tick labels, axis titles.
enum Axes {
    static let gridColor = "#DDDDDD"
    static let axisColor = "#444444"

    /// Horizontal grid lines and labels for a y scale, and the y axis title, rotated, at the
    /// left edge. The line at 0 (if inside the domain) is drawn darker: bars grow from it.
    static func drawY(_ scale: LinearScale, frame: ChartFrame, title: String, into svg: inout SVGCanvas) {
        svg.open("g", [("class", "y-axis")])
        for t in scale.ticks {
            let y = scale.map(t)
            svg.line(x1: frame.plotLeft, y1: y, x2: frame.plotRight, y2: y, stroke: t == 0 ? axisColor : gridColor)
            svg.text(NumberFormat.format(t, significant: 6), x: frame.plotLeft - 8, y: y + 4, anchor: "end")
        }
        let mid = (frame.plotTop + frame.plotBottom) / 2
        svg.text(title, x: 18, y: mid, anchor: "middle", rotate: -90)
        svg.close("g")
    }

    /// Vertical grid lines and labels for an x scale, and the x axis title below.
    static func drawX(_ scale: LinearScale, frame: ChartFrame, title: String, into svg: inout SVGCanvas) {
        svg.open("g", [("class", "x-axis")])
        for t in scale.ticks {
            let x = scale.map(t)
            svg.line(x1: x, y1: frame.plotTop, x2: x, y2: frame.plotBottom, stroke: gridColor)
            svg.line(x1: x, y1: frame.plotBottom, x2: x, y2: frame.plotBottom + 5, stroke: axisColor)
            svg.text(NumberFormat.format(t, significant: 6), x: x, y: frame.plotBottom + 18, anchor: "middle")
        }
        svg.line(x1: frame.plotLeft, y1: frame.plotBottom, x2: frame.plotRight, y2: frame.plotBottom, stroke: axisColor)
        svg.text(title, x: (frame.plotLeft + frame.plotRight) / 2, y: ChartFrame.height - 12, anchor: "middle")
        svg.close("g")
    }

    /// The chart title, bold, centred on top.
    static func drawTitle(_ title: String, into svg: inout SVGCanvas) {
        svg.text(title, x: ChartFrame.width / 2, y: ChartFrame.titleBaseline, anchor: "middle", size: 15, weight: "bold")
    }

    /// "No data" in the middle of the plot area.
    static func drawNoData(frame: ChartFrame, into svg: inout SVGCanvas) {
        svg.text("No data", x: (frame.plotLeft + frame.plotRight) / 2, y: (frame.plotTop + frame.plotBottom) / 2,
                 anchor: "middle", size: 14, fill: "#666666")
    }
}
