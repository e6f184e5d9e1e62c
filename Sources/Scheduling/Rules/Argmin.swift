/// Index of the smallest finite score, lowest index on ties (CloudSim's strict `<` scan from index 0).
/// +∞ and NaN never win; nil when no score is finite.
public enum Argmin {
    /// The order every scored choice uses: lower score first, lower index on equal scores.
    @inlinable @inline(__always)
    public static func precedes(_ a: Int, _ b: Int, scores: [Double]) -> Bool {
        scores[a] != scores[b] ? scores[a] < scores[b] : a < b
    }

    /// Scalar reference over `scores[0 ..< count]`. O(n).
    public static func scalar(_ scores: [Double], count: Int? = nil) -> Int? {
        let n = count ?? scores.count
        var best = Double.infinity
        var index: Int? = nil
        for i in 0..<n where scores[i] < best {
            best = scores[i]
            index = i
        }
        return index
    }

    /// SIMD version: per-lane running minimum with its index (strict `<`, so each lane keeps its
    /// earliest index), then a cross-lane reduction that breaks equal minima by lowest index, then the
    /// scalar tail (whose indices are all higher). Same answer as `scalar`.
    public static func simd(_ scores: [Double], count: Int? = nil) -> Int? {
        let n = count ?? scores.count
        let body = n - n % Lanes.width
        var bestValue = Double.infinity
        var bestIndex: Int? = nil
        scores.withUnsafeBufferPointer { s in
            guard body > 0 else { return }
            var best = SIMD4<Double>(repeating: .infinity)
            var idx = SIMD4<Int64>(repeating: -1)
            var cur = SIMD4<Int64>(0, 1, 2, 3)
            let step = SIMD4<Int64>(repeating: Int64(Lanes.width))
            var i = 0
            while i < body {
                let v = Lanes.load(s.baseAddress!, i)
                let better = v .< best
                best.replace(with: v, where: better)
                idx.replace(with: cur, where: better)
                cur &+= step
                i += Lanes.width
            }
            for l in 0..<Lanes.width where idx[l] >= 0 {
                let v = best[l], j = Int(idx[l])
                if v < bestValue || (v == bestValue && bestIndex.map { j < $0 } ?? true) {
                    bestValue = v
                    bestIndex = j
                }
            }
        }
        if body < n {
            for i in body..<n where scores[i] < bestValue {
                bestValue = scores[i]
                bestIndex = i
            }
        }
        return bestIndex
    }
}
