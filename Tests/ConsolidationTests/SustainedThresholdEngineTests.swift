import Testing
import VirtModel
@testable import Consolidation

@Suite("Sustained threshold in the engine")
struct SustainedThresholdEngineTests {
    @Test("thr-sustained with a window of 1 runs exactly as thr (which takes the engine's SIMD fast paths)",
          arguments: [Semantics.virtSim, .cloudSimCompatible], ["power-aware-best-fit-decreasing", "first-fit-decreasing", "best-fit"])
    func windowOneIsThr(semantics: Semantics, placement: String) throws {
        func run(_ overload: String, window: Int?) throws -> EngineResult {
            try ConsolidationEngine.run(Fixture.config(hosts: 12, guests: 40, seed: 8,
                policies: PolicySpec(placement: placement, overload: overload, overloadParameter: 0.8, selection: "mmt",
                                     overloadWindow: window), semantics: semantics, record: true))
        }
        let thr = try run("thr", window: nil)
        let sustained = try run("thr-sustained", window: 1)
        #expect(thr.metrics.vmMigrations > 0)
        #expect(sustained.metrics.rows.map(\.value).description == thr.metrics.rows.map(\.value).description)
        #expect(sustained.guests == thr.guests)
        #expect(sustained.hostIntervals == thr.hostIntervals)
    }
}
