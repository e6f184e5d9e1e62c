import VirtModel

/// One request-level I/O experiment: a platform, the guest kinds to compare, a workload and
/// the run length. Property names are the scenario file's `"io"` keys, one to one.
///
/// Call `validate()` before `IOExperiment.run`: it lists every problem at once.
public struct IOExperimentSpec: Sendable, Hashable {
    /// Hardware profile name (`HardwareProfile.catalogueNames`), e.g. "xeon-sandybridge-2012".
    public var hardware: String
    /// Guest kinds to compare, by `GuestKind` raw value; native is always run as the baseline.
    public var kinds: [String]
    /// I/O path of full-virtualization guests (`IOPath` raw value), default "emulated".
    public var fullPath: String
    /// Emulated disk controller of full-virtualization guests (`EmulatedStorageController`:
    /// "ide", "ahci", "lsi-logic"); "" keeps the hardware profile's own default.
    public var fullDiskDevice: String
    /// Emulated NIC of full-virtualization guests (`EmulatedNetworkController`: "e1000",
    /// "lance"); "" keeps the hardware profile's own default.
    public var fullNetworkDevice: String
    /// I/O path of para-virtualized guests, default "para-kernel-backend".
    public var paraPath: String
    /// I/O path of containers, default "container-bridge".
    public var containerPath: String
    /// Workload: "fio" (storage), "netperf-stream", "netperf-rr", or "application".
    public var workload: String
    /// Operation profile name for `workload == "application"` (`OperationProfile.catalogueNames`).
    public var application: String
    /// fio: block size, bytes.
    public var blockSizeBytes: Double
    /// fio: fraction of requests that are reads, in [0, 1].
    public var readFraction: Double
    /// fio: sequential (true) or random (false) access.
    public var sequential: Bool
    /// Closed loop: requests outstanding at once (fio iodepth as independent jobs; netperf-rr
    /// transactions in flight; application threads). Used when `arrivalRate` is 0.
    public var queueDepth: Int
    /// Open loop: Poisson arrival rate, requests per second; 0 selects the closed loop.
    public var arrivalRate: Double
    /// Guest application CPU per request (fio, netperf-rr), µs, on the same vCPU as the I/O path.
    public var computeMicrosPerRequest: Double
    /// netperf: link MTU, bytes (payload per packet = MTU − 52 bytes of IP/TCP headers).
    public var mtuBytes: Double
    /// netperf-stream: "transmit" or "receive" (as seen by the guest).
    public var direction: String
    /// netperf-stream: socket buffer (TCP window), bytes.
    public var socketBufferBytes: Double
    /// netperf-rr: request payload, bytes.
    public var requestBytes: Double
    /// netperf-rr: response payload, bytes.
    public var responseBytes: Double
    /// Mean requests per para-virtual notification and per virtual interrupt, ≥ 1.
    public var requestsPerNotification: Double
    /// netperf-stream / udp-stream: segmentation offloads (TSO/GSO on transmit, GRO/LRO on
    /// receive). The stack, the virtual device and the back-end handle one segment of up to
    /// 64 KiB (whole MSS-sized packets) where the NIC or device supports it; the wire still
    /// carries MTU-sized packets. Default false (every packet MTU-sized).
    public var offloads: Bool
    /// Posted interrupts / APIC virtualization on a hardware-assisted host: nil keeps the
    /// hardware profile's own (`WakeupLatencies.postedInterrupts`).
    public var postedInterrupts: Bool?
    /// Unequal guests: one entry per guest (then `guests` is their count), each replacing the
    /// workload's queue depth (closed-loop threads) and application CPU per request where it gives
    /// them. Empty: `guests` identical guests. Closed loop only.
    public var guestLoads: [IOGuestLoad] = []
    /// Back-ends stated as thread pools (`IOBackend`): each is one more variant, after the kinds,
    /// running its VM path with its host work on its pools (`hostCores` does not apply to it).
    /// Empty: none.
    public var backends: [IOBackend] = []
    /// Hardware inputs set on top of the profile, by `HardwareProfile.adjustableInputs` name
    /// (µs, ≥ 0): sensitivity rows for inputs without a measurement. Applied in name order.
    public var inputs: [String: Double]
    /// Application workload: operation rates set on top of the `application` profile, by
    /// `OperationProfile.adjustableRates` name (the profiles' rates are estimates; a lab shows how
    /// a result moves with one). Applied in name order.
    public var operations: [String: Double] = [:]
    /// Guest vCPUs (run application work and the guest side of the path).
    public var guestCPUs: Int
    /// Guests of the same kind on the host, each with its own vCPUs and its own copy of the load
    /// (`queueDepth` threads, or `arrivalRate`, each); they share the host cores that run the
    /// device model / back-end, the device and the link. Default 1.
    public var guests: Int
    /// Host cores running the device model / back-end (ignored where the platform runs that
    /// work on the guest's own CPU: hosted VMM, Xen 1.0).
    public var hostCores: Int
    /// Simulated warm-up before measuring, seconds.
    public var warmupSeconds: Double
    /// Simulated measurement window, seconds.
    public var durationSeconds: Double
    /// Random seed (the same seed gives identical results).
    public var seed: UInt64

    public init(hardware: String = "xeon-sandybridge-2012",
                kinds: [String] = ["native", "full", "para", "container"],
                fullPath: String = IOPath.emulated.rawValue,
                fullDiskDevice: String = "", fullNetworkDevice: String = "",
                paraPath: String = IOPath.paraKernelBackend.rawValue,
                containerPath: String = IOPath.containerBridge.rawValue,
                workload: String = "fio", application: String = "database-oltp",
                blockSizeBytes: Double = 65536, readFraction: Double = 0.7, sequential: Bool = false,
                queueDepth: Int = 4, arrivalRate: Double = 0, computeMicrosPerRequest: Double = 0,
                mtuBytes: Double = 1500, direction: String = "transmit", socketBufferBytes: Double = 131_072,
                requestBytes: Double = 64, responseBytes: Double = 1024,
                requestsPerNotification: Double = 1, offloads: Bool = false, postedInterrupts: Bool? = nil, inputs: [String: Double] = [:],
                guestCPUs: Int = 1, guests: Int = 1, hostCores: Int = 1,
                warmupSeconds: Double = 0.05, durationSeconds: Double = 0.5, seed: UInt64 = 1) {
        self.hardware = hardware
        self.kinds = kinds
        self.fullPath = fullPath
        self.fullDiskDevice = fullDiskDevice
        self.fullNetworkDevice = fullNetworkDevice
        self.paraPath = paraPath
        self.containerPath = containerPath
        self.workload = workload
        self.application = application
        self.blockSizeBytes = blockSizeBytes
        self.readFraction = readFraction
        self.sequential = sequential
        self.queueDepth = queueDepth
        self.arrivalRate = arrivalRate
        self.computeMicrosPerRequest = computeMicrosPerRequest
        self.mtuBytes = mtuBytes
        self.direction = direction
        self.socketBufferBytes = socketBufferBytes
        self.requestBytes = requestBytes
        self.responseBytes = responseBytes
        self.requestsPerNotification = requestsPerNotification
        self.offloads = offloads
        self.postedInterrupts = postedInterrupts
        self.inputs = inputs
        self.guestCPUs = guestCPUs
        self.guests = guests
        self.hostCores = hostCores
        self.warmupSeconds = warmupSeconds
        self.durationSeconds = durationSeconds
        self.seed = seed
    }

    /// Workload names `workload` accepts.
    public static let workloads = ["fio", "netperf-stream", "netperf-rr", "udp-stream", "udp-rr", "application"]
    /// Paths a VM's I/O may take (`fullPath`, `paraPath`).
    public static let vmPaths: [IOPath] = [.emulated, .hosted, .paraKernelBackend, .paraUserBackend, .passthrough, .native]
    /// Paths a container's I/O may take (`containerPath`).
    public static let containerPaths: [IOPath] = [.containerBridge, .containerHostNetwork]
    /// Directions a stream workload may take (`direction`).
    public static let directions = ["transmit", "receive"]

    /// Every problem with the spec, as (property, message); empty when valid.
    public func validate() -> [(property: String, message: String)] {
        var problems: [(String, String)] = []
        if HardwareProfile.named(hardware) == nil {
            problems.append(("hardware", "unknown hardware profile '\(hardware)'; expected one of \(HardwareProfile.catalogueNames.joined(separator: ", "))"))
        }
        if kinds.isEmpty { problems.append(("kinds", "at least one guest kind is needed")) }
        for (i, k) in kinds.enumerated() where GuestKind(rawValue: k) == nil {
            problems.append(("kinds[\(i)]", "unknown guest kind '\(k)'; expected one of \(GuestKind.scenarioNames.joined(separator: ", "))"))
        }
        let vmPaths = Self.vmPaths
        for (name, value) in [("fullPath", fullPath), ("paraPath", paraPath)] {
            if let p = IOPath(rawValue: value) {
                if !vmPaths.contains(p) { problems.append((name, "'\(value)' is a container path; a VM uses emulated, hosted, para-kernel-backend, para-user-backend or passthrough")) }
            } else {
                problems.append((name, "unknown I/O path '\(value)'; expected one of \(IOPath.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if !fullDiskDevice.isEmpty && EmulatedStorageController(rawValue: fullDiskDevice) == nil {
            problems.append(("fullDiskDevice", "unknown emulated disk controller '\(fullDiskDevice)'; expected one of \(EmulatedStorageController.names.joined(separator: ", ")) (or omit for the hardware profile's default)"))
        }
        if !fullNetworkDevice.isEmpty && EmulatedNetworkController(rawValue: fullNetworkDevice) == nil {
            problems.append(("fullNetworkDevice", "unknown emulated NIC '\(fullNetworkDevice)'; expected one of \(EmulatedNetworkController.names.joined(separator: ", ")) (or omit for the hardware profile's default)"))
        }
        if !(IOPath(rawValue: containerPath).map { Self.containerPaths.contains($0) } ?? false) {
            problems.append(("containerPath", "expected container-bridge or container-host-network, got '\(containerPath)'"))
        }
        if !IOExperimentSpec.workloads.contains(workload) {
            problems.append(("workload", "unknown workload '\(workload)'; expected one of \(IOExperimentSpec.workloads.joined(separator: ", "))"))
        }
        // Checked whatever the workload: a misspelt name is a mistake even where it is unused.
        if OperationProfile.named(application) == nil {
            problems.append(("application", "unknown operation profile '\(application)'; expected one of \(OperationProfile.catalogueNames.joined(separator: ", "))"))
        }
        if !(blockSizeBytes > 0) { problems.append(("blockSizeBytes", "must be > 0")) }
        if !(readFraction >= 0 && readFraction <= 1) { problems.append(("readFraction", "must be in [0, 1]")) }
        if queueDepth < 1 { problems.append(("queueDepth", "must be ≥ 1")) }
        if queueDepth > 100_000 { problems.append(("queueDepth", "must be ≤ 100000")) }
        if !(arrivalRate >= 0) || !arrivalRate.isFinite { problems.append(("arrivalRate", "must be ≥ 0 (0 = closed loop)")) }
        if !(computeMicrosPerRequest >= 0) { problems.append(("computeMicrosPerRequest", "must be ≥ 0")) }
        if !(mtuBytes > 52 && mtuBytes <= 65_536) { problems.append(("mtuBytes", "must be in (52, 65536]")) }
        if !Self.directions.contains(direction) { problems.append(("direction", "expected transmit or receive")) }
        if !(socketBufferBytes > 0) { problems.append(("socketBufferBytes", "must be > 0")) }
        if !(requestBytes > 0) { problems.append(("requestBytes", "must be > 0")) }
        if !(responseBytes > 0) { problems.append(("responseBytes", "must be > 0")) }
        for name in inputs.keys.sorted() {
            if !HardwareProfile.adjustableInputs.contains(name) {
                problems.append(("inputs.\(name)", "unknown input; expected one of \(HardwareProfile.adjustableInputs.joined(separator: ", "))"))
            } else if HardwareProfile.adjustableFractionInputs.contains(name), let v = inputs[name], !(v >= 0 && v <= 1) {
                problems.append(("inputs.\(name)", "must be a fraction in [0, 1]"))
            } else if let v = inputs[name], !(v >= 0 && v <= 1e6) {
                problems.append(("inputs.\(name)", "must be in [0, 1000000] µs"))
            }
        }
        if !(requestsPerNotification >= 1) { problems.append(("requestsPerNotification", "must be ≥ 1")) }
        problems += operationProblems()
        if guestCPUs < 1 || guestCPUs > 256 { problems.append(("guestCPUs", "must be in 1...256")) }
        if guests < 1 || guests > 64 { problems.append(("guests", "must be in 1...64")) }
        if guests * queueDepth > 1_000_000 { problems.append(("guests", "guests × queueDepth must be ≤ 1000000")) }
        if !guestLoads.isEmpty {
            if arrivalRate > 0 { problems.append(("guestLoads", "unequal guests need a closed loop (arrivalRate 0): an open loop's arrivals are shared in turn")) }
            if guestLoads.count > 64 { problems.append(("guestLoads", "at most 64 guests")) }
            let threads = guestLoads.reduce(0) { $0 + ($1.queueDepth ?? queueDepth) }
            if threads > 1_000_000 { problems.append(("guestLoads", "the guests' queue depths must sum to ≤ 1000000")) }
            for (i, g) in guestLoads.enumerated() {
                if let q = g.queueDepth, !(1...65_536).contains(q) { problems.append(("guestLoads[\(i)].queueDepth", "must be in 1...65536")) }
                if let c = g.computeMicrosPerRequest, !(c >= 0 && c <= 1e7) { problems.append(("guestLoads[\(i)].computeMicrosPerRequest", "must be in [0, 10000000] µs")) }
            }
        }
        if hostCores < 1 || hostCores > 256 { problems.append(("hostCores", "must be in 1...256")) }
        if backends.count > IOBackend.maxBackends { problems.append(("backends", "at most \(IOBackend.maxBackends) back-ends")) }
        for (i, b) in backends.enumerated() {
            if backends[..<i].contains(where: { $0.name == b.name }) {
                problems.append(("backends[\(i)].name", "duplicate back-end name '\(b.name)'; name each once"))
            }
            for p in b.problems() { problems.append(("backends[\(i)].\(p.property)", p.message)) }
        }
        if guestCPUs * guests > Int(UInt16.max) { problems.append(("guestCPUs", "guests × guestCPUs must be ≤ \(UInt16.max) (one virtqueue per vCPU)")) }
        if !(warmupSeconds >= 0) { problems.append(("warmupSeconds", "must be ≥ 0")) }
        if !(durationSeconds > 0 && durationSeconds <= 3600) { problems.append(("durationSeconds", "must be in (0, 3600]")) }
        return problems.map { (property: $0.0, message: $0.1) }
    }

    /// Problems with `operations`: unknown names, values out of range, and an application left
    /// with neither disk requests nor packets (the request-level model needs some I/O).
    func operationProblems() -> [(String, String)] {
        var problems: [(String, String)] = []
        for name in operations.keys.sorted() {
            guard let v = operations[name] else { continue }
            let property = "operations.\(name)"
            if !OperationProfile.adjustableRates.contains(name) {
                problems.append((property, "unknown operation rate; expected one of \(OperationProfile.adjustableRates.joined(separator: ", "))"))
            } else if OperationProfile.adjustableFractionRates.contains(name) {
                if !(v >= 0 && v <= 1) { problems.append((property, "must be a fraction in [0, 1]")) }
            } else if name == "requestsPerNotification" {
                if !(v >= 1 && v <= 1e6) { problems.append((property, "must be in [1, 1000000]")) }
            } else if OperationProfile.adjustableSizeRates.contains(name) {
                if !(v > 0 && v <= 67_108_864) { problems.append((property, "must be in (0, 67108864] bytes")) }
            } else if !(v >= 0 && v <= 1e7) {
                problems.append((property, "must be in [0, 10000000] per CPU-second"))
            }
        }
        if !operations.isEmpty && workload != "application" {
            problems.append(("operations", "sets an application profile's rates; the workload is '\(workload)', not 'application'"))
        }
        if workload == "application", let ops = applicationProfile, !(ops.diskRequests + ops.networkPackets > 0) {
            problems.append((operations.isEmpty ? "application" : "operations",
                             "the application profile '\(application)' does no I/O (diskRequests + networkPackets = 0); the request-level model needs some"))
        }
        return problems
    }

    /// The `application` profile with `operations` set on it; nil for an unknown profile name.
    /// Unknown rate names are skipped (`validate` reports them). O(operations).
    public var applicationProfile: OperationProfile? {
        guard var ops = OperationProfile.named(application) else { return nil }
        for name in operations.keys.sorted() {
            if let v = operations[name], let changed = ops.setting(name, to: v) { ops = changed }
        }
        return ops
    }

    /// The path choice the spec names.
    public var pathChoice: IOPathChoice {
        IOPathChoice(full: IOPath(rawValue: fullPath) ?? .emulated,
                     para: IOPath(rawValue: paraPath) ?? .paraKernelBackend,
                     container: IOPath(rawValue: containerPath) ?? .containerBridge)
    }

    /// `profile` with the emulated devices, posted-interrupt setting and inputs this spec names
    /// (unchanged where it names none). O(inputs).
    public func applyingDevices(to profile: HardwareProfile) -> HardwareProfile {
        var p = profile
        if let d = EmulatedStorageController(rawValue: fullDiskDevice) { p = p.withEmulatedDisk(d) }
        if let n = EmulatedNetworkController(rawValue: fullNetworkDevice) { p = p.withEmulatedNIC(n) }
        if let posted = postedInterrupts { p.wakeups.postedInterrupts = posted }
        for name in inputs.keys.sorted() {
            if let value = inputs[name], let changed = p.setting(name, to: value) { p = changed }
        }
        return p
    }

    /// Short description of the workload for reports.
    public var workloadDescription: String {
        let loop = arrivalRate > 0 ? "rate=\(Int(arrivalRate))/s" : "qd=\(queueDepth)"
        switch workload {
        case "fio":
            let pattern = sequential ? "seq" : "rand"
            return "fio \(pattern) bs=\(Int(blockSizeBytes)) read=\(Int((readFraction * 100).rounded()))% \(loop) compute=\(computeMicrosPerRequest)us"
        case "netperf-stream", "udp-stream":
            let proto = workload == "udp-stream" ? "udp" : "netperf"
            return "\(proto) stream \(direction) mtu=\(Int(mtuBytes)) window=\(Int(socketBufferBytes))" + (offloads ? " offloads" : "")
        case "netperf-rr", "udp-rr":
            let proto = workload == "udp-rr" ? "udp" : "netperf"
            return "\(proto) rr \(Int(requestBytes))/\(Int(responseBytes)) \(loop)"
        default:
            let set = operations.keys.sorted().map { "\($0)=\(operations[$0]!)" }.joined(separator: " ")
            return "application \(application) \(loop)" + (set.isEmpty ? "" : " " + set)
        }
    }
}

/// One guest's own load in a study of unequal guests (`IOExperimentSpec.guestLoads`).
public struct IOGuestLoad: Sendable, Hashable {
    /// Requests this guest keeps in flight (closed-loop threads); nil: the workload's.
    public var queueDepth: Int?
    /// Application CPU per request of this guest, µs; nil: the workload's.
    public var computeMicrosPerRequest: Double?

    public init(queueDepth: Int? = nil, computeMicrosPerRequest: Double? = nil) {
        self.queueDepth = queueDepth
        self.computeMicrosPerRequest = computeMicrosPerRequest
    }
}
