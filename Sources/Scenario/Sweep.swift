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

    /// Number of points (the cartesian product of the axes) times the seeds; nil when the
    /// product does not fit an `Int` (such a sweep is rejected long before).
    public var runCount: Int? {
        var n = seeds.count
        for a in axes {
            let (p, overflow) = n.multipliedReportingOverflow(by: a.values.count)
            if overflow { return nil }
            n = p
        }
        return n
    }
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
    public enum PathStep: Equatable, Sendable {
        case key(String)
        case index(Int)
    }

    /// Parses `$.a.b[2].c`; nil when malformed.
    public static func parsePath(_ path: String) -> [PathStep]? {
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
    public func replacing(_ steps: ArraySlice<PathStep>, with value: JSONValue) -> JSONValue? {
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
            throw ScenarioError(file: file, diagnostics: [Diagnostic(path: error.path, message: "not valid JSON: \(error)")])
        }
        return try readWithSweep(root, file: file)
    }

    /// The same, from a parsed document (e.g. one with command-line overrides applied).
    public func readWithSweep(_ root: JSONValue, file: String) throws(ScenarioError) -> (base: Scenario, sweep: SweepSpec?, points: [SweepPoint]) {
        // Relative power table files are taken from the scenario file's folder (in every point too).
        let folder = PowerTableDocument.folder(of: file)
        func resolved(_ v: JSONValue) -> JSONValue { PowerTableDocument.resolvingTables(in: v, folder: folder) }
        guard case .object(let members) = root, let sweepIndex = members.firstIndex(where: { $0.key == "sweep" }) else {
            let log = DiagnosticLog()
            let scenario = read(resolved(root), log: log)
            guard log.isEmpty, let scenario else {
                throw ScenarioError(file: file, diagnostics: log.isEmpty ? [Diagnostic(path: "$", message: "could not read the scenario")] : log.items)
            }
            return (scenario, nil, [])
        }
        var baseMembers = members
        let sweepValue = baseMembers.remove(at: sweepIndex).value
        let baseRoot = JSONValue.object(baseMembers)
        let log = DiagnosticLog()
        let base = read(resolved(baseRoot), log: log)
        let spec = readSweep(sweepValue, base: baseRoot, defaultSeed: base?.seed ?? 1, log: log)
        guard log.isEmpty, let base, let spec else {
            throw ScenarioError(file: file, diagnostics: log.items)
        }
        var points: [SweepPoint] = []
        var combination = Array(repeating: 0, count: spec.axes.count)
        var index = 0
        var failedPoints = 0
        repeat {
            var json = baseRoot
            let values = spec.axes.indices.map { spec.axes[$0].values[combination[$0]] }
            let label = "sweep point " + zip(spec.axes, values).map { "\($0.path)=\($1.brief)" }.joined(separator: ", ")
            let pointLog = DiagnosticLog()
            for (axis, value) in zip(spec.axes, values) {
                // Axes are checked to exist and to be disjoint, so this cannot fail; if it did,
                // it is reported rather than trapped.
                guard let steps = JSONValue.parsePath(axis.path), let replaced = json.replacing(steps[...], with: value) else {
                    pointLog.add("$.sweep", "cannot set \(axis.path)")
                    continue
                }
                json = replaced
            }
            if pointLog.isEmpty, let scenario = read(resolved(json), log: pointLog), pointLog.isEmpty {
                for seed in spec.seeds {
                    var s = scenario
                    s.seed = seed
                    points.append(SweepPoint(index: index, values: values, seed: seed, scenario: s))
                }
            } else {
                failedPoints += 1
                if failedPoints <= Self.maximumReportedPoints {
                    for d in pointLog.items { log.add(d.path, "\(d.message) (\(label))") }
                }
            }
            index += 1
        } while Self.advance(&combination, limits: spec.axes.map(\.values.count))
        if failedPoints > Self.maximumReportedPoints {
            log.add("$.sweep", "\(failedPoints - Self.maximumReportedPoints) more sweep points have problems (the first \(Self.maximumReportedPoints) are listed)")
        }
        if !log.isEmpty { throw ScenarioError(file: file, diagnostics: log.items) }
        return (base, spec, points)
    }

    /// Sweep points whose problems are listed in full; the rest are counted.
    static let maximumReportedPoints = 20

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
        var axisSteps: [(path: String, steps: [JSONValue.PathStep])] = []
        for (item, path) in r.array("parameters", required: true, nonEmpty: true) ?? [] {
            guard var a = ObjectReader(item, path: path, log: log) else { continue }
            let target = a.string("path", required: true)
            let valueItems = a.array("values", required: true, nonEmpty: true)
            a.finish()
            var values: [JSONValue]?
            if let valueItems {
                var distinct: [JSONValue] = []
                for (v, p) in valueItems {
                    if distinct.contains(v) { log.add(p, "duplicate value \(v.brief); list each value once") } else { distinct.append(v) }
                }
                values = distinct
            }
            guard let target, let values, !values.isEmpty else { continue }
            guard let steps = JSONValue.parsePath(target) else {
                log.add(a.childPath("path"), "found \"\(target)\"; expected a JSON path such as \"$.consolidation.fleet.servers\"")
                continue
            }
            if steps.isEmpty || steps.first == .key("sweep") || steps.first == .key("name") {
                log.add(a.childPath("path"), "\"\(target)\" cannot be swept")
                continue
            }
            guard base.replacing(steps[...], with: .null) != nil else {
                log.add(a.childPath("path"), "\"\(target)\" names no value of the scenario; a swept value must be present in the file")
                continue
            }
            // One axis inside another would write into a value the other replaces: ambiguous.
            if let other = axisSteps.first(where: { $0.steps.starts(with: steps) || steps.starts(with: $0.steps) }) {
                log.add(a.childPath("path"), other.steps == steps
                        ? "\"\(target)\" is swept twice"
                        : "\"\(target)\" overlaps the axis \"\(other.path)\" (one lies inside the other); sweep disjoint values")
                continue
            }
            axisSteps.append((target, steps))
            axes.append(SweepSpec.Axis(path: target, values: values))
        }
        var seeds: [UInt64] = [defaultSeed]
        if let items = r.array("seeds", nonEmpty: true) {
            seeds = []
            for (v, p) in items {
                guard let x = ScenarioKeys.sweepSeed.check(v, path: p, log: log) else { continue }
                if seeds.contains(UInt64(x)) { log.add(p, "duplicate seed \(v.brief); list each seed once"); continue }
                seeds.append(UInt64(x))
            }
        }
        r.finish()
        let spec = SweepSpec(axes: axes, seeds: seeds)
        let limit = ScenarioKeys.maximumSweepRuns
        if let n = spec.runCount {
            if n > limit { log.add("$.sweep", "\(n) runs (points × seeds); expected at most \(limit) points") }
        } else {
            log.add("$.sweep", "more runs (points × seeds) than an integer holds; expected at most \(limit) points")
        }
        return axes.isEmpty ? nil : spec
    }
}
