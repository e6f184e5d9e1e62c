import Foundation
import Reports
import Scenario
import Testing
@testable import VirtSimCLI

/// Files of a folder (names sorted) with their bytes, timing.json aside.
func folderContents(_ dir: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for f in try FileManager.default.contentsOfDirectory(atPath: dir) where f != "timing.json" {
        out[f] = FileManager.default.contents(atPath: dir + "/" + f)
    }
    return out
}

@Suite("Shards and merge")
struct ShardMergeTests {
    static let migrationLab = packageRoot + "/scenarios/labs/live-migration.json"
    static let ioLab = packageRoot + "/scenarios/labs/emulated-devices.json"

    /// Runs every shard of `file` in N into `dir/shard-i`, returning their folders.
    func runShards(_ file: String, _ n: Int, in dir: String, extra: [String] = []) -> [String] {
        (0..<n).map { i in
            let shard = "\(dir)/shard-\(i)"
            let r = virtsim(["run", file, "--shard", "\(i)/\(n)", "--out", shard] + extra)
            #expect(r.status == .success, "\(r.err)")
            return shard
        }
    }

    @Test("Merged shards are the one-process run byte for byte", arguments: [
        (migrationLab, 1), (migrationLab, 2), (migrationLab, 4), (migrationLab, 7), (ioLab, 3),
    ])
    func mergeEqualsOneProcess(file: String, shards: Int) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let whole = virtsim(["run", file, "--out", dir + "/whole", "--threads", "2"])
        #expect(whole.status == .success, "\(whole.err)")
        let folders = runShards(file, shards, in: dir, extra: ["--threads", "1"])
        let m = virtsim(["merge"] + folders.reversed() + ["--out", dir + "/merged"])
        #expect(m.status == .success, "\(m.err)")
        let expected = try folderContents(dir + "/whole")
        #expect(expected.keys.contains("sweep.csv") && expected.keys.contains("run.json"))
        #expect(try folderContents(dir + "/merged") == expected)
        #expect(FileManager.default.fileExists(atPath: dir + "/merged/timing.json"))
        let timing = try #require(read(dir + "/merged/timing.json"))
        #expect(timing.contains("\"shards\""), "the merge's timing.json carries the shards' timings")
    }

    @Test("A shard's run.json says which shard of how many and the points it ran")
    func shardRecord() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folders = runShards(Self.migrationLab, 2, in: dir)
        var seen: [Int] = []
        for (i, f) in folders.enumerated() {
            let p = try RunProvenance.parse(try #require(read(f + "/run.json")), file: f)
            let record = try #require(p.shard)
            #expect(record.index == i && record.count == 2 && record.totalPoints == 5)
            seen += record.points
            #expect(FileManager.default.fileExists(atPath: f + "/summary.csv") == record.points.contains(0))
        }
        #expect(seen.sorted() == [0, 1, 2, 3, 4])
    }

    @Test("A killed shard: merge names the missing points and their shard, writes nothing; after a rerun it merges")
    func missingShard() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folders = runShards(Self.migrationLab, 3, in: dir)
        // A shard killed before it finished leaves no folder (its files are written at once).
        try FileManager.default.removeItem(atPath: folders[1])
        let plan = ShardPlan(try ScenarioLoader.loadResolved(Self.migrationLab, traceRoot: nil), shards: 3)
        let r = virtsim(["merge", folders[0], folders[2], "--out", dir + "/merged"])
        #expect(r.status == .badInput)
        for point in plan.points(of: 1) {
            #expect(r.err.contains("missing: point \(point),"), "\(r.err)")
        }
        #expect(r.err.contains("shard 1 of 3 runs it"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/merged"), "nothing written")
        // The same when the killed shard's folder is named (as the Slurm merge job names every shard).
        let named = virtsim(["merge"] + folders + ["--out", dir + "/merged"])
        #expect(named.status == .badInput)
        #expect(named.err.contains("shard-1: no run.json"), "\(named.err)")
        for point in plan.points(of: 1) { #expect(named.err.contains("missing: point \(point),"), "\(named.err)") }
        #expect(!FileManager.default.fileExists(atPath: dir + "/merged"))
        // Rerun the shard, then the merge succeeds.
        #expect(virtsim(["run", Self.migrationLab, "--shard", "1/3", "--out", folders[1]]).status == .success)
        #expect(virtsim(["merge"] + folders + ["--out", dir + "/merged"]).status == .success)
        #expect(virtsim(["run", Self.migrationLab, "--out", dir + "/whole"]).status == .success)
        #expect(try folderContents(dir + "/merged") == folderContents(dir + "/whole"))
    }

    @Test("A shard of another version of the scenario, or of another VirtSim, is refused")
    func otherScenarioVersion() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folders = runShards(Self.migrationLab, 2, in: dir)
        // Shard 1 again, from an edited copy of the scenario.
        let text = try #require(read(Self.migrationLab))
        let edited = text.replacingOccurrences(of: "\"linkBandwidthMbps\": 1000", with: "\"linkBandwidthMbps\": 10000")
        #expect(edited != text)
        try edited.write(toFile: dir + "/edited.json", atomically: true, encoding: .utf8)
        #expect(virtsim(["run", dir + "/edited.json", "--shard", "1/2", "--out", dir + "/other-1"]).status == .success)
        let r = virtsim(["merge", folders[0], dir + "/other-1", "--out", dir + "/merged"])
        #expect(r.status == .badInput)
        #expect(r.err.contains("other-1: scenario lab-live-migration sha256:"), "\(r.err)")
        #expect(r.err.contains("another version of the file"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/merged"))
        // Another VirtSim version.
        let runJSON = try #require(read(folders[1] + "/run.json"))
        try runJSON.replacingOccurrences(of: "\"virtsim\": \"\(VirtSimMain.version)\"", with: "\"virtsim\": \"9.9.9\"")
            .write(toFile: folders[1] + "/run.json", atomically: true, encoding: .utf8)
        let v = virtsim(["merge", folders[0], folders[1], "--out", dir + "/merged"])
        #expect(v.status == .badInput)
        #expect(v.err.contains("VirtSim 9.9.9"), "\(v.err)")
        // Other shard counts.
        let three = runShards(Self.migrationLab, 3, in: dir + "/three")
        let c = virtsim(["merge", folders[0], three[1], "--out", dir + "/merged"])
        #expect(c.status == .badInput)
        #expect(c.err.contains("of 3"), "\(c.err)")
    }

    @Test("A duplicated shard: merge names the points held twice and both folders")
    func duplicatedShard() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folders = runShards(Self.migrationLab, 2, in: dir)
        try FileManager.default.copyItem(atPath: folders[1], toPath: dir + "/copy-of-1")
        let r = virtsim(["merge", folders[0], folders[1], dir + "/copy-of-1", "--out", dir + "/merged"])
        #expect(r.status == .badInput)
        let plan = ShardPlan(try ScenarioLoader.loadResolved(Self.migrationLab, traceRoot: nil), shards: 2)
        for point in plan.points(of: 1) {
            #expect(r.err.contains("duplicated: point \(point),"), "\(r.err)")
        }
        #expect(r.err.contains("shard-1, \(dir)/copy-of-1"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/merged"))
    }

    @Test("Not a shard folder, or a whole run: refused with the folder named")
    func notShards() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(virtsim(["run", Self.migrationLab, "--out", dir + "/whole"]).status == .success)
        let r = virtsim(["merge", dir + "/whole", dir + "/nothing", "--out", dir + "/merged"])
        #expect(r.status == .badInput)
        #expect(r.err.contains("whole: run.json has no shard record"))
        #expect(r.err.contains("nothing: no run.json"))
        #expect(virtsim(["merge", dir + "/whole"]).status == .badInput, "--out is required")
        #expect(virtsim(["run", Self.migrationLab, "--shard", "2/2"]).status == .badInput)
        #expect(virtsim(["run", Self.migrationLab, "--shard", "x"]).status == .badInput)
    }

    @Test("Rerunning a shard rewrites the same bytes")
    func shardIdempotent() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = runShards(Self.ioLab, 2, in: dir + "/a")
        let before = try folderContents(a[1])
        #expect(virtsim(["run", Self.ioLab, "--shard", "1/2", "--out", a[1], "--threads", "1"]).status == .success)
        #expect(try folderContents(a[1]) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir + "/a").filter { !$0.hasPrefix("shard-") }
        #expect(leftovers.isEmpty)
    }

    @Test("Plan: every point in exactly one shard, heaviest first to the least loaded shard")
    func plan() {
        let p = ShardPlan(weights: [1, 8, 3, 3, 2, 2, 1], shards: 3)
        // By weight: 8→s0; 3→s1; 3→s2; 2→s1 (tie: lower shard); 2→s2; then loads 8, 5, 5: point 0 → s1, point 6 → s2.
        #expect(p.shardOfPoint == [1, 0, 1, 2, 1, 2, 2])
        #expect(p.points(of: 0) == [1])
        let many = ShardPlan(weights: [1, 1], shards: 4)
        #expect(many.points(of: 2).isEmpty && many.points(of: 3).isEmpty)
        #expect(ShardPlan(weights: [5, 5, 5, 5], shards: 2).shardOfPoint == [0, 1, 0, 1])
    }

    @Test("--shard accepts I/N in plain digits only", arguments: [
        ("0/1", true), ("3/4", true), ("9999/10000", true),
        ("+1/2", false), ("1/+2", false), ("-0/2", false), (" 1/2", false), ("1/2/3", false), ("2/2", false),
        ("0/0", false), ("0/10001", false), ("1/", false), ("/2", false), ("0x1/2", false), ("99999999999999999999/2", false),
    ])
    func shardSyntax(text: String, accepted: Bool) {
        #expect(((try? ShardPlan.parseShard(text)) != nil) == accepted, "\(text)")
    }

    @Test("Work estimate: a sweep over fleet sizes splits the large points apart")
    func balancedBySize() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var text = try #require(read(packageRoot + "/scenarios/labs/overload-threshold.json"))
        let sweepStart = try #require(text.range(of: "\"sweep\""))
        text = String(text[..<sweepStart.lowerBound])
            + "\"sweep\": {\"parameters\": [{\"path\": \"$.consolidation.fleet.servers\", \"values\": [10, 400, 20, 300, 30]}]}\n}\n"
        try text.write(toFile: dir + "/sizes.json", atomically: true, encoding: .utf8)
        let loaded = try ScenarioLoader.loadResolved(dir + "/sizes.json", traceRoot: nil)
        let plan = ShardPlan(loaded, shards: 2)
        // Points: base (100 servers), then 10, 400, 20, 300, 30.
        #expect(plan.shardOfPoint[2] != plan.shardOfPoint[4], "the two largest fleets go to different shards")
        #expect(plan.points(of: 0) == [2, 5], "400 + 30 against 300 + 100 + 20 + 10")
    }

    @Test("run.json: deterministic, with the scenario as run; report.html shows it and no timing")
    func provenance() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(virtsim(["run", Self.migrationLab, "--out", dir + "/a"]).status == .success)
        #expect(virtsim(["run", Self.migrationLab, "--out", dir + "/b", "--threads", "1"]).status == .success)
        #expect(virtsim(["run", Self.migrationLab, "--out", dir + "/c", "--seed", "7"]).status == .success)
        let a = try #require(read(dir + "/a/run.json"))
        #expect(a == read(dir + "/b/run.json"))
        let p = try RunProvenance.parse(a, file: "a")
        #expect(p.version == VirtSimMain.version && p.seed == 1 && p.traces == nil && p.shard == nil)
        // The file as run, without its editor metadata (`$schema`).
        let original = withoutSchemaKey(try JSONParser.parse(try #require(read(Self.migrationLab))))
        #expect(p.resolvedScenario == original)
        #expect(p.scenarioHash == "sha256:" + SHA256.hex(original.rendered()))
        let c = try RunProvenance.parse(try #require(read(dir + "/c/run.json")), file: "c")
        #expect(c.seed == 7 && c.resolvedScenario.value(at: "$.seed") == .number(7, text: "7"))
        #expect(c.scenarioHash != p.scenarioHash)
        let timing = try #require(read(dir + "/a/timing.json"))
        for key in ["\"start\"", "\"durationSeconds\"", "\"threads\": 2", "\"host\""] { #expect(timing.contains(key), "\(key)") }
        let report = try #require(read(dir + "/a/report.html"))
        #expect(report.contains(p.scenarioHash) && report.contains("Provenance"))
        #expect(!report.contains(ProcessInfo.processInfo.hostName) || ProcessInfo.processInfo.hostName.count < 3)
        #expect(!report.contains("durationSeconds"))
    }

    @Test("Default folders: out/<name>, overrides named, shards beside it")
    func defaultFolders() {
        typealias O = ScenarioLoader.Overrides
        #expect(RunCommand.defaultFolder("x", overrides: O(), shard: nil) == "out/x")
        #expect(RunCommand.defaultFolder("x", overrides: O(seed: 3, day: "20110303"), shard: nil) == "out/x-day20110303-seed3")
        #expect(RunCommand.defaultFolder("x", overrides: O(mode: "virtsim"), shard: (2, 4)) == "out/x-virtsim-shards/shard-2-of-4")
    }

    @Test("--day reaches the scenario as run (and the sweep's points)")
    func dayOverride() throws {
        let loaded = try ScenarioLoader.loadResolved(packageRoot + "/scenarios/planetlab/npa.json",
                                                     overrides: .init(day: "20110306", mode: "virtsim"), traceRoot: nil, checkTraces: false)
        #expect(loaded.root.value(at: "$.consolidation.traceGuests.trace.day") == .string("20110306"))
        #expect(loaded.root.value(at: "$.consolidation.semantics") == .string("virtsim"))
        guard case .consolidation(let s) = loaded.base.study else { Issue.record("not a consolidation study"); return }
        #expect(s.traceGuests?.day == "20110306" && s.semantics == .virtsim && s.variants.map(\.name) == ["virtsim"])
    }
}

@Suite("Provenance building blocks")
struct ProvenanceBlockTests {
    @Test("SHA-256 of the FIPS 180-4 examples", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func sha256(input: String, digest: String) {
        #expect(SHA256.hex(input) == digest)
    }

    @Test("JSON renders back to the same value; setting adds a missing key")
    func jsonRender() throws {
        let text = #"{"a": [1, 2.50, {"b": "x\"y\n"}], "c": {}, "d": [], "e": null, "f": true}"#
        let v = try JSONParser.parse(text)
        let r = v.rendered()
        #expect(try JSONParser.parse(r) == v)
        #expect(r.contains("2.50"), "numbers as written")
        let set = try #require(v.setting("$.c.new", to: .string("z")))
        #expect(set.value(at: "$.c.new") == .string("z"))
        #expect(v.setting("$.missing.x", to: .null) == nil)
    }

    @Test("CSV text reads back to the same cells (what merge relies on)")
    func csvRoundTrip() throws {
        var t = CSVTable(header: ["a", "b,c", "d"])
        t.append(["1", "x\"y", "line\nbreak"])
        t.append(["", "cr\r", " space "])
        let back = try CSVTable.parse(t.render())
        #expect(back.header == t.header && back.rows == t.rows)
        #expect(back.render() == t.render())
    }
}
