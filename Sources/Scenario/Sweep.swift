/// A sweep over a scenario: parameter axes addressed by JSON paths into the scenario itself,
/// times a list of seeds. Every point is an ordinary scenario, read and checked like one.
///
/// ```json
/// "sweep": {
///   "parameters": [{"path": "$.consolidation.policies.overloadParameter", "values": [0.7, 0.8, 0.9]}],
///   "seeds": [1, 2, 3]
/// }
/// ```
public struct SweepSpec: Sendable {
    public struct Axis: Sendable {
        /// JSON path of the swept value, e.g. `$.consolidation.fleet.servers`.
        public var path: String
        public var values: [JSONValue]
    }
    public var axes: [Axis]
    /// Seeds of the replications (default: the scenario's seed only).
    public var seeds: [UInt64]

    /// Number of points (the cartesian product of the axes) times the seeds.
    public var runCount: Int { axes.reduce(1) { $0 * $1.values.count } * seeds.count }
}

/// One run of a sweep: the values of each axis and the seed.
public struct SweepPoint: Sendable {
    public var index: Int
    public var values: [JSONValue]
    public var seed: UInt64
    public var scenario: Scenario
}

extension JSONValue {
    /// One step of a JSON path.
    enum PathStep: Equatable {
        case key(String)
        case index(Int)
    }

    /// Parses `$.a.b[2].c`; nil when malformed.
    static func parsePath(_ path: String) -> [PathStep]? {
        guard path.hasPrefix("$") else { return nil }
        var steps: [PathStep] = []
        var rest = Substring(path.dropFirst())
        while !rest.isEmpty {
            if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return nil }
                steps.append(.key(String(name)))
                rest = rest.dropFirst(name.count)
            } else if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]"), let i = Int(rest[rest.index(after: rest.startIndex)..<close]), i >= 0 else {
                    return nil
                }
                steps.append(.index(i))
                rest = rest[rest.index(after: close)...]
            } else {
                return nil
            }
        }
        return steps
    }

    /// A copy with the value at `steps` replaced; nil when the path does not exist.
    func replacing(_ steps: ArraySlice<PathStep>, with value: JSONValue) -> JSONValue? {
        guard let first = steps.first else { return value }
        switch (self, first) {
        case let (.object(members), .key(k)):
            guard let i = members.firstIndex(where: { $0.key == k }),
                  let inner = members[i].value.replacing(steps.dropFirst(), with: value) else { return nil }
            var m = members
            m[i].value = inner
            return .object(m)
        case let (.array(items), .index(i)):
            guard i < items.count, let inner = items[i].replacing(steps.dropFirst(), with: value) else { return nil }
            var a = items
            a[i] = inner
            return .array(a)
        default:
            return nil
        }
    }
}

extension ScenarioReader {
    /// Reads a scenario that may carry a `"sweep"`: returns the base scenario (the file without
    /// the sweep) and every point of the sweep, each read and checked as a scenario. Problems of
    /// every point are reported together, prefixed with the point.
    public func readWithSweep(_ text: String, file: String) throws(ScenarioError) -> (base: Scenario, sweep: SweepSpec?, points: [SweepPoint]) {
        let root: JSONValue
        do { root = try JSONParser.parse(text) } catch {
            throw ScenarioError(file: file, diagnostics: [Diagnostic(path: "$", message: "not valid JSON: \(error)")])
        }
        guard case .object(let members) = root, let sweepIndex = members.firstIndex(where: { $0.key == "sweep" }) else {
            return (try read(text, file: file), nil, [])
        }
        var baseMembers = members
        let sweepValue = baseMembers.remove(at: sweepIndex).value
        let baseRoot = JSONValue.object(baseMembers)
        let log = DiagnosticLog()
        let base = read(baseRoot, log: log)
        let spec = readSweep(sweepValue, base: baseRoot, defaultSeed: base?.seed ?? 1, log: log)
        guard log.isEmpty, let base, let spec else {
            throw ScenarioError(file: file, diagnostics: log.items)
        }
        var points: [SweepPoint] = []
        var combination = Array(repeating: 0, count: spec.axes.count)
        var index = 0
        repeat {
            var json = baseRoot
            let values = spec.axes.indices.map { spec.axes[$0].values[combination[$0]] }
            for (axis, value) in zip(spec.axes, values) {
                json = json.replacing(JSONValue.parsePath(axis.path)![...], with: value)!
            }
            let label = "sweep point " + zip(spec.axes, values).map { "\($0.path)=\($1.brief)" }.joined(separator: ", ")
            let pointLog = DiagnosticLog()
            if let scenario = read(json, log: pointLog), pointLog.isEmpty {
                for seed in spec.seeds {
                    var s = scenario
                    s.seed = seed
                    points.append(SweepPoint(index: index, values: values, seed: seed, scenario: s))
                }
            } else {
                for d in pointLog.items { log.add(d.path, "\(d.message) (\(label))") }
            }
            index += 1
        } while Self.advance(&combination, limits: spec.axes.map(\.values.count))
        if !log.isEmpty { throw ScenarioError(file: file, diagnostics: log.items) }
        return (base, spec, points)
    }

    /// Odometer increment over the axes (last axis fastest); false after the last combination.
    static func advance(_ digits: inout [Int], limits: [Int]) -> Bool {
        var k = digits.count - 1
        while k >= 0 {
            digits[k] += 1
            if digits[k] < limits[k] { return true }
            digits[k] = 0
            k -= 1
        }
        return false
    }

    func readSweep(_ value: JSONValue, base: JSONValue, defaultSeed: UInt64, log: DiagnosticLog) -> SweepSpec? {
        guard var r = ObjectReader(value, path: "$.sweep", log: log) else { return nil }
        var axes: [SweepSpec.Axis] = []
        for (item, path) in r.array("parameters", required: true, nonEmpty: true) ?? [] {
            guard var a = ObjectReader(item, path: path, log: log) else { continue }
            let target = a.string("path", required: true)
            let values = a.array("values", required: true, nonEmpty: true)?.map(\.value)
            a.finish()
            guard let target, let values, !values.isEmpty else { continue }
            guard let steps = JSONValue.parsePath(target) else {
                log.add(a.childPath("path"), "found \"\(target)\"; expected a JSON path such as \"$.consolidation.fleet.servers\"")
                continue
            }
            if steps.first == .key("sweep") || steps.first == .key("name") {
                log.add(a.childPath("path"), "\"\(target)\" cannot be swept")
                continue
            }
            guard base.replacing(steps[...], with: .null) != nil else {
                log.add(a.childPath("path"), "\"\(target)\" names no value of the scenario; a swept value must be present in the file")
                continue
            }
            if axes.contains(where: { $0.path == target }) { log.add(a.childPath("path"), "\"\(target)\" is swept twice") }
            axes.append(SweepSpec.Axis(path: target, values: values))
        }
        var seeds: [UInt64] = [defaultSeed]
        if let items = r.array("seeds", nonEmpty: true) {
            seeds = []
            for (v, p) in items {
                if case .number(let x, _) = v, x >= 0, x.rounded() == x, x < 9e15 { seeds.append(UInt64(x)) } else {
                    log.add(p, "found \(v.brief); expected an integer ≥ 0")
                }
            }
        }
        r.finish()
        let spec = SweepSpec(axes: axes, seeds: seeds)
        if spec.runCount > 10_000 { log.add("$.sweep", "\(spec.runCount) runs; expected at most 10000") }
        return axes.isEmpty ? nil : spec
    }
}
