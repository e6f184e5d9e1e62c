import Continuity
import VirtModel

/// A scenario file, read and checked: what to simulate, with which seed.
public struct Scenario: Sendable {
    /// Short name; names the output folder (`out/<name>/`, `results/<name>/` from `regenerate`).
    public var name: String
    /// One line for `virtsim list`.
    public var description: String
    /// Seed of every random stream in the run (`--seed` overrides it).
    public var seed: UInt64
    public var study: Study

    public enum Study: Sendable {
        case consolidation(ConsolidationStudy)
        case io(IOStudy)
        case planetLab(PlanetLabStudy)
        case migration(MigrationStudy)
        case serverless(ServerlessStudy)
        case timeSharing(TimeSharingStudy)
        case availability(AvailabilityStudy)
    }

    /// The value of the `study` key for each kind.
    public static let studyNames = ["consolidation", "io", "planetlab", "migration", "serverless", "timesharing", "availability"]
}

/// A server type: cores × per-core speed, memory, network, power table.
public struct HostTypeConfig: Sendable, Hashable {
    public var name: String
    public var cores: Int
    /// Per-core speed in MIPS (CloudSim's unit; only ratios matter).
    public var mipsPerCore: Double
    public var ramMB: Double
    public var bandwidthMbps: Double
    public var power: SpecPowerModel
}

/// The workloads of a fleet: synthetic (each server's mean demand is drawn from `meanCDF`, its
/// time series is that mean times the `components`) or measured (`trace`).
public struct FleetConfig: Sendable {
    /// Number of workloads (one dedicated server each before consolidation); for a trace fleet,
    /// the most guests taken from the trace (0: all of them).
    public var servers: Int
    /// Distribution of per-workload mean CPU demand (fraction of one server); nil for a trace fleet.
    public var meanDistribution: EmpiricalDistribution?
    /// Where the distribution comes from.
    public var meanSource: String
    public var components: [WorkloadComponent]
    /// Distribution of the application's own memory (MB), excluding any guest OS; a trace fleet
    /// may leave it out when its trace has memory.
    public var appMemoryMB: EmpiricalDistribution?
    /// Where a measured fleet's workloads come from; nil for a synthetic fleet.
    public var trace: TraceSource?
    /// Name of the operation profile (system calls, I/O … per unit of work) from the cost model.
    public var operations: String
    /// How every workload writes memory, for pre-copy migration; nil = it writes nothing.
    public var memoryWrites: MemoryWrites?
    /// How workloads are given tenants (isolation metrics and constraints); nil = no tenants.
    public var tenants: TenantDistribution? = nil
}

/// A trace file or folder a fleet takes its workloads from (see `TraceReaders` for the layouts).
public struct TraceSource: Sendable, Hashable {
    /// `csv`, `azure`, `bitbrains` or `planetlab` (`UtilizationTrace.formats`).
    public var format: String
    /// File (`csv`) or folder; a relative path is taken from the scenario file's folder.
    public var path: String
}

/// A workload's memory writing, as pre-copy migration sees it (Clark et al. 2005 §4): the rate at
/// which it dirties pages, into a writable working set that is a fraction of its memory.
public struct MemoryWrites: Sendable, Hashable {
    public var dirtyRateMBps: Double
    /// Writable working set as a fraction of the guest's memory (application and guest OS).
    public var writableWorkingSetFraction: Double
    public var source: String
}

/// One way to run the fleet: dedicated servers, or consolidated guests of one kind.
public struct VariantConfig: Sendable, Hashable {
    /// Name used in `summary.csv` (`dedicated`, `full`, `para`, `container` for the seed scenario).
    public var name: String
    public var kind: GuestKind
    /// One workload per server, no hypervisor, no migration: the pre-virtualization baseline.
    public var dedicated: Bool
    /// Placement constraint between tenants.
    public var isolation: IsolationConstraint = .none
}

/// Consolidation policies by registered name.
public struct PolicyConfig: Sendable, Hashable {
    public var placement: String
    public var overload: String
    public var overloadParameter: Double?
    /// `thr-sustained` only: consecutive measurements above the threshold that make an overload.
    public var overloadWindow: Int?
    public var selection: String
    public var underload: Bool
    /// Only hosts whose measured utilization is below this (0, 1] are evacuated by the under-load
    /// step; nil = every host, least utilized first (CloudSim's rule).
    public var underloadThreshold: Double?
    public var migration: String
}

/// The seed consolidation study (figure S1) and its kin.
public struct ConsolidationStudy: Sendable {
    /// Name of the hardware profile (a built-in one, or the inline document's `name`).
    public var hardwareProfile: String
    /// The hardware document given inline in the scenario, if any (else `hardwareProfile` names a built-in).
    public var inlineHardware: HardwareProfile?
    public var horizonHours: Double
    public var sampleMinutes: Double
    public var consolidationMinutes: Double
    public var reportMinutes: Double
    public var hostType: HostTypeConfig
    public var fleet: FleetConfig
    public var variants: [VariantConfig]
    public var policies: PolicyConfig
    /// Engine behaviour switches overriding the VirtSim preset (see `Semantics`), in file order.
    public var switches: [SemanticSwitch]
}

/// One engine behaviour switch set by a scenario (`"switches": {"deleteIdleGuests": true}`).
public struct SemanticSwitch: Sendable, Hashable {
    public var name: String
    public var value: Bool
}

/// A request-level I/O study (figure S2 and the Xen 2003 figures); its fields are read by the
/// I/O model's own reader.
public struct IOStudy: Sendable {
    public var raw: JSONValue
    public var path: String
}

/// A live-migration study (figure M1 and what-ifs around it); its fields are read by the command
/// line's migration reader, which knows the migration models.
public struct MigrationStudy: Sendable {
    public var raw: JSONValue
    public var path: String
}

/// A serverless platform study (function invocations, cold starts per sandbox kind, boot storms);
/// its fields are read by the command line's serverless reader, which knows the start-up model.
public struct ServerlessStudy: Sendable {
    public var raw: JSONValue
    public var path: String
}

/// A CPU time-sharing study (vCPUs on shared cores under a scheduler); read by
/// `TimeSharingStudyReader`.
public struct TimeSharingStudy: Sendable {
    public var raw: JSONValue
    public var path: String

    public init(raw: JSONValue, path: String) {
        self.raw = raw
        self.path = path
    }
}

/// An availability study (host failures, HA restarts with admission control, maintenance); its
/// fields are read by `AvailabilityStudyReader`.
public struct AvailabilityStudy: Sendable {
    public var raw: JSONValue
    public var path: String
}

/// The CloudSim PlanetLab experiment for one day and one policy combination.
public struct PlanetLabStudy: Sendable {
    /// One of the CloudSim experiment names (`lr-mmt-1.2`, …).
    public var policy: String
    /// Trace day folder name, e.g. `20110303`.
    public var day: String
    /// `cloudsim` (CloudSim 3.0.3 semantics) or `virtsim` (intended semantics).
    public var mode: String
    /// Switches overriding the mode's preset, in file order.
    public var switches: [SemanticSwitch]
}
