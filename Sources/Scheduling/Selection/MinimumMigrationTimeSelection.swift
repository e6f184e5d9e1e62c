import SimKernel

/// MMT: the guest with the least RAM, i.e. the shortest migration at a given bandwidth; the first
/// in host order wins ties (CloudSim `PowerVmSelectionPolicyMinimumMigrationTime`, strict `<`).
public struct MinimumMigrationTimeSelection: VmSelectionPolicy {
    public static let registryName = "mmt"
    public var name: String { Self.registryName }
    public var needsHistory: Bool { false }
    public init() {}

    public func select(from candidates: [SelectionCandidate], random: inout Xoshiro256StarStar) -> SelectionDecision {
        let scores = candidates.map(\.ramMB)
        let i = firstMinimumIndex(scores)
        return SelectionDecision(policy: name, chosenIndex: i, chosenID: i.map { candidates[$0].id },
                                 scores: scores, scoreName: "RAM (MB)", note: "smallest RAM, first wins ties")
    }
}
