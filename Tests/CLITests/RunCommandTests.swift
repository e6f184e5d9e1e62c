import Foundation
import Testing
@testable import VirtSimCLI

@Suite("virtsim run")
struct RunCommandTests {
    @Test("An I/O scenario with a sweep writes every table and sweep.csv, twice identically")
    func ioSweep() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = packageRoot + "/scenarios/labs/emulated-devices.json"
        let a = virtsim(["run", file, "--out", dir + "/a"])
        #expect(a.status == .success, "\(a.err)")
        let b = virtsim(["run", file, "--out", dir + "/b", "--threads", "1"])
        #expect(b.status == .success)
        for f in ["summary.csv", "io.csv", "io_cpu.csv", "sweep.csv", "report.html"] {
            let x = read("\(dir)/a/\(f)"), y = read("\(dir)/b/\(f)")
            #expect(x != nil && x == y, "\(f) differs or is missing")
        }
        let sweep = read(dir + "/a/sweep.csv")!.split(separator: "\n")
        #expect(sweep.first == "point,seed,$.io.fullDiskDevice,$.io.queueDepth,variant,metric,value,unit")
        let losses = sweep.filter { $0.contains(",full,io_throughput_loss,") }
        #expect(losses.count == 6)
        // No temporary files left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir + "/a").filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("The I/O study's new keys are checked: every problem at once, with its JSON path")
    func ioKeysValidated() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/bad.json"
        let text = #"{"name": "bad", "study": "io", "io": {"workload": "udp-rr", "guests": 0, "offloads": "yes", "postedInterrupts": 1, "inputs": {"haltedVCPUWakeupMicros": -2, "warpMicros": 1}, "operations": {"pageFaults": -3, "warpRate": 1}}}"#
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let r = virtsim(["validate", file])
        #expect(r.status == .badInput)
        for path in ["$.io.offloads", "$.io.postedInterrupts", "$.io.inputs.haltedVCPUWakeupMicros", "$.io.inputs.warpMicros",
                     "$.io.operations.pageFaults", "$.io.operations.warpRate"] {
            #expect(r.err.contains(path), "missing \(path) in \(r.err)")
        }
        // The model's own range check once the keys read cleanly.
        let text2 = #"{"name": "bad", "study": "io", "io": {"guests": 65}}"#
        try text2.write(toFile: file, atomically: true, encoding: .utf8)
        let r2 = virtsim(["validate", file])
        #expect(r2.status == .badInput)
        #expect(r2.err.contains("$.io.guests"))
    }

    @Test("Several guests: io_guests.csv has one row per guest and kind, summary.csv Jain's index")
    func sharedBackendLab() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = virtsim(["run", packageRoot + "/scenarios/labs/shared-backend.json", "--out", dir])
        #expect(r.status == .success, "\(r.err)")
        let guests = try #require(read(dir + "/io_guests.csv")).split(separator: "\n")
        #expect(guests.count == 1 + 3 * 4)
        #expect(try #require(read(dir + "/summary.csv")).contains(",para,io_fairness_jain,"))
    }

    @Test("--seed changes the random streams and so the results")
    func seedOverride() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = packageRoot + "/scenarios/seed-io-overhead.json"
        #expect(virtsim(["run", file, "--out", dir + "/a", "--seed", "1"]).status == .success)
        #expect(virtsim(["run", file, "--out", dir + "/b", "--seed", "2"]).status == .success)
        #expect(read(dir + "/a/io.csv") != read(dir + "/b/io.csv"))
    }

    @Test("--mode is refused for a study that has no modes")
    func modeOnlyForPlanetLab() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = virtsim(["run", packageRoot + "/scenarios/seed-io-overhead.json", "--mode", "virtsim", "--out", dir])
        #expect(r.status == .badInput)
        #expect(r.err.contains("PlanetLab"))
    }

    @Test("list shows every shipped scenario with its description")
    func list() {
        let r = virtsim(["list", "--dir", packageRoot + "/scenarios"])
        #expect(r.status == .success)
        #expect(r.out.contains("seed-consolidation.json"))
        #expect(r.out.contains("planetlab/lr-mmt-1.2.json"))
        #expect(r.out.split(separator: "\n").count == ScenarioLoader.scenarioFiles(in: packageRoot + "/scenarios").count)
    }
}

@Suite("virtsim explain")
struct ExplainCommandTests {
    @Test("Explains one placement: every host gets a verdict, the winner is marked")
    func explainsEveryHost() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = """
        {"name": "tiny", "study": "consolidation", "seed": 3,
         "consolidation": {"hardwareProfile": "xeon-sandybridge-2012", "horizonHours": 2,
           "hostType": {"cores": 2, "mipsPerCore": 2660, "ramMB": 4096, "power": "hp-ml110-g5"},
           "fleet": {"servers": 12, "meanUtilization": {"cdf": [[0.1, 0], [0.3, 1]], "source": "test"},
                     "appMemoryMB": {"cdf": [[256, 0], [512, 1]]}, "operations": "web-server"},
           "variants": [{"name": "dedicated", "kind": "native", "dedicated": true}, {"name": "para", "kind": "para"}],
           "policies": {"placement": "power-aware-best-fit-decreasing", "overload": "thr", "overloadParameter": 0.8, "selection": "mmt"}}}
        """
        try text.write(toFile: dir + "/tiny.json", atomically: true, encoding: .utf8)
        // t = 0: the engine's own initial placement of the guest.
        let r = virtsim(["explain", dir + "/tiny.json", "--guest", "3", "--time", "0"])
        #expect(r.status == .success, "\(r.err)")
        #expect(r.out.contains("variant para: the engine's decision for guest 3"))
        #expect(r.out.contains("at t = 0 s, initial placement"))
        let verdicts = r.out.split(separator: "\n").filter { $0.contains(" host ") && ($0.contains("rejected") || $0.contains("=")) }
        #expect(verdicts.count == 12)
        #expect(r.out.contains("chosen: host"))
        #expect(verdicts.filter { $0.hasPrefix("*") }.count == 1)
        // After the last consolidation round (6900 s) the engine decides nothing, and says so.
        let late = virtsim(["explain", dir + "/tiny.json", "--guest", "3", "--time", "7000"])
        #expect(late.status == .success, "\(late.err)")
        #expect(late.out.contains("variant para: the engine takes no placement decision for guest 3 at or after t = 7000 s"))
        #expect(!late.out.contains(" host "))
        #expect(virtsim(["explain", dir + "/tiny.json", "--guest", "99", "--time", "60"]).status == .badInput)
        #expect(virtsim(["explain", dir + "/tiny.json", "--guest", "1", "--time", "1e9"]).status == .badInput)
        #expect(virtsim(["explain", dir + "/tiny.json", "--guest", "1", "--time", "60", "--variant", "nope"]).status == .badInput)
    }
}

@Suite("virtsim explain on PlanetLab traces", .enabled(if: traceRoot != nil, "set VIRTSIM_TRACES to the data folder"))
struct ExplainPlanetLabTests {
    @Test("CloudSim mode ignores memory after creation; VirtSim mode does not")
    func ramSemantics() throws {
        let file = packageRoot + "/scenarios/planetlab/lr-mmt-1.2.json"
        let cloudsim = virtsim(["explain", file, "--traces", traceRoot!, "--guest", "5", "--time", "3600"])
        #expect(cloudsim.status == .success, "\(cloudsim.err)")
        #expect(cloudsim.out.contains("cloudsim mode"))
        #expect(!cloudsim.out.contains("not enough free RAM"))
        #expect(cloudsim.out.split(separator: "\n").filter { $0.contains(" host ") && ($0.contains("rejected") || $0.contains("=")) }.count == 800)
    }
}
