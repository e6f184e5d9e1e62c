/// Full virtualization with an emulated device.
///
/// Each request costs the guest's native driver work, plus the trapping register accesses of the
/// device's protocol (`EmulatedDeviceProfile`: per submitted request, per completed request, and
/// per interrupt shared by the requests it completes), each an exit to the user-space device
/// model on hardware-assisted platforms; device-model work and the host's own I/O stack; a data
/// copy for devices that copy; and virtual interrupt injection. On a platform whose full
/// virtualization is a hosted VMM the emulated device is reached through the hosted path
/// (`HostedPath`: world switches and host system calls), which this path then is.
public struct EmulatedPath: IOPathCosting {
    public init() {}

    public func cost(_ shape: IORequestShape, on p: HardwareProfile) -> IORequestCost {
        if p.fullVirtualization == .hostedBinaryTranslation { return HostedPath().cost(shape, on: p) }
        var c = IORequestCost()
        NativePath.addGuestDriver(shape, on: p, to: &c)
        let device = shape.device == .storage ? p.emulatedDisk : p.emulatedNIC
        let receive = NativePath.isReceive(shape)
        // Requests completed per virtual interrupt: the guest's batching, capped by what the
        // controller holds at once (an IDE channel completes one command per interrupt).
        let perInterrupt = device.requestsPerInterrupt(batch: shape.requestsPerNotification)
        let trap = p.userSpaceExitMicros
        // Submission: the driver programs the device register by register. A received packet
        // has no submission; the guest meets the device only in its interrupt handler.
        if !receive {
            c.add(device.trapsPerSubmit.value * trap, .traps, side: .guest, completion: false)
        }
        c.add(device.deviceModelMicros.value, .deviceModel, side: .host, completion: receive)
        NativePath.addHostStack(shape, on: p, to: &c)
        if device.copiesData {
            c.add(p.copyMicros(bytes: shape.bytes), .copy, side: .host, completion: NativePath.dataPhaseIsCompletion(shape))
        }
        // Completion: inject a virtual interrupt into the vCPU; the guest's handler reads and
        // acknowledges emulated registers (traps), then signals end of interrupt.
        // The device model's completion (AIO → main loop) wakes a thread the path does not
        // charge; the emulated NIC's own moderation (e1000 ITR) replaces the host NIC's.
        NativePath.addVMWakeups(on: p, chargedWakeup: false, to: &c)
        if shape.device == .network { c.interruptIntervalMicros = p.wakeups.emulatedNICInterruptIntervalMicros.value }
        if !p.wakeups.postedInterrupts {
            c.add(p.exitMicros / perInterrupt, .interrupt, side: .host, completion: true)   // kick the running vCPU
            c.add(p.exitMicros / perInterrupt, .interrupt, side: .guest, completion: true)  // EOI write exits (no APICv)
        }
        let completionTraps = device.trapsPerCompletion.value + device.trapsPerInterrupt.value / perInterrupt
        c.add(completionTraps * trap, .traps, side: .guest, completion: true)
        return c
    }
}
