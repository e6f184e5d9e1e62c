import SimKernel

/// MC: the guest whose utilization is best explained by the other candidates', i.e. the largest R² of
/// an ordinary least-squares regression (with intercept) of its history on theirs (Beloglazov & Buyya
/// 2012 §6.3.3, after Verma et al. 2009; CloudSim `PowerVmSelectionPolicyMaximumCorrelation`).
///
/// CloudSim semantics, kept in both modes because they are also the sensible ones: histories are cut
/// to the shortest candidate history m (newest first, as CloudSim's matrix rows); R² is computed as
/// commons-math's `OLSMultipleLinearRegression` does (Householder QR, bit-exact replica in
/// `CloudSimMath.olsRSquared`); the running maximum starts at `Double.MIN_VALUE` (the smallest positive
/// double), so when every R² is ≤ 0 or NaN the first candidate is chosen; when the regression cannot be
/// computed (one candidate, m < number of candidates, a singular design) the MMT fallback decides.
public struct MaximumCorrelationSelection: VmSelectionPolicy {
    public static let registryName = "mc"
    public var name: String { Self.registryName }
    public var needsHistory: Bool { true }
    public var fallback: MinimumMigrationTimeSelection
    public init(fallback: MinimumMigrationTimeSelection = MinimumMigrationTimeSelection()) { self.fallback = fallback }

    public func select(from candidates: [SelectionCandidate], random: inout Xoshiro256StarStar) -> SelectionDecision {
        guard !candidates.isEmpty else {
            return SelectionDecision(policy: name, chosenIndex: nil, chosenID: nil, scores: [], scoreName: "R²")
        }
        guard let r2 = Self.rSquaredValues(candidates) else {
            var d = fallback.select(from: candidates, random: &random)
            d.policy = "\(name)→\(fallback.name)"
            d.usedFallback = true
            d.note = "regression not computable (one candidate, too short a history, or singular): MMT decides"
            return d
        }
        var best = Double.leastNonzeroMagnitude  // Java Double.MIN_VALUE
        var index = 0
        for (i, v) in r2.enumerated() where v > best {
            best = v
            index = i
        }
        return SelectionDecision(policy: name, chosenIndex: index, chosenID: candidates[index].id, scores: r2,
                                 scoreName: "R²", note: "largest R², first wins ties; all ≤ 0 → first")
    }

    /// R² of each candidate regressed on the others, or nil when any regression is impossible
    /// (CloudSim catches the exception and falls back for the whole selection).
    public static func rSquaredValues(_ candidates: [SelectionCandidate]) -> [Double]? {
        let n = candidates.count
        guard n >= 2 else { return nil }
        let m = candidates.map(\.history.count).min() ?? 0
        let rows = candidates.map { Array($0.history.prefix(m)) }
        var result: [Double] = []
        result.reserveCapacity(n)
        for i in 0..<n {
            var others: [[Double]] = []
            for j in 0..<n where j != i { others.append(rows[j]) }
            guard let r2 = CloudSimMath.olsRSquared(y: rows[i], regressors: others) else { return nil }
            result.append(r2)
        }
        return result
    }
}
