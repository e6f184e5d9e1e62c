/// The under-load phase's reading of the hosts (switches `switchedOffMeansZeroUtilization`,
/// `underloadConsidersOverloadTargets`; §3.8; the rule itself is Scheduling's `Underload`).
///
/// - Switched off: a host at measured utilization 0 (CloudSim), or a host with no guests.
/// - The targets of the overload phase stay under-load candidates in the same round (CloudSim's
///   exclusion reads an empty list), or they are excluded.
protocol UnderloadRule {
    var switchedOffMeansZeroUtilization: Bool { get }
    var overloadTargetsStayCandidates: Bool { get }
}

extension CloudSimStrategies {
    var switchedOffMeansZeroUtilization: Bool { true }
    var overloadTargetsStayCandidates: Bool { true }
}
extension VirtSimStrategies {
    var switchedOffMeansZeroUtilization: Bool { false }
    var overloadTargetsStayCandidates: Bool { false }
}
extension ConfiguredStrategies {
    var switchedOffMeansZeroUtilization: Bool { semantics.switchedOffMeansZeroUtilization }
    var overloadTargetsStayCandidates: Bool { semantics.underloadConsidersOverloadTargets }
}
