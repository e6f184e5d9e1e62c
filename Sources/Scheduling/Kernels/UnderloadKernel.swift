/// Under-load candidate search: the powered-on host with the lowest measured utilization u with
/// 0 < u < upperBound that is not under-load-excluded; lowest index on ties (CloudSim
/// `getUnderUtilizedHost`, whose running minimum starts at 1, i.e. upperBound = 1).
public enum UnderloadKernel {
    /// Scalar reference. O(n).
    public static func scalar(_ t: HostTable, upperBound: Double = 1) -> Int? {
        var best = upperBound
        var index: Int? = nil
        for h in 0..<t.count where t.underloadExcludedRaw[h] == 0 && t.stateRaw[h] == HostPowerState.on.rawValue {
            let u = t.measuredUtilization[h]
            if u > 0 && u < best {
                best = u
                index = h
            }
        }
        return index
    }

    /// SIMD version (per-lane minimum + index, lowest-index reduction, scalar tail); same answer.
    public static func simd(_ t: HostTable, upperBound: Double = 1) -> Int? {
        let n = t.count
        let body = n - n % Lanes.width
        var bestValue = upperBound
        var bestIndex: Int? = nil
        t.measuredUtilization.withUnsafeBufferPointer { mu in
        t.underloadExcludedRaw.withUnsafeBufferPointer { ex in
        t.stateRaw.withUnsafeBufferPointer { st in
            guard body > 0 else { return }
            var best = SIMD4<Double>(repeating: upperBound)
            var idx = SIMD4<Int64>(repeating: -1)
            var cur = SIMD4<Int64>(0, 1, 2, 3)
            let step = SIMD4<Int64>(repeating: Int64(Lanes.width))
            let zero = SIMD4<Double>(repeating: 0)
            let on = SIMD4<Int64>(repeating: Int64(HostPowerState.on.rawValue))
            var i = 0
            while i < body {
                let u = Lanes.load(mu.baseAddress!, i)
                let eligible = (Lanes.loadFlags(ex.baseAddress!, i) .== 0) .& (Lanes.loadFlags(st.baseAddress!, i) .== on)
                let better = eligible .& (u .> zero) .& (u .< best)
                best.replace(with: u, where: better)
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
        }}}
        if body < n {
            for h in body..<n where t.underloadExcludedRaw[h] == 0 && t.stateRaw[h] == HostPowerState.on.rawValue {
                let u = t.measuredUtilization[h]
                if u > 0 && u < bestValue {
                    bestValue = u
                    bestIndex = h
                }
            }
        }
        return bestIndex
    }
}
