import SimKernel

/// RS: a uniformly random candidate (CloudSim `PowerVmSelectionPolicyRandomSelection` uses an unseeded
/// `java.util.Random`, so its runs are not reproducible; VirtSim draws from the seeded stream passed in,
/// with an unbiased bounded draw, so the same seed selects the same guests).
public struct RandomSelection: VmSelectionPolicy {
    public static let registryName = "rs"
    public var name: String { Self.registryName }
    public var needsHistory: Bool { false }
    public init() {}

    public func select(from candidates: [SelectionCandidate], random: inout Xoshiro256StarStar) -> SelectionDecision {
        guard !candidates.isEmpty else {
            return SelectionDecision(policy: name, chosenIndex: nil, chosenID: nil, scores: [], scoreName: "")
        }
        let i = Self.uniformIndex(below: candidates.count, using: &random)
        return SelectionDecision(policy: name, chosenIndex: i, chosenID: candidates[i].id, scores: [],
                                 scoreName: "", note: "uniform draw \(i) of \(candidates.count) from the seeded stream")
    }

    /// Unbiased integer in 0 ..< n (Lemire 2019, multiply-shift with rejection), spelled out so the
    /// sequence does not depend on the standard library's algorithm.
    public static func uniformIndex(below n: Int, using random: inout Xoshiro256StarStar) -> Int {
        precondition(n > 0)
        let bound = UInt64(n)
        var m = random.next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = random.next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }
}
