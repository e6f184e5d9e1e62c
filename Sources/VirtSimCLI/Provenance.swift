import Foundation
import Reports
import Scenario
import VirtModel

/// What a run's outputs come from, written as `run.json` beside them: the VirtSim version, the
/// scenario as run (the file with the command line's overrides applied) and its SHA-256, the
/// seed, and the SHA-256 of the trace files read. Deterministic: nothing here depends on the
/// machine, the clock or the thread count, so identical runs write identical bytes (the clock and
/// the machine go to `timing.json`, see `RunTiming`).
///
/// A shard's `run.json` adds `shard`: which shard of how many, and which points it ran.
struct RunProvenance: Equatable, Sendable {
    var version: String
    var scenarioName: String
    /// `sha256:` and the hex digest of `resolvedScenario.rendered()`.
    var scenarioHash: String
    var seed: UInt64
    var traces: TraceDigest?
    var resolvedScenario: JSONValue
    var shard: ShardRecord?

    /// The trace files a run reads: days (folder names) and one SHA-256 over every file's name
    /// and bytes, days in order, files in byte order of their names.
    struct TraceDigest: Equatable, Sendable {
        var days: [String]
        var files: Int
        var hash: String
    }

    /// A shard's part of a sweep (see `ShardPlan`).
    struct ShardRecord: Equatable, Sendable {
        /// 0-based, as Slurm's `SLURM_ARRAY_TASK_ID` and Kubernetes' `JOB_COMPLETION_INDEX`.
        var index: Int
        var count: Int
        /// Points of the whole run (the base scenario and every sweep run).
        var totalPoints: Int
        /// Points this shard ran, in ascending order (0 is the base scenario, k ≥ 1 sweep run k−1).
        var points: [Int]
        /// The base scenario's tables (after `summary.csv`), in the order the run writes them,
        /// when this shard ran the base point.
        var baseTables: [String]
    }

    init(version: String = VirtSimMain.version, scenario: LoadedScenario, traces: TraceDigest?, shard: ShardRecord? = nil) {
        self.version = version
        scenarioName = scenario.base.name
        scenarioHash = scenario.hash
        seed = scenario.base.seed
        self.traces = traces
        resolvedScenario = scenario.root
        self.shard = shard
    }

    /// `run.json`'s text. Key order fixed.
    func json() -> String {
        var members: [(key: String, value: JSONValue)] = [
            ("virtsim", .string(version)),
            ("scenario", .string(scenarioName)),
            ("scenarioHash", .string(scenarioHash)),
            ("seed", .number(Double(seed), text: String(seed))),
        ]
        if let t = traces {
            members.append(("traces", .object([
                ("days", .array(t.days.map { .string($0) })),
                ("files", .number(Double(t.files), text: String(t.files))),
                ("hash", .string(t.hash)),
            ])))
        } else {
            members.append(("traces", .null))
        }
        if let s = shard {
            func n(_ x: Int) -> JSONValue { .number(Double(x), text: String(x)) }
            members.append(("shard", .object([
                ("index", n(s.index)),
                ("count", n(s.count)),
                ("totalPoints", n(s.totalPoints)),
                ("points", .array(s.points.map(n))),
                ("baseTables", .array(s.baseTables.map { .string($0) })),
            ])))
        }
        members.append(("resolvedScenario", resolvedScenario))
        return JSONValue.object(members).rendered() + "\n"
    }

    /// Reads a `run.json` back. - Throws: `InputError` naming the file and what is wrong.
    static func parse(_ text: String, file: String) throws -> RunProvenance {
        func bad(_ what: String) -> InputError { InputError(message: "\(file): \(what)") }
        let root: JSONValue
        do { root = try JSONParser.parse(text) } catch { throw bad("not valid JSON: \(error)") }
        func string(_ path: String) throws -> String {
            guard case .string(let s)? = root.value(at: path) else { throw bad("\(path): expected a string") }
            return s
        }
        func integer(_ v: JSONValue?, _ path: String) throws -> Int {
            guard case .number(let x, _)? = v, x >= 0, x.rounded() == x, x < 9e15 else { throw bad("\(path): expected an integer ≥ 0") }
            return Int(x)
        }
        guard let resolved = root.value(at: "$.resolvedScenario") else { throw bad("$.resolvedScenario: missing") }
        var p = RunProvenance(version: try string("$.virtsim"), scenarioName: try string("$.scenario"),
                              scenarioHash: try string("$.scenarioHash"), seed: UInt64(try integer(root.value(at: "$.seed"), "$.seed")),
                              traces: nil, resolvedScenario: resolved, shard: nil)
        if case .object? = root.value(at: "$.traces") {
            guard case .array(let days)? = root.value(at: "$.traces.days") else { throw bad("$.traces.days: expected an array") }
            p.traces = TraceDigest(days: try days.map { d in
                guard case .string(let s) = d else { throw bad("$.traces.days: expected strings") }
                return s
            }, files: try integer(root.value(at: "$.traces.files"), "$.traces.files"), hash: try string("$.traces.hash"))
        }
        if root.value(at: "$.shard") != nil {
            guard case .array(let points)? = root.value(at: "$.shard.points"),
                  case .array(let tables)? = root.value(at: "$.shard.baseTables") else { throw bad("$.shard: expected points and baseTables arrays") }
            p.shard = ShardRecord(index: try integer(root.value(at: "$.shard.index"), "$.shard.index"),
                                  count: try integer(root.value(at: "$.shard.count"), "$.shard.count"),
                                  totalPoints: try integer(root.value(at: "$.shard.totalPoints"), "$.shard.totalPoints"),
                                  points: try points.map { try integer($0, "$.shard.points") },
                                  baseTables: try tables.map { t in
                                      guard case .string(let s) = t else { throw bad("$.shard.baseTables: expected strings") }
                                      return s
                                  })
        }
        return p
    }

    private init(version: String, scenarioName: String, scenarioHash: String, seed: UInt64, traces: TraceDigest?,
                 resolvedScenario: JSONValue, shard: ShardRecord?) {
        self.version = version
        self.scenarioName = scenarioName
        self.scenarioHash = scenarioHash
        self.seed = seed
        self.traces = traces
        self.resolvedScenario = resolvedScenario
        self.shard = shard
    }

    /// The same provenance without the shard part: what a one-process run writes.
    var unsharded: RunProvenance {
        var p = self
        p.shard = nil
        return p
    }

    /// Label and value pairs for the report page (the resolved scenario is in run.json).
    var reportLines: [(String, String)] {
        var lines = [("VirtSim version", version), ("Scenario", scenarioName), ("Scenario hash", scenarioHash),
                     ("Seed", String(seed))]
        if let t = traces {
            lines.append(("Trace files", "\(t.files) files, days \(t.days.joined(separator: ", ")), \(t.hash)"))
        } else {
            lines.append(("Trace files", "none"))
        }
        return lines
    }

    /// The digest of the PlanetLab trace days the run and its sweep read, or nil when it reads none:
    /// the bytes of the files the runs simulate, as the scenario check read them
    /// (`scenario.traceDays`; a day it did not read is read now). O(total trace bytes), no I/O for
    /// the days already read.
    static func traceDigest(for scenario: LoadedScenario, traceRoot: String?) throws -> TraceDigest? {
        var days: [String] = []
        for s in [scenario.base] + scenario.points.map(\.scenario) {
            if let day = s.traceDay, !days.contains(day) { days.append(day) }
        }
        guard !days.isEmpty, let traceRoot else { return nil }
        days.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var hash = SHA256()
        var files = 0
        for day in days {
            let snapshot: PlanetLabDaySnapshot
            do { snapshot = try scenario.traceDays.read(root: traceRoot, day: day) } catch { throw InputError(message: error.description) }
            for (i, name) in snapshot.parsed.fileNames.enumerated() {
                let data = snapshot.contents(ofFile: i)
                hash.update("\(day)/\(name)\n\(data.count)\n")
                hash.update(data)
                files += 1
            }
        }
        return TraceDigest(days: days, files: files, hash: "sha256:" + hash.hexDigest())
    }
}

/// When and where a run ran, written as `timing.json`: the one file of a run that differs between
/// identical runs (byte comparisons and the golden tests skip it).
struct RunTiming {
    var start: Date
    var durationSeconds: Double
    var threads: Int
    var host: String
    /// The shards' own `timing.json` documents, for a merged run.
    var shards: [JSONValue] = []
    /// Wall seconds of the run's phases, in the order measured (see `RunPhases`); empty when not measured.
    var phases: [(name: String, seconds: Double)] = []

    static func measuring(threads: Int, since start: Date) -> RunTiming {
        RunTiming(start: start, durationSeconds: Date().timeIntervalSince(start), threads: threads,
                  host: ProcessInfo.processInfo.hostName)
    }

    func json() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var members: [(key: String, value: JSONValue)] = [
            ("start", .string(formatter.string(from: start))),
            ("durationSeconds", .number(durationSeconds, text: NumberFormat.format(durationSeconds))),
            ("threads", .number(Double(threads), text: String(threads))),
            ("host", .string(host)),
        ]
        if !phases.isEmpty {
            members.append(("phases", .object(phases.map { ($0.name, .number($0.seconds, text: NumberFormat.format($0.seconds))) })))
        }
        if !shards.isEmpty { members.append(("shards", .array(shards))) }
        return JSONValue.object(members).rendered() + "\n"
    }
}
