import SimKernel

/// MU: the guest with the lowest current utilization of its own MIPS; the first wins ties
/// (CloudSim `PowerVmSelectionPolicyMinimumUtilization`, strict `<`).
public struct MinimumUtilizationSelection: VmSelectionPolicy {
    public static let registryName = "mu"
    public var name: String { Self.registryName }
    public var needsHistory: Bool { false }
    public init() {}

    public func select(from candidates: [SelectionCandidate], random: inout Xoshiro256StarStar) -> SelectionDecision {
        let scores = candidates.map(\.utilization)
        let i = firstMinimumIndex(scores)
        return SelectionDecision(policy: name, chosenIndex: i, chosenID: i.map { candidates[$0].id },
                                 scores: scores, scoreName: "utilization", note: "lowest utilization, first wins ties")
    }
}
