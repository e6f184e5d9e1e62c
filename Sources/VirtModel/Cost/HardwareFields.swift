/// One cited number of a hardware profile as a hardware document names it: its place in the
/// document (`virtualization.exitRoundTripCycles`), its unit and the range a document may give.
///
/// `HardwareProfile.fields` lists every such number once; the document writer, the document
/// reader (with its range checks), `citations` and `virtsim show hardware` all walk this one
/// table, so a new calibration input is added here and nowhere else.
public struct HardwareField: Sendable {
    /// Dotted place in the document below the root, e.g. `storage.bandwidthMBps`.
    public let path: String
    /// Unit of the value, spelled out for messages and listings ("cycles", "µs", "GB/s" …).
    public let unit: String
    /// Values a document may give (inclusive).
    public let range: ClosedRange<Double>
    /// True when the lower bound itself is not allowed (a clock or bandwidth of 0).
    public let positive: Bool
    /// One line saying what the number is.
    public let help: String
    public let keyPath: WritableKeyPath<HardwareProfile, Cited> & Sendable
    /// True when a complete document may leave the number out (it then keeps the value of a
    /// profile without that mechanism); added after documents were first shipped.
    public let optional: Bool

    public init(_ path: String, _ unit: String, _ range: ClosedRange<Double>, positive: Bool = false,
                _ keyPath: WritableKeyPath<HardwareProfile, Cited> & Sendable, _ help: String, optional: Bool = false) {
        self.optional = optional
        self.path = path
        self.unit = unit
        self.range = range
        self.positive = positive
        self.help = help
        self.keyPath = keyPath
    }

    /// The section (first component of `path`) and the key inside it.
    public var section: String { String(path.split(separator: ".").first ?? "") }
    public var key: String { String(path.split(separator: ".").last ?? "") }

    /// True when `x` is an allowed value. O(1).
    public func accepts(_ x: Double) -> Bool {
        x.isFinite && range.contains(x) && (!positive || x > range.lowerBound)
    }
}

/// One cited number of a per-kind lmbench table (`measured[i].syscall`).
public struct MeasuredField: Sendable {
    public let key: String
    public let keyPath: WritableKeyPath<MeasuredOperationCosts, Cited> & Sendable

    public init(_ key: String, _ keyPath: WritableKeyPath<MeasuredOperationCosts, Cited> & Sendable) {
        self.key = key
        self.keyPath = keyPath
    }
}

extension HardwareProfile {
    /// Document sections in the order a document lists them.
    public static let sections = ["cpu", "virtualization", "memory", "native", "containers", "storage", "network",
                                  "emulatedDisk", "emulatedNIC", "paraBackend", "latency"]

    /// Every scalar cited number of a profile, in document order. Units follow the key names.
    public static let fields: [HardwareField] = {
        let cycles = 0.0...10_000_000, micros = 0.0...10_000_000, fraction = 0.0...1
        return [
            HardwareField("cpu.clockGHz", "GHz", 0...20, positive: true, \.clockGHz, "core clock; converts cycles to time"),
            HardwareField("virtualization.exitRoundTripCycles", "cycles", cycles, \.exitRoundTripCycles, "hardware VM exit + entry round trip"),
            HardwareField("virtualization.exitHandlingCycles", "cycles", cycles, \.exitHandlingCycles, "hypervisor software handling of a simple exit"),
            HardwareField("virtualization.userSpaceExitExtraCycles", "cycles", cycles, \.userSpaceExitExtraCycles, "extra cost when an exit goes to the user-space device model"),
            HardwareField("virtualization.worldSwitchMicros", "µs", micros, \.worldSwitchMicros, "hosted VMM: one VMM↔host world switch, one direction"),
            HardwareField("virtualization.hostedSynchronousReadFraction", "fraction", fraction, \.hosted.synchronousReadFraction, "hosted VMM: share of disk reads whose host system call stalls the virtual CPU for the device access", optional: true),
            HardwareField("virtualization.hostedSynchronousWriteFraction", "fraction", fraction, \.hosted.synchronousWriteFraction, "hosted VMM: share of disk writes whose host system call stalls the virtual CPU for the device access", optional: true),
            HardwareField("virtualization.binaryTranslationTrapCycles", "cycles", cycles, \.binaryTranslationTrapCycles, "binary translation: emulating one trapping instruction"),
            HardwareField("virtualization.binaryTranslationPageTableUpdateCycles", "cycles", cycles, \.binaryTranslationPageTableUpdateCycles, "binary translation + shadow tables: extra per guest PTE write"),
            HardwareField("virtualization.binaryTranslationKernelSlowdown", "ratio", 0...100, positive: true, \.binaryTranslationKernelSlowdown, "translated guest kernel code time over native"),
            HardwareField("virtualization.shadowPageTableUpdateCycles", "cycles", cycles, \.shadowPageTableUpdateCycles, "hardware assist without nested paging: per guest PTE write"),
            HardwareField("virtualization.hypercallMicros", "µs", micros, \.hypercallMicros, "one hypercall"),
            HardwareField("virtualization.domainSwitchMicros", "µs", micros, \.domainSwitchMicros, "switch to the back-end domain and back"),
            HardwareField("virtualization.paraPageTableUpdateMicros", "µs", micros, \.paraPageTableUpdateMicros, "para-virtual validated page-table update"),
            HardwareField("virtualization.paraReceivePageFlipMicros", "µs", micros, \.paraReceivePageFlipMicros, "receive by page flipping, per packet"),
            HardwareField("virtualization.nestedWalkExtraReferences", "memory references", 0...1000, \.nestedWalkExtraReferences, "extra references per TLB miss under nested paging"),
            HardwareField("virtualization.cachedReferenceCycles", "cycles", 0...10_000, \.cachedReferenceCycles, "one page-walk reference that hits the caches"),
            HardwareField("virtualization.pageWalkCacheRecovery", "fraction", fraction, \.pageWalkCacheRecovery, "share of the nested-walk penalty page-walk caches recover"),
            HardwareField("virtualization.nestedPagingFaultExitFraction", "fraction", fraction, \.nestedPagingFaultExitFraction, "share of guest page faults that also exit (EPT/NPT violation)"),
            HardwareField("memory.copyBytesPerMicro", "bytes/µs (MB/s)", 0...10_000_000, positive: true, \.copyBytesPerMicro, "memory copy rate"),
            HardwareField("native.syscallMicros", "µs", micros, \.native.syscall, "null system call"),
            HardwareField("native.pageFaultMicros", "µs", micros, \.native.pageFault, "minor page fault"),
            HardwareField("native.pageTableUpdateMicros", "µs", micros, \.native.pageTableUpdate, "one page-table entry write"),
            HardwareField("native.contextSwitchMicros", "µs", micros, \.native.contextSwitch, "context switch, lmbench 2p/0K"),
            HardwareField("native.contextSwitchLargeMicros", "µs", micros, \.native.contextSwitchLarge, "context switch, lmbench 16p/64K"),
            HardwareField("native.forkMicros", "µs", micros, \.native.fork, "fork"),
            HardwareField("native.execMicros", "µs", micros, \.native.exec, "exec"),
            HardwareField("native.timerInterruptMicros", "µs", micros, \.native.timerInterrupt, "timer interrupt"),
            HardwareField("containers.syscallMicros", "µs", micros, \.containerSyscallMicros, "seccomp and namespace checks per system call"),
            HardwareField("containers.pageFaultMicros", "µs", micros, \.containerPageFaultMicros, "memory-cgroup charge per page fault"),
            HardwareField("containers.contextSwitchMicros", "µs", micros, \.containerContextSwitchMicros, "CPU-cgroup accounting per context switch"),
            HardwareField("containers.blockAccountingMicros", "µs", micros, \.containerBlockAccountingMicros, "block-cgroup accounting per disk request"),
            HardwareField("containers.vethMicros", "µs", micros, \.containerNetwork.vethMicros, "a bridged container's packet crossing its veth pair"),
            HardwareField("containers.bridgeMicros", "µs", micros, \.containerNetwork.bridgeMicros, "Linux bridge forwarding per packet"),
            HardwareField("containers.conntrackMicros", "µs", micros, \.containerNetwork.conntrackMicros, "netfilter connection tracking per packet"),
            HardwareField("containers.natMicros", "µs", micros, \.containerNetwork.natMicros, "NAT rewrite per packet"),
            HardwareField("storage.randomReadPositioningMicros", "µs", micros, \.storage.randomReadPositioningMicros, "mean positioning of a random read (seek + rotation, or flash read)"),
            HardwareField("storage.randomWritePositioningMicros", "µs", micros, \.storage.randomWritePositioningMicros, "mean positioning of a random write"),
            HardwareField("storage.sequentialPositioningMicros", "µs", micros, \.storage.sequentialPositioningMicros, "mean positioning of a sequential request"),
            HardwareField("storage.positioningSpread", "fraction of the mean", fraction, \.storage.positioningSpread, "half-width of the uniform positioning spread"),
            HardwareField("storage.internalParallelism", "requests", 1...65_536, \.storage.internalParallelism, "requests the device positions at once"),
            HardwareField("storage.bandwidthMBps", "MB/s", 0...1_000_000, positive: true, \.storage.bandwidthMBps, "transfer bandwidth shared by in-flight requests"),
            HardwareField("storage.hostSubmitMicros", "µs", micros, \.diskSubmitMicros, "native block layer + driver CPU to submit one request"),
            HardwareField("storage.hostCompletionMicros", "µs", micros, \.diskCompletionMicros, "native interrupt + completion CPU per request"),
            HardwareField("network.bandwidthGbps", "Gb/s", 0...100_000, positive: true, \.nic.bandwidthGbps, "link speed"),
            HardwareField("network.oneWayLatencyMicros", "µs", micros, \.nic.oneWayLatencyMicros, "wire + switch + peer, one way"),
            HardwareField("network.transmitPacketMicros", "µs", micros, \.nic.transmitPacketMicros, "native stack CPU per transmitted packet, copy excluded"),
            HardwareField("network.receivePacketMicros", "µs", micros, \.nic.receivePacketMicros, "native stack CPU per received packet, copy excluded"),
            HardwareField("network.headerBytes", "bytes", 0...65_536, \.nic.headerBytes, "framing + IP + TCP header bytes per packet"),
            HardwareField("network.hostForwardingFraction", "fraction of the native per-packet cost", 0...10, \.nic.hostForwardingFraction, "host CPU to forward one guest packet"),
            HardwareField("network.segmentationOffload", "0 or 1", 0...1, \.nic.segmentationOffload, "1: the NIC segments (TSO) and the stack merges (GRO)"),
            HardwareField("emulatedDisk.deviceModelMicros", "µs", micros, \.emulatedDisk.deviceModelMicros, "device-model CPU per emulated disk request"),
            HardwareField("emulatedNIC.deviceModelMicros", "µs", micros, \.emulatedNIC.deviceModelMicros, "device-model CPU per emulated NIC packet"),
            HardwareField("paraBackend.requestMicros", "µs", micros, \.paraBackendRequestMicros, "para-virtual back-end work per request"),
            HardwareField("paraBackend.wakeupMicros", "µs", micros, \.paraBackendWakeupMicros, "waking the back-end thread once per notification batch"),
            HardwareField("latency.idleCoreExitMicros", "µs", micros, \.wakeups.idleCoreExitMicros, "an idle core leaving its idle state (latency, no CPU)"),
            HardwareField("latency.haltedVCPUWakeupMicros", "µs", micros, \.wakeups.haltedVCPUWakeupMicros, "a halted vCPU switched back in and entered (latency, no CPU)"),
            HardwareField("latency.backendWakeupMicros", "µs", micros, \.wakeups.backendWakeupMicros, "a sleeping device-model thread woken (latency, no CPU)"),
            HardwareField("latency.nicInterruptIntervalMicros", "µs", micros, \.wakeups.nicInterruptIntervalMicros, "NIC interrupt moderation interval"),
            HardwareField("latency.emulatedNICInterruptIntervalMicros", "µs", micros, \.wakeups.emulatedNICInterruptIntervalMicros, "emulated NIC interrupt moderation interval (e1000 ITR)"),
        ]
    }()

    /// The numbers of one `measured` entry (lmbench inside one guest kind), µs, in document order.
    public static let measuredFields: [MeasuredField] = [
        MeasuredField("syscallMicros", \.syscall),
        MeasuredField("pageFaultMicros", \.pageFault),
        MeasuredField("contextSwitchMicros", \.contextSwitch),
        MeasuredField("contextSwitchLargeMicros", \.contextSwitchLarge),
        MeasuredField("forkMicros", \.fork),
        MeasuredField("execMicros", \.exec),
    ]

    /// Optional CPU facts that the cost model does not use but a planner reads (and host pools will).
    public static let cpuCountFields: [(key: String, keyPath: WritableKeyPath<HardwareProfile, Cited?> & Sendable, unit: String)] = [
        ("cores", \.cpu.cores, "cores"),
        ("threads", \.cpu.threads, "hardware threads"),
        ("mipsPerCore", \.cpu.mipsPerCore, "MIPS"),
    ]
}
