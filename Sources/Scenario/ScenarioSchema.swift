/// A JSON Schema (draft 2020-12) of scenario files generated from `ScenarioKeys`: the nesting
/// of every numeric key, its type (`integer` or `number`) and its bounds. It constrains what the
/// key table states and leaves the rest open (names, strings and switches are checked by the
/// readers), so a file the schema rejects is one `validate` rejects at the same path.
public enum ScenarioSchema {
    /// The schema as a JSON value. O(keys × depth).
    public static func document() -> JSONValue {
        var root = Node()
        for key in ScenarioKeys.all { root.insert(steps(key.path)[...], leaf: leaf(key)) }
        var top: [(key: String, value: JSONValue)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://virtsim.invalid/scenario.schema.json")),
            ("title", .string("VirtSim scenario file")),
            ("description", .string("Numeric keys of every study with their ranges, generated from ScenarioKeys (virtsim schema). Names, strings and cross-key rules are checked by 'virtsim validate'.")),
        ]
        if case .object(let members) = root.json { top += members }
        return .object(top)
    }

    enum Step: Equatable { case key(String), items, prefix(Int) }

    /// `$.a.b[].c[][0]` → key a, key b, items, key c, items, prefix 0.
    static func steps(_ path: String) -> [Step] {
        var out: [Step] = []
        var rest = Substring(path.dropFirst())
        while !rest.isEmpty {
            if rest.hasPrefix("[]") { out.append(.items); rest = rest.dropFirst(2) }
            else if rest.hasPrefix("["), let close = rest.firstIndex(of: "]"), let n = Int(rest[rest.index(after: rest.startIndex)..<close]) {
                out.append(.prefix(n)); rest = rest[rest.index(after: close)...]
            } else {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                out.append(.key(String(name)))
                rest = rest.dropFirst(name.count)
            }
        }
        return out
    }

    static func number(_ x: Double) -> JSONValue {
        .number(x, text: formatBound(x))
    }

    static func leaf(_ key: KeyRange) -> JSONValue {
        var m: [(key: String, value: JSONValue)] = [("type", .string(key.kind.rawValue))]
        m.append((key.exclusiveMinimum ? "exclusiveMinimum" : "minimum", number(key.minimum)))
        m.append(("maximum", number(key.maximum)))
        var text = key.expectation
        if !key.note.isEmpty { text += "; " + key.note }
        m.append(("description", .string(text)))
        return .object(m)
    }

    /// A schema under construction: properties, items, tuple items, or a leaf.
    struct Node {
        var properties: [(String, Node)] = []
        var items: [Node] = []
        var prefix: [(Int, Node)] = []
        var leaf: JSONValue?

        mutating func insert(_ steps: ArraySlice<Step>, leaf value: JSONValue) {
            guard let first = steps.first else { leaf = value; return }
            switch first {
            case .key(let k):
                if let i = properties.firstIndex(where: { $0.0 == k }) { properties[i].1.insert(steps.dropFirst(), leaf: value) }
                else { var n = Node(); n.insert(steps.dropFirst(), leaf: value); properties.append((k, n)) }
            case .items:
                if items.isEmpty { items.append(Node()) }
                items[0].insert(steps.dropFirst(), leaf: value)
            case .prefix(let i):
                if let j = prefix.firstIndex(where: { $0.0 == i }) { prefix[j].1.insert(steps.dropFirst(), leaf: value) }
                else { var n = Node(); n.insert(steps.dropFirst(), leaf: value); prefix.append((i, n)); prefix.sort { $0.0 < $1.0 } }
            }
        }

        var json: JSONValue {
            if let leaf { return leaf }
            if !properties.isEmpty {
                return .object([("type", .string("object")), ("properties", .object(properties.map { ($0.0, $0.1.json) }))])
            }
            var m: [(key: String, value: JSONValue)] = [("type", .string("array")),
                                                       ("maxItems", number(Double(ScenarioKeys.maximumArrayLength)))]
            if !prefix.isEmpty {
                // Tuple positions without an entry accept anything.
                var tuple: [JSONValue] = []
                for (i, n) in prefix { while tuple.count < i { tuple.append(.bool(true)) }; tuple.append(n.json) }
                m.append(("prefixItems", .array(tuple)))
            }
            if let n = items.first { m.append(("items", n.json)) }
            return .object(m)
        }
    }
}
