/// The way a guest's disk requests and packets reach the physical device.
public enum IOPath: String, CaseIterable, Sendable, Hashable {
    /// No virtualization layer: the guest's own driver drives the device.
    case native
    /// Full virtualization: an emulated legacy device (IDE, Lance, e1000) whose register
    /// accesses trap; a device model does the I/O on the host.
    case emulated
    /// Full virtualization through a hosted VMM (VMware Workstation-style): an emulated device
    /// whose I/O is done by the VMM's host process after a world switch, with host system calls
    /// (`HostedPath`). On a hosted-VMM profile `emulated` is this path.
    case hosted
    /// Para-virtual rings with an in-kernel back-end (vhost, Xen blkback/netback).
    case paraKernelBackend = "para-kernel-backend"
    /// Para-virtual rings with a back-end in the user-space device model (virtio in QEMU):
    /// one extra context switch and one extra copy per request.
    case paraUserBackend = "para-user-backend"
    /// Container: the native path plus cgroup accounting; packets cross a veth + bridge + NAT.
    case containerBridge = "container-bridge"
    /// Container on the host network namespace: the native path plus cgroup accounting.
    case containerHostNetwork = "container-host-network"
    /// Direct device assignment (SR-IOV virtual function): the guest's native driver drives the
    /// device; only interrupts are virtualized. The upper reference for a VM.
    case passthrough
}

/// Disk or network.
public enum IODeviceClass: String, CaseIterable, Sendable, Hashable {
    case storage
    case network
}

/// Read (network: receive) or write (network: transmit).
public enum IODirection: String, CaseIterable, Sendable, Hashable {
    case read
    case write
}

/// A path as one guest kind uses it: a base path, and for a container inside a VM the
/// container layer (bridge or host network) stacked on the VM's path.
public struct IORoute: Sendable, Hashable {
    public var path: IOPath
    /// `.containerBridge` or `.containerHostNetwork` stacked on `path`, or nil.
    public var containerOverlay: IOPath?

    public init(path: IOPath, containerOverlay: IOPath? = nil) {
        self.path = path
        self.containerOverlay = containerOverlay
    }

    /// Report name, e.g. "emulated" or "para-kernel-backend+container-bridge".
    public var name: String {
        if let o = containerOverlay { return "\(path.rawValue)+\(o.rawValue)" }
        return path.rawValue
    }
}

/// Which I/O path each guest kind uses.
public struct IOPathChoice: Sendable, Hashable {
    /// Path of fully virtualized guests (default: emulated devices).
    public var full: IOPath
    /// Path of para-virtualized guests (default: rings with an in-kernel back-end).
    public var para: IOPath
    /// Path of containers (default: bridge + NAT).
    public var container: IOPath

    public init(full: IOPath = .emulated, para: IOPath = .paraKernelBackend, container: IOPath = .containerBridge) {
        self.full = full
        self.para = para
        self.container = container
    }

    /// Emulated devices for full, in-kernel PV back-ends for para, bridge + NAT for containers.
    public static let `default` = IOPathChoice()

    /// The route a guest of `kind` takes. Container-in-VM stacks the container choice on para's.
    public func route(for kind: GuestKind) -> IORoute {
        switch kind {
        case .native: return IORoute(path: .native)
        case .full: return IORoute(path: full)
        case .para: return IORoute(path: para)
        case .container: return IORoute(path: container)
        case .containerInVM: return IORoute(path: para, containerOverlay: container)
        }
    }
}

/// The mechanisms a request's CPU time is split into, in reporting order.
public enum IOCostComponent: Int, CaseIterable, Sendable {
    /// The guest's own driver / protocol stack (what native pays too).
    case guestDriver
    /// Trapping register accesses: exits (or BT emulation) and their handling.
    case traps
    /// The guest's own driver / protocol stack running slower under binary translation.
    case translatedKernel
    /// Hosted-VMM world switches or switches to a back-end domain.
    case worldSwitch
    /// Device-model emulation work.
    case deviceModel
    /// Para-virtual notifications (kick / hypercall) and back-end wake-ups, per batch.
    case notification
    /// Para-virtual back-end request processing (incl. the user-space back-end's context switch).
    case backend
    /// The host's own I/O stack doing the real I/O for a virtual device.
    case hostStack
    /// Extra data copies (device model, user-space back-end, page flipping).
    case copy
    /// Virtual interrupt injection and end-of-interrupt exits.
    case interrupt
    /// cgroup accounting of a container.
    case containerAccounting
    /// A bridged container's veth pair crossing.
    case veth
    /// Linux bridge forwarding of a container's packet.
    case bridge
    /// netfilter connection tracking of a container's packet.
    case conntrack
    /// NAT rewrite of a container's packet.
    case nat

    public var name: String {
        switch self {
        case .guestDriver: return "guest_driver"
        case .traps: return "traps"
        case .translatedKernel: return "translated_kernel"
        case .worldSwitch: return "world_switch"
        case .deviceModel: return "device_model"
        case .notification: return "notification"
        case .backend: return "backend"
        case .hostStack: return "host_stack"
        case .copy: return "copy"
        case .interrupt: return "interrupt"
        case .containerAccounting: return "container_accounting"
        case .veth: return "veth"
        case .bridge: return "bridge"
        case .conntrack: return "conntrack"
        case .nat: return "nat"
        }
    }
}

/// Where a piece of path work runs: on the guest's vCPU (competing with its own work) or on
/// the host CPU that runs the device model / back-end.
public enum IOCPUSide: Sendable, Hashable {
    case guest
    case host
}

/// One request's CPU accounting on one route: four phases in the order the request meets
/// them (guest submit → host submit → device → host completion → guest completion), each
/// split by mechanism. All times in µs. Written once here; the request-level model replays it
/// and the interval-level cost model sums it, so the two levels agree by construction.
public struct IORequestCost: Sendable {
    /// Guest vCPU work before the request leaves the guest, µs.
    public var guestSubmit: Double = 0
    /// Host (device model / back-end) work before the device, µs.
    public var hostSubmit: Double = 0
    /// Host work after the device completes, µs.
    public var hostComplete: Double = 0
    /// Guest vCPU work to take the completion, µs.
    public var guestComplete: Double = 0
    /// The part of `hostSubmit` / `hostComplete` that is the host's own I/O stack (`hostStack`):
    /// the system call a back-end thread makes to reach the device, µs.
    public var hostStackSubmit: Double = 0
    public var hostStackComplete: Double = 0
    /// Per-component µs, indexed by `IOCostComponent.rawValue`; sums to `total`.
    public var components: [Double] = Array(repeating: 0, count: IOCostComponent.allCases.count)
    /// True when "host" work runs on the guest's own CPU (hosted VMM or a back-end domain
    /// sharing the CPU, as in the 2003 single-CPU measurements).
    public var hostWorkOnGuestCPU: Bool = false

    // Latency without CPU (`WakeupLatencies`): the request-level model adds these to a
    // request's time, only when the condition holds at that moment; no CPU is charged.

    /// Delay before the completion runs when the guest's CPU is idle (halted), µs: an idle
    /// core's exit, plus for a VM the wake-up of its halted vCPU.
    public var guestWakeMicros: Double = 0
    /// Delay before host-side work runs when its host core is idle, µs (idle exit, and the
    /// device-model thread's wake-up where the path does not charge it as CPU).
    public var hostWakeMicros: Double = 0
    /// Minimum interval between two completion interrupts the guest sees, µs (moderation); 0 = none.
    public var interruptIntervalMicros: Double = 0
    /// Probability that the guest's CPU is stalled (not computing, not available to its other
    /// threads) for the whole device access: a hosted VMM's blocking host system call
    /// (`HostedIOInputs`). Latency and lost guest time, no CPU. In [0, 1].
    public var synchronousDeviceFraction: Double = 0

    public init() {}

    /// Total CPU µs of the request.
    public var total: Double { guestSubmit + hostSubmit + hostComplete + guestComplete }
    /// Guest-side CPU µs.
    public var guestTotal: Double { guestSubmit + guestComplete }
    /// Host-side CPU µs.
    public var hostTotal: Double { hostSubmit + hostComplete }

    /// Adds `micros` of `component` work in one phase.
    public mutating func add(_ micros: Double, _ component: IOCostComponent, side: IOCPUSide, completion: Bool) {
        guard micros != 0 else { return }
        components[component.rawValue] += micros
        if component == .hostStack && side == .host {
            if completion { hostStackComplete += micros } else { hostStackSubmit += micros }
        }
        switch (side, completion) {
        case (.guest, false): guestSubmit += micros
        case (.host, false): hostSubmit += micros
        case (.host, true): hostComplete += micros
        case (.guest, true): guestComplete += micros
        }
    }
}

/// The shape of a request: what, which way, how big, and how many share a notification.
public struct IORequestShape: Sendable, Hashable {
    public var device: IODeviceClass
    public var direction: IODirection
    /// Payload bytes (disk block size or packet payload).
    public var bytes: Double
    /// Requests sharing one para-virtual notification and one interrupt, ≥ 1.
    public var requestsPerNotification: Double

    public init(device: IODeviceClass, direction: IODirection, bytes: Double, requestsPerNotification: Double = 1) {
        self.device = device
        self.direction = direction
        self.bytes = bytes
        self.requestsPerNotification = max(1, requestsPerNotification)
    }
}

/// One I/O path's per-request CPU accounting.
public protocol IOPathCosting: Sendable {
    /// CPU work of one request of `shape` on `profile`.
    func cost(_ shape: IORequestShape, on profile: HardwareProfile) -> IORequestCost
}

extension IORoute {
    /// True when a guest on this route can hand the stack segments of up to 64 KiB (TSO/GSO out,
    /// GRO in): the physical NIC must support it, and so must the virtual device in between
    /// (e1000 does, Lance does not; virtio-net negotiates HOST_TSO/GUEST_TSO, virtio 1.0 §5.1.3;
    /// Xen 1.0's rings carry single pages). O(1).
    public func offloadsSegments(on p: HardwareProfile) -> Bool {
        guard p.nic.segmentationOffload.value > 0 else { return false }
        switch path {
        case .native, .containerBridge, .containerHostNetwork, .passthrough: return true
        case .emulated: return p.fullVirtualization == .hardwareAssist && p.emulatedNIC.segmentationOffload
        case .hosted: return p.emulatedNIC.segmentationOffload
        case .paraKernelBackend, .paraUserBackend: return p.paraVirtualization == .virtioOnHardwareAssist
        }
    }

    /// The per-request CPU accounting of this route (base path plus container overlay). O(1).
    public func cost(_ shape: IORequestShape, on profile: HardwareProfile) -> IORequestCost {
        var c = IORoute.model(for: path).cost(shape, on: profile)
        if let overlay = containerOverlay {
            ContainerPath(network: overlay == .containerHostNetwork ? .hostNetwork : .bridgeNAT)
                .addContainerLayer(shape, on: profile, to: &c)
        }
        return c
    }

    /// The small type that costs `path`.
    public static func model(for path: IOPath) -> any IOPathCosting {
        switch path {
        case .native: return NativePath()
        case .emulated: return EmulatedPath()
        case .hosted: return HostedPath()
        case .paraKernelBackend: return ParaRingPath(backend: .kernel)
        case .paraUserBackend: return ParaRingPath(backend: .userSpace)
        case .containerBridge: return ContainerPath(network: .bridgeNAT)
        case .containerHostNetwork: return ContainerPath(network: .hostNetwork)
        case .passthrough: return PassthroughPath()
        }
    }
}
