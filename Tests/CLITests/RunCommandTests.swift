import Foundation
import Testing
@testable import VirtSimCLI

@Suite("virtsim run")
struct RunCommandTests {
    @Test("An I/O scenario with a sweep writes every table and sweep.csv, twice identically")
    func ioSweep() throws {
        let dir = try temporaryDirectory()
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

    @Test("--seed changes the random streams and so the results")
    func seedOverride() throws {
        let dir = try temporaryDirectory()
        let file = packageRoot + "/scenarios/seed-io-overhead.json"
        #expect(virtsim(["run", file, "--out", dir + "/a", "--seed", "1"]).status == .success)
        #expect(virtsim(["run", file, "--out", dir + "/b", "--seed", "2"]).status == .success)
        #expect(read(dir + "/a/io.csv") != read(dir + "/b/io.csv"))
    }

    @Test("--mode is refused for a study that has no modes")
    func modeOnlyForPlanetLab() throws {
        let r = virtsim(["run", packageRoot + "/scenarios/seed-io-overhead.json", "--mode", "virtsim", "--out", try temporaryDirectory()])
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
