import Consolidation
import Continuity
import Reports
import Scenario
import SimKernel
import VirtModel

/// Runs a consolidation study: the same fleet of workloads hosted once per variant (dedicated
/// servers, or guests of one kind consolidated by the scenario's policies).
///
/// Nothing here knows the expected figures: utilization comes out of the workloads, the cost
/// model's per-kind overhead and footprint, placement, consolidation and migration.
struct ConsolidationStudyRunner {
    let scenario: Scenario
    let study: ConsolidationStudy

    var sampleSeconds: Double { study.sampleMinutes * 60 }
    var horizonSeconds: Double { study.horizonHours * 3600 }
    var sampleCount: Int { Int((horizonSeconds / sampleSeconds).rounded(.up)) }

    /// What the cost model charges one variant's guests: the kind's CPU overhead (operation rates ×
    /// per-operation costs) and per-guest memory footprint; nothing on dedicated servers.
    func kindCost(_ variant: VariantConfig) throws -> (overhead: OverheadBreakdown, footprintMB: Double) {
        guard let profile = study.inlineHardware ?? HardwareProfile.named(study.hardwareProfile),
              let operations = OperationProfile.named(study.fleet.operations) else {
            throw InputError(message: "unknown hardware or operation profile")
        }
        if variant.dedicated { return (OverheadBreakdown(cpuFraction: 0, components: []), 0) }
        let cost = CostModel(profile: profile)
        return (cost.overhead(kind: variant.kind, operations: operations), cost.memoryFootprintMB(kind: variant.kind))
    }

    /// One variant's engine configuration.
    func engineConfig(for variant: VariantConfig, fleet: Fleet, buffer: SampleBuffer) throws -> EngineConfig {
        let cost = try kindCost(variant)
        let host = study.hostType
        let servers = fleet.count
        let overhead = cost.overhead.cpuFraction
        let footprint = cost.footprintMB
        let writes = study.fleet.memoryWrites
        let owners = tenants(count: servers)
        let guests = (0..<servers).map { i in
            // A dedicated server's memory is all its own workload's: reserving it whole keeps
            // one workload per server, the pre-virtualization baseline.
            let ram = variant.dedicated ? host.ramMB : fleet.appMemoryMB[i] + footprint
            return GuestSpec(
                id: i, name: "w\(i)", kind: variant.kind, mips: host.mipsPerCore, vcpus: host.cores, ramMB: ram,
                cpuOverheadFraction: overhead,
                utilization: .samples(buffer, offset: i * fleet.sampleCount, count: fleet.sampleCount),
                sampleInterval: sampleSeconds,
                dirtyRateMBps: writes?.dirtyRateMBps ?? 0,
                writableWorkingSetMB: writes.map { $0.writableWorkingSetFraction * ram },
                tenant: owners[i])
        }
        let hostType = HostTypeSpec(name: host.name, cores: host.cores, mipsPerCore: host.mipsPerCore, ramMB: host.ramMB,
                                    bandwidthMbps: host.bandwidthMbps, power: host.power, count: servers)
        let p = study.policies
        let policies = variant.dedicated
            ? PolicySpec(placement: "first-fit", overload: "none", selection: p.selection, underload: false,
                         migrationModel: p.migration)
            : PolicySpec(placement: p.placement, overload: p.overload, overloadParameter: p.overloadParameter,
                         selection: p.selection, underload: p.underload, underloadThreshold: p.underloadThreshold,
                         migrationModel: p.migration, overloadWindow: p.overloadWindow)
        var config = EngineConfig(hostTypes: [hostType], guests: guests, policies: policies,
                                  semantics: Semantics.preset("virtsim", switches: study.switches),
                                  horizon: horizonSeconds, consolidationInterval: study.consolidationMinutes * 60,
                                  seed: scenario.seed, recordHostIntervals: true, reportInterval: study.reportMinutes * 60)
        config.tenantExclusiveHosts = !variant.dedicated && variant.isolation.requiresExclusiveHosts(kind: variant.kind)
        return config
    }

    /// The tenant of each of `count` workloads, drawn from `fleet.tenants` with the run's "tenants"
    /// stream (the same for every variant); all 0 without tenants. O(count · log tenants).
    func tenants(count: Int) -> [Int] {
        guard let distribution = study.fleet.tenants else { return Array(repeating: 0, count: count) }
        var stream = RandomStreams(seed: scenario.seed).stream("tenants")
        return distribution.assign(count) { stream.nextUnit() }
    }

    func makeFleet() throws -> Fleet {
        try Fleet.make(study.fleet, sampleCount: sampleCount, sampleSeconds: sampleSeconds, streams: RandomStreams(seed: scenario.seed))
    }

    func run(context: RunContext) throws -> StudyOutput {
        let fleet = try makeFleet()
        let buffer = SampleBuffer(fleet.samples)
        var summary: [SummaryRow] = []
        var hosts = CSVTable(header: HostIntervalCSV.header)
        var guestsTable = CSVTable(header: ["variant", "guest", "name", "kind", "mean_demand_percent", "ram_mb",
                                           "cpu_overhead_percent", "initial_host", "final_host", "migrations"])
        var display = [["variant", "kind", "util %", "active hosts", "guests/host", "energy kWh", "migrations", "overload %"]]
        var isolation = CSVTable(header: ["variant", "kind", "isolation", "boundary", "host", "tenant", "guests", "tenants"])
        let owners = tenants(count: fleet.count)
        let configs = try study.variants.map { try engineConfig(for: $0, fleet: fleet, buffer: buffer) }
        // Variants are independent runs: run them in parallel, assemble in scenario order.
        let progress = CombinedProgress(jobs: configs.count, sink: context.progress("\(scenario.name)"))
        let results = try parallelMap(configs.count, threads: context.threads) { k in
            try ConsolidationEngine.run(configs[k], progress: progress.callback(k))
        }
        for (k, variant) in study.variants.enumerated() {
            let config = configs[k]
            let result = results[k]
            let m = result.metrics
            func add(_ metric: String, _ value: Double, _ unit: String) {
                summary.append(SummaryRow(scenario: scenario.name, variant: variant.name, metric: metric, value: value, unit: unit))
            }
            let cost = try kindCost(variant)
            let overheadPercent = 100 * cost.overhead.cpuFraction
            add("mean_active_host_cpu_utilization", m.meanActiveHostCpuUtilization, "percent")
            add("active_hosts_mean", m.activeHostsMean, "hosts")
            add("guests_per_active_host", m.guestsPerActiveHostMean, "guests")
            add("energy_kwh", m.energyKWh, "kWh")
            add("migrations", Double(m.vmMigrations), "count")
            if let downtime = m.migrationDowntimeSecondsMean { add("migration_downtime_seconds_mean", downtime, "s") }
            add("sla_overload_time_fraction", m.slaOverloadTimeFraction, "fraction")
            add("slatah_percent", m.slatahPercent, "percent")
            add("pdm_percent", m.pdmPercent, "percent")
            add("host_shutdowns", Double(m.hostShutdowns), "count")
            add("cpu_overhead_percent", overheadPercent, "percent")
            // Where the overhead comes from, by operation (zero components left out).
            for c in cost.overhead.components where c.cpuFraction != 0 {
                add("cpu_overhead_\(c.operation)_percent", 100 * c.cpuFraction, "percent")
            }
            add("guest_memory_footprint_mb", cost.footprintMB, "MB")
            add("workload_mean_demand", 100 * fleet.meanDemand, "percent")
            if study.fleet.tenants != nil {
                // Isolation of the final placement (after the last consolidation round).
                let placed = result.guests.map { BlastRadius.Guest(host: $0.finalHost, tenant: owners[$0.id], kind: variant.kind) }
                for row in BlastRadius.metrics(placed) { add(row.metric, row.value, row.unit) }
                for level in [false, true] {
                    for b in BlastRadius.boundaries(placed, hostLevel: level) where !level || b.kind != BlastRadius.innermost(variant.kind) {
                        isolation.append([variant.name, variant.kind.rawValue, variant.isolation.rawValue, b.kind.rawValue, String(b.host),
                                          b.tenant.map(String.init) ?? "", String(b.guests.count), String(b.tenants)])
                    }
                }
            }
            for r in result.hostIntervals { hosts.append(HostIntervalCSV.cells(r, variant: variant.name)) }
            for g in result.guests {
                guestsTable.append([variant.name, String(g.id), g.name, variant.kind.rawValue,
                                    NumberFormat.format(100 * g.meanDemand), NumberFormat.format(config.guests[g.id].ramMB),
                                    NumberFormat.format(overheadPercent), String(g.initialHost), String(g.finalHost), String(g.migrations)])
            }
            let util = NumberFormat.format(m.meanActiveHostCpuUtilization, significant: 3)
            let active = NumberFormat.format(m.activeHostsMean, significant: 4)
            let density = NumberFormat.format(m.guestsPerActiveHostMean, significant: 3)
            let energy = NumberFormat.format(m.energyKWh, significant: 4)
            let overload = NumberFormat.format(100 * m.slaOverloadTimeFraction, significant: 3)
            display.append([variant.name, variant.kind.rawValue, util, active, density, energy, String(m.vmMigrations), overload])
        }
        let header = "\(scenario.name): \(fleet.count) workloads\(study.fleet.trace.map { " from \($0.format) trace \($0.path)" } ?? ""), \(NumberFormat.format(study.horizonHours)) h, seed \(scenario.seed)"
        var tables: [(file: String, table: CSVTable)] = [("hosts.csv", hosts), ("guests.csv", guestsTable)]
        if study.fleet.tenants != nil { tables.append(("isolation.csv", isolation)) }
        return StudyOutput(summary: summary, tables: tables,
                           display: header + "\n" + TextTable.render(display))
    }
}
