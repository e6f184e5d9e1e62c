/// Unit, group and meaning of every metric: README's metric tables are rendered from this.
extension Metric {
    /// What one metric is: its unit(s), the study that writes it and its meaning.
    public struct Definition: Sendable {
        /// The units a row of this metric may carry; one except where the unit is the workload's
        /// (`io_throughput`).
        public let units: [String]
        public let group: MetricGroup
        public let meaning: String
    }

    /// The unit of a metric with one unit. Precondition: `definition.units.count == 1`.
    public var unit: String {
        let units = definition.units
        precondition(units.count == 1, "\(name) has no single unit: its writer gives one of \(units)")
        return units[0]
    }

    public var definition: Definition {
        switch self {
        case .meanActiveHostCpuUtilization:
            d("percent", .engine, "host CPU busy (guest demand + the kind's overhead) over capacity, time-weighted over hosts that are on")
        case .activeHostsMean: d("hosts", .engine, "time-weighted number of hosts powered on")
        case .guestsPerActiveHostMean: d("guests", .engine, "density: guests ÷ active hosts, time-weighted")
        case .energyKWh:
            d("kWh", .engine, "energy of all hosts over the run, integrated exactly between events (independent of the report interval); "
              + "availability: the powered hosts, failed and serviced hosts at their off draw")
        case .migrations: d("count", .engine, "live migrations started")
        case .migrationDowntimeSecondsMean:
            d("s", .engine, "mean downtime of a migration, under the pre-copy and cold models only (CloudSim's has none)")
        case .slaOverloadTimeFraction: d("fraction", .engine, "share of active host time with demand ≥ capacity (100 % CPU)")
        case .slatahPercent: d("percent", .engine, "SLA violation time per active host (Beloglazov & Buyya 2012)")
        case .pdmPercent: d("percent", .engine, "performance degradation due to migration (Beloglazov & Buyya 2012)")
        case .hostShutdowns: d("count", .engine, "hosts switched off (CloudSim's host statistics)")

        case .slav: d("fraction", .cloudSim, "SLAV = SLATAH × PDM, both as fractions")
        case .esv: d("kWh", .cloudSim, "ESV = energy × SLAV")
        case .meanTimeBeforeHostShutdown: d("s", .cloudSim, "mean time a host stays on before it is switched off")
        case .meanTimeBeforeVMMigration: d("s", .cloudSim, "mean duration of a migration, as CloudSim measures it")
        case .overallSlaViolationPercent: d("percent", .cloudSim, "(requested − allocated) ÷ requested over all guest CPU-seconds")
        case .averageSlaViolationPercent: d("percent", .cloudSim, "mean relative shortfall over the (guest, interval) pairs that were short")
        case .deletedGuests: d("count", .cloudSim, "guests removed by CloudSim's zero-request rule")
        case .rejectedGuests: d("count", .cloudSim, "guests that found no host at arrival")
        case .guestsAliveAtEnd: d("count", .cloudSim, "guests still placed at the end")

        case .cpuOverheadPercent: d("percent", .cost, "the kind's CPU overhead from the cost model (operation rates × per-operation costs)")
        case .cpuOverheadByOperationPercent:
            d("percent", .cost, "the same split by operation (`syscall`, `page_fault`, `context_switch`, `tlb_miss`, `timer_interrupt`, "
              + "`disk_request`, `network_packet`, …), zero components left out")
        case .guestMemoryFootprintMB: d("MB", .cost, "the kind's per-guest memory beyond the application (guest kernel, device model, runtime)")
        case .workloadMeanDemand:
            d("percent", .cost, "the fleet's mean demand (what a dedicated server sees); with sized guests, the mean over guests of demand "
              + "as a share of the guest's vCPUs")

        case .activeHostsMax:
            d("hosts", .capacity, "most hosts powered on (holding a guest) at one sample; sampled at every workload sample, after the "
              + "sample's update and before consolidation")
        case .activeHostsP95:
            d("hosts", .capacity, "the 95th percentile of that sampled count (linear interpolation between order statistics, R/NumPy's "
              + "default); the peak, not the mean, is what a pool must hold")
        case .activeHostsP99: d("hosts", .capacity, "the 99th percentile of that sampled count, so `active_hosts_max` ≥ p99 ≥ p95")
        case .cpuHeadroomAtPeakPercent:
            d("percent", .capacity, "at the first sample with `active_hosts_max` hosts on: CPU capacity not requested (guest demand + the "
              + "kind's overhead) over the powered-on hosts' capacity")
        case .memoryHeadroomAtPeakPercent:
            d("percent", .capacity, "at the same sample: memory not reserved over the powered-on hosts' memory")
        case .guestsWaited:
            d("count", .capacity, "guests that found no host when they arrived and had to wait (a full fixed pool, or a demand no host "
              + "could take without overload)")
        case .guestsWaitingMax: d("count", .capacity, "most guests waiting at one sample")
        case .guestsWaitingAtEnd: d("count", .capacity, "guests never placed by the horizon")
        case .guestHoursWaiting:
            d("guest-hours", .capacity, "Σ over guests of the time spent waiting for a host: the demand a fixed pool could not place")

        case .isolationBoundaries:
            d("count", .isolation, "first shared boundaries: a VM's host hypervisor, a container's host kernel, a container-in-VM's tenant VM")
        case .tenantsPerBoundaryMean: d("tenants", .isolation, "distinct tenants behind one first shared boundary, mean")
        case .tenantsPerBoundaryMax: d("tenants", .isolation, "distinct tenants behind one first shared boundary, most")
        case .blastRadiusPercentMax: d("percent", .isolation, "share of placed guests behind the largest boundary")
        case .blastRadiusPercentMean:
            d("percent", .isolation, "share of placed guests behind a random guest's boundary: the expected reach of one escape")
        case .tenantsExposedMean: d("tenants", .isolation, "other tenants behind a random guest's boundary")
        case .hostBoundaryTenantsMean:
            d("tenants", .isolation, "distinct tenants per host boundary (hypervisor or host kernel), mean: the second wall for containers in VMs")
        case .hostBoundaryTenantsMax: d("tenants", .isolation, "distinct tenants per host boundary, most")

        case .ioThroughputLoss: d("percent", .io, "I/O throughput lost against native (native: 0)")
        case .ioLatencyMean: d("us", .io, "request latency, submission to completion, mean")
        case .ioLatencyP99: d("us", .io, "request latency, submission to completion, 99th percentile")
        case .ioThroughput:
            Definition(units: ["MB/s", "Mb/s", "transactions/s", "work-s/s"], group: .io,
                       meaning: "delivered throughput, in the workload's unit (storage, network stream, request/response, compute)")
        case .ioCpuPerRequest: d("us", .io, "CPU spent on the I/O path per request")
        case .ioFairnessJain: d("index", .io, "Jain's fairness index of the guests' throughputs (more than one guest)")

        case .migrationTotalSeconds: d("s", .migration, "from the start of pre-copy to the guest running on the target")
        case .migrationDowntimeSeconds: d("s", .migration, "time the guest is paused (stop-and-copy and resume)")
        case .migrationDataMB: d("MB", .migration, "data sent over the link")
        case .migrationRounds: d("count", .migration, "copy rounds, the stop-and-copy round included")

        case .invocations: d("count", .serverless, "function invocations")
        case .coldStarts: d("count", .serverless, "invocations that found no warm sandbox")
        case .coldStartPercent: d("percent", .serverless, "cold starts over invocations")
        case .responseMsMean: d("ms", .serverless, "arrival to completion, mean")
        case .responseMsP50: d("ms", .serverless, "arrival to completion, median")
        case .responseMsP99: d("ms", .serverless, "arrival to completion, 99th percentile")
        case .coldStartDelayMsMean: d("ms", .serverless, "arrival to the handler's start, cold invocations, mean")
        case .coldStartDelayMsP99: d("ms", .serverless, "arrival to the handler's start, cold invocations, 99th percentile")
        case .queuedForCapacity: d("count", .serverless, "invocations that waited for memory")
        case .sandboxesEvicted: d("count", .serverless, "idle sandboxes evicted to make room")
        case .sandboxesPeak: d("count", .serverless, "most sandboxes alive at once")
        case .sandboxMemoryGBMean: d("GB", .serverless, "memory held by sandboxes, time-weighted mean")
        case .idleMemoryGBHours: d("GB·h", .serverless, "memory held by idle sandboxes")
        case .imageFetchedGB: d("GB", .serverless, "images fetched over the image link")
        case .startupUncontendedSeconds: d("s", .serverless, "one start alone: the sum of the start-up phases (startup.csv)")

        case .cpuBoundThroughput: d("CPU-s/s", .timeSharing, "useful CPU-seconds per second of the CPU-bound vCPUs together")
        case .timesharingOverheadPercent: d("percent", .timeSharing, "share of the cores' busy time spent switching and refilling")
        case .switchesPerSecond: d("1/s", .timeSharing, "context switches per second")
        case .interactiveWaitMean: d("us", .timeSharing, "from the interactive vCPU's wake-up to its own work starting, mean")
        case .interactiveWaitP99: d("us", .timeSharing, "the same, 99th percentile")
        case .interactiveResponseMean: d("us", .timeSharing, "the interactive vCPU's wake-up to its burst done, mean")
        case .fairnessJain: d("index", .timeSharing, "Jain's fairness index of the CPU-bound vCPUs' work")

        case .availability: d("fraction", .availability, "mean per-guest availability, 1 − downtime ÷ horizon")
        case .availabilityNines: d("nines", .availability, "−log10(1 − `availability`); 12 when no downtime was seen")
        case .availabilityMin: d("fraction", .availability, "worst per-guest availability")
        case .downtimeSecondsMean: d("s per guest", .availability, "time down (failures and maintenance)")
        case .hosts: d("hosts", .availability, "hosts powered")
        case .hostsMinimum: d("hosts", .availability, "fewest hosts that hold every guest with no reserve")
        case .haReservedHosts: d("hosts", .availability, "`hosts` − `hosts_minimum`: the hosts the HA reserve costs")
        case .haReservedCores: d("cores", .availability, "the admission reserve's cores")
        case .haReservedMemoryGB: d("GB", .availability, "the admission reserve's memory")
        case .haReservedKWh:
            d("kWh", .availability, "failure-free energy of the variant's cluster less that of the fewest hosts (SPECpower table)")
        case .guests: d("guests", .availability, "guests of the scenario")
        case .guestsRefused: d("guests", .availability, "guests refused by admission control (never run)")
        case .hostFailures: d("failures", .availability, "host failures")
        case .domainFailures: d("failures", .availability, "rack and power-domain failures")
        case .guestsInterrupted: d("guests", .availability, "guests up on a host when it failed")
        case .restarts: d("restarts", .availability, "restarts completed")
        case .restartSecondsMean: d("s", .availability, "from the host's failure to the guest running again, mean")
        case .restartSecondsP99: d("s", .availability, "the same, 99th percentile")
        case .restartsWaited: d("restarts", .availability, "restarts that found no room and waited")
        case .guestsLost: d("guests", .availability, "guests still down at the horizon")
        case .maintenanceHours: d("h per window", .availability, "duration of a maintenance window")
        case .maintenanceMigrations: d("count", .availability, "live migrations of rolling maintenance")
        case .maintenanceDowntimeSecondsMean:
            d("s per guest", .availability, "downtime due to maintenance (stop-and-copy pauses, or service and boot)")
        case .maintenanceMigrationGuestHours: d("guest-hours", .availability, "time guests spent migrating for maintenance")
        case .maintenancePdmPercent:
            d("percent", .availability, "performance degradation due to maintenance migrations (CloudSim's 10 % of a migrating guest's CPU)")
        case .maintenanceColdFallbacks:
            d("guests", .availability, "guests an evacuation found no host for, shut down until capacity returned")
        }
    }

    private func d(_ unit: String, _ group: MetricGroup, _ meaning: String) -> Definition {
        Definition(units: [unit], group: group, meaning: meaning)
    }
}
