import Foundation
import Testing
@testable import VirtSimCLI

/// A small I/O scenario (about a second in a debug build): `duration` sets how long it simulates.
func smallIOScenario(name: String, duration: Double) -> String {
    """
    {"name": "\(name)", "seed": 1, "study": "io",
     "io": {"hardware": "xeon-sandybridge-2012", "kinds": ["native", "full", "para", "container"], "workload": "fio",
            "blockSizeBytes": 65536, "readFraction": 0.7, "sequential": false, "queueDepth": 1,
            "computeMicrosPerRequest": 80, "requestsPerNotification": 1, "guestCPUs": 1, "hostCores": 1,
            "warmupSeconds": 0.01, "durationSeconds": \(duration),
            "sweep": {"blockSizeBytes": [4096, 65536, 262144], "queueDepth": [1, 4, 16]}}}
    """
}

/// Every file of a folder with its bytes (`timing.json`, which differs between identical runs,
/// only by its presence).
func snapshot(_ dir: String) -> [String: Data] {
    var out: [String: Data] = [:]
    for f in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
        out[f] = f == "timing.json" ? Data() : FileManager.default.contents(atPath: dir + "/" + f)
    }
    return out
}

@Suite("Outputs: a whole result or none")
struct AtomicOutputTests {
    @Test("A reused --out holds only the new study's files")
    func reusedOut() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try smallIOScenario(name: "small", duration: 0.02).write(toFile: dir + "/io.json", atomically: true, encoding: .utf8)
        // A previous result of another study in the same folder.
        let out = dir + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        for f in ["summary.csv", "hosts.csv", "guests.csv", "energy.svg", ".summary.csv.999999.tmp"] {
            try "old".write(toFile: out + "/" + f, atomically: false, encoding: .utf8)
        }
        let r = virtsim(["run", dir + "/io.json", "--out", out])
        #expect(r.status == .success, "\(r.err)")
        let files = Set(snapshot(out).keys)
        #expect(files.isDisjoint(with: ["hosts.csv", "guests.csv", "energy.svg", ".summary.csv.999999.tmp"]))
        #expect(files.isSuperset(of: ["summary.csv", "io.csv", "io_sweep.csv", "report.html"]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["io.json", "out"])
    }

    @Test("Unwritable --out: exit 2, a plain sentence, nothing written",
          arguments: ["file", "file/out", String(repeating: "n", count: 300), "notes"])
    func unwritableOut(target: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try smallIOScenario(name: "small", duration: 0.02).write(toFile: dir + "/io.json", atomically: true, encoding: .utf8)
        try "x".write(toFile: dir + "/file", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/notes", withIntermediateDirectories: false)
        try "mine".write(toFile: dir + "/notes/todo.txt", atomically: false, encoding: .utf8)
        let before = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        let r = virtsim(["run", dir + "/io.json", "--out", dir + "/" + target])
        #expect(r.status == .badInput)
        #expect(r.err.hasPrefix("Error: "))
        #expect(r.err.split(separator: "\n").count == 1, "one sentence: \(r.err)")
        #expect(!r.err.contains("Domain") && !r.err.contains("Code="), "\(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == before)
        #expect(snapshot(dir + "/notes").keys.sorted() == ["todo.txt"])
    }

    @Test("verify --out naming a folder: exit 2, a plain sentence")
    func verifyOutFolder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = virtsim(["verify", "--only", "S2", "--out", dir])
        #expect(r.status == .badInput)
        #expect(r.err == "Error: cannot write '\(dir)': it is a folder, not a file")
    }
}

/// The built `virtsim` executable, next to the test bundle in the build folder.
let virtsimExecutable: String? = {
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    for _ in 0..<4 {
        url.deleteLastPathComponent()
        let candidate = url.appendingPathComponent("virtsim").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    let fallback = packageRoot + "/.build/debug/virtsim"
    return FileManager.default.isExecutableFile(atPath: fallback) ? fallback : nil
}()

@Suite("Kills at random points", .serialized)
struct KillTests {
    /// Runs the real binary and SIGKILLs it after a random delay, 20 times, alternating between two
    /// scenarios written to the same folder. After every kill the folder must hold the complete
    /// result of one of the two, byte for byte; at the end no temporary may remain beside it.
    /// The delays are drawn around the measured length of an uninterrupted run (25 % to 125 %),
    /// so that many kills land late in the run, where results are written, and some after it.
    @Test("20 kills leave the complete old or the complete new result")
    func randomKills() throws {
        let exe = try #require(virtsimExecutable, "the virtsim executable is built with the tests")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let scenarios = [dir + "/a.json", dir + "/b.json"]
        try smallIOScenario(name: "a", duration: 0.05).write(toFile: scenarios[0], atomically: true, encoding: .utf8)
        try smallIOScenario(name: "b", duration: 0.06).write(toFile: scenarios[1], atomically: true, encoding: .utf8)

        func launch(_ scenario: String, out: String) throws -> Child {
            try Child(exe, ["run", scenario, "--out", out, "--threads", "1"])
        }
        // The complete results, and how long an uninterrupted run takes.
        var references: [[String: Data]] = []
        var longest = 0.0
        for (k, s) in scenarios.enumerated() {
            let start = Date()
            #expect(try launch(s, out: dir + "/ref\(k)").wait() == 0)
            longest = max(longest, Date().timeIntervalSince(start))
            references.append(snapshot(dir + "/ref\(k)"))
        }
        #expect(references[0] != references[1] && !references[0].isEmpty)

        let parent = dir + "/runs"
        let out = parent + "/out"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
        #expect(try launch(scenarios[0], out: out).wait() == 0)
        var current = 0
        var rng = SplitMix(seed: 20)
        var outcomes = [0, 0]   // kills that left the old result, the new one
        for _ in 0..<20 {
            let next = 1 - current
            let delay = longest * (0.25 + 1.0 * Double(rng.next() % 10_000) / 10_000)
            let p = try launch(scenarios[next], out: out)
            usleep(UInt32(delay * 1e6))
            kill(p.pid, SIGKILL)
            _ = p.wait()
            let now = snapshot(out)
            if now == references[current] {
                outcomes[0] += 1
            } else if now == references[next] {
                outcomes[1] += 1
                current = next
            } else {
                Issue.record("after a kill at \(delay) s the folder holds \(now.keys.sorted()), neither result")
                return
            }
        }
        // A last uninterrupted run removes what the killed ones left.
        #expect(try launch(scenarios[1 - current], out: out).wait() == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])
        #expect(snapshot(out) == references[1 - current])
        print("kills: \(outcomes[0]) left the old result, \(outcomes[1]) the new one (run \(longest) s)")
    }
}

/// A small seeded generator (SplitMix64) so the kill delays are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
