/// Direct assignment (SR-IOV virtual function, IOMMU): the guest's native driver talks to the
/// device; only the completion interrupt is virtualized (an exit to deliver it and one for the
/// end-of-interrupt without posted interrupts, none with them; two hypercall-class events on Xen PV).
public struct PassthroughPath: IOPathCosting {
    public init() {}

    public func cost(_ shape: IORequestShape, on p: HardwareProfile) -> IORequestCost {
        var c = IORequestCost()
        NativePath.addGuestDriver(shape, on: p, to: &c)
        let batch = shape.requestsPerNotification
        let event: Double
        switch p.fullVirtualization {
        case .hardwareAssist:
            // Posted interrupts deliver the VF's interrupt and take the EOI without exits.
            event = p.wakeups.postedInterrupts ? 0 : p.exitMicros
            NativePath.addVMWakeups(on: p, chargedWakeup: true, to: &c)
        case .hostedBinaryTranslation: event = p.hypercallMicros.value
        }
        c.add(2 * event / batch, .interrupt, side: .guest, completion: true)
        return c
    }
}
