import Foundation
import Testing
@testable import VirtSimCLI

/// A consolidation study whose fleet is `fleet` (JSON members), on the seed's host type.
private func traceScenario(fleet: String) -> String {
    """
    {"name": "own-traces", "study": "consolidation", "seed": 3,
     "consolidation": {"hardwareProfile": "xeon-sandybridge-2012", "horizonHours": 1, "reportMinutes": 30,
       "hostType": {"cores": 2, "mipsPerCore": 2660, "ramMB": 4096, "power": "hp-ml110-g5"},
       "fleet": {\(fleet), "operations": "web-server"},
       "variants": [{"name": "dedicated", "kind": "native", "dedicated": true}, {"name": "para", "kind": "para"}],
       "policies": {"placement": "power-aware-best-fit-decreasing", "overload": "thr", "overloadParameter": 0.8, "selection": "mmt"}}}
    """
}

/// Six guests over one hour, 5-minute samples: two busy, four light.
private let ownTrace: String = {
    var rows = ["guest,timestamp_s,cpu_percent,memory_mb"]
    for g in 0..<6 {
        for k in 0..<12 { rows.append("vm\(g),\(k * 300),\(g < 2 ? 60 + k : 5 + g),\(512 + 64 * g)") }
    }
    return rows.joined(separator: "\n") + "\n"
}()

@Suite("Consolidation fleets from trace files")
struct TraceFleetTests {
    @Test("A fleet takes its workloads from a CSV beside the scenario; demand and memory come from the trace")
    func runsOwnTrace() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ownTrace.write(toFile: dir + "/fleet.csv", atomically: true, encoding: .utf8)
        try traceScenario(fleet: #""trace": {"format": "csv", "path": "fleet.csv"}"#).write(toFile: dir + "/s.json", atomically: true, encoding: .utf8)
        let r = virtsim(["run", dir + "/s.json", "--out", dir + "/out"])
        #expect(r.status == .success, "\(r.err)")
        #expect(r.out.contains("6 workloads from csv trace"))
        let guests = try #require(read(dir + "/out/guests.csv")).split(separator: "\n")
        #expect(guests.count == 1 + 2 * 6)
        // Guest vm0's mean demand is the mean of 60..71 % (the trace), its memory the trace's 512 MB plus the kind's footprint.
        let vm0 = try #require(guests.first { $0.hasPrefix("dedicated,0,") })
        let meanDemand = Double(vm0.split(separator: ",")[4]) ?? .nan
        #expect(abs(meanDemand - 65.5) < 1e-6, "\(vm0)")   // fleet samples are stored at single precision (Fleet.samples)
        // servers limits the guests taken from the trace.
        try traceScenario(fleet: #""servers": 2, "trace": {"format": "csv", "path": "fleet.csv"}"#).write(toFile: dir + "/s2.json", atomically: true, encoding: .utf8)
        #expect(virtsim(["run", dir + "/s2.json", "--out", dir + "/out2"]).out.contains("2 workloads"))
    }

    @Test("Bad trace keys are reported with JSON paths; a missing trace file too")
    func validation() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = traceScenario(fleet: #""trace": {"format": "excel", "path": "nowhere.csv"}, "meanUtilization": {"cdf": [[0, 0], [1, 1]], "source": "s"}"#)
        try text.write(toFile: dir + "/s.json", atomically: true, encoding: .utf8)
        let r = virtsim(["validate", dir + "/s.json"])
        #expect(r.status == .badInput)
        #expect(r.err.contains("$.consolidation.fleet.trace.format"))
        #expect(r.err.contains("$.consolidation.fleet.meanUtilization: present with \"trace\""))
        try traceScenario(fleet: #""trace": {"format": "csv", "path": "nowhere.csv"}"#).write(toFile: dir + "/m.json", atomically: true, encoding: .utf8)
        let missing = virtsim(["validate", dir + "/m.json"])
        #expect(missing.status == .badInput)
        #expect(missing.err.contains("$.consolidation.fleet.trace.path: \(dir)/nowhere.csv does not exist"))
    }

    @Test("A trace that does not parse fails the run with file and line (exit 2), writing nothing")
    func badTraceLine() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "guest,timestamp_s,cpu_percent\nvm0,0,10\nvm0,300,ten\n".write(toFile: dir + "/fleet.csv", atomically: true, encoding: .utf8)
        try traceScenario(fleet: #""trace": {"format": "csv", "path": "fleet.csv"}, "appMemoryMB": {"cdf": [[256, 0], [512, 1]]}"#)
            .write(toFile: dir + "/s.json", atomically: true, encoding: .utf8)
        let r = virtsim(["run", dir + "/s.json", "--out", dir + "/out"])
        #expect(r.status == .badInput)
        #expect(r.err.contains("\(dir)/fleet.csv:3: CPU \"ten\" is outside 0–100 (cpu_percent)"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }
}
