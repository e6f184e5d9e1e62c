/// The baseline: the guest's own driver and protocol stack drive the device directly.
public struct NativePath: IOPathCosting {
    public init() {}

    public func cost(_ shape: IORequestShape, on profile: HardwareProfile) -> IORequestCost {
        var c = IORequestCost()
        NativePath.addGuestDriver(shape, on: profile, to: &c)
        return c
    }

    /// True for a received packet: all its work happens after the "device" (the wire).
    @inlinable static func isReceive(_ shape: IORequestShape) -> Bool {
        shape.device == .network && shape.direction == .read
    }

    /// The work every path's guest does anyway: block layer + driver + interrupt for a disk
    /// request; TCP/IP + driver + copy to/from user space for a packet.
    static func addGuestDriver(_ shape: IORequestShape, on p: HardwareProfile, to c: inout IORequestCost) {
        // A completion that finds the CPU idle waits for the core to leave its idle state; the
        // NIC's own interrupt moderation delays a packet's interrupt.
        c.guestWakeMicros = p.wakeups.idleCoreExitMicros.value
        if shape.device == .network { c.interruptIntervalMicros = p.wakeups.nicInterruptIntervalMicros.value }
        switch shape.device {
        case .storage:
            c.add(p.diskSubmitMicros.value, .guestDriver, side: .guest, completion: false)
            c.add(p.diskCompletionMicros.value, .guestDriver, side: .guest, completion: true)
        case .network:
            if shape.direction == .write {
                c.add(p.nic.transmitPacketMicros.value + p.copyMicros(bytes: shape.bytes), .guestDriver, side: .guest, completion: false)
            } else {
                c.add(p.nic.receivePacketMicros.value + p.copyMicros(bytes: shape.bytes), .guestDriver, side: .guest, completion: true)
            }
        }
    }

    /// The host's own stack doing the real I/O behind a virtual device: the full block path for
    /// a disk request; driver + software bridge (no TCP) for a packet.
    static func addHostStack(_ shape: IORequestShape, on p: HardwareProfile, to c: inout IORequestCost) {
        switch shape.device {
        case .storage:
            c.add(p.diskSubmitMicros.value, .hostStack, side: .host, completion: false)
            c.add(p.diskCompletionMicros.value, .hostStack, side: .host, completion: true)
        case .network:
            let f = p.nic.hostForwardingFraction.value
            if shape.direction == .write {
                c.add(f * p.nic.transmitPacketMicros.value, .hostStack, side: .host, completion: false)
            } else {
                c.add(f * p.nic.receivePacketMicros.value, .hostStack, side: .host, completion: true)
            }
        }
    }

    /// A hardware-assisted VM: a completion that finds the vCPU halted also waits for the host to
    /// switch the vCPU thread back in and enter the guest; host-side work that finds its core idle
    /// waits for the core (and, when `chargedWakeup` is false, for its thread's wake-up, which the
    /// path does not charge as CPU).
    static func addVMWakeups(on p: HardwareProfile, chargedWakeup: Bool, to c: inout IORequestCost) {
        let w = p.wakeups
        c.guestWakeMicros += w.haltedVCPUWakeupMicros.value
        c.hostWakeMicros = w.idleCoreExitMicros.value + (chargedWakeup ? 0 : w.backendWakeupMicros.value)
    }

    /// Phase in which data moves into the guest (reads/receives: after the device) or out of
    /// it (writes/transmits: before the device).
    @inlinable static func dataPhaseIsCompletion(_ shape: IORequestShape) -> Bool {
        shape.direction == .read
    }
}
