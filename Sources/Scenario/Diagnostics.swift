/// One problem in a scenario file: where (a JSON path such as `$.hostTypes[1].cores`), what was
/// found, and what was expected.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}

/// Every problem found while reading a scenario, thrown once at the end so the user sees them all.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var diagnostics: [Diagnostic]
    public init(file: String, diagnostics: [Diagnostic]) {
        self.file = file
        self.diagnostics = diagnostics
    }
    public var description: String {
        let head = "\(file): \(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s")"
        return ([head] + diagnostics.map { "  \($0)" }).joined(separator: "\n")
    }
}

/// Collects diagnostics while a scenario is read. A reference type so nested readers share it;
/// reading is single-threaded and off every hot path.
public final class DiagnosticLog {
    public private(set) var items: [Diagnostic] = []
    public init() {}
    public func add(_ path: String, _ message: String) { items.append(Diagnostic(path: path, message: message)) }
    public var isEmpty: Bool { items.isEmpty }
}

/// Reads one JSON object at a known path, checks types and ranges, and remembers which keys were
/// read so that `finish()` can report every unknown key (usually a typo).
public struct ObjectReader {
    public let path: String
    public let log: DiagnosticLog
    private let members: [(key: String, value: JSONValue)]
    private var known: [String] = []

    /// Returns nil (and logs) when `value` is not an object.
    public init?(_ value: JSONValue, path: String, log: DiagnosticLog) {
        guard case .object(let members) = value else {
            log.add(path, "expected an object, found \(value.brief)")
            return nil
        }
        self.path = path
        self.log = log
        self.members = members
    }

    public func childPath(_ key: String) -> String {
        key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) ? "\(path).\(key)" : "\(path)[\"\(key)\"]"
    }

    /// True if the key is present (marks it known).
    public mutating func has(_ key: String) -> Bool {
        known.append(key)
        return members.contains { $0.key == key }
    }

    /// The raw value of `key`, marking it known; logs when required and missing.
    public mutating func raw(_ key: String, required: Bool = false, expected: String = "a value") -> JSONValue? {
        known.append(key)
        guard let v = members.first(where: { $0.key == key })?.value else {
            if required { log.add(childPath(key), "missing; expected \(expected)") }
            return nil
        }
        return v
    }

    /// A string; when `oneOf` is given the value must be one of those names.
    public mutating func string(_ key: String, required: Bool = false, oneOf: [String]? = nil) -> String? {
        let expected = oneOf.map { "one of " + $0.map { "\"\($0)\"" }.joined(separator: ", ") } ?? "a string"
        guard let v = raw(key, required: required, expected: expected) else { return nil }
        guard case .string(let s) = v else {
            log.add(childPath(key), "expected \(expected), found \(v.brief)")
            return nil
        }
        if let names = oneOf, !names.contains(s) {
            log.add(childPath(key), "unknown name \"\(s)\"; expected \(expected)")
            return nil
        }
        return s
    }

    /// The number at the key `range` names (the last step of its path), checked against the
    /// range: nil and one diagnostic when it is not a number, not finite, fractional for an
    /// integer key, or out of range.
    public mutating func number(_ range: KeyRange, required: Bool = false) -> Double? {
        let key = range.key
        guard let v = raw(key, required: required, expected: range.expectation) else { return nil }
        return range.check(v, path: childPath(key), log: log)
    }

    /// Like `number`, for integer keys.
    public mutating func integer(_ range: KeyRange, required: Bool = false) -> Int? {
        precondition(range.kind == .integer, "\(range.path) is not an integer key")
        return number(range, required: required).map { Int($0) }
    }

    public mutating func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let v = raw(key, required: required, expected: "true or false") else { return nil }
        guard case .bool(let b) = v else {
            log.add(childPath(key), "expected true or false, found \(v.brief)")
            return nil
        }
        return b
    }

    /// A nested object reader.
    public mutating func object(_ key: String, required: Bool = false) -> ObjectReader? {
        guard let v = raw(key, required: required, expected: "an object") else { return nil }
        return ObjectReader(v, path: childPath(key), log: log)
    }

    /// An array's elements with their paths.
    public mutating func array(_ key: String, required: Bool = false, nonEmpty: Bool = false) -> [(value: JSONValue, path: String)]? {
        guard let v = raw(key, required: required, expected: nonEmpty ? "a non-empty array" : "an array") else { return nil }
        guard case .array(let items) = v else {
            log.add(childPath(key), "expected an array, found \(v.brief)")
            return nil
        }
        if nonEmpty && items.isEmpty { log.add(childPath(key), "found an empty array; expected at least one element") }
        if items.count > ScenarioKeys.maximumArrayLength {
            log.add(childPath(key), "found an array of \(items.count); expected at most \(ScenarioKeys.maximumArrayLength) elements")
            return nil
        }
        let p = childPath(key)
        return items.enumerated().map { ($0.element, "\(p)[\($0.offset)]") }
    }

    /// Logs every key that no reader asked for.
    public func finish() {
        for m in members where !known.contains(m.key) {
            let suggestion = known.min { editDistance($0, m.key) < editDistance($1, m.key) }
                .flatMap { editDistance($0, m.key) <= 2 ? " (did you mean \"\($0)\"?)" : nil } ?? ""
            let allowed = Array(Set(known)).sorted().joined(separator: ", ")
            log.add(childPath(m.key), "unknown key\(suggestion); expected one of: \(allowed)")
        }
    }
}

/// Levenshtein distance, for "did you mean" hints. O(a·b), keys are short.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    for i in 1...a.count {
        var cur = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        prev = cur
    }
    return prev[b.count]
}
