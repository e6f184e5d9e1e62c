/// The engine's behaviour, resolved once from `Semantics` at start into strategy types.
///
/// Each concern the CloudSim-compatibility switches touch is one protocol in a file named after
/// what it does: `UpdateClock`, `BootPhase`, `DemandReading`, `PlacementSuitability`,
/// `CPUAllocationRule`, `HostUpdatePolicy`, `UnderloadRule`, `EnergyMetering`, `PowerReading`,
/// `MetricFormulas`, `StatisticsFlavour` and `GuestWeighting`; one more, `HostPowerDraw`, is the
/// `powerAware` policy (the presets are power-aware). Each protocol states its variants as properties and writes the rule that
/// depends on them once, in its extension. `Engine` and `EngineState` are generic over one
/// `EngineStrategies` value, so the rules are specialized at compile time:
///
/// - `CloudSimStrategies` and `VirtSimStrategies`, the two presets, answer every property with a
///   constant: in their specializations of the engine the branches fold away and the per-guest
///   and per-host loops carry no switch test at all;
/// - `ConfiguredStrategies` reads a `Semantics` with switches flipped by a scenario, so a mix of
///   the two presets runs the same code with the switches tested where they apply.
///
/// `ConsolidationEngine.withEngine` picks the specialization once (`EngineDispatch.swift`), with
/// the overload detector's and the selection policy's types. `PowerReading` gives the power
/// formula as a type (`PowerArithmetic` in Scheduling is generic over it). One switch is not an
/// engine strategy: `baselinesPlaceFirstFit` is resolved into the baselines' placement policy
/// (`PolicySpec.resolvingBaselinePlacement`).
protocol EngineStrategies: UpdateClock, BootPhase, DemandReading, PlacementSuitability, CPUAllocationRule, HostUpdatePolicy,
    UnderloadRule, EnergyMetering, PowerReading, HostPowerDraw, MetricFormulas, StatisticsFlavour, GuestWeighting, Sendable {
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

/// Any other combination of switches, read from `semantics`, and a run that is not power-aware.
struct ConfiguredStrategies: EngineStrategies {
    let semantics: Semantics
    /// `HostPowerDraw`: the run's `powerAware` policy is off.
    let drawsMaximumPower: Bool

    init(semantics: Semantics, powerAware: Bool = true) {
        self.semantics = semantics
        drawsMaximumPower = !powerAware
    }
}
