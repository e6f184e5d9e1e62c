import Scheduling

/// What a placement asks of a host (switches `perCoreCapOnCurrentRequest`, `ramOnlyAtCreation`,
/// `wakingHostsLooksFree`; §3.2, §3.7).
///
/// - The per-core test: one core must cover the guest's *current* per-vCPU request (CloudSim), or
///   its nominal vCPU MIPS.
/// - RAM: checked only when a guest is created (CloudSim's requests are 0 afterwards), or a hard
///   constraint at every placement.
/// - Waking: with CloudSim's reading, a host whose planner MIPS are 0 skips the overload test and
///   its power increase is measured from P(0), so waking it looks free; otherwise every candidate
///   passes the overload test and waking costs idle minus sleep watts.
protocol PlacementSuitability {
    var coreTestUsesCurrentRequest: Bool { get }
    var ramCheckedOnlyAtCreation: Bool { get }
    var wakingHostsLooksFree: Bool { get }
}

extension PlacementSuitability {
    /// The request of a guest with host-level `demand`, `pes` vCPUs of `mips` each and `ramMB`. O(1).
    @inline(__always)
    func placementRequest(demand: Double, pes: Int32, mips: Double, ramMB: Double, creating: Bool) -> PlacementRequest {
        PlacementRequest(demandMips: demand,
                         coreMips: coreTestUsesCurrentRequest ? demand / Double(pes) : mips,
                         ramMB: ramMB, checksRam: !ramCheckedOnlyAtCreation || creating)
    }
}

extension CloudSimStrategies {
    var coreTestUsesCurrentRequest: Bool { true }
    var ramCheckedOnlyAtCreation: Bool { true }
    var wakingHostsLooksFree: Bool { true }
}
extension VirtSimStrategies {
    var coreTestUsesCurrentRequest: Bool { false }
    var ramCheckedOnlyAtCreation: Bool { false }
    var wakingHostsLooksFree: Bool { false }
}
extension ConfiguredStrategies {
    var coreTestUsesCurrentRequest: Bool { semantics.perCoreCapOnCurrentRequest }
    var ramCheckedOnlyAtCreation: Bool { semantics.ramOnlyAtCreation }
    var wakingHostsLooksFree: Bool { semantics.wakingHostsLooksFree }
}
