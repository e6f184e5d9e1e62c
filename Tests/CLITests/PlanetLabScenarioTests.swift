import Consolidation
import Foundation
import Testing
import Scenario
import VirtModel
@testable import VirtSimCLI

/// CloudSim's PlanetLab experiment as the shipped scenario files describe it (`traceGuests`),
/// CloudSim-compatible mode (skipped without VIRTSIM_TRACES). The whole days' goldens are
/// `results/planetlab-*` (checked with VIRTSIM_LONG_TESTS=1); these tests cut runs short.
@Suite("PlanetLab scenarios", .enabled(if: traceRoot != nil, "set VIRTSIM_TRACES to the data folder"))
struct PlanetLabScenarioTests {
    static func file(_ policy: String) -> String { packageRoot + "/scenarios/planetlab/\(policy).json" }

    /// The engine configuration of a shipped PlanetLab scenario (or of `text`, a modified copy).
    static func config(_ policy: String, day: String? = nil, mode: String? = nil, text: String? = nil) throws -> EngineConfig {
        let loaded = try text.map {
            try ScenarioLoader.loadResolved(text: $0, label: file(policy), overrides: .init(day: day, mode: mode), traceRoot: traceRoot)
        } ?? ScenarioLoader.loadResolved(file(policy), overrides: .init(day: day, mode: mode), traceRoot: traceRoot)
        guard case .consolidation(let study) = loaded.base.study, let tg = study.traceGuests else {
            throw InputError(message: "not a trace-guest scenario")
        }
        let traces = try PlanetLabTrace.readDay(root: traceRoot!, day: tg.day)
        return TraceGuestsStudyRunner.engineConfig(loaded.base, study: study, day: traces)
    }

    /// The experiment cut to its first `hours` (whole days are the goldens' and the benchmark's).
    static func shortRun(_ policy: String, hours: Double, mode: String? = nil, text: String? = nil) throws -> EngineResult {
        var c = try config(policy, mode: mode, text: text)
        c.horizon = hours * 3600
        return try ConsolidationEngine.run(c)
    }

    @Test("The shipped file builds CloudSim's datacenter: 800 hosts G4/G5 alternating by id, VM types in blocks of ⌈n/4⌉")
    func cloudSimDatacenter() throws {
        let c = try Self.config("lr-mmt-1.2")
        #expect(c.hostLayout == (0..<800).map { $0 % 2 })
        #expect(c.hostTypes.map(\.mipsPerCore) == [1860, 2660])
        #expect(c.hostTypes.map(\.power) == [.hpProLiantML110G4, .hpProLiantML110G5])
        let n = c.guests.count
        #expect(n == 1052)
        let block = (n + 3) / 4
        let types: [(mips: Double, ramMB: Double)] = [(2500, 870), (2000, 1740), (1000, 1740), (500, 613)]
        for (i, g) in c.guests.enumerated() {
            #expect(g.mips == types[i / block].mips && g.ramMB == types[i / block].ramMB && g.vcpus == 1 && g.kind == .para)
        }
        #expect(c.policies.placement == "power-aware-best-fit-decreasing" && c.policies.overload == "lr" && c.policies.underload)
    }

    @Test("npa and dvfs place first-fit in CloudSim mode (baselinesPlaceFirstFit), the stated placement in VirtSim mode",
          arguments: ["npa", "dvfs"])
    func baselinePlacement(policy: String) throws {
        #expect(try Self.config(policy).policies.placement == "first-fit")
        #expect(try Self.config(policy, mode: "virtsim").policies.placement == "power-aware-best-fit-decreasing")
        #expect(try Self.config(policy).policies.powerAware == (policy == "dvfs"))
    }

    /// Reference §1: VMs removed by the zero-request rule and VMs alive at the end, per day.
    static let deletions: [(day: String, vms: Int, deleted: Int, alive: Int)] = [
        ("20110303", 1052, 532, 520), ("20110306", 898, 523, 375), ("20110309", 1061, 782, 279),
        ("20110322", 1516, 939, 577), ("20110325", 1078, 591, 487), ("20110403", 1463, 769, 694),
        ("20110409", 1358, 803, 555), ("20110411", 1233, 683, 550), ("20110412", 1054, 575, 479),
        ("20110420", 1033, 634, 399),
    ]

    @Test("the zero-request rule removes exactly CloudSim's VMs on every day", arguments: deletions)
    func deletionCounts(expected: (day: String, vms: Int, deleted: Int, alive: Int)) throws {
        let result = try ConsolidationEngine.run(try Self.config("dvfs", day: expected.day))
        #expect(result.guests.count == expected.vms)
        #expect(result.metrics.deletedGuests == expected.deleted)
        #expect(result.metrics.guestsAliveAtEnd == expected.alive)
        #expect(result.metrics.vmMigrations == 0)
    }

    @Test("NonPowerAware: every host at full power from 0 to the last tick (86100.1 s)")
    func nonPowerAwareEnergy() throws {
        let result = try ConsolidationEngine.run(try Self.config("npa"))
        // 400 G4 hosts at 117 W and 400 G5 hosts at 135 W.
        let expected = (400.0 * 117 + 400 * 135) * 86100.1 / 3.6e6
        #expect(abs(result.metrics.energyKWh - expected) < 1e-6)
    }

    @Test("LR and LRR give bit-identical metrics in CloudSim mode (weights never applied)")
    func lrEqualsLrr() throws {
        let lr = try Self.shortRun("lr-mmt-1.2", hours: 1.5)
        let lrr = try Self.shortRun("lrr-mmt-1.2", hours: 1.5)
        #expect(lr.metrics.vmMigrations > 0)
        #expect(lr.metrics.rows.map(\.value).description == lrr.metrics.rows.map(\.value).description)
    }

    @Test("consolidation policies migrate, save energy against DVFS and keep SLAV small",
          arguments: ["thr-mmt-0.8", "mad-mmt-2.5", "lr-mu-1.2"])
    func consolidationSavesEnergy(policy: String) throws {
        let dvfs = try Self.shortRun("dvfs", hours: 1)
        let r = try Self.shortRun(policy, hours: 1)
        #expect(r.metrics.vmMigrations > 0)
        #expect(r.metrics.energyKWh < dvfs.metrics.energyKWh)
        #expect(r.metrics.pdmPercent > 0 && r.metrics.pdmPercent < 1)
        #expect(r.metrics.slatahPercent > 0 && r.metrics.slatahPercent < 100)
    }

    @Test("VirtSim mode keeps idle VMs and counts idle and sleep power")
    func virtSimDiffers() throws {
        let cs = try Self.shortRun("lr-mmt-1.2", hours: 1)
        let vs = try Self.shortRun("lr-mmt-1.2", hours: 1, mode: "virtsim")
        #expect(cs.metrics.deletedGuests > 0)
        #expect(vs.metrics.deletedGuests == 0)
        #expect(vs.metrics.guestsAliveAtEnd == 1052)
        #expect(vs.metrics.energyKWh > cs.metrics.energyKWh)
    }

    @Test("A copy of the experiment with 600 hosts runs end to end (virtsim run) on 600 hosts and changes the result")
    func sixHundredHosts() throws {
        let shipped = read(Self.file("lr-mmt-1.2"))!.replacingOccurrences(of: "\"horizonHours\": 24", with: "\"horizonHours\": 2")
        let mix = shipped.replacingOccurrences(of: "\"count\": 400", with: "\"count\": 300")
        #expect(mix != shipped)
        #expect(try Self.config("lr-mmt-1.2", text: mix).hostLayout == (0..<600).map { $0 % 2 })
        let dir = try temporaryDirectory()
        var summaries: [String] = []
        for (name, text) in [("shipped", shipped), ("mix", mix)] {
            try text.write(toFile: "\(dir)/\(name).json", atomically: true, encoding: .utf8)
            let r = virtsim(["run", "\(dir)/\(name).json", "--traces", traceRoot!, "--out", "\(dir)/\(name)"])
            #expect(r.status == .success, "\(r.err)")
            summaries.append(read("\(dir)/\(name)/summary.csv") ?? "")
            #expect(r.out.contains("1052 VMs on \(name == "mix" ? 600 : 800) hosts"), "\(r.out)")
        }
        let hosts = read("\(dir)/mix/hosts.csv") ?? ""
        let ids = hosts.split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: ",")[3]) }
        #expect(!ids.isEmpty && ids.allSatisfy { $0 < 600 })
        #expect(!summaries[0].isEmpty && summaries[0] != summaries[1])
    }

    @Test("A copy with other VM sizes and a cyclic assignment deals the files to the new types")
    func otherVMTypes() throws {
        let shipped = read(Self.file("lr-mmt-1.2"))!
        let text = shipped
            .replacingOccurrences(of: "\"assign\": \"blocks\"", with: "\"assign\": \"cyclic\"")
            .replacingOccurrences(of: "\"vcpus\": 1, \"vcpuMips\": 2500, \"memoryMB\": 870", with: "\"vcpus\": 2, \"vcpuMips\": 1000, \"memoryMB\": 2048")
        let c = try Self.config("lr-mmt-1.2", text: text)
        for (i, g) in c.guests.enumerated() {
            #expect((g.vcpus == 2 && g.mips == 1000 && g.ramMB == 2048) == (i % 4 == 0))
        }
        var cut = c
        cut.horizon = 2 * 3600
        let changed = try ConsolidationEngine.run(cut)
        let full = try Self.shortRun("lr-mmt-1.2", hours: 2)
        #expect(changed.metrics.rows.map(\.value).description != full.metrics.rows.map(\.value).description)
    }
}
