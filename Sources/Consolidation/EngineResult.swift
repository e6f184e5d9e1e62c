import MetricCatalogue
import VirtModel

/// The metric set of a run (Beloglazov & Buyya 2012 plus VirtSim's utilization metrics).
/// Percent values are 0…100; SLAV and ESV use fractions as CloudSim prints them
/// (SLAV = SLATAH × PDM with both as fractions; ESV = energy (kWh) × SLAV).
public struct Metrics: Sendable, Hashable {
    public var energyKWh: Double = 0
    public var vmMigrations: Int = 0
    /// SLA violation time per active host, percent.
    public var slatahPercent: Double = 0
    /// Performance degradation due to migrations, percent.
    public var pdmPercent: Double = 0
    /// SLATAH × PDM (fractions).
    public var slav: Double = 0
    /// Energy × SLAV.
    public var esv: Double = 0
    public var hostShutdowns: Int = 0
    /// Seconds; NaN when there was no shutdown.
    public var meanTimeBeforeHostShutdown: Double = .nan
    public var stdDevTimeBeforeHostShutdown: Double = .nan
    /// Seconds (the observed migration duration, as CloudSim measures it); NaN without migrations.
    public var meanTimeBeforeVMMigration: Double = .nan
    public var stdDevTimeBeforeVMMigration: Double = .nan
    /// Time-weighted number of hosts that are powered on.
    public var activeHostsMean: Double = 0
    /// Percent, time-weighted over hosts while they are on: Σ∫util dt / Σ on-time.
    public var meanActiveHostCpuUtilization: Double = 0
    /// Share (0…1) of active host time with CPU demand ≥ capacity.
    public var slaOverloadTimeFraction: Double = 0
    /// Time-weighted guests per powered-on host.
    public var guestsPerActiveHostMean: Double = 0
    /// (requested − allocated) / requested over all guest CPU-seconds, percent.
    public var overallSlaViolationPercent: Double = 0
    /// Mean relative shortfall over (guest, interval) pairs that were short, percent.
    public var averageSlaViolationPercent: Double = 0
    /// Guests removed by the CloudSim zero-request rule.
    public var deletedGuests: Int = 0
    /// Guests that found no host at arrival.
    public var rejectedGuests: Int = 0
    /// Guests still placed at the end.
    public var guestsAliveAtEnd: Int = 0
    /// Wall-clock seconds spent in consolidation rounds (mean per round), as CloudSim reports
    /// its execution times: overload detection, VM selection, reallocation, whole round.
    public var executionTimeHostSelectionMean: Double = 0
    public var executionTimeVmSelectionMean: Double = 0
    public var executionTimeVmReallocationMean: Double = 0
    public var executionTimeTotalMean: Double = 0
    /// Consolidation rounds run.
    public var consolidationRounds: Int = 0
    /// Simulated time at which the run stopped.
    public var totalSimulationTime: Double = 0
    /// Mean downtime of a migration (s) under a model that has one (pre-copy, cold); nil under
    /// CloudSim's, which has none, so CloudSim's metric set stays as it is.
    public var migrationDowntimeSecondsMean: Double?

    public init() {}

    /// CloudSim's metric set (and the downtime of a model that has one) in a stable order: a
    /// PlanetLab day's summary rows.
    public var rows: [MetricValue] {
        [
            MetricValue(.energyKWh, energyKWh),
            MetricValue(.migrations, Double(vmMigrations)),
            MetricValue(.slatahPercent, slatahPercent),
            MetricValue(.pdmPercent, pdmPercent),
            MetricValue(.slav, slav),
            MetricValue(.esv, esv),
            MetricValue(.hostShutdowns, Double(hostShutdowns)),
            MetricValue(.meanTimeBeforeHostShutdown, meanTimeBeforeHostShutdown),
            MetricValue(.meanTimeBeforeVMMigration, meanTimeBeforeVMMigration),
            MetricValue(.activeHostsMean, activeHostsMean),
            MetricValue(.meanActiveHostCpuUtilization, meanActiveHostCpuUtilization),
            MetricValue(.slaOverloadTimeFraction, slaOverloadTimeFraction),
            MetricValue(.guestsPerActiveHostMean, guestsPerActiveHostMean),
            MetricValue(.overallSlaViolationPercent, overallSlaViolationPercent),
            MetricValue(.averageSlaViolationPercent, averageSlaViolationPercent),
            MetricValue(.deletedGuests, Double(deletedGuests)),
            MetricValue(.rejectedGuests, Double(rejectedGuests)),
            MetricValue(.guestsAliveAtEnd, Double(guestsAliveAtEnd)),
        ] + (migrationDowntimeSecondsMean.map { [MetricValue(.migrationDowntimeSecondsMean, $0)] } ?? [])
    }
}

/// One host over one report interval (hosts.csv).
public struct HostIntervalRow: Sendable, Hashable {
    /// Start of the interval (s).
    public var time: Double
    public var host: Int
    /// Power state at the end of the interval: "on", "sleeping".
    public var state: String
    /// Time-weighted mean CPU utilization over the interval (0…1).
    public var meanUtilization: Double
    public var energyKWh: Double
    /// Guests placed on the host at the end of the interval (incoming migrations included).
    public var guests: Int
    /// Length of the report interval (s).
    public var length: Double
    /// Seconds of the interval during which the host was on (had guests; CloudSim mode: was active).
    public var onSeconds: Double

    public init(time: Double, host: Int, state: String, meanUtilization: Double, energyKWh: Double, guests: Int,
                length: Double = 0, onSeconds: Double = 0) {
        self.length = length
        self.onSeconds = onSeconds
        self.time = time
        self.host = host
        self.state = state
        self.meanUtilization = meanUtilization
        self.energyKWh = energyKWh
        self.guests = guests
    }
}

/// One guest's summary (guests.csv).
public struct GuestRow: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var kind: GuestKind
    /// Host at first placement (-1: never placed).
    public var initialHost: Int
    /// Host at the end or when the guest left (-1: never placed).
    public var finalHost: Int
    public var migrations: Int
    /// Mean requested MIPS over the guest's measured life.
    public var meanDemandMips: Double
    /// The same as a fraction of the guest's nominal MIPS (mips × vCPUs).
    public var meanDemand: Double
    public var requestedCpuSeconds: Double
    public var allocatedCpuSeconds: Double
    /// Removed by the zero-request rule (CloudSim mode).
    public var deleted: Bool

    public init(id: Int, name: String, kind: GuestKind, initialHost: Int, finalHost: Int, migrations: Int,
                meanDemandMips: Double, meanDemand: Double, requestedCpuSeconds: Double, allocatedCpuSeconds: Double, deleted: Bool) {
        self.id = id
        self.name = name
        self.kind = kind
        self.initialHost = initialHost
        self.finalHost = finalHost
        self.migrations = migrations
        self.meanDemandMips = meanDemandMips
        self.meanDemand = meanDemand
        self.requestedCpuSeconds = requestedCpuSeconds
        self.allocatedCpuSeconds = allocatedCpuSeconds
        self.deleted = deleted
    }
}

/// What a run produces.
public struct EngineResult: Sendable {
    public var metrics: Metrics
    /// Per host per report interval (only when `recordHostIntervals`).
    public var hostIntervals: [HostIntervalRow]
    public var guests: [GuestRow]
    /// The placement decision `EngineConfig.decisionTrace` asked for, when the engine took one.
    public var decision: PlacementDecision?
    /// Peak and percentile capacity, per host type, and the demand a fixed pool could not place.
    public var capacity = CapacityMetrics()

    public init(metrics: Metrics, hostIntervals: [HostIntervalRow], guests: [GuestRow], decision: PlacementDecision? = nil) {
        self.metrics = metrics
        self.hostIntervals = hostIntervals
        self.guests = guests
        self.decision = decision
    }
}
