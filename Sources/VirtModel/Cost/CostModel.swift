/// Extra CPU a guest kind costs on top of its own work, by operation.
public struct OverheadBreakdown: Sendable {
    /// Extra host CPU-seconds per CPU-second of guest work (0 for native).
    public var cpuFraction: Double
    /// The same split by operation, for reports (stable order: `GuestOperation.allCases`).
    public var components: [(operation: String, cpuFraction: Double)]
    /// Seconds per CPU-second of guest work that the guest's CPU stands stalled, neither
    /// computing nor available to its other threads: a hosted VMM's blocking disk accesses
    /// (`HostedIOInputs`). Lost guest time, not host CPU (0 for every other path).
    public var stallFraction: Double

    public init(cpuFraction: Double, components: [(operation: String, cpuFraction: Double)], stallFraction: Double = 0) {
        self.cpuFraction = cpuFraction
        self.components = components
        self.stallFraction = stallFraction
    }

    /// The fraction of one operation, or 0 if absent.
    public func fraction(of operation: GuestOperation) -> Double {
        components.first { $0.operation == operation.name }?.cpuFraction ?? 0
    }
}

/// The hypervisor cost model: per-operation CPU cost of each guest kind on one hardware
/// profile, built from mechanisms (exits × exit cost + handling, binary translation, shadow or
/// nested paging, hypercalls, batched ring notifications, device-model work and copies,
/// cgroup accounting). There is no per-kind "overhead percent" anywhere: a kind's overhead is
/// Σ operation rate × that operation's extra cost.
///
/// I/O operations are costed by the same per-request accounting (`IORoute.cost`) that the
/// request-level model replays, so the interval level and the request level agree.
public struct CostModel: Sendable {
    public let profile: HardwareProfile
    public let ioPaths: IOPathChoice

    /// - Parameters:
    ///   - profile: the platform (clock, exit cost, devices, native costs).
    ///   - ioPaths: how each kind does I/O (emulated / PV rings / container bridge ...).
    public init(profile: HardwareProfile, ioPaths: IOPathChoice = .default) {
        self.profile = profile
        self.ioPaths = ioPaths
    }

    // MARK: Interval-level overhead

    /// Extra host CPU per CPU-second of guest work for `kind` running `operations`.
    /// O(number of operations).
    public func overhead(kind: GuestKind, operations: OperationProfile) -> OverheadBreakdown {
        var total = 0.0
        var parts: [(operation: String, cpuFraction: Double)] = []
        parts.reserveCapacity(GuestOperation.allCases.count)
        for op in GuestOperation.allCases {
            let rate = op == .kernelWork ? uncostedKernelMicros(operations) : operations.rate(op)
            let f = rate == 0 ? 0 : rate * extraMicros(kind: kind, operation: op, operations: operations) * 1e-6
            total += f
            parts.append((operation: op.name, cpuFraction: f))
        }
        return OverheadBreakdown(cpuFraction: total, components: parts, stallFraction: stallSeconds(kind: kind, operations: operations))
    }

    /// Seconds per CPU-second that `kind`'s CPU stands stalled on synchronous device accesses:
    /// disk requests × the share whose host system call blocks × the device's time for one
    /// request served alone (random positioning + transfer: a stalled guest has nothing else
    /// queued at the device). O(1).
    public func stallSeconds(kind: GuestKind, operations: OperationProfile) -> Double {
        guard operations.diskRequests > 0 else { return 0 }
        let route = ioPaths.route(for: kind)
        var micros = 0.0
        for (direction, weight) in [(IODirection.read, operations.diskReadFraction), (.write, 1 - operations.diskReadFraction)] where weight > 0 {
            let shape = IORequestShape(device: .storage, direction: direction, bytes: operations.diskRequestBytes,
                                       requestsPerNotification: operations.requestsPerNotification)
            let synchronous = route.cost(shape, on: profile).synchronousDeviceFraction
            if synchronous > 0 {
                micros += weight * synchronous * profile.storage.serviceMicros(direction, bytes: operations.diskRequestBytes, sequential: false)
            }
        }
        return operations.diskRequests * micros * 1e-6
    }

    /// Kernel-mode µs per CPU-second that no other operation accounts for: the profile's kernel
    /// time minus the native cost of its system-call entries, faults, switches, fork/exec, timer
    /// ticks and I/O paths (never negative). O(operations).
    public func uncostedKernelMicros(_ operations: OperationProfile) -> Double {
        var accounted = 0.0
        for op in GuestOperation.allCases where op != .kernelWork {
            let rate = operations.rate(op)
            if rate > 0 { accounted += rate * nativeMicros(operation: op, operations: operations) }
        }
        return max(0, operations.rate(.kernelWork) - accounted)
    }

    /// Native CPU µs of one `operation` (the per-request driver/stack work for I/O). O(1).
    public func nativeMicros(operation: GuestOperation, operations: OperationProfile) -> Double {
        let p = profile
        switch operation {
        case .syscall: return p.native.syscall.value
        case .pageFault: return p.native.pageFault.value
        case .pageTableUpdate: return p.native.pageTableUpdate.value
        case .contextSwitch: return p.native.contextSwitch.value
        case .contextSwitchLarge: return p.native.contextSwitchLarge.value
        case .fork: return p.native.fork.value
        case .exec: return p.native.exec.value
        case .timerInterrupt: return p.native.timerInterrupt.value
        case .tlbMiss: return 0                      // walked by hardware
        case .kernelWork: return 1                   // per µs
        case .diskRequest:
            return nativeIOMicros(device: .storage, bytes: operations.diskRequestBytes, readFraction: operations.diskReadFraction)
        case .networkPacket:
            return nativeIOMicros(device: .network, bytes: operations.networkPacketBytes, readFraction: 1 - operations.networkTransmitFraction)
        }
    }

    private func nativeIOMicros(device: IODeviceClass, bytes: Double, readFraction: Double) -> Double {
        var total = 0.0
        for (direction, weight) in [(IODirection.read, readFraction), (.write, 1 - readFraction)] where weight > 0 {
            total += weight * NativePath().cost(IORequestShape(device: device, direction: direction, bytes: bytes), on: profile).total
        }
        return total
    }

    /// Extra µs one `operation` costs a guest of `kind` over native. For disk requests and
    /// packets the size, direction mix and batching come from `operations`; for `.kernelWork`,
    /// per µs of uncosted kernel work.
    public func extraMicros(kind: GuestKind, operation: GuestOperation, operations: OperationProfile) -> Double {
        switch operation {
        case .diskRequest:
            return ioExtraMicros(kind: kind, device: .storage, bytes: operations.diskRequestBytes,
                                 readFraction: operations.diskReadFraction, batch: operations.requestsPerNotification)
        case .networkPacket:
            return ioExtraMicros(kind: kind, device: .network, bytes: operations.networkPacketBytes,
                                 readFraction: 1 - operations.networkTransmitFraction, batch: operations.requestsPerNotification)
        default:
            return cpuOperationExtraMicros(kind: kind, operation: operation)
        }
    }

    /// Extra µs per I/O request of `device` for `kind`: the route's total CPU per request minus
    /// native's, mixed over directions.
    public func ioExtraMicros(kind: GuestKind, device: IODeviceClass, bytes: Double, readFraction: Double, batch: Double) -> Double {
        if kind == .native { return 0 }
        let route = ioPaths.route(for: kind)
        let native = IORoute(path: .native)
        var extra = 0.0
        for (direction, weight) in [(IODirection.read, readFraction), (.write, 1 - readFraction)] where weight > 0 {
            let shape = IORequestShape(device: device, direction: direction, bytes: bytes, requestsPerNotification: batch)
            extra += weight * (route.cost(shape, on: profile).total - native.cost(shape, on: profile).total)
        }
        return extra
    }

    /// Per-request CPU accounting of `kind`'s route (what the request-level model replays).
    public func requestCost(kind: GuestKind, shape: IORequestShape) -> IORequestCost {
        ioPaths.route(for: kind).cost(shape, on: profile)
    }

    // MARK: CPU operations

    /// Assumed page-table work inside one fork / exec, used only where no lmbench measurement
    /// of fork/exec exists for the profile.
    static let forkPageTableUpdates = 200.0   // assumption: copying/write-protecting ~800 KiB of mappings
    static let forkPageFaults = 30.0          // assumption: copy-on-write faults before the child execs or exits
    static let execPageTableUpdates = 100.0   // assumption: tearing down and building a small image's mappings
    static let execPageFaults = 60.0          // assumption: demand-faulting a small program's text and data

    /// Extra µs of a non-I/O operation for `kind`.
    public func cpuOperationExtraMicros(kind: GuestKind, operation: GuestOperation) -> Double {
        switch kind {
        case .native:
            return 0
        case .container:
            return containerExtraMicros(operation)
        case .containerInVM:
            return cpuOperationExtraMicros(kind: .para, operation: operation) + containerExtraMicros(operation)
        case .full, .para:
            if let m = measuredExtraMicros(kind: kind, operation: operation) { return m }
            return mechanismExtraMicros(kind: kind, operation: operation)
        }
    }

    /// lmbench difference (kind − native) when the profile measured this operation for `kind`.
    func measuredExtraMicros(kind: GuestKind, operation: GuestOperation) -> Double? {
        guard let m = profile.measuredCosts(for: kind), let n = profile.measuredCosts(for: .native) else { return nil }
        switch operation {
        case .syscall: return m.syscall.value - n.syscall.value
        case .pageFault: return m.pageFault.value - n.pageFault.value
        case .contextSwitch: return m.contextSwitch.value - n.contextSwitch.value
        case .contextSwitchLarge: return m.contextSwitchLarge.value - n.contextSwitchLarge.value
        case .fork: return m.fork.value - n.fork.value
        case .exec: return m.exec.value - n.exec.value
        default: return nil
        }
    }

    private func containerExtraMicros(_ operation: GuestOperation) -> Double {
        let p = profile
        switch operation {
        case .syscall: return p.containerSyscallMicros.value
        case .pageFault: return p.containerPageFaultMicros.value
        case .contextSwitch, .contextSwitchLarge: return p.containerContextSwitchMicros.value
        case .fork: return CostModel.forkPageFaults * p.containerPageFaultMicros.value
        case .exec: return CostModel.execPageFaults * p.containerPageFaultMicros.value
        default: return 0
        }
    }

    /// The technique a VM of `kind` uses for its CPU and memory on this platform.
    private enum Technique { case hardwareNested, hardwareShadow, binaryTranslation, xenPV }

    private func technique(_ kind: GuestKind) -> Technique {
        let hardware: Technique = profile.nestedPaging ? .hardwareNested : .hardwareShadow
        if kind == .para {
            return profile.paraVirtualization == .xenPV ? .xenPV : hardware
        }
        return profile.fullVirtualization == .hostedBinaryTranslation ? .binaryTranslation : hardware
    }

    /// Extra µs from mechanisms: exits, shadow/nested paging, binary translation, hypercalls.
    func mechanismExtraMicros(kind: GuestKind, operation: GuestOperation) -> Double {
        let p = profile
        let exit = p.exitMicros
        let t = technique(kind)
        let pteExtra: Double
        let faultExtra: Double
        let switchExtra: Double
        switch t {
        case .hardwareNested:
            pteExtra = 0                                                  // guest owns its page tables
            faultExtra = p.nestedPagingFaultExitFraction.value * exit     // occasional EPT violation
            switchExtra = 0                                               // CR3 loads do not exit; VPID keeps the TLB
        case .hardwareShadow:
            pteExtra = p.micros(cycles: p.shadowPageTableUpdateCycles.value) - p.native.pageTableUpdate.value
            faultExtra = 2 * exit                                         // hidden fault exit + shadow fill / re-entry
            switchExtra = 2 * exit                                        // CR3 write exit + shadow root switch
        case .binaryTranslation:
            pteExtra = p.micros(cycles: p.binaryTranslationPageTableUpdateCycles.value) - p.native.pageTableUpdate.value
            // Adams & Agesen 2006, P4: page fault 1093 native vs 3927 cycles under BT.
            faultExtra = p.micros(cycles: 3927 - 1093)
            switchExtra = faultExtra                                      // assumption: a shadow root switch costs like a hidden fault
        case .xenPV:
            pteExtra = p.paraPageTableUpdateMicros.value
            faultExtra = p.hypercallMicros.value                          // fault bounces through Xen, PTE update by hypercall
            switchExtra = p.hypercallMicros.value                         // base-pointer switch by hypercall
        }
        switch operation {
        case .syscall:
            // Hardware assist and Xen's fast trap handler leave system calls alone;
            // BT: Adams & Agesen 2006, P4 syscall 242 native vs 2308 cycles.
            return t == .binaryTranslation ? p.micros(cycles: 2308 - 242) : 0
        case .pageFault:
            return faultExtra
        case .pageTableUpdate:
            return pteExtra
        case .contextSwitch, .contextSwitchLarge:
            return switchExtra
        case .fork:
            return CostModel.forkPageTableUpdates * pteExtra + CostModel.forkPageFaults * faultExtra + switchExtra
        case .exec:
            return CostModel.execPageTableUpdates * pteExtra + CostModel.execPageFaults * faultExtra
        case .timerInterrupt:
            switch t {
            case .hardwareNested, .hardwareShadow:
                // Full: timer-programming MSR write, external-interrupt exit, EOI exit.
                // Para (PV clock, PV EOI): the programming exit and the delivery exit.
                return (kind == .para ? 2 : 3) * exit
            case .binaryTranslation:
                // Hosted: the host's tick forces a world switch out and back; the guest's
                // handler acknowledges the virtual PIC (two emulated accesses).
                return 2 * p.worldSwitchMicros.value + 2 * p.micros(cycles: p.binaryTranslationTrapCycles.value)
            case .xenPV:
                return 2 * p.hypercallMicros.value                        // event upcall + set-timer hypercall
            }
        case .kernelWork:
            // Binary translation runs the guest kernel's own code translated; Xen PV, hardware
            // assist and containers run it natively.
            return t == .binaryTranslation ? p.binaryTranslationKernelSlowdown.value - 1 : 0
        case .tlbMiss:
            guard t == .hardwareNested else { return 0 }                  // shadow / PV tables are walked natively
            let cycles = p.nestedWalkExtraReferences.value * p.cachedReferenceCycles.value * (1 - p.pageWalkCacheRecovery.value)
            return p.micros(cycles: cycles)
        case .diskRequest, .networkPacket:
            return 0
        }
    }

    // MARK: Footprint (start-up times: StartupCatalogue)

    /// Resident memory of a stock Linux guest's kernel and idle user land (assumption: ≈ 128 MB for
    /// a server distribution with its daemons). Full and para-virtualized guests both pay it.
    public var guestOSResidentMB: Double { 128 }

    /// Per-guest extra memory beyond the application's own, MB: guest kernel and user land plus
    /// the VMM / device model for VMs; the runtime shim for containers. O(1).
    public func memoryFootprintMB(kind: GuestKind) -> Double {
        switch kind {
        case .native:
            return 0
        case .full:
            // The guest's own OS plus a QEMU-class device model ≈ 30 MB RSS (assumption: emulated
            // firmware, devices, buffers).
            return guestOSResidentMB + 30
        case .para:
            // The same guest OS (a para-virtualized guest still runs a whole kernel and user land;
            // Xen 2003's 6.2 MB was a *minimal* guest, Barham et al. 2003) plus a light back-end / VMM
            // ≤ 5 MiB (Firecracker specification) and 20 kB of hypervisor state per domain
            // (Barham et al. 2003): no emulated firmware or device models.
            return guestOSResidentMB + 5 * 1.048576 + 0.02
        case .container:
            // assumption: a container runtime shim (containerd-shim class) ≈ 5 MB RSS; the
            // kernel is shared, so no guest OS.
            return 5
        case .containerInVM:
            return memoryFootprintMB(kind: .para) + memoryFootprintMB(kind: .container)
        }
    }
}
