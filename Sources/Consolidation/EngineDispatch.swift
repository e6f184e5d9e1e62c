import Scheduling

/// The run's overload detector and VM selection policy, as their concrete types.
///
/// Built once by `ConsolidationEngine.withEngine` from the scenario's policies and handed to
/// `Engine.run`; the engine's methods that consult them are generic over `D` and `S`, so a
/// per-host test is a direct (inlinable) call, never an existential one.
struct RoundPolicies<D: EngineOverloadDetector, S: VmSelectionPolicy> {
    let detector: D
    let selection: S
}

/// Something to do with an engine of whichever specialization the switches, the policies and the
/// migration model select.
protocol EngineRun {
    associatedtype Output
    func run<Q: EngineStrategies, O: EngineObserver, D: EngineOverloadDetector, S: VmSelectionPolicy, M: EngineMigrationModel>(
        _ engine: inout Engine<Q, O>, _ policies: RoundPolicies<D, S>, _ migration: M) -> Output
}

extension ConsolidationEngine {
    /// Builds the engine specialized for `config`: its switches (a preset's constants or the
    /// configured switches), its migration model, its overload detector and its selection policy,
    /// each resolved into a type here, once, and hands it to `body`. The only place where
    /// switches, policy names and the migration model pick types; nothing below tests them again.
    ///
    /// Errors, in this order (as `validate` reports them): an unknown or invalid overload policy,
    /// an unknown selection policy, then `Engine.init`'s.
    static func withEngine<R: EngineRun>(_ config: EngineConfig, _ body: R) throws -> R.Output {
        try withEngine(config, observer: NoObserver(), body)
    }

    /// `withEngine` with `observer` attached to the engine's events (beside the energy meter and
    /// the metrics recorder).
    static func withEngine<O: EngineObserver, R: EngineRun>(_ config: EngineConfig, observer: O, _ body: R) throws -> R.Output {
        let powerAware = config.policies.powerAware
        return switch config.semantics {
        case .cloudSimCompatible where powerAware: try withEngine(config, rules: CloudSimStrategies(), observer: observer, body)
        case .virtSim where powerAware: try withEngine(config, rules: VirtSimStrategies(), observer: observer, body)
        default:
            try withEngine(config, rules: ConfiguredStrategies(semantics: config.semantics, powerAware: powerAware),
                           observer: observer, body)
        }
    }

    /// `withEngine` with the switches already resolved into `rules` (tests run a preset's
    /// switches through `ConfiguredStrategies` with it).
    static func withEngine<Q: EngineStrategies, R: EngineRun>(_ config: EngineConfig, rules: Q, _ body: R) throws -> R.Output {
        try withEngine(config, rules: rules, observer: NoObserver(), body)
    }

    static func withEngine<Q: EngineStrategies, O: EngineObserver, R: EngineRun>(_ config: EngineConfig, rules: Q, observer: O,
                                                                               _ body: R) throws -> R.Output {
        let policy: OverloadPolicy
        switch config.policies.overloadPolicy {
        case .success(let p): policy = p
        case .failure(let error): throw EngineError.unknownPolicy(kind: error.category, name: error.name)
        }
        let start = EngineStart(config: config, rules: rules, overloadPolicy: policy, observer: observer, body: body)
        switch config.policies.migrationModel {
        case .cloudSim: return try start.withDetector(CloudSimMigration())
        case .preCopy: return try start.withDetector(PreCopyMigration())
        case .cold: return try start.withDetector(ColdMigration())
        }
    }
}

/// The rest of `withEngine`: the detector's type, the selection policy's type, then the engine itself.
private struct EngineStart<Q: EngineStrategies, O: EngineObserver, R: EngineRun> {
    let config: EngineConfig
    let rules: Q
    let overloadPolicy: OverloadPolicy
    let observer: O
    let body: R

    /// The overload detector's type. The statistics flavour picks the history detectors' type:
    /// `rules.cloudSimStatistics` is a constant in a preset's specialization, so only one of each
    /// pair is built there. LR and LRR, the only detectors that read migration times, carry the
    /// run's migration model (`PredictingOverMigrations`).
    func withDetector<M: EngineMigrationModel>(_ migration: M) throws -> R.Output {
        let cloudSim = rules.cloudSimStatistics
        switch overloadPolicy {
        case .none: return try withSelection(NoOverloadDetector(), migration)
        case .threshold(let t): return try withSelection(StaticThresholdDetector(threshold: t), migration)
        case .sustainedThreshold(let t, let w): return try withSelection(SustainedThresholdDetector(threshold: t, window: w), migration)
        case .interQuartileRange(let s):
            return cloudSim ? try withSelection(InterQuartileRangeDetector<CloudSimStatistics>(safety: s), migration)
                            : try withSelection(InterQuartileRangeDetector<IntendedStatistics>(safety: s), migration)
        case .medianAbsoluteDeviation(let s):
            return cloudSim ? try withSelection(MedianAbsoluteDeviationDetector<CloudSimStatistics>(safety: s), migration)
                            : try withSelection(MedianAbsoluteDeviationDetector<IntendedStatistics>(safety: s), migration)
        case .localRegression(let s):
            return cloudSim
                ? try withSelection(PredictingOverMigrations(base: LocalRegressionDetector<CloudSimStatistics>(safety: s), migration: migration), migration)
                : try withSelection(PredictingOverMigrations(base: LocalRegressionDetector<IntendedStatistics>(safety: s), migration: migration), migration)
        case .robustLocalRegression(let s):
            return cloudSim
                ? try withSelection(PredictingOverMigrations(base: RobustLocalRegressionDetector<CloudSimStatistics>(safety: s), migration: migration), migration)
                : try withSelection(PredictingOverMigrations(base: RobustLocalRegressionDetector<IntendedStatistics>(safety: s), migration: migration), migration)
        }
    }

    func withSelection<D: EngineOverloadDetector, M: EngineMigrationModel>(_ detector: D, _ migration: M) throws -> R.Output {
        let name = config.policies.selection
        switch name {
        case MinimumMigrationTimeSelection.registryName: return try run(RoundPolicies(detector: detector, selection: MinimumMigrationTimeSelection()), migration)
        case MaximumCorrelationSelection.registryName: return try run(RoundPolicies(detector: detector, selection: MaximumCorrelationSelection()), migration)
        case MinimumUtilizationSelection.registryName: return try run(RoundPolicies(detector: detector, selection: MinimumUtilizationSelection()), migration)
        case RandomSelection.registryName: return try run(RoundPolicies(detector: detector, selection: RandomSelection()), migration)
        default: throw EngineError.unknownPolicy(kind: "selection", name: name)
        }
    }

    func run<D: EngineOverloadDetector, S: VmSelectionPolicy, M: EngineMigrationModel>(_ policies: RoundPolicies<D, S>, _ migration: M) throws -> R.Output {
        // "none" reads no history (`NoOverloadDetector.needsHistory` is false), so this is the
        // former "(detector reads history and the run consolidates) or the selection reads it".
        let keepHistory = policies.detector.needsHistory || policies.selection.needsHistory
        // The run consolidates: stated by the detector's type; `Engine.init` reads the policy it
        // was resolved from, which must agree.
        assert(D.detectsOverloads == overloadPolicy.detectsOverloads)
        var engine = try Engine(config: config, rules: rules, overloadPolicy: overloadPolicy, keepHistory: keepHistory, observer: observer)
        return body.run(&engine, policies, migration)
    }
}
