import Foundation
import Reports
import Testing
@testable import VirtSimCLI

@Suite("Migration study")
struct MigrationStudyTests {
    static let lab = packageRoot + "/scenarios/labs/live-migration.json"

    @Test("The live-migration lab writes one row per guest, and each guest's rounds add up to its totals")
    func roundsAddUp() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = virtsim(["run", Self.lab, "--out", dir])
        #expect(r.status == .success, "\(r.err)")
        let migrations = try CSVTable.parse(try #require(read(dir + "/migration.csv")))
        let rounds = try CSVTable.parse(try #require(read(dir + "/migration_rounds.csv")))
        let guests = try #require(migrations.column("guest"))
        #expect(guests == ["specweb99", "quake3", "memory-thrash", "idle"])
        let data = try #require(migrations.numbers("data_mb"))
        let total = try #require(migrations.numbers("total_seconds"))
        let down = try #require(migrations.numbers("downtime_seconds"))
        let count = try #require(migrations.numbers("rounds"))
        let rg = try #require(rounds.column("guest"))
        let sent = try #require(rounds.numbers("sent_mb"))
        let seconds = try #require(rounds.numbers("seconds"))
        let end = try #require(rounds.numbers("end_seconds"))
        let phase = try #require(rounds.column("phase"))
        for (i, g) in guests.enumerated() {
            let idx = rg.indices.filter { rg[$0] == g }
            #expect(Double(idx.count) == count[i])
            // Sums of CSV cells differ from the model's own total by rounding: compare relatively.
            #expect(abs(idx.reduce(0) { $0 + sent[$1] } - data[i]) <= 1e-5 * data[i])
            #expect(phase[idx.last!] == "stop-and-copy" && idx.dropLast().allSatisfy { phase[$0] == "live" })
            // The copy rounds end before the guest runs again; the difference is the suspend and resume.
            #expect(end[idx.last!] <= total[i] * (1 + 1e-5))
            #expect(down[i] >= seconds[idx.last!] * (1 - 1e-5))
        }
        // The idle guest is one round of its 512 MB at Xen's 100 Mb/s start, then an empty stop-and-copy.
        #expect(abs(total[3] - (512 * 8 / 100 + 0.010)) < 1e-3)
        #expect(FileManager.default.fileExists(atPath: dir + "/migration-rounds.svg"))
        #expect(FileManager.default.fileExists(atPath: dir + "/sweep.csv"))
    }

    @Test("Migration sections: every problem at once with its JSON path, exit 2")
    func badSection() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = """
        {"name": "m", "study": "migration", "seed": 1,
         "migration": {"model": "pre-copy", "preset": "xen2099", "linkBandwidthMbps": -1, "maxRounds": 0,
           "guests": [{"name": "a", "memoryMB": 64, "writableWorkingSetMB": 128},
                      {"name": "a", "memoryMB": 0, "dirtyRateMbps": 5}]}}
        """
        try bad.write(toFile: dir + "/m.json", atomically: true, encoding: .utf8)
        let r = virtsim(["validate", dir + "/m.json"])
        #expect(r.status == .badInput)
        for path in ["$.migration.preset", "$.migration.linkBandwidthMbps", "$.migration.maxRounds",
                     "$.migration.guests[0].writableWorkingSetMB", "$.migration.guests[1].name",
                     "$.migration.guests[1].memoryMB", "$.migration.guests[1].dirtyRateMbps"] {
            #expect(r.err.contains(path + ":"), "missing \(path) in:\n\(r.err)")
        }
        #expect(r.err.contains("7 problems"), "\(r.err)")
        #expect(r.err.contains("did you mean \"dirtyRateMBps\""), "\(r.err)")
    }

    @Test("Keys of another model are unknown keys", arguments: ["cloudsim", "cold"])
    func keysOfAnotherModel(model: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = """
        {"name": "m", "study": "migration", "seed": 1,
         "migration": {"model": "\(model)", "linkBandwidthMbps": 1000, "suspendSeconds": 0.01,
           "guests": [{"name": "a", "memoryMB": 64}]}}
        """
        try text.write(toFile: dir + "/m.json", atomically: true, encoding: .utf8)
        let r = virtsim(["validate", dir + "/m.json"])
        #expect(r.status == .badInput)
        #expect(r.err.contains("$.migration.suspendSeconds:"), "\(r.err)")
    }
}
