import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reports
@testable import VirtSimCLI

// MARK: - A minimal XML reader for the tests

/// One parsed element: name, attributes, own text, children.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var text = ""
    var children: [XMLNode] = []
    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This element and all below it, depth first.
    var all: [XMLNode] { [self] + children.flatMap(\.all) }
    func double(_ key: String) -> Double? { attributes[key].flatMap(Double.init) }
}

/// Parses `text` as XML with Foundation's parser; nil (and the parser's error) when it is not well formed.
final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLNode] = []
    var root: XMLNode?
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let node = XMLNode(name: name, attributes: attributes)
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }

    static func parse(_ text: String) -> (root: XMLNode?, error: String?) {
        let parser = XMLParser(data: Data(text.utf8))
        let builder = TreeBuilder()
        parser.delegate = builder
        let ok = parser.parse()
        return (ok ? builder.root : nil, ok ? nil : String(describing: parser.parserError))
    }
}

/// The parsed SVG; records an issue when the text is not well-formed XML.
func parseSVG(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> XMLNode {
    let (root, error) = TreeBuilder.parse(svg)
    let node = try #require(root, "not well-formed XML: \(error ?? "")", sourceLocation: sourceLocation)
    #expect(node.name == "svg", sourceLocation: sourceLocation)
    return node
}

func bars(_ root: XMLNode) -> [XMLNode] { root.all.filter { $0.name == "rect" && $0.attributes["class"] == "bar" } }

/// y of the y axis grid lines (one per tick), top to bottom.
func gridYs(_ root: XMLNode) -> [Double] {
    let axis = root.all.first { $0.attributes["class"] == "y-axis" }!
    return axis.children.filter { $0.name == "line" }.compactMap { $0.double("y1") }.sorted()
}

// MARK: - Sample run outputs

enum SampleRuns {
    static func summary(_ variants: [String], metrics: [(String, String)]) -> [SummaryRow] {
        var rows: [SummaryRow] = []
        for (k, v) in variants.enumerated() {
            for (j, m) in metrics.enumerated() {
                rows.append(SummaryRow(scenario: "s", variant: v, metric: m.0, value: Double(10 * (k + 1) + j), unit: m.1))
            }
        }
        return rows
    }

    static func hosts(_ variants: [String], hours: Int = 3, hostCount: Int = 3) -> CSVTable {
        var t = CSVTable(header: ["variant", "time_h", "host", "state", "cpu_utilization_percent", "energy_kwh", "guests"])
        for v in variants {
            for h in 0..<hours {
                for host in 0..<hostCount {
                    let on = host <= h % hostCount
                    t.append([v, String(h), String(host), on ? "on" : "sleeping", on ? "50" : "0", "0.1", on ? "2" : "0"])
                }
            }
        }
        return t
    }

    static var consolidation: StudyOutput {
        let variants = ["dedicated", "full", "para", "container"]
        return StudyOutput(summary: summary(variants, metrics: [("mean_active_host_cpu_utilization", "percent"),
                                                                ("active_hosts_mean", "hosts"), ("energy_kwh", "kWh")]),
                           tables: [("hosts.csv", hosts(variants)), ("guests.csv", CSVTable(header: ["variant", "guest", "kind"]))],
                           display: "")
    }

    static var planetLab: StudyOutput {
        StudyOutput(summary: summary(["cloudsim"], metrics: [("energy_kwh", "kWh")]),
                    tables: [("hosts.csv", hosts(["cloudsim"], hours: 24)), ("guests.csv", CSVTable(header: ["variant", "guest", "trace"]))],
                    display: "")
    }

    static var io: StudyOutput {
        var io = CSVTable(header: ["variant", "path", "throughput", "throughput_unit", "throughput_loss_percent",
                                   "latency_mean_us", "latency_p99_us"])
        io.append(["native", "native", "100", "MB/s", "0", "10", "20"])
        io.append(["full", "emulated", "60", "MB/s", "40", "30", "90"])
        var cpu = CSVTable(header: ["variant", "path", "component", "cpu_us_per_request"])
        for (v, parts) in [("native", [4.0, 0, 0]), ("full", [4.0, 40, 0])] {
            for (c, us) in zip(["guest_driver", "traps", "bridge_nat"], parts) { cpu.append([v, v, c, NumberFormat.format(us)]) }
        }
        var sweep = CSVTable(header: ["block_size_bytes", "queue_depth", "arrival_rate", "variant", "throughput_loss_percent"])
        for bs in ["4096", "1048576"] {
            for qd in ["1", "8"] {
                sweep.append([bs, qd, "0", "native", "0"])
                sweep.append([bs, qd, "0", "full", bs == "4096" ? "50" : "10"])
            }
        }
        return StudyOutput(summary: summary(["native", "full"], metrics: [("io_throughput_loss", "percent")]),
                           tables: [("io.csv", io), ("io_cpu.csv", cpu), ("io_sweep.csv", sweep)], display: "")
    }
}

// MARK: - SVG charts

@Suite("SVG charts")
struct SVGChartTests {
    /// One sample of each chart type.
    enum Sample: CaseIterable {
        case bar, line, heatMap
        var svg: String {
            switch self {
            case .bar:
                SVGChart.bar(title: "Utilization", categories: ["a", "b", "c"],
                             series: [BarSeries(name: "u", values: [25, 50, 100])], unit: "percent")
            case .line:
                SVGChart.line(title: "Hosts", xLabel: "time (h)", yLabel: "hosts",
                              series: [LineSeries(name: "x", x: [0, 1, 2], y: [3, 1, 2]),
                                       LineSeries(name: "y", x: [0, 1, 2], y: [5, .nan, 4])])
            case .heatMap:
                SVGChart.heatMap(title: "Loss", rowTitle: "block size", rows: ["4 KiB", "1 MiB"], columnTitle: "queue depth",
                                 columns: ["qd 1", "qd 8"], values: [[43, 75], [10, 0]], unit: "loss (%)")
            }
        }
    }

    @Test("The same input gives the same bytes", arguments: Sample.allCases)
    func deterministic(sample: Sample) {
        #expect(sample.svg == sample.svg)
    }

    @Test("Every chart is well-formed XML with <title> and <desc> first", arguments: Sample.allCases)
    func wellFormed(sample: Sample) throws {
        let root = try parseSVG(sample.svg)
        #expect(root.children.count >= 2)
        #expect(root.children[0].name == "title")
        #expect(root.children[1].name == "desc")
        #expect(!root.children[1].text.isEmpty)
        #expect(root.attributes["viewBox"] != nil)
        #expect(root.all.allSatisfy { $0.attributes["id"] == nil }, "no ids: several charts share one HTML page")
    }

    @Test("Bar heights are proportional to values and grow from the zero line")
    func barHeights() throws {
        let root = try parseSVG(Sample.bar.svg)
        let b = bars(root)
        try #require(b.count == 3)
        let grid = gridYs(root)   // ticks 0…100: top line is 100, bottom line is 0
        let top = try #require(grid.first), zero = try #require(grid.last)
        for rect in b {
            #expect(abs(rect.double("y")! + rect.double("height")! - zero) < 0.01, "bars stand on the zero line")
        }
        #expect(abs(b[2].double("y")! - top) < 0.01, "the bar of 100 reaches the tick at 100")
        let h = b.map { $0.double("height")! }
        #expect(abs(h[0] - (zero - top) / 4) < 0.01)
        #expect(abs(h[1] - (zero - top) / 2) < 0.01)
    }

    @Test("A negative bar hangs below the zero line")
    func negativeBar() throws {
        let root = try parseSVG(SVGChart.bar(title: "t", categories: ["up", "down"],
                                             series: [BarSeries(name: "v", values: [100, -50])], unit: "u"))
        let b = bars(root)
        try #require(b.count == 2)
        #expect(abs(b[0].double("y")! + b[0].double("height")! - b[1].double("y")!) < 0.01, "both meet at zero")
        #expect(abs(b[1].double("height")! - b[0].double("height")! / 2) < 0.01)
    }

    @Test("Stacked segments pile up to the total")
    func stacked() throws {
        let svg = SVGChart.bar(title: "CPU", categories: ["full"],
                               series: [BarSeries(name: "driver", values: [4]), BarSeries(name: "traps", values: [36])],
                               unit: "µs", stacked: true)
        let root = try parseSVG(svg)
        let b = bars(root)
        try #require(b.count == 2)
        #expect(abs(b[0].double("y")! - (b[1].double("y")! + b[1].double("height")!)) < 0.01, "second segment sits on the first")
        #expect(abs(b[1].double("height")! / b[0].double("height")! - 9) < 0.001)
        #expect(root.all.contains { $0.name == "text" && $0.text == "40" }, "total on top")
        #expect(root.all.contains { $0.attributes["class"] == "legend" })
    }

    @Test("Line points land on their grid lines; a NaN breaks the line")
    func linePoints() throws {
        let root = try parseSVG(Sample.line.svg)
        let circles = root.all.filter { $0.name == "circle" }
        #expect(circles.count == 5, "NaN point not drawn")
        let grid = gridYs(root)   // y ticks 0…5
        let topCircle = try #require(circles.min { $0.double("cy")! < $1.double("cy")! })
        #expect(abs(topCircle.double("cy")! - grid.first!) < 0.01, "the point at y=5 is on the top tick")
        let paths = root.all.filter { $0.name == "path" }.compactMap { $0.attributes["d"] }
        #expect(paths.count == 2)
        #expect(paths[1].filter { $0 == "M" }.count == 2, "two runs around the gap")
    }

    @Test("Text is escaped: markup characters survive as text")
    func escaping() throws {
        let nasty = "a<b & \"c\" 'd'"
        let svg = SVGChart.bar(title: nasty, categories: [nasty], series: [BarSeries(name: nasty, values: [1])], unit: "<u>")
        #expect(!svg.contains("a<b"))
        #expect(svg.contains("a&lt;b &amp; &quot;c&quot; &#39;d&#39;"))
        let root = try parseSVG(svg)
        #expect(root.children[0].text == nasty)
        #expect(root.all.contains { $0.name == "text" && $0.text == "<u>" })
    }

    @Test("Empty input draws an empty chart that says so", arguments: [
        SVGChart.bar(title: "t", categories: [], series: [], unit: "u"),
        SVGChart.bar(title: "t", categories: ["a"], series: [BarSeries(name: "s", values: [.nan])], unit: "u"),
        SVGChart.line(title: "t", xLabel: "x", yLabel: "y", series: []),
        SVGChart.line(title: "t", xLabel: "x", yLabel: "y", series: [LineSeries(name: "s", x: [], y: [])]),
        SVGChart.heatMap(title: "t", rowTitle: "r", rows: [], columnTitle: "c", columns: [], values: [], unit: "u"),
    ])
    func empty(svg: String) throws {
        let root = try parseSVG(svg)
        #expect(root.all.contains { $0.name == "text" && $0.text == "No data" })
        #expect(bars(root).isEmpty)
    }

    @Test("Colours come from the Okabe–Ito palette, one per series")
    func palette() throws {
        let series = (0..<3).map { BarSeries(name: "s\($0)", values: [1]) }
        let root = try parseSVG(SVGChart.bar(title: "t", categories: ["a"], series: series, unit: "u"))
        #expect(bars(root).map { $0.attributes["fill"]! } == Array(Palette.series.prefix(3)))
    }
}

@Suite("Axis scale")
struct LinearScaleTests {
    /// Regression (fuzz campaign: a trap converting a tick index below Int.min, and a fixed step
    /// that would allocate billions of ticks): any finite values give a small, finite, ordered scale.
    @Test("Extreme values neither trap nor allocate", arguments: [
        ([-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude], nil),
        ([-1e300, 1e-300], nil),
        ([1e300, 1e300.nextUp], nil),
        ([0, 1e18], 6.0),
        ([-9e18, 9e18], 24.0),
        ([5e-324, 1e-323], 1e-320),
    ] as [([Double], Double?)])
    func extremes(values: [Double], step: Double?) {
        for includeZero in [true, false] {
            let s = LinearScale(covering: values, rangeStart: 0, rangeEnd: 100, step: step, includeZero: includeZero)
            #expect(s.ticks.count >= 2 && s.ticks.count <= LinearScale.maxTicks + 2)
            #expect(s.lower.isFinite && s.upper.isFinite && s.lower < s.upper)
            let finiteTicks = s.ticks.allSatisfy { $0.isFinite }
            #expect(finiteTicks)
        }
    }

    @Test("Nice domains end on a tick", arguments: [
        ([0, 72.5], 0.0, 80.0, 20.0),
        ([0, 2305], 0, 2500, 500),
        ([3, 3], 0, 3, 1),
        ([-40, 110], -50, 150, 50),
        ([0.0012, 0.0031], 0, 0.004, 0.001),
        ([-1.1e-14, 43], 0, 50, 10),   // float noise below zero adds no negative tick
        ([], 0, 1, 0.2),
    ] as [([Double], Double, Double, Double)])
    func domains(values: [Double], lower: Double, upper: Double, step: Double) {
        let s = LinearScale(covering: values, rangeStart: 300, rangeEnd: 0)
        #expect(s.lower == lower)
        #expect(s.upper == upper)
        #expect(abs(s.ticks[1] - s.ticks[0] - step) < 1e-12)
        #expect(s.map(lower) == 300 && s.map(upper) == 0)
    }

    @Test("Hour axes tick at 1, 2, 3, 4, 6, 12, 24 … hours", arguments: [(0.5, nil), (5, 1), (23, 2), (48, 4), (168, 24), (1000, 96)] as [(Double, Double?)])
    func hours(span: Double, step: Double?) {
        #expect(SVGChart.hourStep(span: span) == step)
    }
}

// MARK: - HTML page and CSV reading

@Suite("HTML report")
struct HTMLReportTests {
    @Test("The summary is pivoted: a row per metric, a column per variant, gaps shown")
    func summaryPivot() {
        let rows = [SummaryRow(scenario: "s", variant: "full", metric: "energy_kwh", value: 33.6652, unit: "kWh"),
                    SummaryRow(scenario: "s", variant: "para", metric: "energy_kwh", value: 26.9, unit: "kWh"),
                    SummaryRow(scenario: "s", variant: "para", metric: "migrations", value: 12, unit: "count")]
        let html = HTMLReport.summaryTable(rows)
        #expect(html.contains("<th scope=\"row\">energy_kwh</th><td>kWh</td><td class=\"num\">33.67</td><td class=\"num\">26.9</td>"))
        #expect(html.contains("<th scope=\"row\">migrations</th><td>count</td><td class=\"num\">–</td><td class=\"num\">12</td>"))
    }

    @Test("The page is self-contained and escapes its text")
    func page() {
        let html = HTMLReport.page(title: "R&D <run>", intro: "x < y", summary: [SummaryRow(scenario: "s", variant: "<v>", metric: "m", value: 1, unit: "u")],
                                   sections: [ReportSection(heading: "A & B", text: "\"quoted\"", svg: SVGChartTests.Sample.bar.svg, file: "u.svg")],
                                   files: ["summary.csv"])
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>R&amp;D &lt;run&gt;</title>"))
        #expect(html.contains("&lt;v&gt;") && !html.contains("<v>"))
        #expect(html.contains("<h2>A &amp; B</h2>"))
        #expect(html.contains("<p>&quot;quoted&quot;</p>"))
        #expect(html.contains("<svg xmlns="))
        for external in ["<script", "<link", "src=", "url(", "@import", "https://", "@font-face"] {
            #expect(!html.contains(external), "no external resource: \(external)")
        }
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespace.contains("http:"))
    }

    @Test("CSV text parses back to the table it came from")
    func csvRoundTrip() throws {
        var t = CSVTable(header: ["a", "b,c", "d"])
        t.append(["1", "say \"hi\"", "two\nlines"])
        t.append(["", "x", "é"])
        let back = try CSVTable.parse(t.render())
        #expect(back.header == t.header)
        #expect(back.rows == t.rows)
        #expect(try CSVTable.parse("a,b\r\n1,2\r\n").rows == [["1", "2"]])
        #expect(throws: CSVTable.ParseError.self) { try CSVTable.parse("a,b\n1\n") }
        #expect(throws: CSVTable.ParseError.self) { try CSVTable.parse("a\n\"open\n") }
        let summary = SummaryRow.rows(from: try CSVTable.parse(SummaryRow.table([SummaryRow(scenario: "s", variant: "v", metric: "m", value: 2.5, unit: "u")]).render()))
        #expect(summary == [SummaryRow(scenario: "s", variant: "v", metric: "m", value: 2.5, unit: "u")])
    }
}

// MARK: - The charts of a run

@Suite("Run charts")
struct RunChartsTests {
    @Test("Each study gets its charts, chosen from the tables present", arguments: [
        ("consolidation", ["utilization.svg", "active-hosts.svg", "energy.svg", "utilization-over-time.svg",
                           "active-hosts-over-time.svg", "energy-over-time.svg"]),
        ("planetlab", ["utilization-over-time.svg", "active-hosts-over-time.svg", "energy-over-time.svg"]),
        ("io", ["io-throughput.svg", "io-loss.svg", "io-latency.svg", "io-cpu.svg", "io-sweep-full.svg"]),
        ("none", []),
    ])
    func files(study: String, expected: [String]) throws {
        let output: StudyOutput
        switch study {
        case "consolidation": output = SampleRuns.consolidation
        case "planetlab": output = SampleRuns.planetLab
        case "io": output = SampleRuns.io
        default: output = StudyOutput(summary: [], tables: [], display: "")
        }
        let files = renderCharts(for: output, scenarioName: "demo")
        #expect(files.map(\.file) == ["report.html"] + expected)
        let page = files[0].text
        for f in files.dropFirst() {
            _ = try parseSVG(f.text)
            #expect(page.contains(f.text), "\(f.file) is inlined in the page")
        }
        #expect(files.map(\.text) == renderCharts(for: output, scenarioName: "demo").map(\.text), "deterministic")
    }

    @Test("Hosts over time: active hosts counted, utilization averaged over the hosts that are on")
    func hostSeries() throws {
        var t = CSVTable(header: ["variant", "time_h", "host", "state", "cpu_utilization_percent", "energy_kwh", "guests"])
        t.append(["v", "0", "0", "on", "40", "0.2", "1"])
        t.append(["v", "0", "1", "on", "60", "0.3", "1"])
        t.append(["v", "0", "2", "sleeping", "5", "0.01", "0"])
        t.append(["v", "2", "0", "sleeping", "0", "0", "0"])
        let s = try #require(RunCharts.hostSeries(t).first)
        #expect(s.timeHours == [0, 2])
        #expect(s.activeHosts == [2, 0])
        #expect(s.activeUtilization[0] == 50)
        #expect(s.activeUtilization[1].isNaN, "no active host: no value, not 0")
        #expect(abs(s.energyKWh[0] - 0.51) < 1e-12)
    }

    @Test("The I/O CPU chart leaves out components that cost nothing anywhere")
    func ioComponents() throws {
        let files = renderCharts(for: SampleRuns.io, scenarioName: "demo")
        let cpu = try #require(files.first { $0.file == "io-cpu.svg" })
        #expect(cpu.text.contains("traps"))
        #expect(!cpu.text.contains("bridge_nat"))
        let root = try parseSVG(cpu.text)
        #expect(bars(root).count == 4, "2 kinds × 2 components")
    }

    @Test("Block sizes read in KiB and MiB")
    func blockSizes() {
        #expect(RunCharts.blockSize(4096) == "4 KiB")
        #expect(RunCharts.blockSize(1_048_576) == "1 MiB")
        #expect(RunCharts.blockSize(1500) == "1500 B")
    }
}

