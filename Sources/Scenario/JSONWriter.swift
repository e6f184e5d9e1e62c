/// Writing JSON back: a deterministic rendering (keys in document order, numbers as written,
/// two-space indent, one value per line) used for the resolved scenario in `run.json` and its
/// hash, and setting a value at a path (inserting a missing last key), used for command-line
/// overrides (`--seed`, `--day`, `--mode`).
extension JSONValue {
    /// The value as JSON text, indented by two spaces per level. Same value, same bytes. O(size).
    public func rendered(indent: Int = 0) -> String {
        var out = ""
        render(into: &out, level: indent)
        return out
    }

    private func render(into out: inout String, level: Int) {
        let pad = String(repeating: "  ", count: level + 1)
        let closePad = String(repeating: "  ", count: level)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(_, let text): out += text
        case .string(let s): out += JSONValue.quoted(s)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (i, v) in items.enumerated() {
                out += pad
                v.render(into: &out, level: level + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (i, m) in members.enumerated() {
                out += pad + JSONValue.quoted(m.key) + ": "
                m.value.render(into: &out, level: level + 1)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped (RFC 8259 §7).
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
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

    /// A copy with the value at `path` (`$.a.b`) set, adding the last key to its object when it
    /// is missing; nil when the path is malformed or an earlier step does not exist.
    public func setting(_ path: String, to value: JSONValue) -> JSONValue? {
        guard let steps = JSONValue.parsePath(path), !steps.isEmpty else { return nil }
        if let replaced = replacing(steps[...], with: value) { return replaced }
        guard case .key(let last) = steps.last!,
              let parent = self.value(at: steps.dropLast()), case .object(var members) = parent else { return nil }
        members.append((last, value))
        return replacing(steps.dropLast(), with: .object(members))
    }

    /// The value at `steps`, or nil.
    public func value(at steps: ArraySlice<PathStep>) -> JSONValue? {
        guard let first = steps.first else { return self }
        switch (self, first) {
        case let (.object(members), .key(k)): return members.first { $0.key == k }?.value.value(at: steps.dropFirst())
        case let (.array(items), .index(i)): return i < items.count ? items[i].value(at: steps.dropFirst()) : nil
        default: return nil
        }
    }

    /// The value at `path` (`$.a.b[0]`), or nil.
    public func value(at path: String) -> JSONValue? {
        JSONValue.parsePath(path).flatMap { value(at: $0[...]) }
    }
}
