import Testing
import IOModel
import VirtModel

/// Several guests on one host: own vCPUs, shared back-end cores, device and link.
@Suite("Guests sharing a host")
struct SharedHostTests {
    static func run(kind: String, guests: Int, hostCores: Int = 1) -> IOResultRow {
        let spec = IOExperimentSpec(hardware: "xeon-sandybridge-2012", kinds: [kind], blockSizeBytes: 4096, readFraction: 1,
                                    queueDepth: 8, guests: guests, hostCores: hostCores,
                                    warmupSeconds: 0.002, durationSeconds: 0.02, seed: 7)
        return IOExperiment.run(spec).rows[0]
    }

    @Test("Jain's index: 1 for equal shares, 1/n when one takes all",
          arguments: [([5.0, 5, 5, 5], 1.0), ([8.0, 0, 0, 0], 0.25), ([3.0, 1], 0.8), ([], 1.0)])
    func jain(values: [Double], expected: Double) {
        #expect(abs(jainFairnessIndex(values) - expected) < 1e-12)
    }

    @Test("one row per guest; the guests' shares add up to the aggregate", arguments: ["native", "full", "para"])
    func sharesAddUp(kind: String) {
        let r = Self.run(kind: kind, guests: 4)
        #expect(r.perGuest.count == 4)
        let sum = r.perGuest.reduce(0) { $0 + $1.throughput }
        #expect(abs(sum - r.throughput) / r.throughput < 1e-9)
        #expect(r.fairness > 0.95, "identical guests get near-equal shares")
    }

    @Test("a shared back-end core caps the guests together: para's aggregate stops growing with guests while its core is saturated")
    func sharedBackendSaturates() {
        let one = Self.run(kind: "para", guests: 1)
        let eight = Self.run(kind: "para", guests: 8)
        #expect(eight.hostCPUUtilization > 0.97, "the vhost core is the bottleneck")
        #expect(eight.throughput < 8 * one.throughput * 0.6)
        // A second back-end core lifts the cap.
        let twoCores = Self.run(kind: "para", guests: 8, hostCores: 2)
        #expect(twoCores.throughput > eight.throughput * 1.2)
        // Latency under load: every guest waits behind the others.
        #expect(eight.meanLatencyMicros > one.meanLatencyMicros * 2)
    }

    @Test("one guest reproduces the single-guest run exactly")
    func oneGuestUnchanged() {
        let spec = IOExperimentSpec(hardware: "xeon-sandybridge-2012", kinds: ["full"], warmupSeconds: 0.002, durationSeconds: 0.02)
        var explicit = spec
        explicit.guests = 1
        let a = IOExperiment.run(spec).rows[0], b = IOExperiment.run(explicit).rows[0]
        #expect(a.throughput == b.throughput && a.meanLatencyMicros == b.meanLatencyMicros && a.fairness == 1)
    }
}
