import Testing
@testable import Consolidation
import VirtModel

/// A host type's `memoryOvercommit` ratio: a host admits guests whose reserved memory sums to at
/// most ramMB × ratio. CPU capacity is untouched.
@Suite("Memory over-commit")
struct MemoryOvercommitTests {
    /// `HostPoolTests.pool` (hosts of 2 × 1000 MIPS, 4096 MB) with every host type at `ratio`.
    static func pool(ratio: Double?, hosts: Int, guests: Int, ramMB: Double, utilization: Double) -> EngineConfig {
        var config = HostPoolTests.pool(hosts: hosts, guests: guests, ramMB: ramMB, utilization: utilization)
        if let ratio { for i in config.hostTypes.indices { config.hostTypes[i].memoryOvercommit = ratio } }
        return config
    }

    @Test("Ratio 1 gives the same run as no ratio")
    func ratioOneIsHard() throws {
        let omitted = try ConsolidationEngine.run(Self.pool(ratio: nil, hosts: 4, guests: 6, ramMB: 1500, utilization: 0.2))
        let one = try ConsolidationEngine.run(Self.pool(ratio: 1, hosts: 4, guests: 6, ramMB: 1500, utilization: 0.2))
        #expect("\(one.metrics)" == "\(omitted.metrics)")  // (NaN means compare unequal with ==)
        #expect(one.guests.map(\.initialHost) == omitted.guests.map(\.initialHost))
        #expect(one.capacity.activeHostsMax == omitted.capacity.activeHostsMax)
    }

    // Four 1500 MB guests at 200 MIPS each: 6000 MB needs two 4096 MB hosts; at ratio 2 a host
    // admits 8192 MB and one host holds them all (800 of its 2000 MIPS).
    @Test("Ratio 2: guests that need two hosts by memory fit on one", arguments: [(1.0, 2.0), (2.0, 1.0)])
    func ratioScalesMemory(ratio: Double, hosts: Double) throws {
        let (result, violations) = try ConsolidationEngine.runChecked(Self.pool(ratio: ratio, hosts: 2, guests: 4, ramMB: 1500, utilization: 0.2))
        #expect(violations.isEmpty, "\(violations.prefix(3))")
        #expect(result.capacity.guestsWaited == 0)
        #expect(result.capacity.activeHostsMax == hosts)
    }

    @Test("A fixed pool at ratio 2 admits twice the memory: 4 guests of 1500 MB per 4096 MB host instead of 2")
    func fixedPoolAdmitsTwice() throws {
        let hard = try ConsolidationEngine.run(Self.pool(ratio: 1, hosts: 1, guests: 4, ramMB: 1500, utilization: 0.2))
        let twice = try ConsolidationEngine.run(Self.pool(ratio: 2, hosts: 1, guests: 4, ramMB: 1500, utilization: 0.2))
        #expect(hard.capacity.guestsWaitingAtEnd == 2)
        #expect(twice.capacity.guestsWaitingAtEnd == 0)
    }

    @Test("Over-commit never over-commits CPU: guests at 900 MIPS still take one host per two", arguments: [2.0, 16.0])
    func cpuStillBounds(ratio: Double) throws {
        let (result, violations) = try ConsolidationEngine.runChecked(Self.pool(ratio: ratio, hosts: 3, guests: 4, ramMB: 512, utilization: 0.9))
        #expect(violations.isEmpty, "\(violations.prefix(3))")
        #expect(result.capacity.activeHostsMax == 2)
        #expect(result.capacity.guestsWaited == 0)
    }

    @Test("A ratio below 1 is refused by the engine")
    func belowOneRefused() {
        #expect(throws: EngineError.self) { try ConsolidationEngine.run(Self.pool(ratio: 0.5, hosts: 1, guests: 1, ramMB: 512, utilization: 0.2)) }
    }
}
