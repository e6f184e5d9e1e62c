/// What a host draws (the scenario's `powerAware` policy): its SPECpower curve at its load (by the
/// `PowerReading` formula and the `EnergyMetering` rules for idle and empty hosts), or, in
/// CloudSim's NonPowerAware baseline (`powerAware: false`), its maximum power whatever its load,
/// never asleep. Read by the energy meter only (`EnergyMeter`).
///
/// A policy rather than a `Semantics` switch, resolved with the switches, once, by
/// `ConsolidationEngine.withEngine`: the presets draw by load (a constant, so the meter's per-host
/// code tests nothing); a non-power-aware run takes `ConfiguredStrategies`, which reads it where
/// it applies, like its switches. It is not a type parameter of the meter: the meter is part of
/// the engine's state, so such a parameter would double every specialization of the engine for
/// the sake of one baseline run.
protocol HostPowerDraw {
    /// Every host draws its maximum power, loaded or not, empty or not (NonPowerAware).
    var drawsMaximumPower: Bool { get }
}

extension CloudSimStrategies { var drawsMaximumPower: Bool { false } }
extension VirtSimStrategies { var drawsMaximumPower: Bool { false } }
