import Foundation

/// Colours of the charts.
///
/// Series colours are the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008),
/// distinguishable with the common forms of colour blindness; line series also differ by dash
/// pattern, so they stay apart in greyscale. The heat map uses one hue ramp (light → dark
/// blue) whose order is carried by lightness alone.
public enum Palette {
    /// Okabe–Ito, ordered for use on white: yellow (weak on white) and black come last.
    public static let series = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

    /// Dash patterns of line series, in order (`nil` is solid).
    static let dashes: [String?] = [nil, "6 3", "2 3", "8 3 2 3", "12 4", "4 2 1 2"]

    /// The colour of series `index`; past the palette's end colours repeat (see `opacity`).
    public static func color(_ index: Int) -> String { series[index % series.count] }

    /// Fill opacity of series `index`: 1 for the first round of colours, lighter after, so
    /// more than eight series remain tellable apart (with the legend's help).
    static func opacity(_ index: Int) -> Double { index < series.count ? 1 : 0.45 }

    static func dash(_ index: Int) -> String? { dashes[index % dashes.count] }

    /// Sequential colour for `t` in [0, 1] (ColorBrewer "Blues" end points and midpoint).
    static func sequential(_ t: Double) -> String {
        let (r, g, b) = sequentialRGB(t)
        func hex(_ v: Int) -> String {
            let h = String(v, radix: 16, uppercase: true)
            return h.count == 1 ? "0" + h : h
        }
        return "#" + hex(r) + hex(g) + hex(b)
    }

    /// Text colour readable on `sequential(t)`: dark or white, whichever contrasts more
    /// (WCAG relative luminance).
    static func textOnSequential(_ t: Double) -> String {
        let (r, g, b) = sequentialRGB(t)
        func linear(_ c: Int) -> Double {
            let x = Double(c) / 255
            return x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
        }
        let l = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
        let dark = 0.0137 // luminance of #222222
        let againstWhite = 1.05 / (l + 0.05), againstDark = (l + 0.05) / (dark + 0.05)
        return againstWhite > againstDark ? "#FFFFFF" : "#222222"
    }

    private static func sequentialRGB(_ t: Double) -> (Int, Int, Int) {
        let stops: [(Double, Double, Double)] = [(247, 251, 255), (107, 174, 214), (8, 48, 107)]
        let u = min(1, max(0, t.isFinite ? t : 0)) * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(u))
        let f = u - Double(i)
        let a = stops[i], b = stops[i + 1]
        func channel(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
        return (channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
    }
}
