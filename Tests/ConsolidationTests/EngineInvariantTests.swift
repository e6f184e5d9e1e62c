import Testing
@testable import Consolidation
import VirtModel

/// The engine's bookkeeping invariants hold after every event, in both semantics.
@Suite("Engine invariants")
struct EngineInvariantTests {
    static let policySets: [PolicySpec] = [
        PolicySpec(placement: "power-aware-best-fit-decreasing", overload: "thr", overloadParameter: 0.8, selection: "mmt"),
        PolicySpec(placement: "first-fit-decreasing", overload: "thr", overloadParameter: 0.7, selection: "mu"),
        PolicySpec(placement: "best-fit", overload: "mad", selection: "mmt"),
        PolicySpec(placement: "worst-fit", overload: "iqr", selection: "rs"),
        PolicySpec(placement: "pabfd", overload: "lr", overloadParameter: 1.2, selection: "mc"),
        PolicySpec(placement: "first-fit", overload: "none", selection: "mmt", underload: false),
    ]

    @Test("capacity, memory and guest accounting hold after every event", arguments: policySets, [Semantics.virtSim, .cloudSimCompatible])
    func invariantsHold(policies: PolicySpec, semantics: Semantics) throws {
        let config = Fixture.config(policies: policies, semantics: semantics)
        let (result, violations) = try ConsolidationEngine.runChecked(config)
        #expect(violations.isEmpty, "\(violations.prefix(5))")
        #expect(result.metrics.energyKWh > 0)
        #expect(result.guests.count == config.guests.count)
    }

    @Test("dynamic consolidation migrates and sleeps hosts in VirtSim mode")
    func consolidationHappens() throws {
        let config = Fixture.config(hosts: 10, guests: 24)
        let result = try ConsolidationEngine.run(config)
        #expect(result.metrics.vmMigrations > 0)
        #expect(result.metrics.activeHostsMean < 10)
        #expect(result.metrics.activeHostsMean > 0)
        #expect(result.metrics.meanActiveHostCpuUtilization > 0)
        #expect(result.metrics.meanActiveHostCpuUtilization <= 100)
    }
}
