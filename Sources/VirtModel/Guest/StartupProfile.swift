/// How a sandbox starts, for start-up and provisioning studies: the guest kinds of the cost model
/// plus the micro-VM (a KVM guest under a minimal VMM such as Firecracker: a para-virtual I/O
/// guest with a trimmed kernel, no firmware and no legacy devices). The micro-VM is a start-up
/// profile only; its steady-state cost is the para-virtualized kind's.
public enum StartupKind: String, CaseIterable, Sendable, Hashable {
    case native
    case full
    case para
    case container
    case containerInVM = "container-in-vm"
    case microVM = "micro-vm"

    /// Names scenario files may use, in reporting order.
    public static let scenarioNames: [String] = allCases.map(\.rawValue)

    /// The guest kind whose memory footprint and overheads this sandbox pays once running.
    public var guestKind: GuestKind {
        switch self {
        case .native: return .native
        case .full: return .full
        case .para, .microVM: return .para
        case .container: return .container
        case .containerInVM: return .containerInVM
        }
    }
}

/// What a kind does between "start this guest" and "the workload can answer", in phases:
///
/// 1. **image**: the kind's own base image fetched from the image store over the shared network
///    (a VM's disk image, a micro-VM's kernel and root file system; nothing for containers, whose
///    kernel and runtime are the host's). Fetched once per host, then cached. The application's
///    own image (code and dependencies) is the workload's input and comes on top.
/// 2. **boot read**: data read from the host's local disk while booting (kernel, init, services).
/// 3. **start**: the rest of boot or start, which is not I/O (VMM set-up, kernel initialization,
///    namespace and cgroup creation).
/// 4. **first response**: the application's own initialization, the workload's input.
///
/// Phases 1 and 2 go through shared channels (the image store link, each host's disk), so that
/// many starts at once slow each other down (boot storms); phase 3 is a fixed delay per start.
/// Every number is `Cited`: a measurement with its source, or a stated assumption.
public struct StartupProfile: Sendable, Hashable {
    public var kind: StartupKind
    /// Base image fetched from the image store before the first start on a host, MB.
    public var baseImageMB: Cited
    /// Data read from the host's disk while booting, MB.
    public var bootReadMB: Cited
    /// Non-I/O start time, seconds.
    public var startSeconds: Cited
    /// Per-sandbox memory beyond the application's own, MB (guest kernel, VMM, runtime shim).
    public var memoryOverheadMB: Cited

    public init(kind: StartupKind, baseImageMB: Cited, bootReadMB: Cited, startSeconds: Cited, memoryOverheadMB: Cited) {
        self.kind = kind
        self.baseImageMB = baseImageMB
        self.bootReadMB = bootReadMB
        self.startSeconds = startSeconds
        self.memoryOverheadMB = memoryOverheadMB
    }

    /// Seconds from request to ready (before the application's own initialization) when this
    /// start is alone: nothing cached, the whole link and disk to itself. The one formula of an
    /// uncontended start; the simulation reproduces it for a single start (tested). O(1).
    /// - Parameters:
    ///   - applicationImageMB: the workload's own image, fetched with the base image.
    ///   - applicationReadMB: what of it is read from disk at start.
    ///   - linkMBps: image store link, MB/s. `diskMBps`: host disk, MB/s.
    public func uncontendedReadySeconds(applicationImageMB: Double, applicationReadMB: Double,
                                        linkMBps: Double, diskMBps: Double) -> Double {
        // Written out rather than as fetch + `bootSeconds`: the sum's order fixes its bits, and
        // the shipped serverless results were computed in this order.
        (baseImageMB.value + applicationImageMB) / linkMBps
            + (bootReadMB.value + applicationReadMB) / diskMBps
            + startSeconds.value
    }

    /// Seconds from "start" to ready once the images are where the guest boots (cached, or on the
    /// shared storage an HA cluster restarts guests from): the boot read on the disk, alone, plus
    /// the start. Phases 2 and 3 of the uncontended start. O(1).
    public func bootSeconds(applicationReadMB: Double, diskMBps: Double) -> Double {
        (bootReadMB.value + applicationReadMB) / diskMBps + startSeconds.value
    }
}

/// The default start-up profile of each kind, with sources. Where no published measurement was
/// found the value is an assumption (its source says so) and the serverless lab sweeps it.
public enum StartupCatalogue {
    /// Fraction of a container image actually read at start: HelloBench, 57 images, "only 6.4 %
    /// of the data is read" (Harter et al., "Slacker", USENIX FAST 2016, §4). Used for the
    /// application image of every kind (the same application reads the same files).
    public static let applicationReadFraction = Cited(0.064, "Harter et al., FAST 2016 (Slacker): 6.4 % of pulled image data is read at start")

    /// The profile of `kind`; memory overheads come from `cost` (the cost model's footprints) so
    /// that a kind's memory is defined in one place. O(1).
    public static func profile(_ kind: StartupKind, cost: CostModel) -> StartupProfile {
        let footprint = Cited(cost.memoryFootprintMB(kind: kind.guestKind),
                              "cost model footprint of the \(kind.guestKind.rawValue) kind")
        switch kind {
        case .native:
            return StartupProfile(
                kind: kind,
                baseImageMB: Cited(0, "assumption: the host's own OS runs the workload, nothing to fetch"),
                bootReadMB: Cited(0, "assumption: the program's files are in the page cache"),
                startSeconds: Cited(0.001, "assumption: fork + exec of the workload, about 1 ms"),
                memoryOverheadMB: footprint)
        case .full:
            return StartupProfile(
                kind: kind,
                baseImageMB: Cited(1024, "assumption: a minimal server distribution's disk image, 1 GiB (no measurement found; swept in the serverless lab)"),
                bootReadMB: Cited(200, "assumption: kernel, initramfs, init and services read while booting, 200 MB (no measurement found)"),
                startSeconds: Cited(20, "assumption: firmware, boot loader and distribution boot to a network service, 20 s (no local-boot measurement found; cloud VMs take 44–97 s end to end with provisioning, Mao & Humphrey, IEEE CLOUD 2012)"),
                memoryOverheadMB: footprint)
        case .para:
            return StartupProfile(
                kind: kind,
                baseImageMB: Cited(1024, "assumption: the same distribution image as a full VM"),
                bootReadMB: Cited(200, "assumption: the same distribution boot as a full VM"),
                startSeconds: Cited(18, "assumption: a full VM's boot without emulated firmware (BIOS POST), 2 s less (no measurement found)"),
                memoryOverheadMB: footprint)
        case .microVM:
            return StartupProfile(
                kind: kind,
                baseImageMB: Cited(64, "assumption: minimal guest kernel and root file system, 64 MB (no measurement found)"),
                bootReadMB: Cited(16, "assumption: the kernel and init read at boot, 16 MB"),
                startSeconds: Cited(0.012 + 0.125, "Firecracker specification: VMM up in 12 ms typical (6–60 ms), InstanceStart to guest /sbin/init ≤ 125 ms (Agache et al., NSDI 2020)"),
                memoryOverheadMB: Cited(5 * 1.048576, "Firecracker specification: VMM memory overhead ≤ 5 MiB; the guest kernel lives in the sandbox's configured memory (as in AWS Lambda)"))
        case .container:
            return StartupProfile(
                kind: kind,
                baseImageMB: Cited(0, "the host's kernel and container runtime: nothing to fetch beyond the application image"),
                bootReadMB: Cited(0, "the application image's read share covers what a container reads"),
                startSeconds: Cited(0.568, "docker run with a local image on a cloud SSD, mean 568 ms (\"Decomposing Docker Container Startup Performance\", arXiv 2602.15214, 2026)"),
                memoryOverheadMB: footprint)
        case .containerInVM:
            let vm = profile(.para, cost: cost), ct = profile(.container, cost: cost)
            return StartupProfile(
                kind: kind,
                baseImageMB: Cited(vm.baseImageMB.value + ct.baseImageMB.value, "a para-virtualized VM's image, then the container's"),
                bootReadMB: Cited(vm.bootReadMB.value + ct.bootReadMB.value, "the VM's boot, then the container's"),
                startSeconds: Cited(vm.startSeconds.value + ct.startSeconds.value, "the VM boots, then the container starts inside it"),
                memoryOverheadMB: footprint)
        }
    }
}
