/// Full virtualization with an emulated device.
///
/// Each request costs the guest's native driver work, plus the trapping register accesses of the
/// device's protocol (`EmulatedDeviceProfile`: per submitted request, per completed request, and
/// per interrupt shared by the requests it completes), each an exit to the user-space device
/// model on hardware-assisted platforms or a binary-translation emulation inside a hosted VMM
/// (which then world-switches to the host to do the I/O); device-model work and the host's own
/// I/O stack; a data copy for devices that copy; and virtual interrupt injection.
public struct EmulatedPath: IOPathCosting {
    public init() {}

    public func cost(_ shape: IORequestShape, on p: HardwareProfile) -> IORequestCost {
        var c = IORequestCost()
        NativePath.addGuestDriver(shape, on: p, to: &c)
        let device = shape.device == .storage ? p.emulatedDisk : p.emulatedNIC
        let receive = NativePath.isReceive(shape)
        // Requests completed per virtual interrupt: the guest's batching, capped by what the
        // controller holds at once (an IDE channel completes one command per interrupt).
        let perInterrupt = device.requestsPerInterrupt(batch: shape.requestsPerNotification)
        let trap: Double
        switch p.fullVirtualization {
        case .hardwareAssist:
            trap = p.userSpaceExitMicros
        case .hostedBinaryTranslation:
            trap = p.micros(cycles: p.binaryTranslationTrapCycles.value)
            c.hostWorkOnGuestCPU = true
            // The guest's own driver and protocol stack is kernel code, and runs translated.
            let slower = p.binaryTranslationKernelSlowdown.value - 1
            if slower > 0 {
                let guestSubmit = c.guestSubmit, guestComplete = c.guestComplete
                c.add(guestSubmit * slower, .translatedKernel, side: .guest, completion: false)
                c.add(guestComplete * slower, .translatedKernel, side: .guest, completion: true)
            }
        }
        // Submission: the driver programs the device register by register. A received packet
        // has no submission; the guest meets the device only in its interrupt handler.
        if !receive {
            c.add(device.trapsPerSubmit.value * trap, .traps, side: .guest, completion: false)
        }
        if p.fullVirtualization == .hostedBinaryTranslation {
            // The VMM cannot touch the real device: it switches to the host world and back,
            // once to issue the I/O and once when the host takes the device's interrupt.
            let roundTrip = 2 * p.worldSwitchMicros.value
            if !receive { c.add(roundTrip, .worldSwitch, side: .host, completion: false) }
            c.add(roundTrip / perInterrupt, .worldSwitch, side: .host, completion: true)
        }
        c.add(device.deviceModelMicros.value, .deviceModel, side: .host, completion: receive)
        NativePath.addHostStack(shape, on: p, to: &c)
        if device.copiesData {
            c.add(p.copyMicros(bytes: shape.bytes), .copy, side: .host, completion: NativePath.dataPhaseIsCompletion(shape))
        }
        // Completion: inject a virtual interrupt into the vCPU; the guest's handler reads and
        // acknowledges emulated registers (traps), then signals end of interrupt.
        switch p.fullVirtualization {
        case .hardwareAssist:
            // The device model's completion (AIO → main loop) wakes a thread the path does not
            // charge; the emulated NIC's own moderation (e1000 ITR) replaces the host NIC's.
            NativePath.addVMWakeups(on: p, chargedWakeup: false, to: &c)
            if shape.device == .network { c.interruptIntervalMicros = p.wakeups.emulatedNICInterruptIntervalMicros.value }
            if !p.wakeups.postedInterrupts {
                c.add(p.exitMicros / perInterrupt, .interrupt, side: .host, completion: true)   // kick the running vCPU
                c.add(p.exitMicros / perInterrupt, .interrupt, side: .guest, completion: true)  // EOI write exits (no APICv)
            }
        case .hostedBinaryTranslation:
            c.add(trap / perInterrupt, .interrupt, side: .guest, completion: true)          // VMM raises the virtual IRQ
        }
        let completionTraps = device.trapsPerCompletion.value + device.trapsPerInterrupt.value / perInterrupt
        c.add(completionTraps * trap, .traps, side: .guest, completion: true)
        return c
    }
}
