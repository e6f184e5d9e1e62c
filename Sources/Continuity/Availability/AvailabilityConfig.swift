import VirtModel

/// A cluster, its guests and what happens to them: what `AvailabilitySimulation` runs once per
/// variant (each variant sees the same failures of the same hosts: one random stream per host and
/// per failure domain, named by its index or name).
public struct AvailabilityConfig: Sendable {
    public var horizonSeconds: Double
    /// From a host's failure until its guests' restarts begin (HA failure detection).
    public var detectionSeconds: Double
    public var hostTypes: [AvailabilityHostType]
    /// The host pool, one entry per host, in scenario order (host index = position).
    public var hosts: [AvailabilityHost]
    /// Failures that take a whole rack or power domain down at once.
    public var domainFailures: [DomainFailures]
    /// Every guest, one entry per guest, in scenario order.
    public var guests: [AvailabilityGuest]
    /// Planned maintenance windows (each services every powered host, one after another).
    public var maintenance: MaintenanceSchedule?

    public init(horizonSeconds: Double, detectionSeconds: Double, hostTypes: [AvailabilityHostType],
                hosts: [AvailabilityHost], domainFailures: [DomainFailures], guests: [AvailabilityGuest],
                maintenance: MaintenanceSchedule?) {
        self.horizonSeconds = horizonSeconds
        self.detectionSeconds = detectionSeconds
        self.hostTypes = hostTypes
        self.hosts = hosts
        self.domainFailures = domainFailures
        self.guests = guests
        self.maintenance = maintenance
    }
}

/// A server type of the availability study: its hardware (the one `HostType` of VirtSim) and the
/// kernel its hosts run. The study counts CPU in whole cores (a guest asks for vCPUs, not MIPS), so
/// the hardware's `mipsPerCore` is 1 and its `totalMips` is its core count. The hardware's fields
/// read through (`type.cores`, `type.power`, …).
@dynamicMemberLookup
public struct AvailabilityHostType: Sendable, Hashable {
    public var hardware: HostType
    /// The kernel its hosts run (for guests that share it); nil: not stated.
    public var kernel: KernelVersion?

    public init(name: String, cores: Int, ramMB: Double, bandwidthMbps: Double, power: SpecPowerModel, kernel: KernelVersion? = nil) {
        hardware = HostType(name: name, cores: cores, mipsPerCore: 1, ramMB: ramMB, bandwidthMbps: bandwidthMbps, power: power)
        self.kernel = kernel
    }

    public subscript<T>(dynamicMember field: KeyPath<HostType, T>) -> T { hardware[keyPath: field] }
}

/// One host of the pool: its type (index into `hostTypes`), rack and power domain names, and how
/// it fails (its type's process, or its own part of the type's trace).
public struct AvailabilityHost: Sendable, Hashable {
    public var type: Int
    public var rack: String
    public var powerDomain: String
    public var failures: FailureProcess
    public init(type: Int, rack: String, powerDomain: String, failures: FailureProcess) {
        self.type = type
        self.rack = rack
        self.powerDomain = powerDomain
        self.failures = failures
    }
}

/// Correlated failures: every rack (or every power domain) fails as one, taking all its hosts
/// down for the repair.
public struct DomainFailures: Sendable, Hashable {
    public enum Scope: String, Sendable, Hashable, CaseIterable {
        case rack
        case powerDomain
    }
    public var scope: Scope
    /// The process every domain of the scope follows (each with its own random stream); with a
    /// trace, `traces` gives each domain's own failures.
    public var process: FailureProcess
    /// Trace failures by domain name, in scenario order (only with a trace process); a domain not
    /// listed never fails.
    public var traces: [DomainTrace]

    public init(scope: Scope, process: FailureProcess, traces: [DomainTrace] = []) {
        self.scope = scope
        self.process = process
        self.traces = traces
    }

    /// The process of the domain `name`.
    public func process(of name: String) -> FailureProcess {
        guard case .trace = process else { return process }
        return .trace(traces.first { $0.domain == name }?.failures ?? [])
    }
}

/// One domain's trace of failures.
public struct DomainTrace: Sendable, Hashable {
    public var domain: String
    public var failures: [TraceFailure]
    public init(domain: String, failures: [TraceFailure]) {
        self.domain = domain
        self.failures = failures
    }
}

/// One guest: its group (the scenario's `guests` entry), kind, size, load, restart priority and
/// what its restart and live migration cost.
public struct AvailabilityGuest: Sendable, Hashable {
    /// Index of the scenario's `guests` entry it comes from.
    public var group: Int
    public var kind: StartupKind
    public var vcpus: Int
    /// Memory the guest holds on its host, MB (its kind's overhead included).
    public var memoryMB: Double
    /// Mean share of its vCPUs it keeps busy (host power).
    public var utilization: Double
    /// Higher restarts first.
    public var priority: Int
    /// From "restart" to running on a new host (boot read and start of its kind).
    public var bootSeconds: Double
    /// Pre-copy inputs: how the running guest writes memory.
    public var dirtyRateMBps: Double
    public var writableWorkingSetMB: Double
    /// The host kernels it can run on (guests sharing the host's kernel only); nil: any host.
    public var kernel: KernelRequirement?

    public init(group: Int, kind: StartupKind, vcpus: Int, memoryMB: Double, utilization: Double, priority: Int,
                bootSeconds: Double, dirtyRateMBps: Double, writableWorkingSetMB: Double, kernel: KernelRequirement? = nil) {
        self.kernel = kernel
        self.group = group
        self.kind = kind
        self.vcpus = vcpus
        self.memoryMB = memoryMB
        self.utilization = utilization
        self.priority = priority
        self.bootSeconds = bootSeconds
        self.dirtyRateMBps = dirtyRateMBps
        self.writableWorkingSetMB = writableWorkingSetMB
    }
}

/// Planned maintenance: at each start time every powered host is serviced in turn.
public struct MaintenanceSchedule: Sendable, Hashable {
    public var startSeconds: [Double]
    /// How long a host is out for its service (firmware, patches, parts).
    public var serviceSeconds: Double
    /// Guest shutdown before a cold service.
    public var shutdownSeconds: Double

    public init(startSeconds: [Double], serviceSeconds: Double, shutdownSeconds: Double) {
        self.startSeconds = startSeconds
        self.serviceSeconds = serviceSeconds
        self.shutdownSeconds = shutdownSeconds
    }
}

/// How a maintenance empties a host.
public enum MaintenanceMode: String, Sendable, Hashable, CaseIterable {
    /// Live-migrate every guest elsewhere (pre-copy), service the host, bring it back.
    case rolling
    /// Shut the guests down, service the host, boot them again on it.
    case cold
}

/// One way to run the cluster: its admission control, how many hosts it powers, how it does
/// maintenance.
public struct AvailabilityVariant: Sendable, Hashable {
    public enum Sizing: String, Sendable, Hashable, CaseIterable {
        /// Every host of the pool is powered.
        case all
        /// The fewest hosts, from the front of the pool, under which admission control admits
        /// every guest (the whole pool when even that is not enough).
        case fit
    }
    public var name: String
    public var admission: AdmissionPolicy
    public var sizing: Sizing
    public var maintenance: MaintenanceMode
    /// Whether placement honours the guests' kernel requirements (false: the cost comparison,
    /// as if every host ran a compatible kernel).
    public var matchKernels: Bool

    public init(name: String, admission: AdmissionPolicy, sizing: Sizing, maintenance: MaintenanceMode, matchKernels: Bool = true) {
        self.matchKernels = matchKernels
        self.name = name
        self.admission = admission
        self.sizing = sizing
        self.maintenance = maintenance
    }
}
