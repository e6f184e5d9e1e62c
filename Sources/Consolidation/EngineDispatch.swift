import Scheduling

/// The run's overload detector and VM selection policy, as their concrete types.
///
/// Built once by `ConsolidationEngine.withEngine` from the scenario's policies and handed to
/// `Engine.run`; the engine's methods that consult them are generic over `D` and `S`, so a
/// per-host test is a direct (inlinable) call, never an existential one.
struct RoundPolicies<D: OverloadDetector, S: VmSelectionPolicy> {
    let detector: D
    let selection: S
}

/// Something to do with an engine of whichever specialization the switches and policies select.
protocol EngineRun {
    associatedtype Output
    func run<Q: EngineStrategies, D: OverloadDetector, S: VmSelectionPolicy>(_ engine: inout Engine<Q>,
                                                                             _ policies: RoundPolicies<D, S>) -> Output
}

extension ConsolidationEngine {
    /// Builds the engine specialized for `config`: its switches (a preset's constants or the
    /// configured switches), its overload detector and its selection policy, each resolved into a
    /// type here, once, and hands it to `body`. The only place where switches and policy names
    /// pick types; nothing below tests them again.
    ///
    /// Errors, in this order (as `validate` reports them): an unknown or invalid overload policy,
    /// an unknown selection policy, then `Engine.init`'s.
    static func withEngine<R: EngineRun>(_ config: EngineConfig, _ body: R) throws -> R.Output {
        switch config.semantics {
        case .cloudSimCompatible: try withEngine(config, rules: CloudSimStrategies(), body)
        case .virtSim: try withEngine(config, rules: VirtSimStrategies(), body)
        default: try withEngine(config, rules: ConfiguredStrategies(semantics: config.semantics), body)
        }
    }

    /// `withEngine` with the switches already resolved into `rules` (tests run a preset's
    /// switches through `ConfiguredStrategies` with it).
    static func withEngine<Q: EngineStrategies, R: EngineRun>(_ config: EngineConfig, rules: Q, _ body: R) throws -> R.Output {
        let policy: OverloadPolicy
        switch config.policies.overloadPolicy {
        case .success(let p): policy = p
        case .failure(let error): throw EngineError.unknownPolicy(kind: error.category, name: error.name)
        }
        let start = EngineStart(config: config, rules: rules, overloadPolicy: policy, body: body)
        // The statistics flavour picks the history detectors' type: `rules.cloudSimStatistics` is
        // a constant in a preset's specialization, so only one of each pair is built there.
        let cloudSim = rules.cloudSimStatistics
        switch policy {
        case .none: return try start.withSelection(NoOverloadDetector())
        case .threshold(let t): return try start.withSelection(StaticThresholdDetector(threshold: t))
        case .sustainedThreshold(let t, let w): return try start.withSelection(SustainedThresholdDetector(threshold: t, window: w))
        case .interQuartileRange(let s):
            return cloudSim ? try start.withSelection(InterQuartileRangeDetector<CloudSimStatistics>(safety: s))
                            : try start.withSelection(InterQuartileRangeDetector<IntendedStatistics>(safety: s))
        case .medianAbsoluteDeviation(let s):
            return cloudSim ? try start.withSelection(MedianAbsoluteDeviationDetector<CloudSimStatistics>(safety: s))
                            : try start.withSelection(MedianAbsoluteDeviationDetector<IntendedStatistics>(safety: s))
        case .localRegression(let s):
            return cloudSim ? try start.withSelection(LocalRegressionDetector<CloudSimStatistics>(safety: s))
                            : try start.withSelection(LocalRegressionDetector<IntendedStatistics>(safety: s))
        case .robustLocalRegression(let s):
            return cloudSim ? try start.withSelection(RobustLocalRegressionDetector<CloudSimStatistics>(safety: s))
                            : try start.withSelection(RobustLocalRegressionDetector<IntendedStatistics>(safety: s))
        }
    }
}

/// The second half of `withEngine`: the selection policy's type, then the engine itself.
private struct EngineStart<Q: EngineStrategies, R: EngineRun> {
    let config: EngineConfig
    let rules: Q
    let overloadPolicy: OverloadPolicy
    let body: R

    func withSelection<D: OverloadDetector>(_ detector: D) throws -> R.Output {
        let name = config.policies.selection
        switch name {
        case MinimumMigrationTimeSelection.registryName: return try run(RoundPolicies(detector: detector, selection: MinimumMigrationTimeSelection()))
        case MaximumCorrelationSelection.registryName: return try run(RoundPolicies(detector: detector, selection: MaximumCorrelationSelection()))
        case MinimumUtilizationSelection.registryName: return try run(RoundPolicies(detector: detector, selection: MinimumUtilizationSelection()))
        case RandomSelection.registryName: return try run(RoundPolicies(detector: detector, selection: RandomSelection()))
        default: throw EngineError.unknownPolicy(kind: "selection", name: name)
        }
    }

    func run<D: OverloadDetector, S: VmSelectionPolicy>(_ policies: RoundPolicies<D, S>) throws -> R.Output {
        // "none" reads no history (`NoOverloadDetector.needsHistory` is false), so this is the
        // former "(detector reads history and the run consolidates) or the selection reads it".
        let keepHistory = policies.detector.needsHistory || policies.selection.needsHistory
        var engine = try Engine(config: config, rules: rules, overloadPolicy: overloadPolicy, keepHistory: keepHistory)
        return body.run(&engine, policies)
    }
}
