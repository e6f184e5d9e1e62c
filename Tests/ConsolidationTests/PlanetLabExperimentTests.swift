import Foundation
import Testing
import Consolidation
import VirtModel

/// The trace root from the environment (`.ci/run` sets it); nil skips the suite.
let planetLabTraceRoot = ProcessInfo.processInfo.environment["VIRTSIM_TRACES"]

/// CloudSim's PlanetLab experiment in CloudSim-compatible mode (skipped without VIRTSIM_TRACES).
@Suite("PlanetLab experiment", .enabled(if: planetLabTraceRoot != nil, "set VIRTSIM_TRACES to the data folder"))
struct PlanetLabExperimentTests {
    static let traces = planetLabTraceRoot

    /// Reference §1: VMs removed by the zero-request rule and VMs alive at the end, per day.
    static let deletions: [(day: String, vms: Int, deleted: Int, alive: Int)] = [
        ("20110303", 1052, 532, 520), ("20110306", 898, 523, 375), ("20110309", 1061, 782, 279),
        ("20110322", 1516, 939, 577), ("20110325", 1078, 591, 487), ("20110403", 1463, 769, 694),
        ("20110409", 1358, 803, 555), ("20110411", 1233, 683, 550), ("20110412", 1054, 575, 479),
        ("20110420", 1033, 634, 399),
    ]

    @Test("the zero-request rule removes exactly CloudSim's VMs on every day", arguments: deletions)
    func deletionCounts(expected: (day: String, vms: Int, deleted: Int, alive: Int)) throws {
        let result = try PlanetLabExperiment.run(policy: "dvfs", day: expected.day, traceRoot: Self.traces!)
        #expect(result.guests.count == expected.vms)
        #expect(result.metrics.deletedGuests == expected.deleted)
        #expect(result.metrics.guestsAliveAtEnd == expected.alive)
        #expect(result.metrics.vmMigrations == 0)
    }

    @Test("NonPowerAware: every host at full power from 0 to the last tick (86100.1 s)")
    func nonPowerAwareEnergy() throws {
        let result = try PlanetLabExperiment.run(policy: "npa", traceRoot: Self.traces!)
        // 400 G4 hosts at 117 W and 400 G5 hosts at 135 W.
        let expected = (400.0 * 117 + 400 * 135) * 86100.1 / 3.6e6
        #expect(abs(result.metrics.energyKWh - expected) < 1e-6)
    }

    /// The experiment cut to its first `hours` (the full day runs in the benchmark).
    func shortRun(_ policy: String, hours: Double, semantics: Semantics = .cloudSimCompatible) throws -> EngineResult {
        let day = try PlanetLabTrace.readDay(root: Self.traces!, day: "20110303")
        var config = try PlanetLabExperiment.config(policy: policy, day: day, semantics: semantics)
        config.horizon = hours * 3600
        return try ConsolidationEngine.run(config)
    }

    @Test("LR and LRR give bit-identical metrics in CloudSim mode (weights never applied)")
    func lrEqualsLrr() throws {
        let lr = try shortRun("lr-mmt-1.2", hours: 1.5)
        let lrr = try shortRun("lrr-mmt-1.2", hours: 1.5)
        #expect(lr.metrics.vmMigrations > 0)
        #expect(lr.metrics.rows.map(\.value).description == lrr.metrics.rows.map(\.value).description)
    }

    @Test("consolidation policies migrate, save energy against DVFS and keep SLAV small",
          arguments: ["thr-mmt-0.8", "mad-mmt-2.5", "lr-mu-1.2"])
    func consolidationSavesEnergy(policy: String) throws {
        let dvfs = try shortRun("dvfs", hours: 1)
        let r = try shortRun(policy, hours: 1)
        #expect(r.metrics.vmMigrations > 0)
        #expect(r.metrics.energyKWh < dvfs.metrics.energyKWh)
        #expect(r.metrics.pdmPercent > 0 && r.metrics.pdmPercent < 1)
        #expect(r.metrics.slatahPercent > 0 && r.metrics.slatahPercent < 100)
    }

    @Test("VirtSim mode keeps idle VMs and counts idle and sleep power")
    func virtSimDiffers() throws {
        let cs = try shortRun("lr-mmt-1.2", hours: 1)
        let vs = try shortRun("lr-mmt-1.2", hours: 1, semantics: .virtSim)
        #expect(cs.metrics.deletedGuests > 0)
        #expect(vs.metrics.deletedGuests == 0)
        #expect(vs.metrics.guestsAliveAtEnd == 1052)
        #expect(vs.metrics.energyKWh > cs.metrics.energyKWh)
    }
}
