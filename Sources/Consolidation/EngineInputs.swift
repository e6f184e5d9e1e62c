import SimKernel
import VirtModel
import Scheduling
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An immutable buffer of utilization samples shared by many guests (struct-of-arrays: one
/// contiguous `[Float]`, each guest reads a window of it). A class only so that a million
/// guests can share one buffer without copying; it is never mutated after creation.
public final class SampleBuffer: Sendable {
    public let values: [Float]
    public init(_ values: [Float]) { self.values = values }
}

/// Where a guest's CPU utilization comes from. Values are fractions of the guest's
/// `mips × vcpus` (0…1, larger values are allowed and mean over-demand).
public enum UtilizationSource: Sendable {
    /// `count` samples starting at `offset` in a shared buffer; each value is divided by
    /// `divisor` in Double (PlanetLab stores integer percents with divisor 100, which gives
    /// exactly Java's `percent / 100.0`).
    case samples(SampleBuffer, offset: Int, count: Int, divisor: Double = 1)
    /// A constant fraction (tests, simple scenarios).
    case constant(Double)
    /// A cheap deterministic synthetic generator evaluated on demand (no storage per sample).
    case synthetic(SyntheticUtilization)
}

/// A deterministic synthetic utilization series: diurnal sine plus hashed noise plus rare
/// bursts, evaluated in O(1) per sample from (seed, sample index). Used by the scale scenario
/// so that a million guests need no sample storage at all.
public struct SyntheticUtilization: Sendable, Hashable {
    public var mean: Double
    /// Amplitude of the 24-hour sine, as a fraction of utilization.
    public var diurnalAmplitude: Double
    /// Phase of the sine in samples.
    public var phase: Double
    /// Standard-deviation-like spread of the per-sample noise (uniform ± noise).
    public var noise: Double
    /// Probability that a sample is a burst, and the burst level.
    public var burstProbability: Double
    public var burstLevel: Double
    /// Samples per day (288 for 5-minute samples).
    public var samplesPerDay: Double
    public var seed: UInt64

    public init(mean: Double, diurnalAmplitude: Double, phase: Double, noise: Double,
                burstProbability: Double, burstLevel: Double, samplesPerDay: Double = 288, seed: UInt64) {
        self.mean = mean
        self.diurnalAmplitude = diurnalAmplitude
        self.phase = phase
        self.noise = noise
        self.burstProbability = burstProbability
        self.burstLevel = burstLevel
        self.samplesPerDay = samplesPerDay
        self.seed = seed
    }

    /// The utilization fraction of sample `index` (clamped to [0, 1]). O(1).
    @inlinable
    public func value(at index: Int) -> Double {
        var mix = SplitMix64(seed: seed &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
        let a = Double(mix.next() >> 11) * 0x1.0p-53
        let b = Double(mix.next() >> 11) * 0x1.0p-53
        if b < burstProbability { return min(1, max(0, burstLevel)) }
        let angle = 2 * Double.pi * (Double(index) + phase) / samplesPerDay
        let v = mean * (1 + diurnalAmplitude * sin(angle)) + noise * (2 * a - 1)
        return min(1, max(0, v))
    }
}

/// One guest (VM, container, …) of the datacenter.
public struct GuestSpec: Sendable {
    public var id: Int
    public var name: String
    public var kind: GuestKind
    /// MIPS of one vCPU (CloudSim VM MIPS).
    public var mips: Double
    public var vcpus: Int
    /// Memory reserved on the host (the caller adds the kind's footprint).
    public var ramMB: Double
    /// Extra host CPU per unit of guest demand (from the cost model; 0 for native):
    /// host demand = guest demand × (1 + cpuOverheadFraction).
    public var cpuOverheadFraction: Double
    public var utilization: UtilizationSource
    /// Seconds between samples.
    public var sampleInterval: Double
    /// When the guest arrives (s). Guests with arrival ≤ 0 are placed at time 0.
    public var arrival: Double
    /// When it leaves (s), or nil to stay until the horizon.
    public var departure: Double?
    /// Boot time after placement (s); SLA accounting starts when it is up.
    public var bootSeconds: Double
    /// How the guest writes its memory, for pre-copy migration (`MigrationRequest`): MB/s into
    /// its writable working set, and that set's size (nil = all its memory). 0 = a guest that
    /// writes nothing, which pre-copy moves in one round with no downtime beyond the fixed costs.
    public var dirtyRateMBps: Double
    public var writableWorkingSetMB: Double?
    /// The tenant that owns the guest (isolation metrics and `EngineConfig.tenantExclusiveHosts`).
    public var tenant: Int

    public init(id: Int, name: String, kind: GuestKind, mips: Double, vcpus: Int = 1, ramMB: Double,
                cpuOverheadFraction: Double = 0, utilization: UtilizationSource, sampleInterval: Double = 300,
                arrival: Double = 0, departure: Double? = nil, bootSeconds: Double = 0,
                dirtyRateMBps: Double = 0, writableWorkingSetMB: Double? = nil, tenant: Int = 0) {
        self.id = id
        self.name = name
        self.kind = kind
        self.mips = mips
        self.vcpus = vcpus
        self.ramMB = ramMB
        self.cpuOverheadFraction = cpuOverheadFraction
        self.utilization = utilization
        self.sampleInterval = sampleInterval
        self.arrival = arrival
        self.departure = departure
        self.bootSeconds = bootSeconds
        self.dirtyRateMBps = dirtyRateMBps
        self.writableWorkingSetMB = writableWorkingSetMB
        self.tenant = tenant
    }

    /// Nominal CPU size in MIPS (all vCPUs).
    public var totalMips: Double { mips * Double(vcpus) }
}

/// The policies of a run, by registry name.
public struct PolicySpec: Sendable, Hashable {
    /// Initial placement and migration-target selection: "first-fit", "first-fit-decreasing",
    /// "best-fit", "worst-fit", "power-aware-best-fit-decreasing" (alias "pabfd").
    public var placement: String
    /// Overload detection as one typed value (`OverloadPolicy`: detector, parameter, window),
    /// or why the names given to `init` do not make one (the engine reports it).
    public var overloadPolicy: Result<OverloadPolicy, PolicyLookupError>
    /// The overload detector's registry name ("thr", "thr-sustained", "iqr", "mad", "lr", "lrr",
    /// "none"), or the unknown name given.
    public var overload: String {
        switch overloadPolicy {
        case .success(let p): p.name
        case .failure(let e): e.name
        }
    }
    /// VM selection: "mmt", "mc", "mu", "rs".
    public var selection: String
    /// Evacuate under-loaded hosts.
    public var underload: Bool
    /// Only hosts whose utilization is below this are under-load candidates (nil: every active
    /// host, least loaded first, as CloudSim does).
    public var underloadThreshold: Double?
    /// At most this many under-load evacuation attempts per round (nil: no limit, as CloudSim).
    public var maxUnderloadAttemptsPerRound: Int?
    /// Migration model (the engine's migration type is picked from it once, at start).
    public var migrationModel: MigrationModelKind
    /// false: hosts draw full power whatever their load (CloudSim's NonPowerAware baseline).
    public var powerAware: Bool

    public init(placement: String = "power-aware-best-fit-decreasing", overload: String = "thr",
                overloadParameter: Double? = nil, selection: String = "mmt", underload: Bool = true,
                underloadThreshold: Double? = nil, maxUnderloadAttemptsPerRound: Int? = nil,
                migrationModel: MigrationModelKind = .cloudSim, powerAware: Bool = true, overloadWindow: Int? = nil) {
        let policy = Result { () throws(PolicyLookupError) in
            try OverloadPolicy(name: overload, parameter: overloadParameter, window: overloadWindow)
        }
        self.init(placement: placement, overloadPolicy: policy, selection: selection, underload: underload,
                  underloadThreshold: underloadThreshold, maxUnderloadAttemptsPerRound: maxUnderloadAttemptsPerRound,
                  migrationModel: migrationModel, powerAware: powerAware)
    }

    /// The policies with overload detection already resolved into its typed value (the scenario
    /// reader's, or a table's): nothing is parsed again on the way to the engine.
    public init(placement: String = "power-aware-best-fit-decreasing", overloadPolicy: OverloadPolicy,
                selection: String = "mmt", underload: Bool = true, underloadThreshold: Double? = nil,
                maxUnderloadAttemptsPerRound: Int? = nil, migrationModel: MigrationModelKind = .cloudSim, powerAware: Bool = true) {
        self.init(placement: placement, overloadPolicy: .success(overloadPolicy), selection: selection, underload: underload,
                  underloadThreshold: underloadThreshold, maxUnderloadAttemptsPerRound: maxUnderloadAttemptsPerRound,
                  migrationModel: migrationModel, powerAware: powerAware)
    }

    private init(placement: String, overloadPolicy: Result<OverloadPolicy, PolicyLookupError>, selection: String, underload: Bool,
                 underloadThreshold: Double?, maxUnderloadAttemptsPerRound: Int?, migrationModel: MigrationModelKind, powerAware: Bool) {
        self.placement = placement
        self.overloadPolicy = overloadPolicy
        self.selection = selection
        self.underload = underload
        self.underloadThreshold = underloadThreshold
        self.maxUnderloadAttemptsPerRound = maxUnderloadAttemptsPerRound
        self.migrationModel = migrationModel
        self.powerAware = powerAware
    }
}

/// Everything one engine run needs.
public struct EngineConfig: Sendable {
    public var hostTypes: [HostType]
    /// Type index (into `hostTypes`) of every host, in host-id order.
    public var hostLayout: [Int]
    public var guests: [GuestSpec]
    public var policies: PolicySpec
    public var semantics: Semantics
    /// End of the simulated period (s).
    public var horizon: Double
    /// Seconds between consolidation rounds (CloudSim mode: every tick).
    public var consolidationInterval: Double
    public var seed: UInt64
    /// Record `hostIntervals` (per host per report interval) for hosts.csv.
    public var recordHostIntervals: Bool
    /// Length of a report interval for `hostIntervals` (s).
    public var reportInterval: Double
    /// Record one placement decision with every host's verdict (`EngineResult.decision`); nil = none.
    public var decisionTrace: DecisionTraceRequest?
    /// Isolation constraint: a host holds guests of one tenant at a time (tenant anti-affinity, or
    /// "no two tenants share a kernel" for kinds that share the host's kernel). Enforced as one
    /// filter at the top of placement (`Engine.findHost`), so every placement rule honours it.
    public var tenantExclusiveHosts = false
    /// Use the first-fit index even for small datacenters (tests compare it with the scan).
    var forceFirstFitIndex = false
    /// Run the engine's host scans as the scalar reference loops instead of the SIMD scans
    /// (tests and the benchmark compare the two; every decision must be the same).
    public var scalarHostScans = false

    public init(hostTypes: [HostType], hostLayout: [Int], guests: [GuestSpec], policies: PolicySpec,
                semantics: Semantics = .virtSim, horizon: Double, consolidationInterval: Double = 300,
                seed: UInt64 = 1, recordHostIntervals: Bool = false, reportInterval: Double = 3600) {
        self.hostTypes = hostTypes
        self.hostLayout = hostLayout
        self.guests = guests
        self.policies = policies
        self.semantics = semantics
        self.horizon = horizon
        self.consolidationInterval = consolidationInterval
        self.seed = seed
        self.recordHostIntervals = recordHostIntervals
        self.reportInterval = reportInterval
    }

    /// Lays hosts out type by type: all `hostsPerType[0]` hosts of `hostTypes[0]` first, then the next type.
    public init(hostTypes: [HostType], hostsPerType: [Int], guests: [GuestSpec], policies: PolicySpec,
                semantics: Semantics = .virtSim, horizon: Double, consolidationInterval: Double = 300,
                seed: UInt64 = 1, recordHostIntervals: Bool = false, reportInterval: Double = 3600) {
        precondition(hostsPerType.count == hostTypes.count, "one host count per host type")
        var layout: [Int] = []
        for (i, n) in hostsPerType.enumerated() { layout.append(contentsOf: repeatElement(i, count: n)) }
        self.init(hostTypes: hostTypes, hostLayout: layout, guests: guests, policies: policies,
                  semantics: semantics, horizon: horizon, consolidationInterval: consolidationInterval,
                  seed: seed, recordHostIntervals: recordHostIntervals, reportInterval: reportInterval)
    }
}

/// Errors of the engine's input.
public enum EngineError: Error, CustomStringConvertible, Equatable {
    case invalidConfig(String)
    case unknownPolicy(kind: String, name: String)

    public var description: String {
        switch self {
        case .invalidConfig(let m): return "invalid engine configuration: \(m)"
        case .unknownPolicy(let kind, let name): return "unknown \(kind) policy '\(name)'"
        }
    }
}
