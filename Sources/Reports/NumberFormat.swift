import Foundation

/// Locale-independent number formatting, identical on every machine.
///
/// `format(x)` is the form of every number in the CSV files: the shortest decimal that reads back
/// as exactly the same Double (Swift's round-trip digits, the algorithm of `Double.description`),
/// written positionally (`0.00759`, `1234.5`, `12`: no `.0` on integers) when its decimal exponent
/// is from -7 to 20, and as `d.ddde-N` / `d.ddde+N` outside that range (`1.5e-9`, `2e+21`).
/// `-0` prints as `0`; NaN and infinities as `nan`, `inf`, `-inf` (outputs are checked to hold none).
///
/// `format(x, significant: n)` rounds to n significant digits (correctly rounded, ties as
/// printf) for tables and charts meant to be read, in the same notation: 123456 → `123500` at 4.
public enum NumberFormat {
    public static func format(_ x: Double) -> String {
        if let special = nonFinite(x) { return special }
        if x == 0 { return "0" }
        let d = decimal(String(x.magnitude.description))
        return render(digits: d.digits, point: d.point, negative: x < 0)
    }

    public static func format(_ x: Double, significant: Int) -> String {
        precondition(significant >= 1 && significant <= 17, "significant digits must be 1 to 17")
        if let special = nonFinite(x) { return special }
        if x == 0 { return "0" }
        let d = decimal(String(format: "%.\(significant - 1)e", x.magnitude))
        return render(digits: d.digits, point: d.point, negative: x < 0)
    }

    private static func nonFinite(_ x: Double) -> String? {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return nil
    }

    /// The significant digits of a non-negative decimal text (`123.45`, `1.5e-05`, `5e+16`)
    /// without leading or trailing zeros, and the position of the decimal point relative to the
    /// first digit: value = 0.DIGITS × 10^point.
    static func decimal(_ text: String) -> (digits: [UInt8], point: Int) {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...].replacingOccurrences(of: "+", with: "")) ?? 0
        }
        var digits: [UInt8] = []
        var point: Int?
        for c in mantissa.utf8 {
            if c == UInt8(ascii: ".") { point = digits.count } else { digits.append(c) }
        }
        var p = (point ?? digits.count) + exponent
        while digits.first == UInt8(ascii: "0") { digits.removeFirst(); p -= 1 }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, p)
    }

    /// Positional notation for decimal exponents -7...20 (point -6...21), else scientific.
    static func render(digits: [UInt8], point: Int, negative: Bool) -> String {
        guard !digits.isEmpty else { return "0" }
        var out = negative ? "-" : ""
        let zero = UInt8(ascii: "0")
        if point > 21 || point < -6 {
            out += String(decoding: [digits[0]], as: UTF8.self)
            if digits.count > 1 { out += "." + String(decoding: digits[1...], as: UTF8.self) }
            let e = point - 1
            return out + (e < 0 ? "e-" : "e+") + String(e.magnitude)
        }
        if point <= 0 {
            return out + "0." + String(repeating: "0", count: -point) + String(decoding: digits, as: UTF8.self)
        }
        if point >= digits.count {
            return out + String(decoding: digits + [UInt8](repeating: zero, count: point - digits.count), as: UTF8.self)
        }
        return out + String(decoding: digits[..<point], as: UTF8.self) + "." + String(decoding: digits[point...], as: UTF8.self)
    }
}
