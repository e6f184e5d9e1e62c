import Testing
import Scheduling
@testable import Consolidation
import VirtModel

/// CPU allocation on one host: CloudSim's `VmSchedulerTimeSharedOverSubscription` and VirtSim's.
@Suite("Host CPU allocation")
struct AllocationTests {
    /// One G4 host (2 × 1860 MIPS) with guests of the given MIPS already placed.
    func state(_ semantics: Semantics, guests mips: [Double]) throws -> EngineState<ConfiguredStrategies, NoObserver> {
        let types = Fixture.hostTypes()
        let guests = mips.enumerated().map { i, m in
            GuestSpec(id: i, name: "g\(i)", kind: .native, mips: m, ramMB: 100, utilization: .constant(1))
        }
        var s = try EngineState(config: EngineConfig(hostTypes: types, hostLayout: [0], guests: guests,
                                                     policies: PolicySpec(), semantics: semantics, horizon: 300),
                                rules: ConfiguredStrategies(semantics: semantics), keepHistory: false, observer: NoObserver())
        for g in 0..<mips.count {
            s.guests.request[g] = mips[g]
            s.guests.phase[g] = .running
            s.link(g, to: 0)
        }
        s.updateHost(0, at: 1)
        return s
    }

    @Test("requests that fit are granted, capped at one core per vCPU")
    func fits() throws {
        let s = try state(.cloudSimCompatible, guests: [2500, 1000])
        #expect(s.lists.allocation[0] == 1860)  // a 2500-MIPS VM gets at most one G4 core
        #expect(s.lists.allocation[1] == 1000)
        #expect(s.hosts.freeMips[0] == 3720 - 2860)
    }

    @Test("over-subscription scales every allocation; CloudSim floors to integers")
    func oversubscribed() throws {
        let c = try state(.cloudSimCompatible, guests: [1500, 1500, 1000])
        let f = 3720.0 / 4000
        #expect(c.lists.allocation[0] == (1500 * f).rounded(.down))
        #expect(c.lists.allocation[2] == (1000 * f).rounded(.down))
        #expect(c.hosts.freeMips[0] == 0)
        let v = try state(.virtSim, guests: [1500, 1500, 1000])
        #expect(abs(v.lists.allocation[0] - 1500 * f) < 1e-9)
        #expect(abs(v.lists.allocation.reduce(0, +) - 3720) < 1e-9)
    }

    @Test("a migrating guest gets 0.9 at the source and the target reserves 0.1")
    func migrationShares() throws {
        var s = try state(.cloudSimCompatible, guests: [1000, 500])
        s.guests.inMigration[0] = true
        let n = s.newNode(guest: 0, kind: .incoming)
        s.link(n, to: 0)  // same host for the arithmetic only
        s.updateHost(0, at: 2)
        #expect(s.lists.allocation[0] == 900)
        #expect(s.lists.allocation[n] == 100)
        // The source is charged the full request (900 / 0.9), the reservation adds 10 %.
        #expect(abs(s.hosts.measuredMips[0] - (1000 + 500 + 100)) < 1e-9)
        // Requested MIPS counts the migrating-in guest at 100 %.
        #expect(s.hostReqMips[0] == 2500)
    }

    @Test("CloudSim's power interpolation matches the SPECpower table at deciles and between them")
    func powerArithmetic() {
        let cs = PowerArithmetic(models: [.hpProLiantML110G4], formula: CloudSimPowerFormula())
        let vs = PowerArithmetic(models: [.hpProLiantML110G4], formula: InterpolatedPowerFormula())
        for u in stride(from: 0.0, through: 1.0, by: 0.05) {
            #expect(abs(cs.power(type: 0, utilization: u) - vs.power(type: 0, utilization: u)) < 1e-9)
        }
        #expect(cs.power(type: 0, utilization: 0) == 86)
        #expect(cs.power(type: 0, utilization: 1) == 117)
        #expect(cs.trapezoid(type: 0, from: 0, to: 0.5, seconds: 300, zeroAfterIdle: true) == 0)
        #expect(cs.trapezoid(type: 0, from: 0.5, to: 0.5, seconds: 300, zeroAfterIdle: true) == 102 * 300)
    }
}
