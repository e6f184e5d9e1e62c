import Testing
@testable import Consolidation

/// The SIMD host scans (placement scoring, THR overload scan, under-load utilizations) must make
/// every decision the scalar reference loops make: same metrics to the bit, same guest and host rows.
@Suite("SIMD host scans")
struct SIMDScanEquivalenceTests {
    static let policies: [PolicySpec] = [
        PolicySpec(placement: "pabfd", overload: "thr", overloadParameter: 0.8, selection: "mmt"),
        PolicySpec(placement: "pabfd", overload: "lr", overloadParameter: 1.2, selection: "mmt"),
        PolicySpec(placement: "pabfd", overload: "mad", overloadParameter: 2.5, selection: "mc"),
        PolicySpec(placement: "pabfd", overload: "iqr", overloadParameter: 1.5, selection: "rs"),
        PolicySpec(placement: "pabfd", overload: "none", selection: "mmt", underload: false),
        PolicySpec(placement: "best-fit", overload: "thr", overloadParameter: 0.7, selection: "mu",
                   underloadThreshold: 0.4),
        PolicySpec(placement: "worst-fit", overload: "lrr", overloadParameter: 1.2, selection: "mmt"),
        PolicySpec(placement: "first-fit-decreasing", overload: "thr", overloadParameter: 0.8, selection: "mmt"),
    ]
    static let semantics: [Semantics] = [.cloudSimCompatible, .virtSim]

    @Test("SIMD and scalar scans give identical runs", arguments: policies, semantics)
    func identicalRuns(policies: PolicySpec, semantics: Semantics) throws {
        // 23 hosts: five full 4-lane steps plus a scalar tail of 3.
        var config = Fixture.config(hosts: 23, guests: 70, samples: 36, seed: 11, policies: policies,
                                    semantics: semantics, record: true)
        let simd = try ConsolidationEngine.run(config)
        config.scalarHostScans = true
        let scalar = try ConsolidationEngine.run(config)
        #expect(simd.metrics.rows.map(\.value.bitPattern) == scalar.metrics.rows.map(\.value.bitPattern))
        #expect(simd.metrics.consolidationRounds == scalar.metrics.consolidationRounds)
        #expect(simd.guests == scalar.guests)
        #expect(simd.hostIntervals == scalar.hostIntervals)
        #expect(scalar.metrics.vmMigrations > 0 || policies.overload == "none")
    }
}
