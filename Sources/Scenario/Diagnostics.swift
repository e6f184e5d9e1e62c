import Synchronization

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
    /// The recorder in scope when the log was made (tests only; nil otherwise, and then every
    /// record call is one nil check).
    public let recorder: ReadRecorder?
    public init() { recorder = ReadRecorder.current }
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
    /// Keys asked for with `required: true` (kept only while a recorder listens).
    private var requiredKeys: [String] = []

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
        record(key, .raw, required: required)
        return lookup(key, required: required, expected: expected)
    }

    /// Tells the recorder, if any, that `key` was asked for as `kind`.
    private mutating func record(_ key: String, _ kind: ReadRecorder.Kind, required: Bool) {
        guard let recorder = log.recorder else { return }
        if required { requiredKeys.append(key) }
        recorder.access(childPath(key), kind)
    }

    private mutating func lookup(_ key: String, required: Bool, expected: String) -> JSONValue? {
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
        record(key, .string(oneOf), required: required)
        guard let v = lookup(key, required: required, expected: expected) else { return nil }
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
        record(key, .number(range), required: required)
        guard let v = lookup(key, required: required, expected: range.expectation) else { return nil }
        return range.check(v, path: childPath(key), log: log, recorded: true)
    }

    /// Like `number`, for integer keys.
    public mutating func integer(_ range: KeyRange, required: Bool = false) -> Int? {
        precondition(range.kind == .integer, "\(range.path) is not an integer key")
        return number(range, required: required).map { Int($0) }
    }

    public mutating func bool(_ key: String, required: Bool = false) -> Bool? {
        record(key, .bool, required: required)
        guard let v = lookup(key, required: required, expected: "true or false") else { return nil }
        guard case .bool(let b) = v else {
            log.add(childPath(key), "expected true or false, found \(v.brief)")
            return nil
        }
        return b
    }

    /// A nested object reader.
    public mutating func object(_ key: String, required: Bool = false) -> ObjectReader? {
        record(key, .object, required: required)
        guard let v = lookup(key, required: required, expected: "an object") else { return nil }
        return ObjectReader(v, path: childPath(key), log: log)
    }

    /// An array's elements with their paths.
    public mutating func array(_ key: String, required: Bool = false, nonEmpty: Bool = false) -> [(value: JSONValue, path: String)]? {
        record(key, .array(nonEmpty: nonEmpty), required: required)
        guard let v = lookup(key, required: required, expected: nonEmpty ? "a non-empty array" : "an array") else { return nil }
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
        log.recorder?.object(path, accepted: known, required: requiredKeys)
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

/// Records what the readers ask for while a recorder is in scope (`ReadRecorder.$current`):
/// every key access with its JSON path and what was asked, and every object's accepted keys.
/// Tests compare this with the published schema (`ScenarioSchema`), so reader and schema
/// cannot drift. Never set outside tests.
public final class ReadRecorder: Sendable {
    /// What a reader asked for at a path.
    public enum Kind: Sendable, Equatable {
        /// A number or integer checked against its range.
        case number(KeyRange)
        /// A string, from a vocabulary when `oneOf` is given.
        case string([String]?)
        case bool
        case object
        case array(nonEmpty: Bool)
        /// Any value, checked by the reader's own code (a name or an object, a map…).
        case raw
    }

    public struct Access: Sendable { public var path: String; public var kind: Kind }
    /// One object read: its path, the keys it accepts and those it requires.
    public struct ObjectRead: Sendable { public var path: String; public var accepted: [String]; public var required: [String] }

    @TaskLocal public static var current: ReadRecorder?

    private let state = Mutex<(accesses: [Access], objects: [ObjectRead])>(([], []))

    public init() {}

    public var accesses: [Access] { state.withLock { $0.accesses } }
    public var objects: [ObjectRead] { state.withLock { $0.objects } }

    func access(_ path: String, _ kind: Kind) { state.withLock { $0.accesses.append(Access(path: path, kind: kind)) } }
    func object(_ path: String, accepted: [String], required: [String]) {
        state.withLock { $0.objects.append(ObjectRead(path: path, accepted: accepted, required: required)) }
    }
}
