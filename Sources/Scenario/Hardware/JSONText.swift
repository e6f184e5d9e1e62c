/// Small helpers that render JSON text deterministically (documents VirtSim writes: hardware
/// profiles, power tables). Numbers are written in the shortest form that reads back to the
/// same `Double`, so a document written and read again gives bit-identical values.
enum JSONText {
    /// `"text"` with JSON escapes for quotes, backslashes and control characters; other
    /// characters (µ, ×, −) are written as UTF-8.
    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// A finite number: integers without a fraction, others in Swift's shortest round-trip form.
    static func number(_ x: Double) -> String {
        precondition(x.isFinite, "JSON has no infinities or NaN")
        if x.rounded() == x && abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }
}
