import Testing
@testable import Consolidation
import VirtModel

/// Fixed pools that fill up, waiting guests, and the capacity answers (peak and percentile
/// active hosts, headroom at the peak, per host type).
@Suite("Host pools and capacity")
struct HostPoolTests {
    /// `hosts` hosts of 2 × 1000 MIPS and 4096 MB; `guests` guests of 1 vCPU × 1000 MIPS at a
    /// constant `utilization`, `ramMB` each, over `hours`.
    static func pool(hosts: Int, guests: Int, ramMB: Double, utilization: Double = 0.2, hours: Double = 4,
                     semantics: Semantics = .virtSim, overload: String = "none") -> EngineConfig {
        let type = HostType(name: "small", cores: 2, mipsPerCore: 1000, ramMB: 4096, bandwidthMbps: 1000,
                            power: .hpProLiantML110G5)
        let specs = (0..<guests).map { g in
            GuestSpec(id: g, name: "g\(g)", kind: .para, mips: 1000, ramMB: ramMB, utilization: .constant(utilization))
        }
        return EngineConfig(hostTypes: [type], hostsPerType: [hosts], guests: specs,
                            policies: PolicySpec(placement: "first-fit", overload: overload, selection: "mmt", underload: false),
                            semantics: semantics, horizon: hours * 3600)
    }

    @Test("A full fixed pool: the guests that do not fit wait to the end, counted; nothing traps or vanishes")
    func fullPoolWaits() throws {
        // Two hosts hold two 1500 MB guests each: 4 placed, 6 wait for the whole 4 hours.
        let (result, violations) = try ConsolidationEngine.runChecked(Self.pool(hosts: 2, guests: 10, ramMB: 1500))
        #expect(violations.isEmpty, "\(violations.prefix(3))")
        let c = result.capacity
        #expect(c.guestsWaited == 6)
        #expect(c.guestsWaitingMax == 6)
        #expect(c.guestsWaitingAtEnd == 6)
        #expect(c.guestHoursWaiting == 6 * 4)
        #expect(result.metrics.rejectedGuests == 0)
        // Every guest accounted for: placed, or still waiting.
        let placed = result.guests.filter { $0.initialHost >= 0 }.count
        #expect(placed + c.guestsWaitingAtEnd == 10)
        #expect(c.activeHostsMax == 2)
    }

    @Test("A waiting guest is placed at the first tick after a departure frees room, and its wait ends there")
    func waitingGuestPlacedAfterDeparture() throws {
        var config = Self.pool(hosts: 1, guests: 3, ramMB: 1500)
        config.guests[0].departure = 3500  // frees one slot before the 1 h tick
        let (result, violations) = try ConsolidationEngine.runChecked(config)
        #expect(violations.isEmpty, "\(violations.prefix(3))")
        let c = result.capacity
        #expect(c.guestsWaited == 1)
        #expect(c.guestsWaitingAtEnd == 0)
        #expect(c.guestHoursWaiting == 1)  // waited from 0 to the 3600 s tick
        #expect(result.guests[2].initialHost == 0)
    }

    @Test("A waiting guest that departs before any host takes it stops waiting then")
    func waitingGuestDeparts() throws {
        var config = Self.pool(hosts: 1, guests: 3, ramMB: 1500)
        config.guests[2].departure = 1800
        let result = try ConsolidationEngine.run(config)
        #expect(result.capacity.guestsWaited == 1)
        #expect(result.capacity.guestsWaitingAtEnd == 0)
        #expect(result.capacity.guestHoursWaiting == 0.5)
        #expect(result.guests[2].initialHost == -1)
    }

    @Test("CloudSim's preset drops a guest that finds no host instead (rejectUnplacedGuests)")
    func cloudSimRejects() throws {
        let result = try ConsolidationEngine.run(Self.pool(hosts: 2, guests: 10, ramMB: 1500, semantics: .cloudSimCompatible))
        #expect(result.metrics.rejectedGuests == 6)
        #expect(result.capacity.guestsWaited == 0)
    }

    @Test("Headroom at the peak is the unused CPU and memory of the powered-on hosts")
    func headroomAtPeak() throws {
        // Two guests at 0.5 × 1000 MIPS and 1024 MB on one 2000 MIPS / 4096 MB host.
        let result = try ConsolidationEngine.run(Self.pool(hosts: 3, guests: 2, ramMB: 1024, utilization: 0.5))
        let c = result.capacity
        #expect(c.activeHostsMax == 1)
        #expect(c.cpuHeadroomAtPeakPercent == 50)
        #expect(c.memoryHeadroomAtPeakPercent == 50)
        #expect(c.perType.map(\.hosts) == [3])
        #expect(c.perType[0].activeHostsMax == 1)
    }

    @Test("Peak ≥ p99 ≥ p95, peak ≥ the mean, per type and in total; no host over capacity",
          arguments: [2, 4, 8] as [Int])
    func percentilesOrdered(hosts: Int) throws {
        var config = Fixture.config(hosts: hosts, guests: 3 * hosts, samples: 96,
                                    policies: PolicySpec(placement: "pabfd", overload: "thr", overloadParameter: 0.8, selection: "mmt"))
        config.recordHostIntervals = true
        let (result, violations) = try ConsolidationEngine.runChecked(config)
        #expect(violations.isEmpty, "\(violations.prefix(3))")
        let c = result.capacity
        #expect(c.activeHostsMax >= c.activeHostsP99)
        #expect(c.activeHostsP99 >= c.activeHostsP95)
        #expect(c.activeHostsMax >= result.metrics.activeHostsMean)
        #expect(c.activeHostsMax <= Double(hosts))
        #expect(c.perType.count == 2)
        for t in c.perType {
            #expect(t.activeHostsMax >= t.activeHostsP99 && t.activeHostsP99 >= t.activeHostsP95)
            #expect(t.activeHostsMax >= t.activeHostsSampledMean)
            #expect(t.activeHostsMax <= Double(t.hosts))
        }
        // The types' peaks may fall at different samples: their sum bounds the total's.
        #expect(c.perType.reduce(0) { $0 + $1.activeHostsMax } >= c.activeHostsMax)
        #expect(c.memoryHeadroomAtPeakPercent >= 0)
        // Energy per type adds up to the run's energy.
        let sum = c.perType.reduce(0) { $0 + $1.energyKWh }
        #expect(abs(sum - result.metrics.energyKWh) <= 1e-9 * max(1, sum))
    }
}
