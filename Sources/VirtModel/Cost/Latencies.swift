/// Latencies that are not CPU work: waiting for an idle core or a halted vCPU to wake, and
/// interrupt moderation. The request-level model adds them to a request's time without charging
/// any CPU; the interval-level cost model never sees them (they cost no cycles).
///
/// Every value is `Cited`. The all-zero `none` is the profile default: a platform without these
/// inputs runs exactly as before (the 2003 profile keeps it: no source for that machine).
public struct WakeupLatencies: Sendable, Hashable {
    /// An idle core leaving its idle state before it runs the woken thread, µs. Paid by native and
    /// container guests when a completion finds their CPU idle, and by a sleeping host thread's core.
    public var idleCoreExitMicros: Cited
    /// A halted vCPU (it executed HLT and its host thread blocked in the hypervisor) woken by an
    /// interrupt, µs, beyond `idleCoreExitMicros`: the host scheduler switches the vCPU thread back
    /// in and re-enters the guest. Paid instead of the idle-core exit by VM guests whose vCPU is idle.
    public var haltedVCPUWakeupMicros: Cited
    /// A sleeping back-end or device-model thread (vhost worker, QEMU main loop / AIO completion)
    /// woken by an eventfd, µs: the latency of the wake-up beyond the CPU the path already charges
    /// for it (`paraBackendWakeupMicros`). Paid only when the thread's host core is idle.
    public var backendWakeupMicros: Cited
    /// Posted interrupts / APIC virtualization: a completion interrupt reaches a running vCPU
    /// without an exit, and the guest's end-of-interrupt does not exit either.
    public var postedInterrupts: Bool
    /// Interrupt moderation of the NIC the guest sees (minimum interval between two interrupts,
    /// µs): a completion waits until `interval` after the previous interrupt. 0 = none.
    public var nicInterruptIntervalMicros: Cited
    /// The same for the emulated NIC of full virtualization (e1000 ITR, when the device model
    /// honours it), µs.
    public var emulatedNICInterruptIntervalMicros: Cited

    public init(idleCoreExitMicros: Cited, haltedVCPUWakeupMicros: Cited, backendWakeupMicros: Cited,
                postedInterrupts: Bool, nicInterruptIntervalMicros: Cited, emulatedNICInterruptIntervalMicros: Cited) {
        self.idleCoreExitMicros = idleCoreExitMicros
        self.haltedVCPUWakeupMicros = haltedVCPUWakeupMicros
        self.backendWakeupMicros = backendWakeupMicros
        self.postedInterrupts = postedInterrupts
        self.nicInterruptIntervalMicros = nicInterruptIntervalMicros
        self.emulatedNICInterruptIntervalMicros = emulatedNICInterruptIntervalMicros
    }

    /// No wake-up latency, no moderation, no posted interrupts.
    public static let none = WakeupLatencies(
        idleCoreExitMicros: Cited(0, "not modelled on this profile"),
        haltedVCPUWakeupMicros: Cited(0, "not modelled on this profile"),
        backendWakeupMicros: Cited(0, "not modelled on this profile"),
        postedInterrupts: false,
        nicInterruptIntervalMicros: Cited(0, "not modelled on this profile"),
        emulatedNICInterruptIntervalMicros: Cited(0, "not modelled on this profile"))
}

/// The container network path as its parts, CPU per packet, µs. A bridged container's packet
/// crosses a veth pair (a second pass through the receive path of the peer namespace), the
/// Linux bridge (FDB lookup and forwarding), netfilter connection tracking, and the NAT rule
/// (masquerade / DNAT for published ports). Host networking skips all four.
public struct ContainerNetworkCosts: Sendable, Hashable {
    public var vethMicros: Cited
    public var bridgeMicros: Cited
    public var conntrackMicros: Cited
    public var natMicros: Cited

    public init(vethMicros: Cited, bridgeMicros: Cited, conntrackMicros: Cited, natMicros: Cited) {
        self.vethMicros = vethMicros
        self.bridgeMicros = bridgeMicros
        self.conntrackMicros = conntrackMicros
        self.natMicros = natMicros
    }

    /// The four parts' sum, µs per packet.
    public var totalMicros: Double { vethMicros.value + bridgeMicros.value + conntrackMicros.value + natMicros.value }

    /// The split of the former single "veth + bridge + conntrack/NAT ≈ 3000 cycles" assumption
    /// on a core of `clockGHz`: no per-part measurement was at hand, so each part is an assumption
    /// by the work it does, and the total is unchanged. Labs vary each part (sensitivity).
    public static func assumed3000Cycles(clockGHz: Double) -> ContainerNetworkCosts {
        func cyc(_ c: Double) -> Double { c / (clockGHz * 1000) }
        return ContainerNetworkCosts(
            vethMicros: Cited(cyc(1000), "assumption: veth_xmit hands the skb to the peer namespace through netif_rx: a second pass of the receive path's early stages (backlog, protocol demux) ~1000 cycles; no measurement at hand"),
            bridgeMicros: Cited(cyc(700), "assumption: br_handle_frame + FDB hash lookup + br_forward ~700 cycles; no measurement at hand"),
            conntrackMicros: Cited(cyc(800), "assumption: nf_conntrack_in hash lookup and state update on an established flow ~800 cycles; no measurement at hand"),
            natMicros: Cited(cyc(500), "assumption: nf_nat rewrite of an established flow (address, port, checksum update) ~500 cycles; no measurement at hand"))
    }
}

extension HardwareProfile {
    /// Inputs a scenario may set on top of its hardware profile (`"inputs"` in an I/O study), to
    /// show how a result moves with a number that has no measurement behind it. Stable order.
    public static let adjustableInputs: [String] = [
        "idleCoreExitMicros", "haltedVCPUWakeupMicros", "backendWakeupMicros",
        "nicInterruptIntervalMicros", "emulatedNICInterruptIntervalMicros",
        "containerVethMicros", "containerBridgeMicros", "containerConntrackMicros", "containerNATMicros",
        "hostedSynchronousReadFraction", "hostedSynchronousWriteFraction",
        "nicPacketMicros",
    ]

    /// The adjustable inputs that are fractions in [0, 1] (the others are µs).
    public static let adjustableFractionInputs: Set<String> = ["hostedSynchronousReadFraction", "hostedSynchronousWriteFraction"]

    /// This profile with input `name` (one of `adjustableInputs`) set to `value` (≥ 0), its source
    /// saying so; nil for an unknown name. O(1).
    public func setting(_ name: String, to value: Double) -> HardwareProfile? {
        var p = self
        let c = Cited(value, "set by the scenario (sensitivity)")
        switch name {
        case "idleCoreExitMicros": p.wakeups.idleCoreExitMicros = c
        case "haltedVCPUWakeupMicros": p.wakeups.haltedVCPUWakeupMicros = c
        case "backendWakeupMicros": p.wakeups.backendWakeupMicros = c
        case "nicInterruptIntervalMicros": p.wakeups.nicInterruptIntervalMicros = c
        case "emulatedNICInterruptIntervalMicros": p.wakeups.emulatedNICInterruptIntervalMicros = c
        case "containerVethMicros": p.containerNetwork.vethMicros = c
        case "containerBridgeMicros": p.containerNetwork.bridgeMicros = c
        case "containerConntrackMicros": p.containerNetwork.conntrackMicros = c
        case "containerNATMicros": p.containerNetwork.natMicros = c
        case "hostedSynchronousReadFraction": p.hosted.synchronousReadFraction = c
        case "hostedSynchronousWriteFraction": p.hosted.synchronousWriteFraction = c
        case "nicPacketMicros":
            // The native per-packet protocol + driver cost (copy excluded), both directions: the
            // profiles derive both from one rule, so one sensitivity row moves them together.
            p.nic.transmitPacketMicros = c
            p.nic.receivePacketMicros = c
        default: return nil
        }
        return p
    }
}
