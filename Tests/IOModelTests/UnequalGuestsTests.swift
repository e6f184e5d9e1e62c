import Testing
import IOModel

/// Unequal guests sharing a back-end (`guestLoads`): each guest its own queue depth and compute.
@Suite("Unequal guests")
struct UnequalGuestsTests {
    static func spec(_ loads: [IOGuestLoad], guests: Int) -> IOExperimentSpec {
        var s = IOExperimentSpec(kinds: ["native", "para"], workload: "fio", blockSizeBytes: 4096, readFraction: 1, queueDepth: 4,
                                 guests: guests, hostCores: 1, warmupSeconds: 0.002, durationSeconds: 0.02, seed: 2)
        s.guestLoads = loads
        return s
    }

    @Test("A list of equal loads runs exactly as that many identical guests")
    func equalListIsUniform() {
        let uniform = IOExperiment.run(Self.spec([], guests: 3))
        let listed = IOExperiment.run(Self.spec(Array(repeating: IOGuestLoad(), count: 3), guests: 3))
        for (a, b) in zip(uniform.rows, listed.rows) {
            #expect(a.throughput == b.throughput && a.meanLatencyMicros == b.meanLatencyMicros)
            #expect(a.perGuest.map(\.throughput) == b.perGuest.map(\.throughput))
        }
    }

    @Test("On a shared FIFO back-end a guest's share follows the requests it keeps queued; Jain's index falls below 1")
    func sharesFollowDepth() throws {
        let r = IOExperiment.run(Self.spec([IOGuestLoad(queueDepth: 1), IOGuestLoad(queueDepth: 16)], guests: 2))
        let para = try #require(r.rows.first { $0.variant == "para" })
        #expect(para.perGuest[1].throughput > 4 * para.perGuest[0].throughput)
        #expect(para.fairness < 0.9)
    }

    @Test("Unequal guests need a closed loop; each load's values are checked at their path")
    func validation() {
        var s = Self.spec([IOGuestLoad(queueDepth: 0), IOGuestLoad(computeMicrosPerRequest: -1)], guests: 2)
        s.arrivalRate = 1000
        let paths = Set(s.validate().map(\.property))
        #expect(paths.contains("guestLoads"))
        #expect(paths.contains("guestLoads[0].queueDepth"))
        #expect(paths.contains("guestLoads[1].computeMicrosPerRequest"))
    }
}
