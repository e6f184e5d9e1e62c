/// The engine's behaviour, resolved once from `Semantics` at start into strategy types.
///
/// Each concern the CloudSim-compatibility switches touch is one protocol in a file named after
/// what it does: `UpdateClock`, `DemandReading`, `PlacementSuitability`, `CPUAllocationRule`,
/// `HostUpdatePolicy`, `UnderloadRule`, `EnergyMetering`, `MetricFormulas`, `StatisticsFlavour`
/// and `GuestWeighting`. Each protocol states its variants as properties and writes the rule that
/// depends on them once, in its extension. `Engine` and `EngineState` are generic over one
/// `EngineStrategies` value, so the rules are specialized at compile time:
///
/// - `CloudSimStrategies` and `VirtSimStrategies`, the two presets, answer every property with a
///   constant: in their specializations of the engine the branches fold away and the per-guest
///   and per-host loops carry no switch test at all;
/// - `ConfiguredStrategies` reads a `Semantics` with switches flipped by a scenario, so a mix of
///   the two presets runs the same code with the switches tested where they apply.
///
/// `ConsolidationEngine.run` picks the specialization once (`EngineRun`). Two switches are not
/// engine strategies: `cloudSimPowerFormula` is resolved into `PowerArithmetic` (Scheduling) and
/// `baselinesPlaceFirstFit` into the baselines' placement policy (`PlanetLabExperiment`).
protocol EngineStrategies: UpdateClock, DemandReading, PlacementSuitability, CPUAllocationRule, HostUpdatePolicy,
    UnderloadRule, EnergyMetering, MetricFormulas, StatisticsFlavour, GuestWeighting, Sendable {
    /// The switches these strategies stand for.
    var semantics: Semantics { get }
}

/// Every CloudSim 3.0.3 quirk (`Semantics.cloudSimCompatible`), as constants.
struct CloudSimStrategies: EngineStrategies {
    var semantics: Semantics { .cloudSimCompatible }
}

/// The intended behaviour (`Semantics.virtSim`), as constants.
struct VirtSimStrategies: EngineStrategies {
    var semantics: Semantics { .virtSim }
}

/// Any other combination of switches, read from `semantics`.
struct ConfiguredStrategies: EngineStrategies {
    let semantics: Semantics
}

/// Something to do with an engine of whichever specialization the switches select.
protocol EngineRun {
    associatedtype Output
    func run<Q: EngineStrategies>(_ engine: inout Engine<Q>) -> Output
}

extension ConsolidationEngine {
    /// Builds the engine specialized for `config.semantics` (a preset's constants, or the
    /// configured switches) and hands it to `body`. The only place the switches pick a type.
    static func withEngine<R: EngineRun>(_ config: EngineConfig, _ body: R) throws -> R.Output {
        switch config.semantics {
        case .cloudSimCompatible:
            var engine = try Engine(config: config, rules: CloudSimStrategies())
            return body.run(&engine)
        case .virtSim:
            var engine = try Engine(config: config, rules: VirtSimStrategies())
            return body.run(&engine)
        default:
            var engine = try Engine(config: config, rules: ConfiguredStrategies(semantics: config.semantics))
            return body.run(&engine)
        }
    }
}
