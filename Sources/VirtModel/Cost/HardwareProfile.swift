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
public struct NativeOperationCosts: Sendable, Hashable {
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
public struct MeasuredOperationCosts: Sendable, Hashable {
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

/// What a platform's processor is: a name for its generation and the counts a planner reads.
/// The cost model prices work by `HardwareProfile.clockGHz` alone; cores, threads and MIPS are
/// documentation here (absent when no source gives them) until host pools use them.
public struct CPUDescription: Sendable, Hashable {
    /// Processor family and model, e.g. "Intel Xeon E5-2670 (Sandy Bridge-EP)".
    public var generation: String
    public var cores: Cited?
    public var threads: Cited?
    /// Per-core speed in MIPS (CloudSim's unit), when a source rates it.
    public var mipsPerCore: Cited?

    public init(generation: String, cores: Cited? = nil, threads: Cited? = nil, mipsPerCore: Cited? = nil) {
        self.generation = generation
        self.cores = cores
        self.threads = threads
        self.mipsPerCore = mipsPerCore
    }
}

/// A physical platform: CPU generation (clock, exit cost), its virtualization mechanisms,
/// native operation costs, and devices. Every number is `Cited`.
///
/// Profiles are plain values: tests and sweeps copy one and change a field (a faster exit,
/// more trapping accesses) to see the model respond.
public struct HardwareProfile: Sendable, Hashable {
    /// Catalogue name, e.g. "dell2650-2003".
    public var name: String
    /// One-line description of the machine.
    public var summary: String

    // MARK: CPU and virtualization mechanisms

    /// Processor generation and counts (documentation; the clock is `clockGHz`).
    public var cpu: CPUDescription
    /// The server's SPECpower table, when the profile names one (a consolidation study's host
    /// type takes it when it gives none of its own).
    public var power: SpecPowerModel?
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
    /// A bridged container's packet: veth, bridge, connection tracking and NAT, µs each.
    public var containerNetwork: ContainerNetworkCosts

    // MARK: Latencies without CPU

    /// Idle-core and halted-vCPU wake-ups, back-end thread wake-ups, posted interrupts and
    /// interrupt moderation (`WakeupLatencies.none` unless the profile gives them).
    public var wakeups: WakeupLatencies

    // MARK: Hosted VMM

    /// Which of a hosted VM's disk requests stall its virtual CPU (`HostedIOInputs.notHosted`
    /// unless the profile gives them).
    public var hosted: HostedIOInputs

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
                containerBlockAccountingMicros: Cited, containerNetwork: ContainerNetworkCosts,
                storage: StorageDeviceProfile, nic: NICProfile, diskSubmitMicros: Cited, diskCompletionMicros: Cited,
                emulatedDisk: EmulatedDeviceProfile, emulatedNIC: EmulatedDeviceProfile,
                paraBackendRequestMicros: Cited, paraBackendWakeupMicros: Cited,
                binaryTranslationKernelSlowdown: Cited = Cited(1, "not used: no binary translation"),
                cpu: CPUDescription = CPUDescription(generation: ""), power: SpecPowerModel? = nil,
                wakeups: WakeupLatencies = .none, hosted: HostedIOInputs = .notHosted) {
        self.cpu = cpu
        self.hosted = hosted
        self.power = power
        self.wakeups = wakeups
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
        self.containerNetwork = containerNetwork
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

    /// Every calibration number with its document path and source, in document order
    /// (`HardwareProfile.fields`, then the per-kind tables and the CPU counts).
    public var citations: [(parameter: String, value: Double, source: String)] {
        var rows = Self.fields.map { f in (parameter: f.path, value: self[keyPath: f.keyPath].value, source: self[keyPath: f.keyPath].source) }
        for m in measured {
            for f in Self.measuredFields {
                rows.append((parameter: "measured.\(m.kind.rawValue).\(f.key)", value: m[keyPath: f.keyPath].value, source: m[keyPath: f.keyPath].source))
            }
        }
        for f in Self.cpuCountFields {
            if let c = self[keyPath: f.keyPath] { rows.append((parameter: "cpu.\(f.key)", value: c.value, source: c.source)) }
        }
        for (prefix, d) in [("emulatedDisk", emulatedDisk), ("emulatedNIC", emulatedNIC)] {
            rows.append(("\(prefix).trapsPerSubmit", d.trapsPerSubmit.value, d.trapsPerSubmit.source))
            rows.append(("\(prefix).trapsPerCompletion", d.trapsPerCompletion.value, d.trapsPerCompletion.source))
            rows.append(("\(prefix).trapsPerInterrupt", d.trapsPerInterrupt.value, d.trapsPerInterrupt.source))
            rows.append(("\(prefix).maxOutstanding", d.maxOutstanding.value, d.maxOutstanding.source))
        }
        return rows
    }
}
