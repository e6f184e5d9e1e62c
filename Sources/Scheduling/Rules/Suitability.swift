/// What a guest asks of a host when it is placed: CPU now, per-core speed and, when the mode
/// checks it, RAM. Built once per placement decision by the engine's suitability strategy.
public struct PlacementRequest: Sendable, Hashable {
    /// Host MIPS the guest requests now (its kind's overhead included).
    public var demandMips: Double
    /// MIPS one of its vCPUs needs from a host core.
    public var coreMips: Double
    public var ramMB: Double
    /// False: RAM is not compared (CloudSim requests RAM only when a guest is created).
    public var checksRam: Bool

    public init(demandMips: Double, coreMips: Double, ramMB: Double, checksRam: Bool) {
        self.demandMips = demandMips
        self.coreMips = coreMips
        self.ramMB = ramMB
        self.checksRam = checksRam
    }
}

/// Why a host cannot take a guest at all, with the numbers compared.
public enum Unsuitability: Sendable, Hashable {
    case coreTooSlow(coreMips: Double, needed: Double)
    case notEnoughCpu(freeMips: Double, needed: Double)
    case notEnoughRam(freeMB: Double, needed: Double)
}

/// Which score a suitability scan writes for the hosts it accepts.
public enum FitScore: Sendable, Hashable {
    /// 0 for every suitable host (first fit, power-aware: scored later).
    case none
    /// Free MIPS left after placing (best fit).
    case leftover
    /// Its negation (worst fit), so that every score is minimized.
    case negatedLeftover
}

/// The suitability rule (CloudSim `Host.isSuitableForVm`, §3.7 step 1): a host can take a guest
/// when a core is fast enough for one vCPU, the CPU scheduler's free MIPS cover the demand and,
/// when checked, free RAM covers the guest's memory. Every comparison rejects on `<`.
public enum Suitability {
    /// Scalar reference: why host `h` cannot take `r`, or nil. Checks in the order above. O(1).
    @inlinable @inline(__always)
    public static func rejection(_ h: Int, _ r: PlacementRequest, in t: HostTable) -> Unsuitability? {
        if t.peMips[h] < r.coreMips { return .coreTooSlow(coreMips: t.peMips[h], needed: r.coreMips) }
        if t.freeMips[h] < r.demandMips { return .notEnoughCpu(freeMips: t.freeMips[h], needed: r.demandMips) }
        if r.checksRam {
            let free = t.freeRamMB(h)
            if free < r.ramMB { return .notEnoughRam(freeMB: free, needed: r.ramMB) }
        }
        return nil
    }

    /// `rejection == nil`. O(1).
    @inlinable @inline(__always)
    public static func accepts(_ h: Int, _ r: PlacementRequest, in t: HostTable) -> Bool {
        if case .none = rejection(h, r, in: t) { return true }
        return false
    }

    /// Scalar reference of `scan`: the same scores and candidates, one host at a time. O(hosts).
    public static func scanScalar(_ r: PlacementRequest, in t: HostTable, excluded: [Bool], score: FitScore,
                                  scores: inout [Double], candidates: inout [Int]) {
        if scores.count != t.count { scores = [Double](repeating: .infinity, count: t.count) }
        candidates.removeAll(keepingCapacity: true)
        for h in 0..<t.count {
            let s = scoreOne(h, r, in: t, excluded: excluded, score: score)
            scores[h] = s
            if s < .greatestFiniteMagnitude { candidates.append(h) }
        }
    }

    /// Host `h`'s scan score: `score` when the rule accepts it and `excluded` does not, else +∞. O(1).
    @inlinable @inline(__always)
    static func scoreOne(_ h: Int, _ r: PlacementRequest, in t: HostTable, excluded: [Bool], score: FitScore) -> Double {
        guard !excluded[h] && accepts(h, r, in: t) else { return .infinity }
        switch score {
        case .none: return 0
        case .leftover: return Residual.score(freeMips: t.freeMips[h], demand: r.demandMips, negated: false)
        case .negatedLeftover: return Residual.score(freeMips: t.freeMips[h], demand: r.demandMips, negated: true)
        }
    }

    /// SIMD form: `scores[h]` = the `score` of every host the rule accepts and `excluded` does
    /// not, +∞ for the others; the accepted hosts are `candidates`, in increasing index order
    /// (a new array, written in place: no per-host append). 4 hosts per step, the same IEEE
    /// operations as `scanScalar` (bit-identical; tested), scalar tail. O(hosts).
    public static func scan(_ r: PlacementRequest, in t: HostTable, excluded: [Bool], score: FitScore,
                            scores: inout [Double], candidates: inout [Int]) {
        let H = t.count
        if scores.count != H { scores = [Double](repeating: .infinity, count: H) }
        let body = H - H % Lanes.width
        let limit = Double.greatestFiniteMagnitude
        candidates = [Int](unsafeUninitializedCapacity: H) { cand, found in
            found = 0
            scores.withUnsafeMutableBufferPointer { out in
            t.peMips.withUnsafeBufferPointer { pe in
            t.freeMips.withUnsafeBufferPointer { av in
            t.ramMB.withUnsafeBufferPointer { rm in
            t.ramUsedMB.withUnsafeBufferPointer { ru in
            excluded.withUnsafeBufferPointer { ex in
                let vCore = SIMD4<Double>(repeating: r.coreMips)
                let vDemand = SIMD4<Double>(repeating: r.demandMips)
                let vRam = SIMD4<Double>(repeating: r.ramMB)
                let inf = SIMD4<Double>(repeating: .infinity)
                let zero = SIMD4<Double>(repeating: 0)
                let vLimit = SIMD4<Double>(repeating: limit)
                var i = 0
                while i < body {
                    // The scalar test rejects on `<`; `!(a < b)` keeps its exact meaning.
                    let free = Lanes.load(av.baseAddress!, i)
                    var ok = .!(Lanes.load(pe.baseAddress!, i) .< vCore)
                    ok .&= .!(free .< vDemand)
                    if r.checksRam {
                        ok .&= .!((Lanes.load(rm.baseAddress!, i) - Lanes.load(ru.baseAddress!, i)) .< vRam)
                    }
                    ok .&= .!Lanes.flags(ex.baseAddress!, i)
                    var s: SIMD4<Double>
                    switch score {
                    case .none: s = zero
                    case .leftover: s = Residual.score4(freeMips: free, demand: vDemand, negated: false)
                    case .negatedLeftover: s = Residual.score4(freeMips: free, demand: vDemand, negated: true)
                    }
                    s.replace(with: inf, where: .!ok)
                    Lanes.store(s, out.baseAddress!, i)
                    let keep = s .< vLimit
                    if any(keep) {
                        for l in 0..<Lanes.width where keep[l] {
                            cand[found] = i + l
                            found += 1
                        }
                    }
                    i += Lanes.width
                }
                for h in body..<H {
                    let s = scoreOne(h, r, in: t, excluded: excluded, score: score)
                    out[h] = s
                    if s < limit {
                        cand[found] = h
                        found += 1
                    }
                }
            }}}}}}
        }
    }
}

/// The best-fit / worst-fit score: the free MIPS a host has left after taking the guest (best fit
/// minimizes it), or its negation (worst fit maximizes the leftover by minimizing this).
public enum Residual {
    /// Scalar reference. O(1).
    @inlinable @inline(__always)
    public static func score(freeMips: Double, demand: Double, negated: Bool) -> Double {
        let left = freeMips - demand
        return negated ? -left : left
    }

    /// SIMD form: the same operations lane by lane (negation by sign-bit flip, as scalar `-`).
    @inlinable @inline(__always)
    public static func score4(freeMips: SIMD4<Double>, demand: SIMD4<Double>, negated: Bool) -> SIMD4<Double> {
        let left = freeMips - demand
        return negated ? Lanes.negate(left) : left
    }
}
