/// Para-virtual I/O: the guest posts requests to a shared ring and notifies the back-end once
/// per batch (a hypercall on Xen PV, a light exit on virtio); the back-end does the host I/O
/// and raises one virtual interrupt per batch.
///
/// With a user-space back-end (virtio in QEMU) each request also pays one extra context switch
/// and one extra copy, and each notification is bounced to user space.
public struct ParaRingPath: IOPathCosting {
    /// Where the back-end runs.
    public enum Backend: Sendable, Hashable {
        /// In the host kernel (vhost, Xen blkback/netback in the driver domain's kernel).
        case kernel
        /// In the user-space device model.
        case userSpace
    }
    public var backend: Backend

    public init(backend: Backend) { self.backend = backend }

    public func cost(_ shape: IORequestShape, on p: HardwareProfile) -> IORequestCost {
        var c = IORequestCost()
        NativePath.addGuestDriver(shape, on: p, to: &c)
        let batch = shape.requestsPerNotification
        let receive = NativePath.isReceive(shape)
        let dataAfterDevice = NativePath.dataPhaseIsCompletion(shape)
        switch p.paraVirtualization {
        case .virtioOnHardwareAssist:
            let kick = backend == .kernel ? p.exitMicros : p.userSpaceExitMicros
            // A received packet wakes the back-end from the host NIC, not from a guest kick.
            if !receive { c.add(kick / batch, .notification, side: .guest, completion: false) }
            c.add(p.paraBackendWakeupMicros.value / batch, .notification, side: .host, completion: receive)
            c.add(p.paraBackendRequestMicros.value, .backend, side: .host, completion: receive)
            if shape.device == .network {
                // vhost-net copies between guest buffers and host socket buffers.
                c.add(p.copyMicros(bytes: shape.bytes), .copy, side: .host, completion: dataAfterDevice)
            }
            if !p.wakeups.postedInterrupts {
                c.add(p.exitMicros / batch, .interrupt, side: .host, completion: true)   // irqfd injection into a running vCPU
                c.add(p.exitMicros / batch, .interrupt, side: .guest, completion: true)  // EOI exit
            }
            // The back-end's wake-up is charged as CPU above; a user-space back-end's is too
            // (its extra context switch below).
            NativePath.addVMWakeups(on: p, chargedWakeup: true, to: &c)
        case .xenPV:
            c.hostWorkOnGuestCPU = true
            if !receive { c.add(p.hypercallMicros.value / batch, .notification, side: .guest, completion: false) }
            // A back-end in another domain on the same CPU needs a switch there and back
            // (0 on Xen 1.0, whose drivers live in the hypervisor).
            c.add(p.domainSwitchMicros.value / batch, .worldSwitch, side: .host, completion: receive)
            c.add(p.paraBackendWakeupMicros.value / batch, .notification, side: .host, completion: receive)
            c.add(p.paraBackendRequestMicros.value, .backend, side: .host, completion: receive)
            if receive {
                c.add(p.paraReceivePageFlipMicros.value, .copy, side: .host, completion: true)
            }
            c.add(p.hypercallMicros.value / batch, .interrupt, side: .host, completion: true)   // event-channel send
            c.add(p.hypercallMicros.value / batch, .interrupt, side: .guest, completion: true)  // upcall + unmask
        }
        if backend == .userSpace {
            c.add(p.native.contextSwitch.value, .backend, side: .host, completion: receive)
            c.add(p.copyMicros(bytes: shape.bytes), .copy, side: .host, completion: dataAfterDevice)
        }
        // Virtio back-ends hand the request to the host's own I/O stack: duplicated work.
        // Xen 1.0 keeps the real device drivers inside the hypervisor, which services the ring
        // directly: the driver work moves out of the guest rather than being done twice.
        if p.paraVirtualization == .virtioOnHardwareAssist {
            NativePath.addHostStack(shape, on: p, to: &c)
        }
        return c
    }
}
