/// How a platform implements full virtualization of an unmodified guest.
public enum FullVirtualizationTechnique: String, Sendable, CaseIterable {
    /// Binary translation of guest kernel code, shadow page tables, hosted VMM whose device
    /// emulation runs in a host process reached by world switches (VMware Workstation, 2003).
    case hostedBinaryTranslation = "hosted-binary-translation"
    /// Hardware-assisted (VT-x / AMD-V) exits; device emulation in a user-space device model
    /// (QEMU); nested or shadow paging as the profile says.
    case hardwareAssist = "hardware-assist"
}

/// How a platform implements para-virtualization.
public enum ParaVirtualizationStyle: String, Sendable, CaseIterable {
    /// Xen 1.0 PV (Barham et al. 2003): hypercalls are software traps; guests post I/O to
    /// shared rings that the hypervisor services with the real device drivers it contains
    /// (drivers moved to driver domains only in Xen 2.0, Fraser et al. 2004); guest-managed
    /// page tables validated by Xen; received packets delivered by page flipping.
    case xenPV = "xen-pv"
    /// Virtio rings in a hardware-assisted VM: notifications are light exits (ioeventfd),
    /// back-end in a host kernel thread (vhost) or in the user-space device model.
    case virtioOnHardwareAssist = "virtio-on-hardware-assist"
}

/// Native per-operation CPU costs of a platform, µs.
public struct NativeOperationCosts: Sendable {
    public var syscall: Cited
    public var pageFault: Cited
    public var pageTableUpdate: Cited
    public var contextSwitch: Cited
    /// Switch between processes with 64 KiB working sets (lmbench 16p/64K).
    public var contextSwitchLarge: Cited
    public var fork: Cited
    public var exec: Cited
    public var timerInterrupt: Cited

    public init(syscall: Cited, pageFault: Cited, pageTableUpdate: Cited, contextSwitch: Cited,
                contextSwitchLarge: Cited, fork: Cited, exec: Cited, timerInterrupt: Cited) {
        self.syscall = syscall
        self.pageFault = pageFault
        self.pageTableUpdate = pageTableUpdate
        self.contextSwitch = contextSwitch
        self.contextSwitchLarge = contextSwitchLarge
        self.fork = fork
        self.exec = exec
        self.timerInterrupt = timerInterrupt
    }
}

/// Per-operation costs measured inside one kind of guest on this platform (lmbench), µs.
/// When present they replace the mechanism estimate for those operations.
public struct MeasuredOperationCosts: Sendable {
    public var kind: GuestKind
    public var syscall: Cited
    public var pageFault: Cited
    public var contextSwitch: Cited
    public var contextSwitchLarge: Cited
    public var fork: Cited
    public var exec: Cited

    public init(kind: GuestKind, syscall: Cited, pageFault: Cited, contextSwitch: Cited, contextSwitchLarge: Cited,
                fork: Cited, exec: Cited) {
        self.kind = kind
        self.syscall = syscall
        self.pageFault = pageFault
        self.contextSwitch = contextSwitch
        self.contextSwitchLarge = contextSwitchLarge
        self.fork = fork
        self.exec = exec
    }
}

/// A physical platform: CPU generation (clock, exit cost), its virtualization mechanisms,
/// native operation costs, and devices. Every number is `Cited`.
///
/// Profiles are plain values: tests and sweeps copy one and change a field (a faster exit,
/// more trapping accesses) to see the model respond.
public struct HardwareProfile: Sendable {
    /// Catalogue name, e.g. "dell2650-2003".
    public var name: String
    /// One-line description of the machine.
    public var summary: String

    // MARK: CPU and virtualization mechanisms

    /// Core clock, GHz.
    public var clockGHz: Cited
    public var fullVirtualization: FullVirtualizationTechnique
    public var paraVirtualization: ParaVirtualizationStyle
    /// Hardware-assisted guests use nested paging (EPT/NPT) rather than shadow page tables.
    public var nestedPaging: Bool
    /// Hardware VM exit + entry round trip, cycles (Agesen et al. 2012 Table 1).
    public var exitRoundTripCycles: Cited
    /// Hypervisor software handling of a simple exit, cycles.
    public var exitHandlingCycles: Cited
    /// Extra cycles when an exit is bounced to a user-space device model and back.
    public var userSpaceExitExtraCycles: Cited
    /// Hosted VMM: one VMM↔host world switch (one direction), µs.
    public var worldSwitchMicros: Cited
    /// Binary translation: emulating one trapping instruction (e.g. `in`) inside the VMM, cycles.
    public var binaryTranslationTrapCycles: Cited
    /// Binary translation with shadow page tables: extra cycles per guest PTE write.
    public var binaryTranslationPageTableUpdateCycles: Cited
    /// Binary translation: how much slower guest kernel code runs translated than natively
    /// (ratio of times), for kernel work beyond the separately costed entries, faults and switches.
    public var binaryTranslationKernelSlowdown: Cited
    /// Hardware assist without nested paging (shadow tables): cycles per guest PTE write.
    public var shadowPageTableUpdateCycles: Cited
    /// Xen PV: one hypercall (software trap into the hypervisor and back), µs.
    public var hypercallMicros: Cited
    /// Xen PV: switching the CPU to the back-end domain and back, µs.
    public var domainSwitchMicros: Cited
    /// Xen PV: extra cost of one validated page-table update (batched mmu_update), µs.
    public var paraPageTableUpdateMicros: Cited
    /// Xen PV: receive by page flipping (remap + TLB flush) per packet, µs.
    public var paraReceivePageFlipMicros: Cited
    /// Nested paging: extra memory references per TLB miss (24 − 4 for 4-level × 4-level).
    public var nestedWalkExtraReferences: Cited
    /// Cycles per page-walk memory reference that hits in the caches.
    public var cachedReferenceCycles: Cited
    /// Fraction of the nested-walk penalty recovered by page-walk caches.
    public var pageWalkCacheRecovery: Cited
    /// Fraction of guest page faults that also take an EPT/NPT violation exit.
    public var nestedPagingFaultExitFraction: Cited
    /// Memory copy rate, bytes per µs (= MB/s).
    public var copyBytesPerMicro: Cited

    // MARK: Native operation costs and lmbench tables

    public var native: NativeOperationCosts
    /// lmbench-style per-kind measurements on this platform, if any (replace mechanisms).
    public var measured: [MeasuredOperationCosts]

    // MARK: Container mechanisms

    /// Seccomp filter and namespace checks per system call, µs.
    public var containerSyscallMicros: Cited
    /// Memory-cgroup charge per page fault, µs.
    public var containerPageFaultMicros: Cited
    /// CPU-cgroup (group scheduling) accounting per context switch, µs.
    public var containerContextSwitchMicros: Cited
    /// Block-cgroup accounting/throttling per disk request, µs.
    public var containerBlockAccountingMicros: Cited
    /// veth + bridge + netfilter NAT per packet, µs.
    public var bridgeNATPacketMicros: Cited

    // MARK: Devices and I/O paths

    public var storage: StorageDeviceProfile
    public var nic: NICProfile
    /// Native block-layer + driver CPU to submit one disk request, µs.
    public var diskSubmitMicros: Cited
    /// Native interrupt + completion CPU per disk request, µs.
    public var diskCompletionMicros: Cited
    /// The disk a full-virtualization guest sees.
    public var emulatedDisk: EmulatedDeviceProfile
    /// The NIC a full-virtualization guest sees.
    public var emulatedNIC: EmulatedDeviceProfile
    /// Para-virtual back-end work per request (parse ring descriptor, issue host I/O, fill
    /// the used ring), µs.
    public var paraBackendRequestMicros: Cited
    /// Waking the back-end thread once per notification batch, µs.
    public var paraBackendWakeupMicros: Cited

    public init(name: String, summary: String, clockGHz: Cited,
                fullVirtualization: FullVirtualizationTechnique, paraVirtualization: ParaVirtualizationStyle,
                nestedPaging: Bool, exitRoundTripCycles: Cited, exitHandlingCycles: Cited,
                userSpaceExitExtraCycles: Cited, worldSwitchMicros: Cited, binaryTranslationTrapCycles: Cited,
                binaryTranslationPageTableUpdateCycles: Cited, shadowPageTableUpdateCycles: Cited,
                hypercallMicros: Cited, domainSwitchMicros: Cited, paraPageTableUpdateMicros: Cited,
                paraReceivePageFlipMicros: Cited, nestedWalkExtraReferences: Cited, cachedReferenceCycles: Cited,
                pageWalkCacheRecovery: Cited, nestedPagingFaultExitFraction: Cited, copyBytesPerMicro: Cited,
                native: NativeOperationCosts, measured: [MeasuredOperationCosts],
                containerSyscallMicros: Cited, containerPageFaultMicros: Cited, containerContextSwitchMicros: Cited,
                containerBlockAccountingMicros: Cited, bridgeNATPacketMicros: Cited,
                storage: StorageDeviceProfile, nic: NICProfile, diskSubmitMicros: Cited, diskCompletionMicros: Cited,
                emulatedDisk: EmulatedDeviceProfile, emulatedNIC: EmulatedDeviceProfile,
                paraBackendRequestMicros: Cited, paraBackendWakeupMicros: Cited,
                binaryTranslationKernelSlowdown: Cited = Cited(1, "not used: no binary translation")) {
        self.name = name
        self.summary = summary
        self.clockGHz = clockGHz
        self.fullVirtualization = fullVirtualization
        self.paraVirtualization = paraVirtualization
        self.nestedPaging = nestedPaging
        self.exitRoundTripCycles = exitRoundTripCycles
        self.exitHandlingCycles = exitHandlingCycles
        self.userSpaceExitExtraCycles = userSpaceExitExtraCycles
        self.worldSwitchMicros = worldSwitchMicros
        self.binaryTranslationTrapCycles = binaryTranslationTrapCycles
        self.binaryTranslationPageTableUpdateCycles = binaryTranslationPageTableUpdateCycles
        self.shadowPageTableUpdateCycles = shadowPageTableUpdateCycles
        self.hypercallMicros = hypercallMicros
        self.domainSwitchMicros = domainSwitchMicros
        self.paraPageTableUpdateMicros = paraPageTableUpdateMicros
        self.paraReceivePageFlipMicros = paraReceivePageFlipMicros
        self.nestedWalkExtraReferences = nestedWalkExtraReferences
        self.cachedReferenceCycles = cachedReferenceCycles
        self.pageWalkCacheRecovery = pageWalkCacheRecovery
        self.nestedPagingFaultExitFraction = nestedPagingFaultExitFraction
        self.copyBytesPerMicro = copyBytesPerMicro
        self.native = native
        self.measured = measured
        self.containerSyscallMicros = containerSyscallMicros
        self.containerPageFaultMicros = containerPageFaultMicros
        self.containerContextSwitchMicros = containerContextSwitchMicros
        self.containerBlockAccountingMicros = containerBlockAccountingMicros
        self.bridgeNATPacketMicros = bridgeNATPacketMicros
        self.storage = storage
        self.nic = nic
        self.diskSubmitMicros = diskSubmitMicros
        self.diskCompletionMicros = diskCompletionMicros
        self.emulatedDisk = emulatedDisk
        self.emulatedNIC = emulatedNIC
        self.paraBackendRequestMicros = paraBackendRequestMicros
        self.paraBackendWakeupMicros = paraBackendWakeupMicros
        self.binaryTranslationKernelSlowdown = binaryTranslationKernelSlowdown
    }

    // MARK: Derived mechanism costs (µs)

    /// Cycles → µs on this clock.
    @inlinable public func micros(cycles: Double) -> Double { cycles / (clockGHz.value * 1000) }

    /// One hardware exit handled in the hypervisor kernel (round trip + handling), µs.
    public var exitMicros: Double { micros(cycles: exitRoundTripCycles.value + exitHandlingCycles.value) }

    /// One exit that the user-space device model must handle, µs.
    public var userSpaceExitMicros: Double { exitMicros + micros(cycles: userSpaceExitExtraCycles.value) }

    /// Copy `bytes` once, µs.
    @inlinable public func copyMicros(bytes: Double) -> Double { bytes / copyBytesPerMicro.value }

    /// This platform with its full-virtualization guests given `controller` as their disk; the
    /// platform's device-model cost per request is kept. O(1).
    public func withEmulatedDisk(_ controller: EmulatedStorageController) -> HardwareProfile {
        var p = self
        p.emulatedDisk = controller.profile(deviceModelMicros: emulatedDisk.deviceModelMicros)
        return p
    }

    /// This platform with its full-virtualization guests given `controller` as their NIC. O(1).
    public func withEmulatedNIC(_ controller: EmulatedNetworkController) -> HardwareProfile {
        var p = self
        p.emulatedNIC = controller.profile(deviceModelMicros: emulatedNIC.deviceModelMicros)
        return p
    }

    /// lmbench-style measurements for `kind`, if the profile has them.
    public func measuredCosts(for kind: GuestKind) -> MeasuredOperationCosts? {
        measured.first { $0.kind == kind }
    }

    /// Every calibration number with its name and source, in a stable order (for reports).
    public var citations: [(parameter: String, value: Double, source: String)] {
        var rows: [(String, Double, String)] = []
        func add(_ n: String, _ c: Cited) { rows.append((n, c.value, c.source)) }
        add("clockGHz", clockGHz)
        add("exitRoundTripCycles", exitRoundTripCycles)
        add("exitHandlingCycles", exitHandlingCycles)
        add("userSpaceExitExtraCycles", userSpaceExitExtraCycles)
        add("worldSwitchMicros", worldSwitchMicros)
        add("binaryTranslationTrapCycles", binaryTranslationTrapCycles)
        add("binaryTranslationPageTableUpdateCycles", binaryTranslationPageTableUpdateCycles)
        add("binaryTranslationKernelSlowdown", binaryTranslationKernelSlowdown)
        add("shadowPageTableUpdateCycles", shadowPageTableUpdateCycles)
        add("hypercallMicros", hypercallMicros)
        add("domainSwitchMicros", domainSwitchMicros)
        add("paraPageTableUpdateMicros", paraPageTableUpdateMicros)
        add("paraReceivePageFlipMicros", paraReceivePageFlipMicros)
        add("nestedWalkExtraReferences", nestedWalkExtraReferences)
        add("cachedReferenceCycles", cachedReferenceCycles)
        add("pageWalkCacheRecovery", pageWalkCacheRecovery)
        add("nestedPagingFaultExitFraction", nestedPagingFaultExitFraction)
        add("copyBytesPerMicro", copyBytesPerMicro)
        add("native.syscall", native.syscall)
        add("native.pageFault", native.pageFault)
        add("native.pageTableUpdate", native.pageTableUpdate)
        add("native.contextSwitch", native.contextSwitch)
        add("native.contextSwitchLarge", native.contextSwitchLarge)
        add("native.fork", native.fork)
        add("native.exec", native.exec)
        add("native.timerInterrupt", native.timerInterrupt)
        for m in measured {
            let k = m.kind.rawValue
            add("measured.\(k).syscall", m.syscall)
            add("measured.\(k).pageFault", m.pageFault)
            add("measured.\(k).contextSwitch", m.contextSwitch)
            add("measured.\(k).contextSwitchLarge", m.contextSwitchLarge)
            add("measured.\(k).fork", m.fork)
            add("measured.\(k).exec", m.exec)
        }
        add("containerSyscallMicros", containerSyscallMicros)
        add("containerPageFaultMicros", containerPageFaultMicros)
        add("containerContextSwitchMicros", containerContextSwitchMicros)
        add("containerBlockAccountingMicros", containerBlockAccountingMicros)
        add("bridgeNATPacketMicros", bridgeNATPacketMicros)
        add("storage.randomReadPositioningMicros", storage.randomReadPositioningMicros)
        add("storage.randomWritePositioningMicros", storage.randomWritePositioningMicros)
        add("storage.sequentialPositioningMicros", storage.sequentialPositioningMicros)
        add("storage.positioningSpread", storage.positioningSpread)
        add("storage.internalParallelism", storage.internalParallelism)
        add("storage.bandwidthMBps", storage.bandwidthMBps)
        add("nic.bandwidthGbps", nic.bandwidthGbps)
        add("nic.oneWayLatencyMicros", nic.oneWayLatencyMicros)
        add("nic.transmitPacketMicros", nic.transmitPacketMicros)
        add("nic.receivePacketMicros", nic.receivePacketMicros)
        add("nic.headerBytes", nic.headerBytes)
        add("nic.hostForwardingFraction", nic.hostForwardingFraction)
        add("diskSubmitMicros", diskSubmitMicros)
        add("diskCompletionMicros", diskCompletionMicros)
        for (prefix, d) in [("emulatedDisk", emulatedDisk), ("emulatedNIC", emulatedNIC)] {
            add("\(prefix).trapsPerSubmit", d.trapsPerSubmit)
            add("\(prefix).trapsPerCompletion", d.trapsPerCompletion)
            add("\(prefix).trapsPerInterrupt", d.trapsPerInterrupt)
            add("\(prefix).maxOutstanding", d.maxOutstanding)
            add("\(prefix).deviceModelMicros", d.deviceModelMicros)
        }
        add("paraBackendRequestMicros", paraBackendRequestMicros)
        add("paraBackendWakeupMicros", paraBackendWakeupMicros)
        return rows.map { (parameter: $0.0, value: $0.1, source: $0.2) }
    }
}
