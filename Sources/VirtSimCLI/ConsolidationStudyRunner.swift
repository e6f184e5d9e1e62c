import Consolidation
import Continuity
import MetricCatalogue
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

    /// What the cost model charges guests of `kind` running `operations` (a profile name): the
    /// kind's CPU overhead (operation rates × per-operation costs) and per-guest memory footprint;
    /// nothing on dedicated servers.
    func kindCost(_ kind: GuestKind, operations: String, dedicated: Bool = false) throws -> (overhead: OverheadBreakdown, footprintMB: Double) {
        guard let profile = study.inlineHardware ?? HardwareProfile.named(study.hardwareProfile),
              let ops = OperationProfile.named(operations) else {
            throw InputError(message: "unknown hardware or operation profile")
        }
        if dedicated { return (OverheadBreakdown(cpuFraction: 0, components: []), 0) }
        let cost = CostModel(profile: profile)
        return (cost.overhead(kind: kind, operations: ops), cost.memoryFootprintMB(kind: kind))
    }

    /// A fleet variant's cost (its kind, the fleet's operation profile).
    func kindCost(_ variant: VariantConfig) throws -> (overhead: OverheadBreakdown, footprintMB: Double) {
        try kindCost(variant.kind, operations: study.fleet.operations, dedicated: variant.dedicated)
    }

    /// The workloads of the study, generated once and shared by every variant: the fleet, or one
    /// `Fleet` per sized guest type (in file order), with their samples in one buffer.
    struct Workloads {
        var fleets: [Fleet]
        var buffer: SampleBuffer
        var count: Int { fleets.reduce(0) { $0 + $1.count } }
        var sampleCount: Int { fleets[0].sampleCount }
        /// Mean of every sample (fraction of one server, or of a sized guest's vCPUs).
        var meanDemand: Double {
            var sum = 0.0, n = 0
            for f in fleets { for x in f.samples { sum += Double(x) }; n += f.samples.count }
            return sum / Double(max(n, 1))
        }
    }

    func makeWorkloads() throws -> Workloads {
        let streams = RandomStreams(seed: scenario.seed)
        let fleets = study.guestTypes.isEmpty
            ? [try Fleet.make(study.fleet, sampleCount: sampleCount, sampleSeconds: sampleSeconds, streams: streams)]
            : try study.guestTypes.map { try Fleet.make(guestType: $0, sampleCount: sampleCount, sampleSeconds: sampleSeconds, streams: streams) }
        var samples: [Float] = []
        samples.reserveCapacity(fleets.reduce(0) { $0 + $1.samples.count })
        for f in fleets { samples += f.samples }
        return Workloads(fleets: fleets, buffer: SampleBuffer(samples))
    }

    /// The engine's host types and layout: pools in file order, a fixed pool with its `count`
    /// hosts, an elastic one with one host per guest (as many as could ever be needed). A
    /// dedicated variant gets one host of the first pool's type per workload.
    func hostTypes(guests: Int, dedicated: Bool) -> (types: [HostType], hostsPerType: [Int]) {
        let pools = dedicated ? [HostPoolConfig(type: study.hostType)] : study.hostPools
        return (pools.map { $0.type.named($0.label) }, pools.map { $0.count ?? guests })
    }

    /// One variant's engine configuration.
    func engineConfig(for variant: VariantConfig, workloads: Workloads) throws -> EngineConfig {
        let guests = study.guestTypes.isEmpty ? try fleetGuests(variant, workloads) : try sizedGuests(workloads)
        let p = study.policies
        let semantics = Semantics.preset(study.semantics, switches: study.switches)
        let policies = variant.dedicated
            ? PolicySpec(placement: "first-fit", overloadPolicy: .none, selection: p.selection, underload: false,
                         migrationModel: p.migrationModel)
            : p.resolvingBaselinePlacement(semantics)
        let pools = hostTypes(guests: guests.count, dedicated: variant.dedicated)
        var config = EngineConfig(hostTypes: pools.types, hostsPerType: pools.hostsPerType, guests: guests, policies: policies,
                                  semantics: semantics,
                                  horizon: horizonSeconds, consolidationInterval: study.consolidationMinutes * 60,
                                  seed: scenario.seed, recordHostIntervals: true, reportInterval: study.reportMinutes * 60)
        config.tenantExclusiveHosts = !variant.dedicated && variant.isolation.requiresExclusiveHosts(kind: variant.kind)
        return config
    }

    /// A fleet's guests: each workload sized like the first pool's host (its demand is a fraction
    /// of one such server), memory = the application's + the kind's footprint.
    func fleetGuests(_ variant: VariantConfig, _ workloads: Workloads) throws -> [GuestSpec] {
        let cost = try kindCost(variant)
        let host = study.hostType
        let fleet = workloads.fleets[0]
        let overhead = cost.overhead.cpuFraction
        let footprint = cost.footprintMB
        let writes = study.fleet.memoryWrites
        let owners = tenants(count: fleet.count)
        return (0..<fleet.count).map { i in
            // A dedicated server's memory is all its own workload's: reserving it whole keeps
            // one workload per server, the pre-virtualization baseline.
            let ram = variant.dedicated ? host.ramMB : fleet.appMemoryMB[i] + footprint
            return GuestSpec(
                id: i, name: "w\(i)", kind: variant.kind, mips: host.mipsPerCore, vcpus: host.cores, ramMB: ram,
                cpuOverheadFraction: overhead,
                utilization: .samples(workloads.buffer, offset: i * fleet.sampleCount, count: fleet.sampleCount),
                sampleInterval: sampleSeconds,
                dirtyRateMBps: writes?.dirtyRateMBps ?? 0,
                writableWorkingSetMB: writes.map { $0.writableWorkingSetFraction * ram },
                tenant: owners[i])
        }
    }

    /// Sized guests, type after type: `vcpus` vCPUs of `vcpuMips` each (`GuestTypeConfig.vcpuMips`),
    /// demand a fraction of those vCPUs, memory `memoryMB` as configured (it already holds the
    /// guest's OS: the kind's footprint is not added), the kind's CPU overhead.
    func sizedGuests(_ workloads: Workloads) throws -> [GuestSpec] {
        var guests: [GuestSpec] = []
        var offset = 0
        for (t, type) in study.guestTypes.enumerated() {
            let overhead = try kindCost(type.kind, operations: type.workload.operations).overhead.cpuFraction
            let mips = type.vcpuMips(pools: study.hostPools)
            let n = workloads.sampleCount
            for i in 0..<workloads.fleets[t].count {
                guests.append(GuestSpec(
                    id: guests.count, name: "\(type.name)-\(i)", kind: type.kind, mips: mips, vcpus: type.vcpus, ramMB: type.memoryMB,
                    cpuOverheadFraction: overhead, utilization: .samples(workloads.buffer, offset: offset, count: n),
                    sampleInterval: sampleSeconds))
                offset += n
            }
        }
        return guests
    }

    /// The tenant of each of `count` workloads, drawn from `fleet.tenants` with the run's "tenants"
    /// stream (the same for every variant); all 0 without tenants. O(count · log tenants).
    func tenants(count: Int) -> [Int] {
        guard let distribution = study.fleet.tenants else { return Array(repeating: 0, count: count) }
        var stream = RandomStreams(seed: scenario.seed).stream("tenants")
        return distribution.assign(count) { stream.nextUnit() }
    }

    func run(context: RunContext) throws -> StudyOutput {
        if study.traceGuests != nil { return try TraceGuestsStudyRunner.run(scenario, study: study, context: context) }
        let workloads = try makeWorkloads()
        var summary: [SummaryRow] = []
        var hosts = CSVTable(header: HostIntervalCSV.header)
        var guestsTable = CSVTable(header: ["variant", "guest", "name", "kind", "mean_demand_percent", "ram_mb",
                                           "cpu_overhead_percent", "initial_host", "final_host", "migrations"])
        var display = [["variant", "kind", "util %", "active hosts", "peak hosts", "guests/host", "energy kWh", "migrations", "overload %"]]
        var isolation = CSVTable(header: ["variant", "kind", "isolation", "boundary", "host", "tenant", "guests", "tenants"])
        var hostTypesTable = CSVTable(header: CapacityCSV.hostTypesHeader)
        var inventory = CSVTable(header: CapacityCSV.inventoryHeader)
        let owners = tenants(count: workloads.count)
        let configs = try study.variants.map { try engineConfig(for: $0, workloads: workloads) }
        // Variants are independent runs: run them in parallel, assemble in scenario order.
        let progress = CombinedProgress(jobs: configs.count, sink: context.progress("\(scenario.name)"))
        let results = try parallelMap(configs.count, threads: context.threads) { k in
            try ConsolidationEngine.run(configs[k], progress: progress.callback(k))
        }
        let sized = !study.guestTypes.isEmpty
        for (k, variant) in study.variants.enumerated() {
            let config = configs[k]
            let result = results[k]
            let m = result.metrics
            func add(_ value: MetricValue) { summary.append(SummaryRow(scenario: scenario.name, variant: variant.name, value)) }
            func add(_ metric: Metric, _ value: Double) { add(MetricValue(metric, value)) }
            // Sized guests carry their own kind's overhead (guests.csv); a fleet variant has one kind.
            let cost = sized ? nil : try kindCost(variant)
            add(.meanActiveHostCpuUtilization, m.meanActiveHostCpuUtilization)
            add(.activeHostsMean, m.activeHostsMean)
            add(.guestsPerActiveHostMean, m.guestsPerActiveHostMean)
            add(.energyKWh, m.energyKWh)
            add(.migrations, Double(m.vmMigrations))
            if let downtime = m.migrationDowntimeSecondsMean { add(.migrationDowntimeSecondsMean, downtime) }
            add(.slaOverloadTimeFraction, m.slaOverloadTimeFraction)
            add(.slatahPercent, m.slatahPercent)
            add(.pdmPercent, m.pdmPercent)
            add(.hostShutdowns, Double(m.hostShutdowns))
            if let cost {
                add(.cpuOverheadPercent, 100 * cost.overhead.cpuFraction)
                // Where the overhead comes from, by operation (zero components left out).
                for c in cost.overhead.components where c.cpuFraction != 0 {
                    add(MetricValue(.cpuOverheadByOperationPercent, operation: c.operation, 100 * c.cpuFraction))
                }
                add(.guestMemoryFootprintMB, cost.footprintMB)
            }
            add(.workloadMeanDemand, 100 * workloads.meanDemand)
            for row in CapacityCSV.summaryRows(result.capacity) { add(row) }
            if study.fleet.tenants != nil {
                // Isolation of the final placement (after the last consolidation round).
                let placed = result.guests.map { BlastRadius.Guest(host: $0.finalHost, tenant: owners[$0.id], kind: variant.kind) }
                for row in BlastRadius.metrics(placed) { add(row) }
                for level in [false, true] {
                    for b in BlastRadius.boundaries(placed, hostLevel: level) where !level || b.kind != BlastRadius.innermost(variant.kind) {
                        isolation.append([variant.name, variant.kind.rawValue, variant.isolation.rawValue, b.kind.rawValue, String(b.host),
                                          b.tenant.map(String.init) ?? "", String(b.guests.count), String(b.tenants)])
                    }
                }
            }
            let pools = variant.dedicated ? [HostPoolConfig(type: study.hostType)] : study.hostPools
            for row in CapacityCSV.hostTypeRows(result.capacity, pools: pools, variant: variant.name) { hostTypesTable.append(row) }
            if study.hostPools.contains(where: { $0.rack != nil }) {
                for row in CapacityCSV.inventoryRows(config, pools: pools, variant: variant.name) { inventory.append(row) }
            }
            for r in result.hostIntervals { hosts.append(HostIntervalCSV.cells(r, variant: variant.name)) }
            for g in result.guests {
                let spec = config.guests[g.id]
                guestsTable.append([variant.name, String(g.id), g.name, g.kind.rawValue,
                                    NumberFormat.format(100 * g.meanDemand), NumberFormat.format(spec.ramMB),
                                    NumberFormat.format(100 * spec.cpuOverheadFraction), String(g.initialHost), String(g.finalHost), String(g.migrations)])
            }
            let util = NumberFormat.format(m.meanActiveHostCpuUtilization, significant: 3)
            let active = NumberFormat.format(m.activeHostsMean, significant: 4)
            let peak = NumberFormat.format(result.capacity.activeHostsMax, significant: 4)
            let density = NumberFormat.format(m.guestsPerActiveHostMean, significant: 3)
            let energy = NumberFormat.format(m.energyKWh, significant: 4)
            let overload = NumberFormat.format(100 * m.slaOverloadTimeFraction, significant: 3)
            display.append([variant.name, sized ? "as listed" : variant.kind.rawValue, util, active, peak, density, energy, String(m.vmMigrations), overload])
        }
        let source = sized ? " in \(study.guestTypes.count) guest types" : study.fleet.trace.map { " from \($0.format) trace \($0.path)" } ?? ""
        let header = "\(scenario.name): \(workloads.count) workloads\(source), \(NumberFormat.format(study.horizonHours)) h, seed \(scenario.seed)"
        var tables: [(file: String, table: CSVTable)] = [("hosts.csv", hosts), ("guests.csv", guestsTable), ("host_types.csv", hostTypesTable)]
        if study.fleet.tenants != nil { tables.append(("isolation.csv", isolation)) }
        if study.hostPools.contains(where: { $0.rack != nil }) { tables.append(("hosts_inventory.csv", inventory)) }
        return StudyOutput(summary: summary, tables: tables,
                           display: header + "\n" + TextTable.render(display))
    }
}
