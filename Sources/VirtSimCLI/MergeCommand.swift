import Foundation
import Reports
import Scenario

enum MergeCommand {
    static let help = """
    OVERVIEW: Merge the shard folders of a sharded run into the folder a one-process run writes.

    USAGE: virtsim merge <shard-dir> ... --out <dir>

    Checks that every shard comes from the same scenario (hash of the scenario as run), the same
    VirtSim version and the same shard count, and that every point of the run is present exactly
    once; otherwise names the missing or duplicated points and their shards, writes nothing and
    exits 2. Then writes summary.csv, the study's tables, sweep.csv, report.html, the charts and
    run.json exactly as 'virtsim run' writes them in one process, byte for byte, and timing.json
    (the merge's own, with each shard's).

    OPTIONS:
      --out <dir>             Output folder (required).
      -h, --help              Show help information.

    Exit status: 0 success, 2 bad usage or input (including shards that do not fit together).
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: ["out"], flags: [], maxPositionals: 100_000, console: console)
        guard let parsed = p else { return early! }
        do {
            let start = Date()
            guard !parsed.positionals.isEmpty else { throw UsageError(message: "missing expected argument '<shard-dir>'") }
            guard let out = parsed.options["out"] else { throw UsageError(message: "missing '--out <dir>'") }
            let merged = try ShardMerge.merge(parsed.positionals)
            var files = RunAssembly.files(merged.parts)
            var timing = RunTiming.measuring(threads: 1, since: start)
            timing.shards = merged.timings
            files.append(("timing.json", timing.json()))
            try OutputWriter.write(files, to: out)
            console.out("merged \(parsed.positionals.count) shards (\(merged.points) points) of \(merged.parts.scenarioName); wrote \(out)/")
            return .success
        } catch let e as UsageError {
            console.err("Error: \(e.message)\n\n" + help)
        } catch let e as ShardMerge.Problems {
            console.err(e.description)
        } catch {
            console.err("Error: \(error)")
        }
        return .badInput
    }
}

/// Reads shard folders back into a run's parts, after checking they fit together.
enum ShardMerge {
    /// Every reason the shards cannot be merged, one per line.
    struct Problems: Error, CustomStringConvertible {
        var lines: [String]
        var description: String { "Error: the shards cannot be merged:\n" + lines.map { "  " + $0 }.joined(separator: "\n") }
    }

    struct Shard {
        var dir: String
        var provenance: RunProvenance
        var record: RunProvenance.ShardRecord
    }

    /// The parts of the whole run, the number of points and each shard's timing.
    /// - Throws: `Problems` listing every problem found (unreadable shards, mismatched scenario,
    ///   version or shard count, missing or duplicated points with their shards).
    static func merge(_ dirs: [String]) throws -> (parts: RunParts, points: Int, timings: [JSONValue]) {
        var problems: [String] = []
        var shards: [Shard] = []
        for dir in dirs {
            guard let data = FileManager.default.contents(atPath: dir + "/run.json") else {
                problems.append("\(dir): no run.json (not a shard folder, or its shard has not finished)")
                continue
            }
            do {
                let p = try RunProvenance.parse(String(decoding: data, as: UTF8.self), file: dir + "/run.json")
                guard let record = p.shard else {
                    problems.append("\(dir): run.json has no shard record (a whole run, not a shard)")
                    continue
                }
                shards.append(Shard(dir: dir, provenance: p, record: record))
            } catch {
                problems.append("\(error)")
            }
        }
        // Folders that could not be read are reported with the rest: the points they should have
        // held are then named as missing below.
        let unreadable = problems
        problems = []
        guard let first = shards.first else { throw Problems(lines: unreadable) }
        for s in shards.dropFirst() {
            if s.provenance.version != first.provenance.version {
                problems.append("\(s.dir): VirtSim \(s.provenance.version), but \(first.dir) comes from VirtSim \(first.provenance.version)")
            }
            if s.provenance.scenarioHash != first.provenance.scenarioHash {
                problems.append("\(s.dir): scenario \(s.provenance.scenarioName) \(s.provenance.scenarioHash), but \(first.dir) ran "
                                + "\(first.provenance.scenarioName) \(first.provenance.scenarioHash) (another version of the file, or other overrides)")
            }
            if s.provenance.traces != first.provenance.traces {
                problems.append("\(s.dir): read other trace files than \(first.dir)")
            }
            if s.record.count != first.record.count || s.record.totalPoints != first.record.totalPoints {
                problems.append("\(s.dir): shard \(s.record.index) of \(s.record.count) (\(s.record.totalPoints) points), but \(first.dir) "
                                + "is shard \(first.record.index) of \(first.record.count) (\(first.record.totalPoints) points)")
            }
        }
        guard problems.isEmpty else { throw Problems(lines: unreadable + problems) }

        // The scenario as run, from run.json: names points and recomputes which shard owns each.
        let loaded: LoadedScenario
        do {
            let (base, sweep, points) = try ScenarioReader(vocabulary: Vocabulary.current)
                .readWithSweep(first.provenance.resolvedScenario, file: first.dir + "/run.json")
            loaded = LoadedScenario(file: first.dir + "/run.json", root: first.provenance.resolvedScenario, base: base, sweep: sweep, points: points)
        } catch {
            throw Problems(lines: unreadable + ["\(first.dir)/run.json: the scenario as run does not read back: \(error)"])
        }
        let total = first.record.totalPoints
        guard total == loaded.points.count + 1 else {
            throw Problems(lines: unreadable + ["\(first.dir): \(total) points recorded, but its scenario has \(loaded.points.count + 1)"])
        }
        let plan = ShardPlan(loaded, shards: first.record.count)
        var holders = [[Int]](repeating: [], count: total)
        for (k, s) in shards.enumerated() {
            for point in s.record.points {
                guard point < total else {
                    problems.append("\(s.dir): point \(point) out of range (the run has \(total))")
                    continue
                }
                holders[point].append(k)
            }
        }
        for point in 0..<total where holders[point].count != 1 {
            let what = ShardPlan.describe(point: point, in: loaded)
            if holders[point].isEmpty {
                problems.append("missing: point \(point), \(what): shard \(plan.shardOfPoint[point]) of \(first.record.count) runs it, "
                                + "and no folder given holds it")
            } else {
                problems.append("duplicated: point \(point), \(what): in " + holders[point].map { shards[$0].dir }.joined(separator: ", "))
            }
        }
        guard unreadable.isEmpty && problems.isEmpty else { throw Problems(lines: unreadable + problems) }

        // Read the parts.
        func table(_ dir: String, _ file: String) throws -> CSVTable {
            guard let data = FileManager.default.contents(atPath: dir + "/" + file) else {
                throw Problems(lines: ["\(dir): \(file) is missing"])
            }
            do { return try CSVTable.parse(String(decoding: data, as: UTF8.self)) } catch {
                throw Problems(lines: ["\(dir)/\(file): \(error)"])
            }
        }
        let baseShard = shards[holders[0][0]]
        let summary = try table(baseShard.dir, "summary.csv")
        let tables = try baseShard.record.baseTables.map { (file: $0, table: try table(baseShard.dir, $0)) }
        var sweepRuns = [[[String]]](repeating: [], count: total - 1)
        let header = loaded.sweep.map(SweepRunner.header)
        if let header {
            for (k, s) in shards.enumerated() {
                let t = try table(s.dir, RunAssembly.shardSweepFile)
                guard t.header == ["run"] + header else {
                    throw Problems(lines: ["\(s.dir)/\(RunAssembly.shardSweepFile): header differs from the scenario's sweep"])
                }
                for row in t.rows {
                    guard let run = Int(row[0]), run >= 0, run < total - 1, holders[run + 1] == [k] else {
                        throw Problems(lines: ["\(s.dir)/\(RunAssembly.shardSweepFile): a row of run '\(row[0])', which this shard did not run"])
                    }
                    sweepRuns[run].append(Array(row.dropFirst()))
                }
            }
        }
        let timings = shards.sorted { $0.record.index < $1.record.index }.compactMap { s -> JSONValue? in
            FileManager.default.contents(atPath: s.dir + "/timing.json").flatMap { try? JSONParser.parse(String(decoding: $0, as: UTF8.self)) }
        }
        let parts = RunParts(scenarioName: loaded.base.name, summary: summary, tables: tables, sweepHeader: header,
                             sweepRuns: sweepRuns, provenance: first.provenance.unsharded)
        return (parts, total, timings)
    }
}
