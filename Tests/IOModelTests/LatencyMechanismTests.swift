import Testing
import IOModel
import VirtModel

/// Latency that costs no CPU (wake-ups, interrupt moderation), posted interrupts, the container
/// network's parts, segmentation offloads and UDP.
@Suite("Latency and offload mechanisms")
struct LatencyMechanismTests {
    static let kvm = HardwareProfile.named("xeon-sandybridge-2012")!

    static func rr(_ kinds: [String], workload: String = "netperf-rr", containerPath: String = "container-bridge",
                   posted: Bool? = nil, profile: HardwareProfile = kvm) -> IOExperimentResult {
        let spec = IOExperimentSpec(hardware: "xeon-sandybridge-2012", kinds: kinds, containerPath: containerPath,
                                    workload: workload, queueDepth: 1, requestBytes: 1, responseBytes: 1,
                                    postedInterrupts: posted, warmupSeconds: 0.005, durationSeconds: 0.05, seed: 3)
        return IOExperiment.run(spec, profile: profile)
    }

    static func row(_ r: IOExperimentResult, _ kind: String) -> IOResultRow { r.rows.first { $0.variant == kind }! }

    @Test("a halted vCPU's wake-up adds latency to request/response and no CPU", arguments: ["full", "para"])
    func haltWakeupIsLatencyNotCPU(kind: String) throws {
        let slow = try #require(Self.kvm.setting("haltedVCPUWakeupMicros", to: 20))
        let base = Self.row(Self.rr([kind]), kind)
        let woken = Self.row(Self.rr([kind], profile: slow), kind)
        let added = woken.meanLatencyMicros - base.meanLatencyMicros
        // One completion per transaction finds the vCPU halted: ≈ 20 µs − the 1.5 µs it replaces.
        #expect(abs(added - (20 - Self.kvm.wakeups.haltedVCPUWakeupMicros.value)) < 1)
        #expect(woken.totalCPUMicrosPerRequest == base.totalCPUMicrosPerRequest)
        #expect(abs(woken.measuredPathCPUMicrosPerRequest - base.measuredPathCPUMicrosPerRequest) < 0.05)
    }

    @Test("wake-ups cost nothing when the CPU is never idle: a saturated vCPU's throughput does not move")
    func noWakeupWhenBusy() throws {
        let slow = try #require(Self.kvm.setting("haltedVCPUWakeupMicros", to: 50))
        let spec = IOExperimentSpec(hardware: "xeon-sandybridge-2012", kinds: ["para"], blockSizeBytes: 4096,
                                    queueDepth: 32, warmupSeconds: 0.002, durationSeconds: 0.02, seed: 4)
        let base = Self.row(IOExperiment.run(spec, profile: Self.kvm), "para")
        let woken = Self.row(IOExperiment.run(spec, profile: slow), "para")
        #expect(abs(woken.throughput - base.throughput) / base.throughput < 0.01)
    }

    @Test("posted interrupts remove the injection and EOI exits: less CPU and lower latency", arguments: ["full", "para"])
    func postedInterrupts(kind: String) {
        let without = Self.row(Self.rr([kind], posted: false), kind)
        let with = Self.row(Self.rr([kind], posted: true), kind)
        let interrupt = with.cpuMicrosPerRequest.first { $0.component == "interrupt" }!.micros
        #expect(interrupt == 0)
        #expect(with.totalCPUMicrosPerRequest < without.totalCPUMicrosPerRequest)
        #expect(with.meanLatencyMicros < without.meanLatencyMicros)
    }

    @Test("host networking skips veth, bridge, conntrack and NAT; each part is charged once per packet")
    func containerNetworkParts() {
        let bridged = Self.row(Self.rr(["container"]), "container")
        let host = Self.row(Self.rr(["container"], containerPath: "container-host-network"), "container")
        let n = Self.kvm.containerNetwork
        for (name, part) in [("veth", n.vethMicros), ("bridge", n.bridgeMicros), ("conntrack", n.conntrackMicros), ("nat", n.natMicros)] {
            // A transaction is one packet out and one in.
            let charged = bridged.cpuMicrosPerRequest.first { $0.component == name }!.micros
            #expect(abs(charged - 2 * part.value) < 1e-9)
            #expect(host.cpuMicrosPerRequest.first { $0.component == name }!.micros == 0)
        }
        #expect(host.meanLatencyMicros < bridged.meanLatencyMicros)
        let native = Self.row(Self.rr(["native"]), "native")
        #expect(abs(host.meanLatencyMicros - native.meanLatencyMicros) < 0.5)
    }

    @Test("the split of the container network's cost keeps the former single value (3000 cycles)")
    func splitKeepsTotal() {
        let n = Self.kvm.containerNetwork
        #expect(abs(n.totalMicros - 3000 / (Self.kvm.clockGHz.value * 1000)) < 1e-12)
    }

    @Test("e1000 interrupt moderation delays a stream's completions but not a lone request/response")
    func moderation() throws {
        let off = try #require(Self.kvm.setting("emulatedNICInterruptIntervalMicros", to: 0))
        let rrOn = Self.row(Self.rr(["full"]), "full")
        let rrOff = Self.row(Self.rr(["full"], profile: off), "full")
        // One transaction takes longer than the 50 µs interval: the interrupt is never held back.
        #expect(rrOn.meanLatencyMicros > 50)
        #expect(abs(rrOn.meanLatencyMicros - rrOff.meanLatencyMicros) < 0.01)
    }

    static func stream(_ kinds: [String], offloads: Bool, direction: String = "transmit", workload: String = "netperf-stream",
                       profile: HardwareProfile = kvm) -> IOExperimentResult {
        let spec = IOExperimentSpec(hardware: "xeon-sandybridge-2012", kinds: kinds, workload: workload, mtuBytes: 1500,
                                    direction: direction, socketBufferBytes: 262_144, offloads: offloads,
                                    warmupSeconds: 0.002, durationSeconds: 0.02, seed: 5)
        return IOExperiment.run(spec, profile: profile)
    }

    @Test("offloads: fewer, larger segments raise a CPU-bound path's bandwidth and cut its CPU per byte",
          arguments: ["native", "full", "para"])
    func offloadsRaiseBandwidth(kind: String) {
        let off = Self.row(Self.stream([kind], offloads: false), kind)
        let on = Self.row(Self.stream([kind], offloads: true), kind)
        #expect(on.throughput >= off.throughput * 0.999)
        let cpuPerByteOff = off.totalCPUMicrosPerRequest / 1448
        let cpuPerByteOn = on.totalCPUMicrosPerRequest / (45 * 1448)
        #expect(cpuPerByteOn < cpuPerByteOff / 2)
        // The wire still carries MTU packets: never above the link's payload rate.
        #expect(on.throughput <= 10_000 * 1448 / (1448 + 90.0) * 1.005, "window edges: one 64 KiB segment more or less")
    }

    @Test("without offload support in the device the segment stays one packet: Lance on the 2003 machine")
    func noOffloadWithoutSupport() {
        let spec = IOExperimentSpec(hardware: "dell2650-2003", kinds: ["full"], workload: "netperf-stream", mtuBytes: 1500,
                                    offloads: true, warmupSeconds: 0.005, durationSeconds: 0.03, seed: 2)
        var plain = spec
        plain.offloads = false
        #expect(IOExperiment.run(spec).rows[0].throughput == IOExperiment.run(plain).rows[0].throughput)
    }

    @Test("UDP: no ACK round trip and shorter headers; a UDP stream is at least as fast as TCP's")
    func udp() {
        let tcp = Self.row(Self.stream(["native"], offloads: false), "native")
        let udp = Self.row(Self.stream(["native"], offloads: false, workload: "udp-stream"), "native")
        #expect(udp.throughput >= tcp.throughput)
        let tcpRR = Self.row(Self.rr(["native"]), "native")
        let udpRR = Self.row(Self.rr(["native"], workload: "udp-rr"), "native")
        #expect(udpRR.meanLatencyMicros < tcpRR.meanLatencyMicros)
        #expect(udpRR.throughputUnit == "transactions/s")
    }

    @Test("spec inputs: unknown names and negative values are reported with their path")
    func inputsValidation() {
        var spec = IOExperimentSpec(inputs: ["haltedVCPUWakeupMicros": -1, "nope": 3])
        let problems = spec.validate().map(\.property)
        #expect(problems.contains("inputs.haltedVCPUWakeupMicros"))
        #expect(problems.contains("inputs.nope"))
        spec.inputs = ["haltedVCPUWakeupMicros": 7]
        #expect(spec.validate().isEmpty)
        #expect(spec.applyingDevices(to: Self.kvm).wakeups.haltedVCPUWakeupMicros.value == 7)
    }
}
