/// Best-fit / worst-fit score: the free MIPS a suitable host would have left after taking the guest.
/// Best fit minimizes it (tightest host); worst fit maximizes it, scored as its negation so that both
/// are minimized. Unsuitable hosts score +∞.
public enum ResidualKernel {
    /// +1: best fit (score = residual); −1: worst fit (score = −residual).
    @inlinable
    public static func score(of host: Int, for guest: PlacementGuest, in t: HostTable,
                             sign: Double) -> (score: Double?, rejection: PlacementRejection?) {
        if let r = SuitabilityKernel.rejection(of: host, for: guest, in: t) { return (nil, r) }
        return (sign * (t.freeMips[host] - guest.mips), nil)
    }

    /// Scalar reference. O(n).
    public static func scoresScalar(for guest: PlacementGuest, in t: HostTable, sign: Double, into scores: inout [Double]) {
        if scores.count < t.count { scores = [Double](repeating: .infinity, count: t.count) }
        for h in 0..<t.count { scores[h] = score(of: h, for: guest, in: t, sign: sign).score ?? .infinity }
    }

    /// SIMD version of `scoresScalar`; identical results.
    public static func scoresSIMD(for guest: PlacementGuest, in t: HostTable, sign: Double, into scores: inout [Double]) {
        if scores.count < t.count { scores = [Double](repeating: .infinity, count: t.count) }
        let n = t.count
        let body = n - n % Lanes.width
        scores.withUnsafeMutableBufferPointer { out in
            t.peMips.withUnsafeBufferPointer { pe in
            t.freeMips.withUnsafeBufferPointer { fm in
            t.freeRamMB.withUnsafeBufferPointer { fr in
            t.freeBandwidthMbps.withUnsafeBufferPointer { fb in
            t.excludedRaw.withUnsafeBufferPointer { ex in
            t.stateRaw.withUnsafeBufferPointer { st in
                let reqPe = SIMD4<Double>(repeating: guest.maxPeMips)
                let reqMips = SIMD4<Double>(repeating: guest.mips)
                let reqRam = SIMD4<Double>(repeating: guest.ramMB)
                let reqBw = SIMD4<Double>(repeating: guest.bandwidthMbps)
                let maxState = SIMD4<Int64>(repeating: Int64(HostPowerState.asleep.rawValue))
                let s = SIMD4<Double>(repeating: sign)
                let inf = SIMD4<Double>(repeating: .infinity)
                var i = 0
                while i < body {
                    let free = Lanes.load(fm.baseAddress!, i)
                    var ok = Lanes.load(pe.baseAddress!, i) .>= reqPe
                    ok .&= free .>= reqMips
                    ok .&= Lanes.load(fr.baseAddress!, i) .>= reqRam
                    ok .&= Lanes.load(fb.baseAddress!, i) .>= reqBw
                    ok .&= Lanes.loadFlags(ex.baseAddress!, i) .== 0
                    ok .&= Lanes.loadFlags(st.baseAddress!, i) .<= maxState
                    Lanes.store((s * (free - reqMips)).replacing(with: inf, where: .!ok), out.baseAddress!, i)
                    i += Lanes.width
                }
            }}}}}}
        }
        for h in body..<n { scores[h] = score(of: h, for: guest, in: t, sign: sign).score ?? .infinity }
    }
}
