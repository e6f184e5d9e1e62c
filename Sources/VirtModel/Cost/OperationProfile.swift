/// The operations whose cost differs between guest kinds, in reporting order.
public enum GuestOperation: Int, CaseIterable, Sendable {
    case syscall
    case pageFault
    case pageTableUpdate
    /// Process switch between small processes (lmbench 2p/0K).
    case contextSwitch
    /// Process switch between processes with working sets (lmbench 16p/64K).
    case contextSwitchLarge
    case fork
    case exec
    case timerInterrupt
    case tlbMiss
    /// Kernel-mode work beyond the operations above and the I/O paths (system-call bodies:
    /// file system, network stack, scheduling), µs per CPU-second.
    case kernelWork
    case diskRequest
    case networkPacket

    /// Stable snake_case name used in reports.
    public var name: String {
        switch self {
        case .syscall: return "syscall"
        case .pageFault: return "page_fault"
        case .pageTableUpdate: return "page_table_update"
        case .contextSwitch: return "context_switch"
        case .contextSwitchLarge: return "context_switch_large"
        case .fork: return "fork"
        case .exec: return "exec"
        case .timerInterrupt: return "timer_interrupt"
        case .tlbMiss: return "tlb_miss"
        case .kernelWork: return "kernel_work"
        case .diskRequest: return "disk_request"
        case .networkPacket: return "network_packet"
        }
    }
}

/// What a workload does per second of its own (native) CPU work: the operation rates that the
/// cost model multiplies by per-operation virtualization costs.
///
/// Rates are per CPU-second of guest work, so a profile is independent of how busy the guest is.
public struct OperationProfile: Sendable {
    /// Catalogue name, e.g. "web-server".
    public var name: String
    /// System calls per CPU-second.
    public var syscalls: Double
    /// Page faults (minor and major) per CPU-second.
    public var pageFaults: Double
    /// Page-table entry writes not already part of a fault, fork or exec (mmap, munmap, mprotect), per CPU-second.
    public var pageTableUpdates: Double
    /// Context switches between small processes / threads, per CPU-second.
    public var contextSwitches: Double
    /// Context switches between processes with sizeable working sets, per CPU-second.
    public var largeContextSwitches: Double
    /// Process creations (fork) per CPU-second.
    public var forks: Double
    /// Program loads (exec) per CPU-second.
    public var execs: Double
    /// Timer interrupts delivered per CPU-second.
    public var timerInterrupts: Double
    /// TLB misses (page walks) per CPU-second.
    public var tlbMisses: Double
    /// Fraction of native CPU time spent in kernel mode (what `time` reports as system time),
    /// in [0, 1]. Binary translation slows the part of it not costed by the other operations.
    public var kernelFraction: Double
    /// Disk requests per CPU-second.
    public var diskRequests: Double
    /// Mean disk request size, bytes.
    public var diskRequestBytes: Double
    /// Fraction of disk requests that are reads, in [0, 1].
    public var diskReadFraction: Double
    /// Network packets (sent + received) per CPU-second.
    public var networkPackets: Double
    /// Mean packet payload, bytes.
    public var networkPacketBytes: Double
    /// Fraction of packets transmitted (the rest are received), in [0, 1].
    public var networkTransmitFraction: Double
    /// Mean requests per para-virtual notification (kick / interrupt), ≥ 1.
    public var requestsPerNotification: Double
    /// Why the rates are what they are.
    public var rationale: String

    public init(name: String, syscalls: Double = 0, pageFaults: Double = 0, pageTableUpdates: Double = 0,
                contextSwitches: Double = 0, largeContextSwitches: Double = 0, forks: Double = 0, execs: Double = 0,
                timerInterrupts: Double = 0, tlbMisses: Double = 0, kernelFraction: Double = 0,
                diskRequests: Double = 0, diskRequestBytes: Double = 4096, diskReadFraction: Double = 1,
                networkPackets: Double = 0, networkPacketBytes: Double = 1448, networkTransmitFraction: Double = 0.5,
                requestsPerNotification: Double = 1, rationale: String = "") {
        self.name = name
        self.syscalls = syscalls
        self.pageFaults = pageFaults
        self.pageTableUpdates = pageTableUpdates
        self.contextSwitches = contextSwitches
        self.largeContextSwitches = largeContextSwitches
        self.forks = forks
        self.execs = execs
        self.timerInterrupts = timerInterrupts
        self.tlbMisses = tlbMisses
        self.kernelFraction = kernelFraction
        self.diskRequests = diskRequests
        self.diskRequestBytes = diskRequestBytes
        self.diskReadFraction = diskReadFraction
        self.networkPackets = networkPackets
        self.networkPacketBytes = networkPacketBytes
        self.networkTransmitFraction = networkTransmitFraction
        self.requestsPerNotification = requestsPerNotification
        self.rationale = rationale
    }

    /// The rate of `operation` per CPU-second (for `.kernelWork`: µs of kernel-mode time per
    /// CPU-second, gross; the cost model subtracts what the other operations already account).
    public func rate(_ operation: GuestOperation) -> Double {
        switch operation {
        case .syscall: return syscalls
        case .pageFault: return pageFaults
        case .pageTableUpdate: return pageTableUpdates
        case .contextSwitch: return contextSwitches
        case .contextSwitchLarge: return largeContextSwitches
        case .fork: return forks
        case .exec: return execs
        case .timerInterrupt: return timerInterrupts
        case .tlbMiss: return tlbMisses
        case .kernelWork: return kernelFraction * 1e6
        case .diskRequest: return diskRequests
        case .networkPacket: return networkPackets
        }
    }

    /// A profile doing nothing but computation (zero rates): the CPU-bound limit.
    public static func pureCompute(name: String = "pure-compute") -> OperationProfile {
        OperationProfile(name: name)
    }
}

extension OperationProfile {
    /// Rates a scenario may set on top of a catalogue profile (`"operations"` in an I/O study's
    /// application workload), by property name: the profiles' rates are estimates of what a
    /// benchmark does, so a lab shows how a result moves with one of them. Stable order.
    public static let adjustableRates: [String] = [
        "syscalls", "pageFaults", "pageTableUpdates", "contextSwitches", "largeContextSwitches", "forks", "execs",
        "timerInterrupts", "tlbMisses", "kernelFraction", "diskRequests", "diskRequestBytes", "diskReadFraction",
        "networkPackets", "networkPacketBytes", "networkTransmitFraction", "requestsPerNotification",
    ]

    /// The adjustable rates that are fractions in [0, 1].
    public static let adjustableFractionRates: Set<String> = ["kernelFraction", "diskReadFraction", "networkTransmitFraction"]

    /// The adjustable rates that must be > 0 (sizes) or ≥ 1 (`requestsPerNotification`) rather than ≥ 0.
    public static let adjustableSizeRates: Set<String> = ["diskRequestBytes", "networkPacketBytes"]

    /// This profile with rate `name` (one of `adjustableRates`) set to `value`, the rationale
    /// saying so; nil for an unknown name. O(1).
    public func setting(_ name: String, to value: Double) -> OperationProfile? {
        var o = self
        switch name {
        case "syscalls": o.syscalls = value
        case "pageFaults": o.pageFaults = value
        case "pageTableUpdates": o.pageTableUpdates = value
        case "contextSwitches": o.contextSwitches = value
        case "largeContextSwitches": o.largeContextSwitches = value
        case "forks": o.forks = value
        case "execs": o.execs = value
        case "timerInterrupts": o.timerInterrupts = value
        case "tlbMisses": o.tlbMisses = value
        case "kernelFraction": o.kernelFraction = value
        case "diskRequests": o.diskRequests = value
        case "diskRequestBytes": o.diskRequestBytes = value
        case "diskReadFraction": o.diskReadFraction = value
        case "networkPackets": o.networkPackets = value
        case "networkPacketBytes": o.networkPacketBytes = value
        case "networkTransmitFraction": o.networkTransmitFraction = value
        case "requestsPerNotification": o.requestsPerNotification = value
        default: return nil
        }
        o.rationale += "; \(name) set to \(value) by the scenario (sensitivity)"
        return o
    }
}
