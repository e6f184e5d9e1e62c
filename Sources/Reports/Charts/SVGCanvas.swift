/// A small SVG writer: elements appended to a string, attributes in the order given (so
/// output bytes are stable), every text escaped. O(1) amortized per element.
struct SVGCanvas {
    private(set) var body = ""

    mutating func open(_ element: String, _ attributes: [(String, String)] = []) {
        body += "<" + element + Self.attributes(attributes) + ">\n"
    }

    mutating func close(_ element: String) { body += "</" + element + ">\n" }

    /// An empty element, `<element a="…"/>`.
    mutating func empty(_ element: String, _ attributes: [(String, String)]) {
        body += "<" + element + Self.attributes(attributes) + "/>\n"
    }

    /// `<title>` (tooltip and accessible name) and `<desc>`, escaped.
    mutating func titled(_ element: String, _ text: String) {
        body += "<" + element + ">" + Markup.escape(text) + "</" + element + ">\n"
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double = 1,
                       stroke: String? = nil, tooltip: String? = nil, cssClass: String? = nil) {
        var a: [(String, String)] = []
        if let cssClass { a.append(("class", cssClass)) }
        a += [("x", Markup.px(x)), ("y", Markup.px(y)), ("width", Markup.px(max(0, width))),
              ("height", Markup.px(max(0, height))), ("fill", fill)]
        if opacity < 1 { a.append(("fill-opacity", Markup.px(opacity))) }
        if let stroke { a += [("stroke", stroke), ("stroke-width", "1")] }
        if let tooltip {
            open("rect", a)
            titled("title", tooltip)
            close("rect")
        } else {
            empty("rect", a)
        }
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        var a: [(String, String)] = [("x1", Markup.px(x1)), ("y1", Markup.px(y1)), ("x2", Markup.px(x2)), ("y2", Markup.px(y2)),
                                     ("stroke", stroke), ("stroke-width", Markup.px(width))]
        if let dash { a.append(("stroke-dasharray", dash)) }
        empty("line", a)
    }

    /// A text element. `anchor`: "start", "middle" or "end"; `rotate`: degrees about (x, y).
    mutating func text(_ s: String, x: Double, y: Double, anchor: String = "start", size: Double? = nil,
                       weight: String? = nil, fill: String? = nil, rotate: Double? = nil, cssClass: String? = nil) {
        var a: [(String, String)] = []
        if let cssClass { a.append(("class", cssClass)) }
        a += [("x", Markup.px(x)), ("y", Markup.px(y))]
        if anchor != "start" { a.append(("text-anchor", anchor)) }
        if let size { a.append(("font-size", Markup.px(size))) }
        if let weight { a.append(("font-weight", weight)) }
        if let fill { a.append(("fill", fill)) }
        if let rotate { a.append(("transform", "rotate(\(Markup.px(rotate)) \(Markup.px(x)) \(Markup.px(y)))")) }
        body += "<text" + Self.attributes(a) + ">" + Markup.escape(s) + "</text>\n"
    }

    private static func attributes(_ list: [(String, String)]) -> String {
        var s = ""
        for (k, v) in list { s += " " + k + "=\"" + Markup.escape(v) + "\"" }
        return s
    }

    /// The whole document: root element with `viewBox`, then `<title>` and `<desc>` first
    /// (where assistive technology looks for them), then the body.
    static func document(title: String, description: String, body: String,
                         width: Double = ChartFrame.width, height: Double = ChartFrame.height) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Markup.px(width)) \(Markup.px(height))\""
        out += " width=\"\(Markup.px(width))\" height=\"\(Markup.px(height))\" role=\"img\""
        out += " font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif\""
        out += " font-size=\"\(Markup.px(ChartFrame.fontSize))\" fill=\"#222222\">\n"
        out += "<title>" + Markup.escape(title) + "</title>\n"
        out += "<desc>" + Markup.escape(description) + "</desc>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n"
        out += body
        out += "</svg>\n"
        return out
    }
}
