import MetricCatalogue
import Testing
import VirtModel
@testable import Continuity

@Suite("Blast radius")
struct BlastRadiusTests {
    typealias G = BlastRadius.Guest

    func metric(_ rows: [MetricValue], _ name: String) -> Double {
        rows.first { $0.name == name }!.value
    }

    @Test("VMs share their host's hypervisor, containers its kernel: the same boundaries by host")
    func hostBoundaries() {
        for kind in [GuestKind.full, .container] {
            let guests = [G(host: 0, tenant: 0, kind: kind), G(host: 0, tenant: 1, kind: kind),
                          G(host: 0, tenant: 1, kind: kind), G(host: 1, tenant: 2, kind: kind)]
            let m = BlastRadius.metrics(guests)
            #expect(metric(m, "isolation_boundaries") == 2)
            #expect(metric(m, "tenants_per_boundary_max") == 2)
            #expect(metric(m, "tenants_per_boundary_mean") == 1.5)
            #expect(metric(m, "blast_radius_percent_max") == 75)
            // 3 guests reach 3/4, one reaches 1/4: (3·0.75 + 0.25) / 4.
            #expect(abs(metric(m, "blast_radius_percent_mean") - 100 * (3 * 0.75 + 0.25) / 4) < 1e-12)
            // 3 guests see 1 other tenant, one sees none.
            #expect(metric(m, "tenants_exposed_mean") == 0.75)
        }
    }

    @Test("containers in VMs: one tenant per guest kernel, the hypervisor behind it holds them all")
    func containerInVM() {
        let guests = [G(host: 0, tenant: 0, kind: .containerInVM), G(host: 0, tenant: 0, kind: .containerInVM),
                      G(host: 0, tenant: 1, kind: .containerInVM), G(host: 0, tenant: 2, kind: .containerInVM)]
        let m = BlastRadius.metrics(guests)
        #expect(metric(m, "isolation_boundaries") == 3)
        #expect(metric(m, "tenants_per_boundary_max") == 1)
        #expect(metric(m, "tenants_exposed_mean") == 0)
        #expect(metric(m, "blast_radius_percent_max") == 50)
        #expect(metric(m, "host_boundary_tenants_max") == 3)
        let inner = BlastRadius.boundaries(guests, hostLevel: false)
        #expect(inner.allSatisfy { $0.kind == .guestKernel })
        #expect(inner.map(\.tenant) == [0, 1, 2])
    }

    @Test("every placed guest is behind exactly one boundary at each level", arguments: GuestKind.allCases)
    func partition(kind: GuestKind) {
        let guests = (0..<50).map { G(host: $0 % 7 == 3 ? -1 : $0 % 6, tenant: ($0 * 5) % 4, kind: kind) }
        for level in [false, true] {
            let members = BlastRadius.boundaries(guests, hostLevel: level).flatMap(\.guests).sorted()
            #expect(members == guests.indices.filter { guests[$0].host >= 0 })
        }
    }

    @Test("tenant draws follow the stated Zipf weights and use only the tenants asked for")
    func tenantDraws() {
        let d = TenantDistribution(count: 4, zipfExponent: 1)
        let cdf = d.cumulative
        let h = 1 + 1.0 / 2 + 1.0 / 3 + 1.0 / 4
        #expect(abs(cdf[0] - 1 / h) < 1e-12)
        #expect(cdf[3] == 1)
        var u = 0.0
        let tenants = d.assign(1000) { u += 0.001; return u - 0.0005 }   // evenly spread quantiles
        #expect(Set(tenants) == [0, 1, 2, 3])
        #expect(abs(Double(tenants.filter { $0 == 0 }.count) / 1000 - 1 / h) < 0.002)
        let uniform = TenantDistribution(count: 5, zipfExponent: 0).cumulative
        #expect(abs(uniform[1] - 0.4) < 1e-12)
    }

    @Test("which kinds a constraint makes tenant-exclusive")
    func constraints() {
        #expect(IsolationConstraint.tenantPerKernel.requiresExclusiveHosts(kind: .container))
        #expect(!IsolationConstraint.tenantPerKernel.requiresExclusiveHosts(kind: .full))
        #expect(!IsolationConstraint.tenantPerKernel.requiresExclusiveHosts(kind: .containerInVM))
        #expect(IsolationConstraint.tenantPerHost.requiresExclusiveHosts(kind: .para))
        #expect(!IsolationConstraint.none.requiresExclusiveHosts(kind: .container))
    }
}
