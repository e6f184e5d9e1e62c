import Consolidation
import MetricCatalogue
import Reports
import Scenario

/// The capacity answers of a consolidation run as outputs: summary rows, host_types.csv (one row
/// per variant and host pool) and hosts_inventory.csv (every host's pool and rack).
enum CapacityCSV {
    /// Summary metrics, in this order, for every consolidation variant.
    static func summaryRows(_ c: CapacityMetrics) -> [MetricValue] {
        [
            MetricValue(.activeHostsMax, c.activeHostsMax),
            MetricValue(.activeHostsP95, c.activeHostsP95),
            MetricValue(.activeHostsP99, c.activeHostsP99),
            MetricValue(.cpuHeadroomAtPeakPercent, c.cpuHeadroomAtPeakPercent),
            MetricValue(.memoryHeadroomAtPeakPercent, c.memoryHeadroomAtPeakPercent),
            MetricValue(.guestsWaited, Double(c.guestsWaited)),
            MetricValue(.guestsWaitingMax, Double(c.guestsWaitingMax)),
            MetricValue(.guestsWaitingAtEnd, Double(c.guestsWaitingAtEnd)),
            MetricValue(.guestHoursWaiting, c.guestHoursWaiting),
        ]
    }

    static let hostTypesHeader = ["variant", "pool", "type", "rack", "sizing", "hosts", "cores_per_host", "mips_per_core", "ram_mb_per_host",
                                  "active_max_hosts", "active_p95_hosts", "active_p99_hosts", "active_sampled_mean_hosts",
                                  "cpu_headroom_at_peak_percent", "memory_headroom_at_peak_percent", "energy_kwh"]

    /// One row per pool; `pools` in the engine's host-type order (`ConsolidationStudyRunner.hostTypes`).
    static func hostTypeRows(_ c: CapacityMetrics, pools: [HostPoolConfig], variant: String) -> [[String]] {
        zip(c.perType, pools).map { t, p in
            [variant, p.label, p.type.name, p.rack ?? "", p.count == nil ? "elastic" : "fixed", String(t.hosts), String(p.type.cores),
             NumberFormat.format(p.type.mipsPerCore), NumberFormat.format(p.type.ramMB),
             NumberFormat.format(t.activeHostsMax), NumberFormat.format(t.activeHostsP95), NumberFormat.format(t.activeHostsP99),
             NumberFormat.format(t.activeHostsSampledMean), NumberFormat.format(t.cpuHeadroomAtPeakPercent),
             NumberFormat.format(t.memoryHeadroomAtPeakPercent), NumberFormat.format(t.energyKWh)]
        }
    }

    static let inventoryHeader = ["variant", "host", "pool", "type", "rack"]

    /// Every host of `config` with its pool, type and rack (hosts.csv's `host` ids).
    static func inventoryRows(_ config: EngineConfig, pools: [HostPoolConfig], variant: String) -> [[String]] {
        config.hostLayout.enumerated().map { h, t in
            [variant, String(h), pools[t].label, pools[t].type.name, pools[t].rack ?? ""]
        }
    }
}
