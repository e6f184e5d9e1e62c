import Consolidation
import Reports
import Scenario
import Scheduling
import VirtModel

/// `virtsim explain`: why did the engine put a guest where it did?
///
/// Runs the scenario with the engine recording the first placement decision it takes for the
/// guest at or after T (its initial placement, or a migration planned by a consolidation round):
/// every host's verdict as the engine's own placement code reported it in that instant, and the
/// host it chose. When the engine takes no such decision before the horizon, it says so.
enum ExplainRunner {
    static func explain(_ scenario: Scenario, guest: Int, time: Double, variant: String?, context: RunContext) throws -> String {
        var config: EngineConfig
        var label: String
        switch scenario.study {
        case .consolidation(let study) where study.traceGuests != nil:
            let day = try TraceGuestsStudyRunner.readDay(study, context: context)
            config = TraceGuestsStudyRunner.engineConfig(scenario, study: study, day: day)
            label = "\(study.semantics.rawValue) mode, day \(day.day)"
        case .consolidation(let study):
            let runner = ConsolidationStudyRunner(scenario: scenario, study: study)
            let candidates = study.variants.filter { variant == nil ? !$0.dedicated : $0.name == variant }
            guard let v = candidates.first else {
                throw InputError(message: "no variant named '\(variant ?? "")'; expected one of \(study.variants.map(\.name).joined(separator: ", "))")
            }
            config = try runner.engineConfig(for: v, workloads: try runner.makeWorkloads())
            label = "variant \(v.name)"
        case .io, .migration, .serverless, .timeSharing, .availability:
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
        return "\(scenario.name), \(label): the engine takes no placement decision for guest \(guest) at or after t = \(NumberFormat.format(time)) s "
            + "(the run ends at \(NumberFormat.format(config.horizon)) s; consolidation rounds every \(NumberFormat.format(config.consolidationInterval)) s)"
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
        let scoreName = PlacementRule(name: d.placement)?.scoreName ?? ""
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
}
