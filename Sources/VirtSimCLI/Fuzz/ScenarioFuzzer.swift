import Foundation
import MetricCatalogue
import Reports
import Scenario

/// A seeded mutation fuzzer over scenario files (issue 8): it damages the shipped scenarios (type
/// swaps, deleted and renamed keys, numbers at and beyond their ranges, duplicated subtrees,
/// sweeps, byte damage), validates each mutant in-process, runs what validates through `virtsim
/// run` with a small work budget, and checks what must always hold:
///
/// - validation either accepts or reports problems that each have a JSON path and a message;
/// - anything validate accepts, run runs (exit 0), and a refused run writes nothing;
/// - no output holds NaN or infinity;
/// - consolidation outputs account for every guest at every report, and no host's CPU
///   utilization exceeds 100 %.
///
/// A trap ends the process: callers that want to count crashes save `Case.text` first
/// (`virtsim-bench fuzz` does). Same seed, same cases.
public struct ScenarioFuzzer {
    /// One generated input.
    public struct Case: Sendable {
        public var index: Int
        public var seedFile: String
        public var mutations: [String]
        public var text: String
    }

    /// What one case did.
    public enum Outcome: Sendable, Equatable {
        case rejected(problems: Int)
        case ran
        /// An invariant broke: the message says which.
        case failed(String)
    }

    /// Seed scenarios: (label, text).
    public let seeds: [(label: String, text: String)]
    /// Budget of the runs (the estimator's work limit, lowered so that a case takes milliseconds).
    public let limits: ResourceLimits
    let scratch: String

    /// Seeds are the shipped scenarios under `scenarioDir` plus a small copy of each (fleet,
    /// horizon and I/O window shrunk) so that runs fit the budget.
    public init(scenarioDir: String, scratch: String, limits: ResourceLimits = ResourceLimits(work: 50_000, memoryBytes: 2e8)) {
        var seeds: [(String, String)] = []
        for file in ScenarioLoader.scenarioFiles(in: scenarioDir) {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else { continue }
            let label = String(file.dropFirst(scenarioDir.count + 1))
            seeds.append((label, text))
            if let small = Self.shrunk(text) { seeds.append((label + " (small)", small)) }
        }
        self.seeds = seeds
        self.limits = limits
        self.scratch = scratch
    }

    /// The case with index `index` of the campaign `seed`.
    public func makeCase(_ index: Int, seed: UInt64) -> Case {
        var rng = SplitMix(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index))
        let (label, text) = seeds[rng.below(seeds.count)]
        var names: [String] = []
        // One case in eight damages bytes; the rest mutate the parsed tree 1 to 4 times.
        if rng.below(8) == 0 {
            var bytes = Array(text.utf8)
            for _ in 0..<(1 + rng.below(4)) { names.append(Self.damage(&bytes, &rng)) }
            return Case(index: index, seedFile: label, mutations: names, text: String(decoding: bytes, as: UTF8.self))
        }
        guard var tree = try? JSONParser.parse(text) else { return Case(index: index, seedFile: label, mutations: [], text: text) }
        for _ in 0..<(1 + rng.below(4)) { names.append(Self.mutate(&tree, &rng)) }
        return Case(index: index, seedFile: label, mutations: names, text: tree.rendered())
    }

    /// Validates `c` and, when valid, runs it; returns what happened.
    public func check(_ c: Case) -> Outcome {
        // 1. Validation in-process: every problem has a path and a message.
        let diagnostics: [Diagnostic]
        do {
            _ = try ScenarioLoader.loadWithSweep(text: c.text, label: "fuzz.json", traceRoot: nil, day: nil, limits: limits)
            diagnostics = []
        } catch let e as ScenarioError {
            diagnostics = e.diagnostics
            if diagnostics.isEmpty { return .failed("validation failed with no problem listed") }
            for d in diagnostics where !(d.path.hasPrefix("$") && !d.message.isEmpty) {
                return .failed("problem without a JSON path: \(d)")
            }
        } catch {
            return .failed("validation failed without a ScenarioError: \(error)")
        }
        // 2. run: exit 0 when valid, 2 and nothing written when not.
        let dir = scratch + "/case-\(c.index)"
        let file = dir + ".json"
        defer {
            try? FileManager.default.removeItem(atPath: dir)
            try? FileManager.default.removeItem(atPath: file)
        }
        guard FileManager.default.createFile(atPath: file, contents: Data(c.text.utf8)) else { return .failed("cannot write \(file)") }
        let console = Console(out: { _ in }, err: { _ in }, progressEnabled: false)
        let status = RunCommand.execute([file, "--out", dir, "--threads", "1"], console: console, limits: limits)
        if !diagnostics.isEmpty {
            if status != .badInput { return .failed("validate refused it but run exited \(status.rawValue)") }
            let left = ((try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? []).filter { $0 != "case-\(c.index).json" }
            if !left.isEmpty { return .failed("a refused run wrote \(left.joined(separator: ", "))") }
            return .rejected(problems: diagnostics.count)
        }
        guard status == .success else { return .failed("validate accepted it but run exited \(status.rawValue)") }
        // 3. Outputs: finite numbers; consolidation invariants.
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        if !files.contains("summary.csv") { return .failed("run wrote no summary.csv") }
        for f in files where f.hasSuffix(".csv") {
            guard let text = try? String(contentsOfFile: dir + "/" + f, encoding: .utf8) else { return .failed("unreadable \(f)") }
            if let bad = Self.nonFinite(in: text) { return .failed("\(f) holds the non-finite value \(bad)") }
            if f == "hosts.csv", let problem = Self.hostInvariants(text, guestsCSV: try? String(contentsOfFile: dir + "/guests.csv", encoding: .utf8),
                                                                  summaryCSV: try? String(contentsOfFile: dir + "/summary.csv", encoding: .utf8),
                                                                  scenarioText: c.text) {
                return .failed("hosts.csv: \(problem)")
            }
        }
        return .ran
    }

    // MARK: Invariants

    /// The first CSV cell that reads as NaN or infinity, if any.
    static func nonFinite(in csv: String) -> String? {
        // Cells as RFC 4180 reads them (a quoted cell may hold commas); unparsable text is
        // scanned cell by comma so nothing escapes the check.
        let cellsByRow: [[String]] = (try? CSVTable.parse(csv)).map { [$0.header] + $0.rows }
            ?? csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for row in cellsByRow {
            for cell in row {
                let lower = cell.lowercased()
                if lower == "nan" || lower == "-nan" || lower == "inf" || lower == "-inf" || lower == "+inf"
                    || lower == "infinity" || lower == "-infinity" { return String(cell) }
            }
        }
        return nil
    }

    /// Consolidation studies: at every report of every variant, every guest is on a host, is
    /// listed in guests.csv as off every host (never placed, or deleted: host -1), or is waiting
    /// for a host (at most the summary's `guests_waiting_max` at once); no host's utilization is
    /// above 100 %.
    static func hostInvariants(_ csv: String, guestsCSV: String?, summaryCSV: String? = nil, scenarioText: String) -> String? {
        guard let tree = try? JSONParser.parse(scenarioText), case .object(let top) = tree,
              top.first(where: { $0.key == "study" })?.value == .string("consolidation"),
              !top.contains(where: { $0.key == "sweep" }),
              case .object(let c)? = top.first(where: { $0.key == "consolidation" })?.value,
              case .object(let fleet)? = c.first(where: { $0.key == "fleet" })?.value,
              case .number(let servers, _)? = fleet.first(where: { $0.key == "servers" })?.value else { return nil }
        var guests: [String: Int] = [:]
        var order: [String] = []
        // Parsed as RFC 4180: a variant name may hold a comma (it is then quoted).
        guard let hosts = try? CSVTable.parse(csv) else { return "hosts.csv is not valid CSV" }
        for cells in hosts.rows {
            guard cells.count == 9, let util = Double(cells[6]), let g = Int(cells[8]) else { return "malformed row \(cells)" }
            if util > 100 + 1e-6 { return "host \(cells[3]) at \(util) % CPU at \(cells[1]) h" }
            let key = "\(cells[0]) @ \(cells[1])"
            if guests[key] == nil { order.append(key) }
            guests[key, default: 0] += g
        }
        // A host's count includes incoming migrations, so a migrating guest counts twice while
        // in flight: at most once more per guest that migrates.
        var offHosts: [String: Int] = [:], migrating: [String: Int] = [:]
        let guestRows = guestsCSV.flatMap { try? CSVTable.parse($0) }?.rows ?? []
        for cells in guestRows {
            guard cells.count == 10 else { return "malformed guests.csv row \(cells)" }
            if cells[7] == "-1" || cells[8] == "-1" { offHosts[String(cells[0]), default: 0] += 1 }
            if cells[9] != "0" { migrating[String(cells[0]), default: 0] += 1 }
        }
        var waiting: [String: Int] = [:]
        for cells in (summaryCSV.flatMap { try? CSVTable.parse($0) }?.rows ?? []) where cells.count == 5 && cells[2] == Metric.guestsWaitingMax.name {
            waiting[cells[1]] = Int(cells[3])
        }
        for key in order {
            let variant = String(key[..<key.range(of: " @ ")!.lowerBound])
            let on = guests[key]!, off = offHosts[variant] ?? 0, moving = migrating[variant] ?? 0, waits = waiting[variant] ?? 0
            if on > Int(servers) + moving || on + off + waits < Int(servers) {
                return "\(on) guests on hosts at \(key), \(off) listed off every host, \(moving) migrating, up to \(waits) waiting; expected \(Int(servers)) in all"
            }
        }
        return nil
    }

    // MARK: Mutations

    /// A smaller copy of a shipped scenario (fleet, horizon, I/O window), or nil when nothing shrinks.
    static func shrunk(_ text: String) -> String? {
        guard var tree = try? JSONParser.parse(text) else { return nil }
        let changes: [(String, JSONValue)] = [
            ("$.consolidation.fleet.servers", .number(6, text: "6")),
            ("$.consolidation.horizonHours", .number(3, text: "3")),
            ("$.io.durationSeconds", .number(0.002, text: "0.002")),
            ("$.io.warmupSeconds", .number(0.0005, text: "0.0005")),
        ]
        var changed = false
        for (path, value) in changes {
            if let steps = JSONValue.parsePath(path), let t = tree.replacing(steps[...], with: value) { tree = t; changed = true }
        }
        return changed ? tree.rendered() : nil
    }

    /// Values that probe ranges: bounds, just beyond them, zero, fractions, huge and tiny.
    static func probe(_ rng: inout SplitMix) -> JSONValue {
        if rng.below(2) == 0 {
            let k = ScenarioKeys.all[rng.below(ScenarioKeys.all.count)]
            let candidates = [k.minimum, k.maximum, k.maximum.nextUp, k.minimum.nextDown, k.maximum * 2, (k.minimum + k.maximum) / 2,
                              k.minimum + 0.5]
            let x = candidates[rng.below(candidates.count)]
            return .number(x, text: x.rounded() == x && abs(x) < 1e15 ? String(Int64(x)) : String(x))
        }
        let texts = ["0", "-1", "1", "0.5", "1.5", "2", "3", "1e308", "-1e308", "5e-324", "1e-320", "1e15", "1e19", "9007199254740993",
                     "1e6", "100000", "200000", "0.1", "1e-6", "24", "288", "65536", "3600", "86400"]
        let t = texts[rng.below(texts.count)]
        return .number(Double(t)!, text: t)
    }

    static func randomValue(_ rng: inout SplitMix) -> JSONValue {
        switch rng.below(8) {
        case 0: return .null
        case 1: return .bool(rng.below(2) == 0)
        case 2: return .string(["", "x", "full", "native", "thr", "fio", "20110303", "99999999", "../../etc", "pre-copy", "\u{1F600}"][rng.below(11)])
        case 3: return .array([])
        case 4: return .object([])
        case 5: return .array([probe(&rng), probe(&rng)])
        default: return probe(&rng)
        }
    }

    /// Applies one mutation to `tree`; returns its name.
    static func mutate(_ tree: inout JSONValue, _ rng: inout SplitMix) -> String {
        let paths = tree.allPaths()
        guard !paths.isEmpty else { return "none" }
        let target = paths[rng.below(paths.count)]
        let here = tree.value(at: target[...])
        switch rng.below(10) {
        case 0, 1:
            // A number at or beyond a limit (on a number if possible).
            let numbers = paths.filter { if case .number? = tree.value(at: $0[...]) { return true } else { return false } }
            let p = numbers.isEmpty ? target : numbers[rng.below(numbers.count)]
            let v = probe(&rng)
            tree = tree.replacing(p[...], with: v) ?? tree
            return "number \(render(p))=\(v.brief)"
        case 2:
            let v = randomValue(&rng)
            tree = tree.replacing(target[...], with: v) ?? tree
            return "type \(render(target))=\(v.brief)"
        case 3:
            tree = tree.removing(target[...]) ?? tree
            return "delete \(render(target))"
        case 4:
            guard case .key(let k)? = target.last else { return "rename (none)" }
            let renamed = rng.below(2) == 0 ? String(k.dropLast()) : k + "s"
            tree = tree.renaming(target[...], to: renamed) ?? tree
            return "rename \(render(target))→\(renamed)"
        case 5:
            // Duplicate an array element or copy one subtree over another.
            if case .array(var items)? = here, !items.isEmpty {
                for _ in 0..<(1 + rng.below(3)) { items.append(items[rng.below(items.count)]) }
                tree = tree.replacing(target[...], with: .array(items)) ?? tree
                return "duplicate elements \(render(target))"
            }
            let other = paths[rng.below(paths.count)]
            if let v = tree.value(at: other[...]) { tree = tree.replacing(target[...], with: v) ?? tree }
            return "copy \(render(other))→\(render(target))"
        case 6:
            // A sweep over one or two existing values.
            var parameters: [JSONValue] = []
            for _ in 0..<(1 + rng.below(2)) {
                let p = paths[rng.below(paths.count)]
                let values = (0..<(1 + rng.below(3))).map { _ in rng.below(3) == 0 ? randomValue(&rng) : probe(&rng) }
                parameters.append(.object([("path", .string(render(p))), ("values", .array(values))]))
            }
            var sweep: [(key: String, value: JSONValue)] = [("parameters", .array(parameters))]
            if rng.below(3) == 0 { sweep.append(("seeds", .array([probe(&rng), probe(&rng)]))) }
            if case .object(var top) = tree {
                top.removeAll { $0.key == "sweep" }
                top.append(("sweep", .object(sweep)))
                tree = .object(top)
            }
            return "sweep"
        case 7:
            // Grow an object: add a known-looking key.
            if case .object(var members)? = here {
                let key = ["servers", "queueDepth", "arrivalRate", "sweep", "kinds", "day", "maxRounds", "study", "extra"][rng.below(9)]
                if !members.contains(where: { $0.key == key }) { members.append((key, randomValue(&rng))) }
                tree = tree.replacing(target[...], with: .object(members)) ?? tree
                return "add \(render(target)).\(key)"
            }
            return "add (none)"
        case 8:
            // Deep nesting at a value.
            var v = here ?? .null
            for _ in 0..<(1 + rng.below(250)) { v = .array([v]) }
            tree = tree.replacing(target[...], with: v) ?? tree
            return "nest \(render(target))"
        default:
            // Swap the study kind, keeping the sections.
            if case .object(var top) = tree, let i = top.firstIndex(where: { $0.key == "study" }) {
                top[i].value = .string(Scenario.studyNames[rng.below(Scenario.studyNames.count)] + (rng.below(4) == 0 ? "x" : ""))
                tree = .object(top)
            }
            return "study"
        }
    }

    /// Byte damage on the text: flip, insert, delete, truncate.
    static func damage(_ bytes: inout [UInt8], _ rng: inout SplitMix) -> String {
        guard !bytes.isEmpty else { return "empty" }
        let i = rng.below(bytes.count)
        let interesting: [UInt8] = [0x00, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x30, 0x39, 0x65, 0x2D, 0x2E, 0x75, 0x0A, 0xFF, 0xC3, 0xED]
        switch rng.below(4) {
        case 0: bytes[i] = interesting[rng.below(interesting.count)]; return "byte \(i)"
        case 1: bytes.insert(interesting[rng.below(interesting.count)], at: i); return "insert \(i)"
        case 2: bytes.remove(at: i); return "remove \(i)"
        default: bytes.removeSubrange(i...); return "truncate \(i)"
        }
    }

    static func render(_ steps: [JSONValue.PathStep]) -> String {
        var s = "$"
        for step in steps {
            switch step {
            case .key(let k): s += "." + k
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny seeded generator for the fuzzer.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
}

extension JSONValue {
    /// Paths of every value in the tree, parents before children. O(size).
    func allPaths() -> [[PathStep]] {
        var out: [[PathStep]] = []
        func walk(_ v: JSONValue, _ prefix: [PathStep]) {
            if !prefix.isEmpty { out.append(prefix) }
            switch v {
            case .object(let m): for (k, x) in m { walk(x, prefix + [.key(k)]) }
            case .array(let a): for (i, x) in a.enumerated() { walk(x, prefix + [.index(i)]) }
            default: break
            }
        }
        walk(self, [])
        return out
    }

    /// A copy without the value at `steps` (an object member or an array element).
    func removing(_ steps: ArraySlice<PathStep>) -> JSONValue? {
        guard let last = steps.last else { return nil }
        let parentSteps = steps.dropLast()
        guard let parent = value(at: parentSteps) else { return nil }
        switch (parent, last) {
        case (.object(var m), .key(let k)): m.removeAll { $0.key == k }; return replacing(parentSteps, with: .object(m))
        case (.array(var a), .index(let i)) where i < a.count: a.remove(at: i); return replacing(parentSteps, with: .array(a))
        default: return nil
        }
    }

    /// A copy with the object member at `steps` renamed (nil when the name is taken).
    func renaming(_ steps: ArraySlice<PathStep>, to name: String) -> JSONValue? {
        guard case .key(let k)? = steps.last, case .object(var m)? = value(at: steps.dropLast()),
              !m.contains(where: { $0.key == name }), let i = m.firstIndex(where: { $0.key == k }) else { return nil }
        m[i].key = name
        return replacing(steps.dropLast(), with: .object(m))
    }
}
