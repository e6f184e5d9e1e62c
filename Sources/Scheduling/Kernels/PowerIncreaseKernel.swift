/// Power-aware best-fit score: ΔP = P((planned [+ tentative] + request) / capacity) − P(now), where
/// P(now) is `HostTable.currentPower` (power at the last update). Unsuitable hosts, and hosts whose
/// projected utilization leaves [0, 1] under CloudSim's formula, score +∞.
public enum PowerIncreaseKernel {
    /// Projected utilization of `host` with `guest` added.
    @inlinable
    public static func projectedUtilization(_ host: Int, _ guest: PlacementGuest, _ t: HostTable, includeTentative: Bool) -> Double {
        t.utilizationAfterPlacing(guest, on: host, includeTentative: includeTentative)
    }

    /// ΔP of one host, or nil with the reason. Scalar definition that the kernels must reproduce. O(1).
    @inlinable
    public static func score(of host: Int, for guest: PlacementGuest, in t: HostTable,
                             includeTentative: Bool) -> (score: Double?, rejection: PlacementRejection?) {
        if let r = SuitabilityKernel.rejection(of: host, for: guest, in: t) { return (nil, r) }
        let u = projectedUtilization(host, guest, t, includeTentative: includeTentative)
        guard let p = t.power(of: host, atUtilization: u) else { return (nil, .utilizationAboveOne) }
        return (p - t.currentPower[host], nil)
    }

    /// Scalar reference: scores[h] = ΔP or +∞. O(n).
    public static func scoresScalar(for guest: PlacementGuest, in t: HostTable, includeTentative: Bool,
                                    into scores: inout [Double]) {
        if scores.count < t.count { scores = [Double](repeating: .infinity, count: t.count) }
        for h in 0..<t.count {
            scores[h] = score(of: h, for: guest, in: t, includeTentative: includeTentative).score ?? .infinity
        }
    }

    /// SIMD version of `scoresScalar`: the suitability mask, projected utilization and the power-table
    /// interpolation run on 4 hosts per step (the table entries are gathered lane by lane). Bit-identical
    /// to the scalar path: every lane performs the same IEEE operations in the same order.
    public static func scoresSIMD(for guest: PlacementGuest, in t: HostTable, includeTentative: Bool,
                                  into scores: inout [Double]) {
        if scores.count < t.count { scores = [Double](repeating: .infinity, count: t.count) }
        _ = scores.withUnsafeMutableBufferPointer { out in
            scan(guest, t, includeTentative, out.baseAddress)
        }
    }

    /// The host with the smallest ΔP (lowest index on ties), computed by the SIMD scan without storing
    /// the scores: one pass over the table, nothing written. Equals `ArgminKernel.scalar` of
    /// `scoresScalar`'s output.
    public static func argminSIMD(for guest: PlacementGuest, in t: HostTable, includeTentative: Bool) -> (host: Int, score: Double)? {
        scan(guest, t, includeTentative, nil)
    }

    /// Scores every host (stored into `out` when given) and returns the argmin.
    static func scan(_ guest: PlacementGuest, _ t: HostTable, _ includeTentative: Bool,
                     _ out: UnsafeMutablePointer<Double>?) -> (host: Int, score: Double)? {
        let n = t.count
        let body = n - n % Lanes.width
        let cloudSim = t.powerFormula == .cloudSim
        var bestValue = Double.infinity
        var bestIndex: Int? = nil
        t.peMips.withUnsafeBufferPointer { pe in
        t.freeMips.withUnsafeBufferPointer { fm in
        t.freeRamMB.withUnsafeBufferPointer { fr in
        t.freeBandwidthMbps.withUnsafeBufferPointer { fb in
        t.excludedRaw.withUnsafeBufferPointer { ex in
        t.stateRaw.withUnsafeBufferPointer { st in
        t.plannedMips.withUnsafeBufferPointer { pl in
        t.tentativeMips.withUnsafeBufferPointer { te in
        t.totalMips.withUnsafeBufferPointer { tot in
        t.currentPower.withUnsafeBufferPointer { now in
        t.powerModelIndex.withUnsafeBufferPointer { mi in
        t.powerTables.withUnsafeBufferPointer { w in
                let reqPe = SIMD4<Double>(repeating: guest.maxPeMips)
                let reqMips = SIMD4<Double>(repeating: guest.mips)
                let reqRam = SIMD4<Double>(repeating: guest.ramMB)
                let reqBw = SIMD4<Double>(repeating: guest.bandwidthMbps)
                let maxState = SIMD4<Int64>(repeating: Int64(HostPowerState.asleep.rawValue))
                let inf = SIMD4<Double>(repeating: .infinity)
                let zero = SIMD4<Double>(repeating: 0), one = SIMD4<Double>(repeating: 1)
                var best = inf
                var idx = SIMD4<Int64>(repeating: -1)
                var cur = SIMD4<Int64>(0, 1, 2, 3)
                let step = SIMD4<Int64>(repeating: Int64(Lanes.width))
                var i = 0
                while i < body {
                    var ok = Lanes.load(pe.baseAddress!, i) .>= reqPe
                    ok .&= Lanes.load(fm.baseAddress!, i) .>= reqMips
                    ok .&= Lanes.load(fr.baseAddress!, i) .>= reqRam
                    ok .&= Lanes.load(fb.baseAddress!, i) .>= reqBw
                    ok .&= Lanes.loadFlags(ex.baseAddress!, i) .== 0
                    ok .&= Lanes.loadFlags(st.baseAddress!, i) .<= maxState
                    if !any(ok) {
                        if let out { Lanes.store(inf, out, i) }
                        cur &+= step
                        i += Lanes.width
                        continue
                    }
                    var base = Lanes.load(pl.baseAddress!, i)
                    if includeTentative { base = base + Lanes.load(te.baseAddress!, i) }
                    let u = (base + reqMips) / Lanes.load(tot.baseAddress!, i)
                    let model = Lanes.loadInt32(mi.baseAddress!, i) &* 11
                    let p: SIMD4<Double>
                    if cloudSim {
                        ok .&= (u .>= zero) .& (u .<= one)
                        p = PowerCurve.cloudSimWatts4(w.baseAddress!, offsets: model, utilization: u.replacing(with: zero, where: .!ok))
                    } else {
                        p = PowerCurve.virtSimWatts4(w.baseAddress!, offsets: model, utilization: u)
                    }
                    let dp = (p - Lanes.load(now.baseAddress!, i)).replacing(with: inf, where: .!ok)
                    if let out { Lanes.store(dp, out, i) }
                    let better = dp .< best
                    best.replace(with: dp, where: better)
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
        }}}}}}}}}}}}
        for h in body..<n {
            let s = score(of: h, for: guest, in: t, includeTentative: includeTentative).score ?? .infinity
            out?[h] = s
            if s < bestValue {
                bestValue = s
                bestIndex = h
            }
        }
        return bestIndex.map { ($0, bestValue) }
    }
}
