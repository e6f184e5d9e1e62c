/// How a guest's demand is read (switches `interpolateSamples`, `requestFullMipsAtCreation`).
///
/// Between samples: linear interpolation at the update instant (CloudSim's
/// `UtilizationModelPlanetLabInMemory`, §3.3) or a step that holds sample k on [kΔ, (k+1)Δ).
/// At creation: the guest requests its full MIPS and keeps that allocation until the first update
/// (§3.5), or it is placed by its current demand.
protocol DemandReading {
    var interpolatesSamples: Bool { get }
    var requestsFullMipsAtCreation: Bool { get }
}

extension DemandReading {
    /// Guest `g`'s utilization at `t` from `source`. O(1).
    @inline(__always)
    func utilization(_ source: DemandSource, _ g: Int, at t: Double) -> Double {
        source.utilization(g, at: t, interpolating: interpolatesSamples)
    }
}

extension CloudSimStrategies {
    var interpolatesSamples: Bool { true }
    var requestsFullMipsAtCreation: Bool { true }
}
extension VirtSimStrategies {
    var interpolatesSamples: Bool { false }
    var requestsFullMipsAtCreation: Bool { false }
}
extension ConfiguredStrategies {
    var interpolatesSamples: Bool { semantics.interpolateSamples }
    var requestsFullMipsAtCreation: Bool { semantics.requestFullMipsAtCreation }
}
