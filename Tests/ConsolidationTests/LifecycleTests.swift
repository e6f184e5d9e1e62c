import Testing
@testable import Consolidation
import VirtModel

/// Guests that arrive, boot and leave during the run.
@Suite("Guest life cycle")
struct LifecycleTests {
    @Test("arrivals, boots and departures keep every guest accounted for", arguments: [Semantics.virtSim, .cloudSimCompatible])
    func arrivalsAndDepartures(semantics: Semantics) throws {
        var config = Fixture.config(hosts: 8, guests: 30, samples: 48, semantics: semantics)
        for i in config.guests.indices {
            config.guests[i].arrival = Double(i % 6) * 1800          // a sixth at t = 0, the rest later
            config.guests[i].bootSeconds = i % 2 == 0 ? 45 : 0
            if i % 3 == 0 { config.guests[i].departure = config.guests[i].arrival + 5000 }
        }
        let (result, violations) = try ConsolidationEngine.runChecked(config)
        #expect(violations.isEmpty, "\(violations.prefix(3))")
        #expect(result.metrics.rejectedGuests == 0)
        #expect(result.metrics.guestsAliveAtEnd + result.metrics.deletedGuests == 20)
        let late = result.guests.filter { config.guests[$0.id].arrival > 0 }
        #expect(late.allSatisfy { $0.initialHost >= 0 })
    }

    @Test("skipBootDelays: guests with a boot time run from their creation, at t = 0 and on arrival alike",
          arguments: [false, true])
    func bootDelays(skip: Bool) throws {
        let types = [HostType(name: "h", cores: 2, mipsPerCore: 1000, ramMB: 4096, bandwidthMbps: 1000,
                              power: .hpProLiantML110G4)]
        let guests = [
            GuestSpec(id: 0, name: "at-zero", kind: .full, mips: 500, ramMB: 512, utilization: .constant(0.5), bootSeconds: 600),
            GuestSpec(id: 1, name: "arriving", kind: .full, mips: 500, ramMB: 512, utilization: .constant(0.5),
                      arrival: 1200, bootSeconds: 600),
        ]
        var semantics = Semantics.virtSim
        semantics.skipBootDelays = skip
        let config = EngineConfig(hostTypes: types, hostsPerType: [2], guests: guests,
                                  policies: PolicySpec(placement: "first-fit", overload: "none", underload: false),
                                  semantics: semantics, horizon: 3600)
        let result = try ConsolidationEngine.run(config)
        // A guest's CPU accounts start when it runs: 250 MIPS from its creation, or 600 s later.
        let ran = [3600.0, 2400.0].map { $0 - (skip ? 0 : 600) }
        for (row, seconds) in zip(result.guests, ran) {
            #expect(abs(row.requestedCpuSeconds - 250 * seconds) < 1e-6, "\(row.name): \(row.requestedCpuSeconds)")
        }
    }

    @Test("a guest that fits nowhere waits to the end (VirtSim) or is rejected (CloudSim's rule), never placed",
          arguments: [false, true])
    func rejection(cloudSimRule: Bool) throws {
        let types = [HostType(name: "small", cores: 1, mipsPerCore: 1000, ramMB: 1024, bandwidthMbps: 1000,
                              power: .hpProLiantML110G4)]
        let guests = [
            GuestSpec(id: 0, name: "fits", kind: .container, mips: 500, ramMB: 512, utilization: .constant(0.5)),
            GuestSpec(id: 1, name: "too-much-ram", kind: .full, mips: 500, ramMB: 4096, utilization: .constant(0.5)),
        ]
        var semantics = Semantics.virtSim
        semantics.rejectUnplacedGuests = cloudSimRule
        let config = EngineConfig(hostTypes: types, hostsPerType: [2], guests: guests,
                                  policies: PolicySpec(placement: "first-fit", overload: "none", underload: false),
                                  semantics: semantics, horizon: 3600)
        let result = try ConsolidationEngine.run(config)
        #expect(result.metrics.rejectedGuests == (cloudSimRule ? 1 : 0))
        #expect(result.capacity.guestsWaitingAtEnd == (cloudSimRule ? 0 : 1))
        #expect(result.capacity.guestHoursWaiting == (cloudSimRule ? 0 : 1))
        #expect(result.guests[0].initialHost == 0)
        #expect(result.guests[1].initialHost == -1)
    }
}
