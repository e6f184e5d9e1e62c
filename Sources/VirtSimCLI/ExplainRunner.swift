import Consolidation
import Reports
import Scenario
import Scheduling
import VirtModel

/// `virtsim explain`: where would a guest go at time T, and why?
///
/// Replays the run up to T with the engine, rebuilds the host table at that instant (every
/// guest's demand at T on the host the engine put it on, its memory, each host's utilization
/// history for history-based detectors), takes the guest off its host as a migration would, and
/// asks the scenario's placement policy to explain its choice over every host.
enum ExplainRunner {
    static func explain(_ scenario: Scenario, guest: Int, time: Double, variant: String?, context: RunContext) throws -> String {
        var config: EngineConfig
        var label: String
        switch scenario.study {
        case .consolidation(let study):
            let runner = ConsolidationStudyRunner(scenario: scenario, study: study)
            let candidates = study.variants.filter { variant == nil ? !$0.dedicated : $0.name == variant }
            guard let v = candidates.first else {
                throw InputError(message: "no variant named '\(variant ?? "")'; expected one of \(study.variants.map(\.name).joined(separator: ", "))")
            }
            let fleet = runner.makeFleet()
            config = try runner.engineConfig(for: v, fleet: fleet, buffer: SampleBuffer(fleet.samples))
            label = "variant \(v.name)"
        case .planetLab(let study):
            guard let root = context.traceRoot else { throw InputError(message: "PlanetLab scenarios need --traces DIR or VIRTSIM_TRACES") }
            let day = try PlanetLabTrace.readDay(root: root, day: study.day)
            config = try PlanetLabExperiment.config(policy: study.policy, day: day,
                                                    semantics: Semantics.preset(study.mode, switches: study.switches),
                                                    seed: scenario.seed)
            label = "\(study.policy), \(study.mode) mode, day \(study.day)"
        case .io, .migration:
            throw InputError(message: "explain applies to consolidation and PlanetLab scenarios (placement decisions)")
        }
        guard guest >= 0 && guest < config.guests.count else {
            throw InputError(message: "no guest \(guest); the scenario has guests 0…\(config.guests.count - 1)")
        }
        guard time >= 0 && time <= config.horizon else {
            throw InputError(message: "time \(time) s is outside the run (0…\(config.horizon) s)")
        }
        config.horizon = max(time, config.consolidationInterval)
        config.recordHostIntervals = false
        let result = try ConsolidationEngine.run(config)
        return try render(config: config, result: result, guest: guest, time: time, label: "\(scenario.name), \(label)")
    }

    static func render(config: EngineConfig, result: EngineResult, guest g: Int, time: Double, label: String) throws -> String {
        let p = config.policies
        let cloudSim = config.semantics.cloudSimMetricFormulas
        let placement = try PolicyRegistry.placement(named: p.placement, cloudSimCompatible: cloudSim)
        let detector = try PolicyRegistry.overloadDetector(named: p.overload, parameter: p.overloadParameter, cloudSimCompatible: cloudSim)
        let hosts = config.hostLayout.map { t -> HostTable.HostSpec in
            let h = config.hostTypes[t]
            return HostTable.HostSpec(peCount: h.cores, peMips: h.mipsPerCore, ramMB: h.ramMB, bandwidthMbps: h.bandwidthMbps, powerModel: h.power)
        }
        var table = HostTable(hosts: hosts, powerFormula: cloudSim ? .cloudSim : .virtSim)
        let interval = config.guests.first?.sampleInterval ?? 300
        let k = Int(time / interval)
        // Demand of guest i at sample j, in host MIPS (its kind's overhead included).
        func demand(_ i: Int, _ j: Int) -> Double {
            let spec = config.guests[i]
            return utilization(spec.utilization, max(j, 0)) * spec.totalMips * (1 + spec.cpuOverheadFraction)
        }
        var load = Array(repeating: 0.0, count: hosts.count)
        var ram = Array(repeating: 0.0, count: hosts.count)
        var members = Array(repeating: [Int](), count: hosts.count)
        for row in result.guests where !row.deleted && row.finalHost >= 0 && row.id != g {
            load[row.finalHost] += demand(row.id, k)
            ram[row.finalHost] += config.guests[row.id].ramMB
            members[row.finalHost].append(row.id)
        }
        let home = result.guests[g].finalHost
        for h in 0..<hosts.count {
            table.recordMeasurement(host: h, utilizationMips: load[h])
            table.setRequestedMips(host: h, load[h])
            let freeRam = config.semantics.ramOnlyAtCreation ? hosts[h].ramMB : hosts[h].ramMB - ram[h]
            table.setFree(host: h, mips: max(0, hosts[h].totalMips - load[h]), ramMB: freeRam)
            table.setGuestCount(host: h, members[h].count)
            table.setState(host: h, members[h].isEmpty ? .asleep : .on)
        }
        if home >= 0 { table.setExcluded(home) }
        let spec = config.guests[g]
        let request = PlacementGuest(id: g, mips: demand(g, k), maxPeMips: demand(g, k) / Double(spec.vcpus),
                                     // CloudSim requests no RAM after creation (reference §3.2).
                                     peCount: spec.vcpus, ramMB: config.semantics.ramOnlyAtCreation ? 0 : spec.ramMB)
        var context = PlacementContext(wouldBeOverloaded: { h, newcomer in
            let cap = hosts[h].totalMips
            let history = (0..<30).map { j in
                (members[h].reduce(0.0) { $0 + demand($1, k - j) } + demand(g, k - j)) / cap
            }.prefix(k + 1)
            return detector.isOverloaded(OverloadInput(
                requestedUtilization: (load[h] + newcomer.mips) / cap, history: Array(history),
                maxGuestMigrationSeconds: spec.ramMB * 8 / (hosts[h].bandwidthMbps / 2), intervalSeconds: interval))
        })
        let explanation = placement.explain(for: request, in: table, context: &context)
        var lines = [
            "\(label): guest \(g) (\(spec.name), \(spec.kind.rawValue)) at t = \(NumberFormat.format(time)) s (sample \(k))",
            "currently on host \(home >= 0 ? String(home) : "none"); demand \(NumberFormat.format(request.mips)) MIPS, memory \(NumberFormat.format(spec.ramMB)) MB",
            "overload detector: \(p.overload)\(p.overloadParameter.map { " \(NumberFormat.format($0))" } ?? ""); its own host is excluded, as in a migration",
            "what-if: where the placement policy would move this guest now, given every host's guests and demand at t as the run left them",
            "(the engine's own moves are counted in guests.csv; a guest it did not move at t has no decision to replay)",
            "rejections: " + explanation.rejectionCounts.map { "\($0.1) \($0.0)" }.joined(separator: "; "),
            "",
        ]
        lines.append(explanation.description)
        return lines.joined(separator: "\n")
    }

    static func utilization(_ source: UtilizationSource, _ j: Int) -> Double {
        switch source {
        case let .samples(buffer, offset, count, divisor):
            return Double(buffer.values[offset + min(j, count - 1)]) / divisor
        case .constant(let u):
            return u
        case .synthetic(let s):
            return s.value(at: j)
        }
    }
}
