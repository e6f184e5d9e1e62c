/// One named series of a bar chart: one value per category (NaN or infinity: no bar, shown
/// as "n/a").
public struct BarSeries: Sendable, Hashable {
    public var name: String
    public var values: [Double]
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// One named line of a line chart: points `(x[i], y[i])` drawn in the given order; a
/// non-finite y breaks the line.
public struct LineSeries: Sendable, Hashable {
    public var name: String
    public var x: [Double]
    public var y: [Double]
    /// - Precondition: `x.count == y.count`.
    public init(name: String, x: [Double], y: [Double]) {
        precondition(x.count == y.count, "line series \(name): \(x.count) x values, \(y.count) y values")
        self.name = name
        self.x = x
        self.y = y
    }
}

/// Fixed geometry of every chart: a 720 × 400 canvas (scaled by the viewer through
/// `viewBox`), title on top, then the legend, then the plot.
struct ChartFrame {
    static let width = 720.0
    static let height = 400.0
    static let left = 76.0
    static let right = 24.0
    static let titleBaseline = 24.0
    static let fontSize = 12.0
    static let legendRowHeight = 18.0

    /// Top of the plot area (below title and legend).
    var plotTop: Double
    var plotLeft: Double = ChartFrame.left
    var plotRight: Double = ChartFrame.width - ChartFrame.right
    /// Bottom of the plot area (above the x axis labels).
    var plotBottom: Double = ChartFrame.height - 56

    var plotWidth: Double { plotRight - plotLeft }
    var plotHeight: Double { plotBottom - plotTop }
}

/// A legend entry's swatch.
enum LegendMark {
    case box(color: String, opacity: Double)
    case line(color: String, dash: String?)
}

/// Legend entries laid out in rows that wrap at the canvas width.
struct LegendLayout {
    var items: [(name: String, mark: LegendMark, x: Double, y: Double)] = []
    var height: Double = 0

    init(_ entries: [(name: String, mark: LegendMark)], top: Double, left: Double, right: Double) {
        guard !entries.isEmpty else { return }
        var x = left
        var row = 0
        for e in entries {
            let w = 22 + Markup.textWidth(e.name, fontSize: ChartFrame.fontSize) + 16
            if x + w > right && x > left {
                row += 1
                x = left
            }
            items.append((e.name, e.mark, x, top + Double(row) * ChartFrame.legendRowHeight))
            x += w
        }
        height = Double(row + 1) * ChartFrame.legendRowHeight
    }

    func draw(into svg: inout SVGCanvas) {
        guard !items.isEmpty else { return }
        svg.open("g", [("class", "legend")])
        for item in items {
            let mid = item.y + ChartFrame.legendRowHeight / 2
            switch item.mark {
            case .box(let color, let opacity):
                svg.rect(x: item.x, y: mid - 6, width: 14, height: 12, fill: color, opacity: opacity)
            case .line(let color, let dash):
                svg.line(x1: item.x, y1: mid, x2: item.x + 16, y2: mid, stroke: color, width: 2.5, dash: dash)
            }
            svg.text(item.name, x: item.x + 22, y: mid + 4)
        }
        svg.close("g")
    }
}
