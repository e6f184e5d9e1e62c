import Testing
@testable import Consolidation

/// The first-fit index must choose exactly the host the linear scan chooses.
@Suite("First-fit index")
struct FirstFitIndexTests {
    static let cases: [(PolicySpec, Semantics)] = [
        (PolicySpec(placement: "first-fit-decreasing", overload: "thr", overloadParameter: 0.8, selection: "mmt"), .virtSim),
        (PolicySpec(placement: "first-fit-decreasing", overload: "thr", overloadParameter: 0.6, selection: "mu",
                    underloadThreshold: 0.5), .virtSim),
        (PolicySpec(placement: "first-fit", overload: "thr", overloadParameter: 0.8, selection: "mmt"), .cloudSimCompatible),
        (PolicySpec(placement: "first-fit", overload: "none", selection: "mmt", underload: false), .virtSim),
    ]

    @Test("indexed and scanned first fit give identical runs", arguments: cases)
    func sameAsScan(policies: PolicySpec, semantics: Semantics) throws {
        var config = Fixture.config(hosts: 24, guests: 90, policies: policies, semantics: semantics)
        let scanned = try ConsolidationEngine.run(config)
        config.forceFirstFitIndex = true
        let (indexed, violations) = try ConsolidationEngine.runChecked(config)
        #expect(violations.isEmpty, "\(violations.prefix(3))")
        #expect(indexed.guests == scanned.guests)
        #expect(indexed.metrics.rows.map(\.value).description == scanned.metrics.rows.map(\.value).description)
        #expect(scanned.metrics.vmMigrations > 0 || policies.overload == "none")
    }
}
