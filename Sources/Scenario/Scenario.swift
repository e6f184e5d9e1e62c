import Consolidation
import Continuity
import Scheduling
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
        case migration(MigrationStudy)
        case serverless(ServerlessStudy)
        case timeSharing(TimeSharingStudy)
        case availability(AvailabilityStudy)
    }

    /// The value of the `study` key for each kind.
    public static let studyNames = ["consolidation", "io", "migration", "serverless", "timesharing", "availability"]
    /// The top-level key naming the JSON Schema an editor checks a file with: accepted (a
    /// string) at the root of scenario, hardware and power table files, ignored otherwise, and
    /// left out of the scenario `run.json` records.
    public static let schemaKey = "$schema"
}

/// Hosts of one type in the datacenter: a fixed pool of `count` hosts, or an elastic one
/// (`count` nil: as many as the guests need, at most one per guest). `rack` names the rack every
/// host of the pool stands in (recorded per host in hosts_inventory.csv, for failure domains).
public struct HostPoolConfig: Sendable, Hashable {
    public var type: HostType
    public var count: Int?
    public var rack: String?

    public init(type: HostType, count: Int? = nil, rack: String? = nil) {
        self.type = type
        self.count = count
        self.rack = rack
    }

    /// Label of the pool in outputs: the type's name, with its rack when it has one.
    public var label: String { rack.map { "\(type.name)@\($0)" } ?? type.name }
}

/// Guests of one size and kind (`guests: [{type, count, kind, vcpus, memoryMB, workload}]`).
/// Demand is a fraction of the guest's own vCPUs: a 2-vCPU guest at 30 % wants 0.6 vCPUs, each
/// vCPU worth `vcpuMips` MIPS, so on a host with faster cores it takes fewer cores.
public struct GuestTypeConfig: Sendable {
    public var name: String
    public var count: Int
    public var kind: GuestKind
    public var vcpus: Int
    /// Memory the host reserves for the guest (its configured size, guest OS included).
    public var memoryMB: Double
    /// MIPS of one vCPU as given (`vcpuMips`); nil = `vcpuMips(pools:)`'s default.
    public var vcpuMips: Double?
    /// The workload: a synthetic distribution and shape, or a trace (`servers` = `count`; its
    /// samples are fractions of the guest's vCPUs; `appMemoryMB` unused).
    public var workload: FleetConfig

    /// MIPS of one vCPU: as given, else the per-core MIPS of the slowest pool's hosts. A host
    /// takes a guest only if one of its cores holds a whole vCPU (the engine's per-core rule),
    /// so the default lets every pool take every guest; on a host with faster cores the same
    /// demand then takes proportionally fewer cores.
    public func vcpuMips(pools: [HostPoolConfig]) -> Double {
        vcpuMips ?? pools.map(\.type.mipsPerCore).min()!
    }
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
    /// The datacenter's hosts, pool by pool (`hosts`; the legacy `hostType` key is one elastic pool).
    public var hostPools: [HostPoolConfig]
    /// The first pool's type (the study's only type when the scenario uses `hostType`).
    public var hostType: HostType {
        get { hostPools[0].type }
        set { hostPools[0].type = newValue }
    }
    /// The workloads (`fleet`). With sized guests (`guestTypes` non-empty) it is a summary the
    /// estimate and shard plan read: `servers` is the total guest count, no distribution.
    public var fleet: FleetConfig
    /// Sized guests (`guests`), in file order; empty for a `fleet` study.
    public var guestTypes: [GuestTypeConfig] = []
    public var variants: [VariantConfig]
    /// The engine's policies as the scenario states them (before a baseline variant's placement is resolved).
    public var policies: PolicySpec
    /// Engine behaviour switches overriding the `semantics` preset (see `Semantics`), in file order.
    public var switches: [SemanticSwitch]
    /// The engine's preset (`SemanticsMode`): intended behaviour by default, or CloudSim 3.0.3's.
    public var semantics: SemanticsMode = .virtsim
    /// The order of the pools' hosts (their ids), `pools` by default.
    public var hostOrder: HostOrder = .pools
    /// One guest per file of a PlanetLab trace day (`traceGuests`), instead of `fleet` / `guests`.
    public var traceGuests: TraceGuestsConfig?
}

/// `traceGuests`: one guest per file of a PlanetLab trace day, each dealt one of `types` by
/// `assignment` (CloudSim's experiment: four EC2-like types in blocks). The trace is each guest's
/// whole demand, a fraction of its vCPUs; no cost-model overhead is added.
public struct TraceGuestsConfig: Sendable {
    /// Trace format; `planetlab` (a day folder of CoMon files under the trace root).
    public var format: String
    /// The day folder (`yyyymmdd`) under the trace root (`--traces` / `VIRTSIM_TRACES`).
    public var day: String
    public var assignment: TraceGuests.Assignment
    /// Where the assignment rule comes from.
    public var assignmentSource: String
    public var types: [TraceGuests.GuestType]
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

    public init(raw: JSONValue, path: String) {
        self.raw = raw
        self.path = path
    }
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
