/// Full virtualization through a hosted VMM (VMware Workstation-style; Sugerman et al., USENIX
/// ATC 2001): the guest drives an emulated device with its ordinary driver; each trapping
/// register access is emulated inside the VMM (binary translation, or an exit on a
/// hardware-assisted VMM); the access that starts real I/O world-switches to the host, where
/// the VMM's host process does the I/O with an ordinary system call (write() to the host's
/// network driver, read()/write() on the virtual disk's file), then switches back and raises the
/// virtual interrupt.
///
/// Per request: the guest's driver (translated: slower), the device's trapping accesses, a
/// world-switch round trip to issue the I/O, one host system call plus the host's own I/O stack
/// and the device-model work, a copy when the device copies; and on completion the virtual
/// interrupt and its trapping accesses. A completion the host learns of by a device interrupt
/// taken while the VMM runs costs a second round trip (shared by the requests one interrupt
/// completes); a synchronous disk access returns inside the first round trip instead, with the
/// virtual CPU stalled for the device's time (`HostedIOInputs`). All of it runs on the guest's
/// own CPU: the host world and the VMM world take turns on it.
public struct HostedPath: IOPathCosting {
    public init() {}

    public func cost(_ shape: IORequestShape, on p: HardwareProfile) -> IORequestCost {
        var c = IORequestCost()
        NativePath.addGuestDriver(shape, on: p, to: &c)
        c.hostWorkOnGuestCPU = true
        let device = shape.device == .storage ? p.emulatedDisk : p.emulatedNIC
        let receive = NativePath.isReceive(shape)
        let perInterrupt = device.requestsPerInterrupt(batch: shape.requestsPerNotification)
        let trap: Double
        switch p.fullVirtualization {
        case .hostedBinaryTranslation:
            trap = p.micros(cycles: p.binaryTranslationTrapCycles.value)
            // The guest's own driver and protocol stack is kernel code, and runs translated.
            let slower = p.binaryTranslationKernelSlowdown.value - 1
            if slower > 0 {
                let guestSubmit = c.guestSubmit, guestComplete = c.guestComplete
                c.add(guestSubmit * slower, .translatedKernel, side: .guest, completion: false)
                c.add(guestComplete * slower, .translatedKernel, side: .guest, completion: true)
            }
        case .hardwareAssist:
            trap = p.exitMicros                           // handled in the VMM, not in a user-space device model
        }
        if !receive {
            c.add(device.trapsPerSubmit.value * trap, .traps, side: .guest, completion: false)
        }
        // The share of disk requests whose host system call blocks until the device is done.
        let synchronous = shape.device == .storage ? p.hosted.synchronousFraction(shape.direction) : 0
        c.synchronousDeviceFraction = synchronous
        let roundTrip = 2 * p.worldSwitchMicros.value
        if !receive { c.add(roundTrip, .worldSwitch, side: .host, completion: false) }
        c.add((1 - synchronous) * roundTrip / perInterrupt, .worldSwitch, side: .host, completion: true)
        c.add(device.deviceModelMicros.value, .deviceModel, side: .host, completion: receive)
        // The host process's system call (read()/write() on the disk file or the network driver).
        c.add(p.native.syscall.value, .hostStack, side: .host, completion: receive)
        NativePath.addHostStack(shape, on: p, to: &c)
        if device.copiesData {
            c.add(p.copyMicros(bytes: shape.bytes), .copy, side: .host, completion: NativePath.dataPhaseIsCompletion(shape))
        }
        c.add(trap / perInterrupt, .interrupt, side: .guest, completion: true)          // VMM raises the virtual IRQ
        let completionTraps = device.trapsPerCompletion.value + device.trapsPerInterrupt.value / perInterrupt
        c.add(completionTraps * trap, .traps, side: .guest, completion: true)
        return c
    }
}
