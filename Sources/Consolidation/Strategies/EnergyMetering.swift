/// How energy is counted (switches `trapezoidEnergy`, `zeroEnergyAfterIdleUpdate`; §3.9).
///
/// - CloudSim's trapezoid: (P(u_prev) + P(u_now)) / 2 · Δt added at every full update
///   (`Engine.meterTrapezoids`); otherwise power is integrated exactly as a piecewise-constant
///   function, each host up to the instant before it changes (`EngineState.integrateEnergy`).
/// - A host whose utilization at the previous update was 0 adds nothing (CloudSim); otherwise an
///   empty host draws its sleep watts and an idle host that is on its idle watts.
protocol EnergyMetering {
    var metersTrapezoids: Bool { get }
    var zeroEnergyAfterIdleUpdate: Bool { get }
}

extension EnergyMetering {
    /// True when power is integrated at events (piecewise constant) rather than by trapezoids.
    @inline(__always)
    var integratesAtEvents: Bool { !metersTrapezoids }
}

extension CloudSimStrategies {
    var metersTrapezoids: Bool { true }
    var zeroEnergyAfterIdleUpdate: Bool { true }
}
extension VirtSimStrategies {
    var metersTrapezoids: Bool { false }
    var zeroEnergyAfterIdleUpdate: Bool { false }
}
extension ConfiguredStrategies {
    var metersTrapezoids: Bool { semantics.trapezoidEnergy }
    var zeroEnergyAfterIdleUpdate: Bool { semantics.zeroEnergyAfterIdleUpdate }
}
