/// Every metric a study writes to `summary.csv`: its name (the raw value, as it appears in the
/// file), its unit and what it means. The one definition of metric names and units: the studies
/// build their summary rows from these cases (`MetricValue`), and README's metric tables are
/// rendered from them (`MetricTable`; a test keeps README equal to the rendering).
///
/// Cases are grouped by the study that writes them (`group`), in reporting order.
public enum Metric: String, CaseIterable, Sendable {
    // The consolidation engine (consolidation studies and PlanetLab days).
    case meanActiveHostCpuUtilization = "mean_active_host_cpu_utilization"
    case activeHostsMean = "active_hosts_mean"
    case guestsPerActiveHostMean = "guests_per_active_host_mean"
    case energyKWh = "energy_kwh"
    case migrations = "migrations"
    case migrationDowntimeSecondsMean = "migration_downtime_seconds_mean"
    case slaOverloadTimeFraction = "sla_overload_time_fraction"
    case slatahPercent = "slatah_percent"
    case pdmPercent = "pdm_percent"
    case hostShutdowns = "host_shutdowns"

    // PlanetLab days: the rest of CloudSim's metric set.
    case slav = "slav"
    case esv = "esv"
    case meanTimeBeforeHostShutdown = "mean_time_before_host_shutdown"
    case meanTimeBeforeVMMigration = "mean_time_before_vm_migration"
    case overallSlaViolationPercent = "overall_sla_violation_percent"
    case averageSlaViolationPercent = "average_sla_violation_percent"
    case deletedGuests = "deleted_guests"
    case rejectedGuests = "rejected_guests"
    case guestsAliveAtEnd = "guests_alive_at_end"

    // Consolidation: the guest kind's cost and the fleet's demand.
    case cpuOverheadPercent = "cpu_overhead_percent"
    /// A pattern: one metric per operation (`MetricValue(_:operation:_:)` fills it in).
    case cpuOverheadByOperationPercent = "cpu_overhead_<operation>_percent"
    case guestMemoryFootprintMB = "guest_memory_footprint_mb"
    case workloadMeanDemand = "workload_mean_demand"

    // Consolidation: capacity.
    case activeHostsMax = "active_hosts_max"
    case activeHostsP95 = "active_hosts_p95"
    case activeHostsP99 = "active_hosts_p99"
    case cpuHeadroomAtPeakPercent = "cpu_headroom_at_peak_percent"
    case memoryHeadroomAtPeakPercent = "memory_headroom_at_peak_percent"
    case guestsWaited = "guests_waited"
    case guestsWaitingMax = "guests_waiting_max"
    case guestsWaitingAtEnd = "guests_waiting_at_end"
    case guestHoursWaiting = "guest_hours_waiting"

    // Consolidation with tenants: isolation of the final placement.
    case isolationBoundaries = "isolation_boundaries"
    case tenantsPerBoundaryMean = "tenants_per_boundary_mean"
    case tenantsPerBoundaryMax = "tenants_per_boundary_max"
    case blastRadiusPercentMax = "blast_radius_percent_max"
    case blastRadiusPercentMean = "blast_radius_percent_mean"
    case tenantsExposedMean = "tenants_exposed_mean"
    case hostBoundaryTenantsMean = "host_boundary_tenants_mean"
    case hostBoundaryTenantsMax = "host_boundary_tenants_max"

    // I/O.
    case ioThroughputLoss = "io_throughput_loss"
    case ioLatencyMean = "io_latency_mean"
    case ioLatencyP99 = "io_latency_p99"
    case ioThroughput = "io_throughput"
    case ioCpuPerRequest = "io_cpu_per_request"
    case ioFairnessJain = "io_fairness_jain"

    // Live migration.
    case migrationTotalSeconds = "migration_total_seconds"
    case migrationDowntimeSeconds = "migration_downtime_seconds"
    case migrationDataMB = "migration_data_mb"
    case migrationRounds = "migration_rounds"

    // Serverless.
    case invocations = "invocations"
    case coldStarts = "cold_starts"
    case coldStartPercent = "cold_start_percent"
    case responseMsMean = "response_ms_mean"
    case responseMsP50 = "response_ms_p50"
    case responseMsP99 = "response_ms_p99"
    case coldStartDelayMsMean = "cold_start_delay_ms_mean"
    case coldStartDelayMsP99 = "cold_start_delay_ms_p99"
    case queuedForCapacity = "queued_for_capacity"
    case sandboxesEvicted = "sandboxes_evicted"
    case sandboxesPeak = "sandboxes_peak"
    case sandboxMemoryGBMean = "sandbox_memory_gb_mean"
    case idleMemoryGBHours = "idle_memory_gb_hours"
    case imageFetchedGB = "image_fetched_gb"
    case startupUncontendedSeconds = "startup_uncontended_seconds"

    // Time-sharing.
    case cpuBoundThroughput = "cpu_bound_throughput"
    case timesharingOverheadPercent = "timesharing_overhead_percent"
    case switchesPerSecond = "switches_per_second"
    case interactiveWaitMean = "interactive_wait_mean"
    case interactiveWaitP99 = "interactive_wait_p99"
    case interactiveResponseMean = "interactive_response_mean"
    case fairnessJain = "fairness_jain"

    // Availability (over the guests admission control admitted).
    case availability = "availability"
    case availabilityNines = "availability_nines"
    case availabilityMin = "availability_min"
    case downtimeSecondsMean = "downtime_seconds_mean"
    case hosts = "hosts"
    case hostsMinimum = "hosts_minimum"
    case haReservedHosts = "ha_reserved_hosts"
    case haReservedCores = "ha_reserved_cores"
    case haReservedMemoryGB = "ha_reserved_memory_gb"
    case haReservedKWh = "ha_reserved_kwh"
    case guests = "guests"
    case guestsRefused = "guests_refused"
    case hostFailures = "host_failures"
    case domainFailures = "domain_failures"
    case guestsInterrupted = "guests_interrupted"
    case restarts = "restarts"
    case restartSecondsMean = "restart_seconds_mean"
    case restartSecondsP99 = "restart_seconds_p99"
    case restartsWaited = "restarts_waited"
    case guestsLost = "guests_lost"
    case maintenanceHours = "maintenance_hours"
    case maintenanceMigrations = "maintenance_migrations"
    case maintenanceDowntimeSecondsMean = "maintenance_downtime_seconds_mean"
    case maintenanceMigrationGuestHours = "maintenance_migration_guest_hours"
    case maintenancePdmPercent = "maintenance_pdm_percent"
    case maintenanceColdFallbacks = "maintenance_cold_fallbacks"

    /// The name in `summary.csv` (for a pattern, the pattern with its `<operation>` placeholder).
    @inlinable public var name: String { rawValue }

    /// True for a pattern (a family of metrics, one per operation).
    public var isPattern: Bool { self == .cpuOverheadByOperationPercent }
}

/// The studies that write summary metrics, in README order (a README metric table each).
public enum MetricGroup: String, CaseIterable, Sendable {
    case engine, cloudSim, cost, capacity, isolation, io, migration, serverless, timeSharing, availability

    /// The heading of the group's table in README.
    public var title: String {
        switch self {
        case .engine: "Consolidation and PlanetLab (the consolidation engine)"
        case .cloudSim: "PlanetLab only (the rest of CloudSim's metric set)"
        case .cost: "Consolidation: the guest kind's cost and the fleet's demand (fleet variants)"
        case .capacity: "Consolidation: capacity"
        case .isolation: "Consolidation with `fleet.tenants`: isolation of the final placement"
        case .io: "I/O (`\"study\": \"io\"`)"
        case .migration: "Live migration (`\"study\": \"migration\"`), per guest"
        case .serverless: "Serverless (`\"study\": \"serverless\"`), per kind"
        case .timeSharing: "Time-sharing (`\"study\": \"timesharing\"`), per scheduler"
        case .availability: "Availability (`\"study\": \"availability\"`), per variant, over the guests admission control admitted"
        }
    }
}
