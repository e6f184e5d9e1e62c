import MetricCatalogue
import Scheduling
import VirtModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What one availability run measured: per guest downtime, the failures and what became of
/// their guests, restarts, energy, maintenance.
public struct AvailabilityResult: Sendable {
    /// One host going down by failure (its own, its rack's or its power domain's), with what
    /// became of the guests that were up on it: restarted elsewhere or still down at the horizon
    /// (lost). `guests == restarted + lost` (tested).
    public struct Incident: Sendable, Hashable {
        public var time: Double
        public var host: Int
        /// Guests up on the host when it went down.
        public var guests: Int
        public var restarted = 0
        /// Restarts that found no host at their first attempt and waited.
        public var waited = 0
        public var lost = 0
        public init(time: Double, host: Int, guests: Int) {
            self.time = time
            self.host = host
            self.guests = guests
        }
    }

    /// One completed restart: the guest's kind and the seconds from its host's failure to running.
    public struct Restart: Sendable, Hashable {
        public var kind: StartupKind
        public var seconds: Double
    }

    public var hosts = 0
    /// Fewest hosts that hold every guest with no reserve (the pool when it cannot).
    public var hostsMinimum = 0
    public var guests = 0
    /// Per guest: admitted at first placement.
    public var admitted: [Bool] = []
    /// Capacity of the powered hosts, the admission reserve, and what admitted guests use (cores, MB).
    public var capacity: (cores: Double, ramMB: Double) = (0, 0)
    public var reserve: (cores: Double, ramMB: Double) = (0, 0)
    public var admittedUse: (cores: Double, ramMB: Double) = (0, 0)
    /// Per guest, seconds down within the horizon (0 for refused guests), and the part of it due
    /// to maintenance.
    public var downtimeSeconds: [Double] = []
    public var maintenanceDowntimeSeconds: [Double] = []
    public var incidents: [Incident] = []
    public var restarts: [Restart] = []
    public var hostFailures = 0
    public var domainFailures = 0
    /// Restarts cut short by the failure of the host they were booting on.
    public var interruptedRestarts = 0
    public var energyJoules = 0.0
    /// Σ power × horizon of the cluster without failures, and of the fewest hosts without reserve.
    public var steadyEnergyJoules = 0.0
    public var minimumSteadyEnergyJoules = 0.0
    /// Reservations that left a host above its capacity (must stay 0; tested).
    public var capacityViolations = 0

    public var maintenanceWindows = 0
    public var maintenanceWindowsSkipped = 0
    public var maintenanceUnfinished = 0
    /// Duration of every completed maintenance window, seconds.
    public var maintenanceSeconds: [Double] = []
    public var maintenanceHostsSkipped = 0
    public var migrations = 0
    public var abortedMigrations = 0
    public var migrationSeconds = 0.0
    /// Guests shut down because no host could take them during an evacuation.
    public var maintenanceColdFallbacks = 0

    public init() {}

    /// Per-guest availability: 1 − downtime / horizon; nil for a refused guest.
    public func availability(horizonSeconds: Double) -> [Double?] {
        downtimeSeconds.indices.map { admitted[$0] ? 1 - downtimeSeconds[$0] / horizonSeconds : nil }
    }

    /// "Nines" of an availability: −log10(1 − a); 12 when no downtime was seen (one part in 10^12
    /// is below what a run of at most a year resolves for a guest). O(1).
    public static func nines(_ availability: Double) -> Double {
        let unavailability = 1 - availability
        return unavailability <= 1e-12 ? 12 : -log10(unavailability)
    }

    /// Share of a migrating guest's CPU lost while it moves: CloudSim's assumption (the guest gets
    /// 90 % of its request on the source; Beloglazov & Buyya, CCPE 2012), the SLA cost of a
    /// live migration the consolidation study uses too.
    public static let migrationDegradation = 1 - CloudSimMigrationModel().sourceCpuShare

    /// The summary metrics, in reporting order, with units (README, metric table).
    public func metrics(horizonSeconds: Double) -> [MetricValue] {
        let avail = availability(horizonSeconds: horizonSeconds).compactMap { $0 }
        let admittedCount = Double(avail.count)
        let mean = avail.isEmpty ? 0 : avail.reduce(0, +) / admittedCount
        let downtimes = downtimeSeconds.indices.filter { admitted[$0] }.map { downtimeSeconds[$0] }
        let maintenanceDown = downtimeSeconds.indices.filter { admitted[$0] }.map { maintenanceDowntimeSeconds[$0] }
        let restartTimes = restarts.map(\.seconds)
        let meanOf = { (x: [Double]) in x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }
        return [
            MetricValue(.availability, mean),
            MetricValue(.availabilityNines, Self.nines(mean)),
            MetricValue(.availabilityMin, avail.min() ?? 0),
            MetricValue(.downtimeSecondsMean, meanOf(downtimes)),
            MetricValue(.hosts, Double(hosts)),
            MetricValue(.hostsMinimum, Double(hostsMinimum)),
            MetricValue(.haReservedHosts, Double(hosts - hostsMinimum)),
            MetricValue(.haReservedCores, reserve.cores),
            MetricValue(.haReservedMemoryGB, reserve.ramMB / 1024),
            MetricValue(.haReservedKWh, (steadyEnergyJoules - minimumSteadyEnergyJoules) / 3.6e6),
            MetricValue(.energyKWh, energyJoules / 3.6e6),
            MetricValue(.guests, Double(guests)),
            MetricValue(.guestsRefused, Double(guests) - admittedCount),
            MetricValue(.hostFailures, Double(hostFailures)),
            MetricValue(.domainFailures, Double(domainFailures)),
            MetricValue(.guestsInterrupted, Double(incidents.reduce(0) { $0 + $1.guests })),
            MetricValue(.restarts, Double(restarts.count)),
            MetricValue(.restartSecondsMean, meanOf(restartTimes)),
            MetricValue(.restartSecondsP99, restartTimes.isEmpty ? 0 : Quantiles.type7(restartTimes, 0.99)),
            MetricValue(.restartsWaited, Double(incidents.reduce(0) { $0 + $1.waited })),
            MetricValue(.guestsLost, Double(incidents.reduce(0) { $0 + $1.lost })),
            MetricValue(.maintenanceHours, meanOf(maintenanceSeconds) / 3600),
            MetricValue(.maintenanceMigrations, Double(migrations)),
            MetricValue(.maintenanceDowntimeSecondsMean, meanOf(maintenanceDown)),
            MetricValue(.maintenanceMigrationGuestHours, migrationSeconds / 3600),
            MetricValue(.maintenancePdmPercent,
                        admittedCount == 0 ? 0 : 100 * Self.migrationDegradation * migrationSeconds / (admittedCount * horizonSeconds)),
            MetricValue(.maintenanceColdFallbacks, Double(maintenanceColdFallbacks)),
        ]
    }

    /// Per kind (in `StartupKind` order, kinds with admitted guests only): guests, availability,
    /// nines, mean downtime, restarts with their mean and 99th percentile.
    public func perKind(horizonSeconds: Double, kinds: [StartupKind]) -> [(kind: StartupKind, guests: Int, availability: Double, nines: Double,
                                                                         downtimeMean: Double, restarts: Int, restartMean: Double, restartP99: Double)] {
        let avail = availability(horizonSeconds: horizonSeconds)
        return StartupKind.allCases.compactMap { kind in
            let members = kinds.indices.filter { kinds[$0] == kind && admitted[$0] }
            guard !members.isEmpty else { return nil }
            let a = members.reduce(0.0) { $0 + avail[$1]! } / Double(members.count)
            let down = members.reduce(0.0) { $0 + downtimeSeconds[$1] } / Double(members.count)
            let times = restarts.filter { $0.kind == kind }.map(\.seconds)
            return (kind, members.count, a, Self.nines(a), down, times.count,
                    times.isEmpty ? 0 : times.reduce(0, +) / Double(times.count), times.isEmpty ? 0 : Quantiles.type7(times, 0.99))
        }
    }
}
