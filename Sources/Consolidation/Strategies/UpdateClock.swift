/// When the engine updates its hosts (switch `cloudSimClock`, docs/cloudsim-semantics.md §2).
///
/// CloudSim's clock: the cloudlets are submitted at 0.1 s, the first update is at 0.1 + Δ and
/// later ones are reached by repeatedly adding Δ (Δ = the consolidation interval, and every round
/// rides an update); nothing is measured before the first update; a guest runs from its
/// submission. The grid clock: updates at exactly k·Δ (k·Δ computed by multiplication) from 0
/// with Δ the shortest sample interval, an update at 0, rounds as separate events every
/// consolidation interval. (Boot delays, which this switch used to skip too, are `BootPhase`'s.)
protocol UpdateClock {
    var cloudSimClock: Bool { get }
}

extension UpdateClock {
    /// Interval between demand updates (ticks).
    @inline(__always)
    func tickInterval(consolidationInterval: Double, guests: [GuestSpec]) -> Double {
        cloudSimClock ? consolidationInterval : guests.map(\.sampleInterval).min() ?? consolidationInterval
    }

    /// Time of the first tick.
    @inline(__always)
    func firstTick(interval: Double) -> Double { cloudSimClock ? 0.1 + interval : interval }

    /// True when t = 0 is an update (demands at sample 0, the first history value).
    @inline(__always)
    var updatesAtZero: Bool { !cloudSimClock }

    /// True when consolidation rounds run on ticks rather than as events of their own.
    @inline(__always)
    var consolidatesOnTicks: Bool { cloudSimClock }

    /// The tick after tick `index` at `t`: CloudSim adds the interval, the grid multiplies.
    @inline(__always)
    func nextTick(after t: Double, index: Int, interval: Double) -> Double {
        cloudSimClock ? t + interval : Double(index + 1) * interval
    }

    /// The span over which time averages (active hosts) are taken.
    @inline(__always)
    func measuredSeconds(lastUpdate: Double, tickInterval: Double, horizon: Double) -> Double {
        cloudSimClock ? max(lastUpdate - (0.1 + tickInterval), 0) : horizon
    }
}

extension CloudSimStrategies { var cloudSimClock: Bool { true } }
extension VirtSimStrategies { var cloudSimClock: Bool { false } }
extension ConfiguredStrategies { var cloudSimClock: Bool { semantics.cloudSimClock } }
