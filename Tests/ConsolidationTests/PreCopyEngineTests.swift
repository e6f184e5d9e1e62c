import Testing
import VirtModel
@testable import Consolidation

/// Pre-copy live migration inside the engine: the guest's memory writing sets the migration's
/// length and downtime, and the guest loses its demand × downtime of CPU.
@Suite("Pre-copy migration in the engine")
struct PreCopyEngineTests {
    /// Two G5 hosts, two guests at a constant 30 % of 2500 MIPS placed apart (CloudSim's placement
    /// reading); the first consolidation round evacuates one host, so exactly one guest migrates.
    static func run(model: MigrationModelKind, dirtyRateMBps: Double = 0, writableWorkingSetMB: Double? = nil) throws -> EngineResult {
        let host = HostType(name: "g5", cores: 2, mipsPerCore: 2660, ramMB: 4096, bandwidthMbps: 1000,
                            power: .hpProLiantML110G5)
        let guests = (0..<2).map {
            GuestSpec(id: $0, name: "vm\($0)", kind: .para, mips: 2500, ramMB: 1024, utilization: .constant(0.3),
                      dirtyRateMBps: dirtyRateMBps, writableWorkingSetMB: writableWorkingSetMB)
        }
        let config = EngineConfig(hostTypes: [host], hostsPerType: [2], guests: guests,
                                  policies: PolicySpec(placement: "power-aware-best-fit-decreasing", overload: "thr",
                                                       overloadParameter: 0.8, selection: "mmt", underload: true,
                                                       migrationModel: model),
                                  semantics: .cloudSimCompatible, horizon: 1800, consolidationInterval: 300)
        return try ConsolidationEngine.run(config)
    }

    static func movedGuest(_ r: EngineResult) throws -> GuestRow {
        let moved = r.guests.filter { $0.migrations > 0 }
        try #require(moved.count == 1, "the setup moves exactly one guest")
        return moved[0]
    }

    @Test("A guest that writes nothing moves in one round, loses no CPU, and its migration takes memory / rate")
    func silentGuest() throws {
        let r = try Self.run(model: .preCopy)
        let g = try Self.movedGuest(r)
        #expect(r.metrics.migrationDowntimeSecondsMean == 0)
        #expect(g.requestedCpuSeconds == g.allocatedCpuSeconds)
        // Round 1 at pre-copy's 100 Mb/s starting rate: 1024 MB · 8 / 100.
        #expect(abs(r.metrics.meanTimeBeforeVMMigration - 1024 * 8 / 100) < 1e-6)
    }

    @Test("A guest rewriting its working set faster than the link loses demand × downtime of CPU",
          arguments: [16.0, 64.0, 256.0])
    func downtimeCostsCpu(workingSetMB: Double) throws {
        let r = try Self.run(model: .preCopy, dirtyRateMBps: 10_000, writableWorkingSetMB: workingSetMB)
        let g = try Self.movedGuest(r)
        // The whole working set is left for the stop-and-copy, at the 1 Gb/s link rate.
        let downtime = workingSetMB * 8 / 1000
        let mean = try #require(r.metrics.migrationDowntimeSecondsMean)
        #expect(abs(mean - downtime) < 1e-9)
        let lost = g.requestedCpuSeconds - g.allocatedCpuSeconds
        #expect(abs(lost - 0.3 * 2500 * downtime) < 1e-6 * 0.3 * 2500 * downtime, "lost \(lost) MIPS·s")
        #expect(r.metrics.pdmPercent > 0)
    }

    @Test("CloudSim's model has no downtime metric, so CloudSim's metric set is unchanged")
    func cloudSimHasNoDowntime() throws {
        let r = try Self.run(model: .cloudSim, dirtyRateMBps: 10_000, writableWorkingSetMB: 64)
        #expect(r.metrics.migrationDowntimeSecondsMean == nil)
        #expect(!r.metrics.rows.contains { $0.name == "migration_downtime_seconds_mean" })
        #expect(try Self.run(model: .preCopy).metrics.rows.contains { $0.name == "migration_downtime_seconds_mean" })
    }
}
