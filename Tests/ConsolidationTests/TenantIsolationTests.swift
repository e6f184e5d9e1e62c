import Testing
@testable import Consolidation
import VirtModel

/// Tenant-exclusive hosts: the isolation constraint, enforced in placement for every rule.
@Suite("Tenant-exclusive hosts")
struct TenantIsolationTests {
    static func config(policies: PolicySpec, tenants: Int, exclusive: Bool) -> EngineConfig {
        var c = Fixture.config(hosts: 16, guests: 24, policies: policies)
        for g in c.guests.indices { c.guests[g].tenant = (g * 7) % tenants }
        c.tenantExclusiveHosts = exclusive
        return c
    }

    @Test("no host ever holds two tenants, after any event, under every placement rule",
          arguments: EngineInvariantTests.policySets)
    func neverViolated(policies: PolicySpec) throws {
        let config = Self.config(policies: policies, tenants: 3, exclusive: true)
        let (result, violations) = try ConsolidationEngine.runChecked(config)
        #expect(violations.isEmpty, "\(violations.prefix(5))")
        #expect(result.metrics.rejectedGuests == 0)
        // And at the end, host by host.
        var owner: [Int: Int] = [:]
        for g in result.guests where g.finalHost >= 0 {
            let t = config.guests[g.id].tenant
            if let o = owner[g.finalHost] { #expect(o == t) } else { owner[g.finalHost] = t }
        }
    }

    @Test("the SIMD scans, the scalar loops and the first-fit index keep the constraint alike",
          arguments: ["power-aware-best-fit-decreasing", "best-fit", "first-fit"])
    func scanPathsAgree(placement: String) throws {
        var config = Self.config(policies: PolicySpec(placement: placement, overload: "thr", overloadParameter: 0.8, selection: "mmt"),
                                 tenants: 4, exclusive: true)
        let simd = try ConsolidationEngine.run(config)
        config.scalarHostScans = true
        config.forceFirstFitIndex = placement == "first-fit"
        let scalar = try ConsolidationEngine.run(config)
        #expect(simd.guests.map(\.finalHost) == scalar.guests.map(\.finalHost))
        #expect(simd.metrics.energyKWh == scalar.metrics.energyKWh)
    }

    @Test("the constraint costs hosts: never fewer active hosts than without it")
    func costsHosts() throws {
        let p = PolicySpec(placement: "power-aware-best-fit-decreasing", overload: "thr", overloadParameter: 0.8, selection: "mmt")
        let free = try ConsolidationEngine.run(Self.config(policies: p, tenants: 6, exclusive: false))
        let bound = try ConsolidationEngine.run(Self.config(policies: p, tenants: 6, exclusive: true))
        #expect(bound.metrics.activeHostsMean > free.metrics.activeHostsMean)
    }

    @Test("one tenant: the constraint changes nothing")
    func oneTenant() throws {
        let p = PolicySpec(placement: "power-aware-best-fit-decreasing", overload: "thr", overloadParameter: 0.8, selection: "mmt")
        let free = try ConsolidationEngine.run(Self.config(policies: p, tenants: 1, exclusive: false))
        let bound = try ConsolidationEngine.run(Self.config(policies: p, tenants: 1, exclusive: true))
        #expect(free.guests.map(\.finalHost) == bound.guests.map(\.finalHost))
        #expect(free.metrics.energyKWh == bound.metrics.energyKWh)
    }
}
