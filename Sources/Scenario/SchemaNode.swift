/// One place of a scenario or hardware document as `virtsim schema` publishes it: what it holds
/// (a number with its `KeyRange`, a string with the vocabulary the reader checks, an object with
/// its keys …) and a description. `ScenarioSchema` declares the tree with the readers' own
/// constants; `SchemaTests` checks it against what the readers ask for, both ways.
public indirect enum SchemaNode: Sendable {
    /// A number or integer in its range (the description is the range's expectation and note).
    case number(KeyRange)
    /// A string; from `oneOf` when given; `nonEmpty`: the reader rejects an empty (or blank) one.
    case string(String, oneOf: [String]? = nil, nonEmpty: Bool = false)
    case bool(String)
    /// An object that accepts exactly `fields` (the readers reject unknown keys).
    case object(String, [SchemaField])
    /// An array of `items`; `count` fixes its length.
    case array(String, SchemaNode, nonEmpty: Bool = false, unique: Bool = false, count: Int? = nil)
    /// A two-element array `[first, second]` (a CDF point).
    case pair(String, SchemaNode, SchemaNode)
    /// An object whose keys are any of `names`, each holding `value`.
    case map(String, names: [String], SchemaNode)
    /// One of several forms (a built-in name or an inline document).
    case either(String, [SchemaNode])
    /// An object whose other keys depend on the value of one (`key`: a component's `type`, a
    /// migration's `model`): one closed form per value, each with `common` and its own keys.
    /// `what` describes `key`.
    case forms(String, key: String, what: String, common: [SchemaField], [(value: String, fields: [SchemaField])])
    /// A document defined once under `$defs` (`hardware`, `powerTable`).
    case ref(String)
    /// Any JSON value (a swept value: checked where it lands).
    case any(String)
    /// Exactly this string (the key that selects a form).
    case constant(String, String)
}

/// A key of an object node, and whether the reader requires it.
public struct SchemaField: Sendable {
    public enum Requirement: Sendable, Equatable {
        case optional
        case always
        /// Required in some forms of the parent only (`when` says which); the schema leaves it
        /// optional, so a file it rejects is one `validate` rejects.
        case when(String)
    }
    public let name: String
    public let node: SchemaNode
    public let requirement: Requirement

    public init(_ name: String, _ node: SchemaNode, _ requirement: Requirement = .optional) {
        self.name = name
        self.node = node
        self.requirement = requirement
    }
}

extension SchemaNode {
    /// The node as JSON Schema (draft 2020-12). `extra` is appended to the description.
    func json(extra: String = "") -> JSONValue {
        func text(_ d: String) -> (key: String, value: JSONValue) {
            ("description", .string(extra.isEmpty ? d : d + " " + extra))
        }
        let maxItems = ScenarioSchema.number(Double(ScenarioKeys.maximumArrayLength))
        switch self {
        case .number(let range):
            var m: [(key: String, value: JSONValue)] = [("type", .string(range.kind.rawValue))]
            m.append((range.exclusiveMinimum ? "exclusiveMinimum" : "minimum", ScenarioSchema.number(range.minimum)))
            m.append(("maximum", ScenarioSchema.number(range.maximum)))
            var d = range.expectation
            if !range.note.isEmpty { d += "; " + range.note }
            m.append(text(d))
            return .object(m)
        case .string(let d, let names, let nonEmpty):
            var m: [(key: String, value: JSONValue)] = [("type", .string("string"))]
            if let names { m.append(("enum", .array(names.map { .string($0) }))) }
            if nonEmpty { m.append(("minLength", ScenarioSchema.number(1))) }
            m.append(text(d))
            return .object(m)
        case .bool(let d):
            return .object([("type", .string("boolean")), text(d)])
        case .forms(let d, let key, let what, let common, let forms):
            let list = forms.map { form -> JSONValue in
                let discriminator = SchemaField(key, .constant(what, form.value), .always)
                return SchemaNode.object("With \(key) \"\(form.value)\".", [discriminator] + common + form.fields).json()
            }
            return .object([("type", .string("object")), text(d), ("oneOf", .array(list))])
        case .constant(let d, let value):
            return .object([("const", .string(value)), text(d)])
        case .object(let d, let fields):
            var m: [(key: String, value: JSONValue)] = [("type", .string("object")), text(d)]
            m.append(("properties", .object(fields.map { f in
                let when: String
                switch f.requirement {
                case .when(let w): when = "Required " + w + "."
                default: when = ""
                }
                return (f.name, f.node.json(extra: when))
            })))
            let required = fields.filter { $0.requirement == .always }.map { JSONValue.string($0.name) }
            if !required.isEmpty { m.append(("required", .array(required))) }
            m.append(("additionalProperties", .bool(false)))
            return .object(m)
        case .array(let d, let items, let nonEmpty, let unique, let count):
            var m: [(key: String, value: JSONValue)] = [("type", .string("array")), text(d), ("items", items.json())]
            if let count {
                m.append(("minItems", ScenarioSchema.number(Double(count))))
                m.append(("maxItems", ScenarioSchema.number(Double(count))))
            } else {
                if nonEmpty { m.append(("minItems", ScenarioSchema.number(1))) }
                m.append(("maxItems", maxItems))
            }
            if unique { m.append(("uniqueItems", .bool(true))) }
            return .object(m)
        case .pair(let d, let first, let second):
            return .object([("type", .string("array")), text(d), ("prefixItems", .array([first.json(), second.json()])),
                            ("items", .bool(false)), ("minItems", ScenarioSchema.number(2))])
        case .map(let d, let names, let value):
            return .object([("type", .string("object")), text(d),
                            ("propertyNames", .object([("enum", .array(names.map { .string($0) }))])),
                            ("additionalProperties", value.json())])
        case .either(let d, let forms):
            return .object([text(d), ("anyOf", .array(forms.map { $0.json() }))])
        case .ref(let name):
            var m: [(key: String, value: JSONValue)] = [("$ref", .string("#/$defs/" + name))]
            if !extra.isEmpty { m.append(("description", .string(extra))) }
            return .object(m)
        case .any(let d):
            return .object([text(d)])
        }
    }
}
