import Foundation

/// Escaping and number formatting shared by the SVG and HTML writers.
///
/// Everything the charts print goes through here, so the output is the same bytes on every
/// machine: no locale, no dates, no random identifiers.
public enum Markup {
    /// Escapes text for XML and HTML, in element content and in double- or single-quoted
    /// attributes: `&`, `<`, `>`, `"` and `'` become entities. O(length).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A pixel coordinate, rounded to 1/100 px (more is noise, and rounding keeps files small
    /// and identical across platforms).
    static func px(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        return NumberFormat.format((x * 100).rounded() / 100, significant: 9)
    }

    /// A value as shown to a reader: `significant` significant digits, "n/a" when not finite.
    static func value(_ x: Double, significant: Int = 4) -> String {
        x.isFinite ? NumberFormat.format(x, significant: significant) : "n/a"
    }

    /// Rough rendered width of `text` in a sans-serif font of `fontSize` px (average glyph
    /// ≈ 0.6 em), used only for layout decisions such as legend wrapping.
    static func textWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.6
    }
}
