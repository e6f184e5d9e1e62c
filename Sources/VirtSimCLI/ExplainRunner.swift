import Consolidation
import Reports
import Scenario
import Scheduling
import VirtModel

/// `virtsim explain`: why did the engine put a guest where it did?
///
/// Runs the scenario with the engine recording the first placement decision it takes for the
/// guest at or after T (its initial placement, or a migration planned by a consolidation round):
/// every host's verdict as the engine saw it in that instant, and the host it chose. When the
/// engine takes no such decision before the horizon, it answers the what-if instead: the run up
/// to T rebuilds the host table at that instant (every guest's demand at T on the host the engine
/// put it on, its memory, each host's utilization history), takes the guest off its host as a
/// migration would, and asks the scenario's placement policy where it would go.
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
            let fleet = try runner.makeFleet()
            config = try runner.engineConfig(for: v, fleet: fleet, buffer: SampleBuffer(fleet.samples))
            label = "variant \(v.name)"
        case .planetLab(let study):
            guard let root = context.traceRoot else { throw InputError(message: "PlanetLab scenarios need --traces DIR or VIRTSIM_TRACES") }
            let day = try PlanetLabTrace.readDay(root: root, day: study.day)
            config = try PlanetLabExperiment.config(policy: study.policy, day: day,
                                                    semantics: Semantics.preset(study.mode, switches: study.switches),
                                                    seed: scenario.seed)
            label = "\(study.policy), \(study.mode) mode, day \(study.day)"
        case .io, .migration, .serverless:
            throw InputError(message: "explain applies to consolidation and PlanetLab scenarios (placement decisions)")
        }
        guard guest >= 0 && guest < config.guests.count else {
            throw InputError(message: "no guest \(guest); the scenario has guests 0…\(config.guests.count - 1)")
        }
        guard time >= 0 && time <= config.horizon else {
            throw InputError(message: "time \(time) s is outside the run (0…\(config.horizon) s)")
        }
        config.recordHostIntervals = false
        var traced = config
        traced.decisionTrace = DecisionTraceRequest(guest: guest, notBefore: time, stopWhenRecorded: true)
        if let decision = try ConsolidationEngine.run(traced).decision {
            return render(decision, config: config, label: "\(scenario.name), \(label)")
        }
        config.horizon = max(time, config.consolidationInterval)
        let result = try ConsolidationEngine.run(config)
        return "the engine takes no placement decision for guest \(guest) at or after t = \(NumberFormat.format(time)) s; what-if:\n"
            + (try render(config: config, result: result, guest: guest, time: time, label: "\(scenario.name), \(label)"))
    }

    /// A decision the engine recorded, one line per host in host order, the chosen one starred.
    static func render(_ d: PlacementDecision, config: EngineConfig, label: String) -> String {
        let spec = config.guests[d.guest]
        let f = { (x: Double) in NumberFormat.format(x) }
        var counts: [(String, Int)] = []
        for v in d.verdicts where !v.acceptable {
            // Group by the reason's kind: the text before its numbers.
            let kind = String(v.reason.prefix { $0 != "(" && $0 != ":" }).trimmingCharacters(in: .whitespaces)
            if let i = counts.firstIndex(where: { $0.0 == kind }) { counts[i].1 += 1 } else { counts.append((kind, 1)) }
        }
        let acceptable = d.verdicts.filter(\.acceptable).count
        let scoreName = d.placement.hasPrefix("power-aware") ? "ΔP (W)" : (d.placement == "best-fit" ? "MIPS left" : (d.placement == "worst-fit" ? "−MIPS left" : ""))
        var lines = [
            "\(label): the engine's decision for guest \(d.guest) (\(spec.name), \(spec.kind.rawValue)) at t = \(f(d.time)) s, \(d.phase)",
            "from host \(d.fromHost.map(String.init) ?? "none (being created)"); demand \(f(d.demandMips)) MIPS, memory \(f(spec.ramMB)) MB",
            "placement \(d.placement), overload detector \(d.overloadDetector)"
                + (scoreName.isEmpty ? "; first fit takes the first acceptable host" : "; the lowest \(scoreName) wins, lowest index on ties"),
            "\(acceptable) acceptable; rejected: " + (counts.isEmpty ? "none" : counts.map { "\($0.1) \($0.0)" }.joined(separator: "; ")),
            "",
        ]
        for v in d.verdicts {
            let mark = v.host == d.chosen ? "*" : " "
            let score = v.score.map { "score = \(f($0)); " } ?? ""
            lines.append("\(mark) host \(v.host): " + (v.acceptable ? "acceptable, \(score)\(v.reason)" : "rejected: \(v.reason)"))
        }
        lines.append("")
        lines.append(d.chosen.map { "chosen: host \($0)" } ?? "chosen: none (no host can take the guest)")
        return lines.joined(separator: "\n")
    }

    static func render(config: EngineConfig, result: EngineResult, guest g: Int, time: Double, label: String) throws -> String {
        let p = config.policies
        let cloudSim = config.semantics.cloudSimMetricFormulas
        let placement = try PolicyRegistry.placement(named: p.placement, cloudSimCompatible: cloudSim)
        let detector = try PolicyRegistry.overloadDetector(named: p.overload, parameter: p.overloadParameter, window: p.overloadWindow,
                                                           cloudSimCompatible: cloudSim)
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
