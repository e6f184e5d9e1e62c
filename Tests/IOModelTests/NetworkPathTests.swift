import Testing
import IOModel
import VirtModel

/// Bulk TCP streams on the 2003 machine: per-packet CPU decides when a stream is CPU-bound,
/// and the hosted VMM's world switches decide how far VMware falls.
@Suite("Network stream costs")
struct NetworkPathTests {
    static let dell = HardwareProfile.named("dell2650-2003")!

    static func stream(_ kinds: [String], mtu: Double, direction: String = "transmit", profile: HardwareProfile = dell) -> IOExperimentResult {
        let spec = IOExperimentSpec(hardware: "dell2650-2003", kinds: kinds, workload: "netperf-stream", mtuBytes: mtu,
                                    direction: direction, socketBufferBytes: 131_072, warmupSeconds: 0.005, durationSeconds: 0.03, seed: 2)
        return IOExperiment.run(spec, profile: profile)
    }

    static func row(_ r: IOExperimentResult, _ kind: String) -> IOResultRow { r.rows.first { $0.variant == kind }! }

    @Test("small packets cost more CPU per byte: native needs far more of its CPU at MTU 500 than at MTU 1500")
    func smallPacketsCostMoreCPU() {
        let big = Self.row(Self.stream(["native"], mtu: 1500), "native")
        let small = Self.row(Self.stream(["native"], mtu: 500), "native")
        #expect(small.guestCPUUtilization > 1.8 * big.guestCPUUtilization)
    }

    @Test("a dearer per-packet stack makes native MTU 500 CPU-bound while MTU 1500 stays on the wire's rate")
    func perPacketCostMakesSmallMTUCPUBound() {
        var dear = Self.dell
        dear.nic.transmitPacketMicros = Cited(2 * Self.dell.nic.transmitPacketMicros.value, "test: doubled")
        let small = Self.row(Self.stream(["native"], mtu: 500, profile: dear), "native")
        let cheapSmall = Self.row(Self.stream(["native"], mtu: 500), "native")
        let big = Self.row(Self.stream(["native"], mtu: 1500, profile: dear), "native")
        #expect(small.guestCPUUtilization > 0.98)
        #expect(small.throughput < 0.9 * cheapSmall.throughput)
        let wire = 1000 * 1448 / (1448 + 90.0)
        #expect(abs(big.throughput - wire) / wire < 0.01)
    }

    @Test("a dearer world switch lowers the hosted VMM's stream bandwidth, transmit more than receive")
    func worldSwitchCost() {
        var dear = Self.dell
        dear.worldSwitchMicros = Cited(2 * Self.dell.worldSwitchMicros.value, "test: doubled")
        for direction in ["transmit", "receive"] {
            let base = Self.row(Self.stream(["full"], mtu: 1500, direction: direction), "full")
            let slow = Self.row(Self.stream(["full"], mtu: 1500, direction: direction, profile: dear), "full")
            #expect(slow.throughput < base.throughput)
        }
        let tx = Self.row(Self.stream(["full"], mtu: 1500, direction: "transmit"), "full")
        let rx = Self.row(Self.stream(["full"], mtu: 1500, direction: "receive"), "full")
        #expect(tx.throughput < rx.throughput, "a transmitted packet pays its submit traps and a second world-switch round trip")
    }
}
