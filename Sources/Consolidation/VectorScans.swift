import VirtModel
import Scheduling

// SIMD versions of the engine's hot host scans (issue 4, item 1). Each runs 4 hosts per step
// (`SIMD4<Double>` lanes over the engine's contiguous struct-of-arrays state) and keeps the
// scalar loop it replaces as its reference (`EngineConfig.scalarHostScans`). Every lane performs
// the same IEEE operations as the scalar code, so the decisions are bit-identical; the
// history-based overload detectors, which do not vectorize, run only for the hosts the scan
// ranks first instead of for every suitable host.

/// Lane loads from contiguous engine arrays.
enum HostLanes {
    static let width = 4

    @inline(__always)
    static func load(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<Double>.self)
    }

    /// Four `Bool`s (one byte each) as a mask: true where the flag is set.
    @inline(__always)
    static func flags(_ p: UnsafePointer<Bool>, _ i: Int) -> SIMDMask<SIMD4<Int64>> {
        let bytes = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<UInt8>.self)
        return SIMD4<Int64>(truncatingIfNeeded: bytes) .!= SIMD4<Int64>(repeating: 0)
    }

    @inline(__always)
    static func loadInt32(_ p: UnsafePointer<Int32>, _ i: Int) -> SIMD4<Int64> {
        SIMD4<Int64>(truncatingIfNeeded: UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<Int32>.self))
    }

    /// IEEE negation (sign-bit flip), as scalar prefix `-`.
    @inline(__always)
    static func negate(_ v: SIMD4<Double>) -> SIMD4<Double> {
        let bits = unsafeBitCast(v, to: SIMD4<UInt64>.self) ^ SIMD4<UInt64>(repeating: 1 << 63)
        return unsafeBitCast(bits, to: SIMD4<Double>.self)
    }

    @inline(__always)
    static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD4<Double>.self)
    }
}

extension Engine {
    /// One SIMD pass over all hosts: `scores[h]` = leftover MIPS after placing `g` (negated for
    /// worst fit) when `leftover`, else 0, for hosts `isSuitable` accepts and `excluded` does not;
    /// +∞ otherwise. Hosts with a score below `greatestFiniteMagnitude` (the scalar loop's initial
    /// best) are appended to `candidates` in increasing index order. O(hosts).
    func suitabilityScan(_ g: Int, demand: Double, excluded: [Bool], leftover: Bool, negate: Bool,
                         scores: inout [Double], candidates: inout [Int]) {
        let H = s.hostCount
        if scores.count != H { scores = [Double](repeating: .infinity, count: H) }
        candidates.removeAll(keepingCapacity: true)
        let pes = Double(s.guestPes[g])
        let core = sem.perCoreCapOnCurrentRequest ? demand / pes : s.guestMips[g]
        let checkRam = !sem.ramOnlyAtCreation || s.guestCreating[g]
        let ram = s.guestRam[g]
        let body = H - H % HostLanes.width
        let limit = Double.greatestFiniteMagnitude
        scores.withUnsafeMutableBufferPointer { out in
        s.hostPeMips.withUnsafeBufferPointer { pe in
        s.hostAvail.withUnsafeBufferPointer { av in
        s.hostRam.withUnsafeBufferPointer { rm in
        s.hostRamUsed.withUnsafeBufferPointer { ru in
        excluded.withUnsafeBufferPointer { ex in
            let vCore = SIMD4<Double>(repeating: core)
            let vDemand = SIMD4<Double>(repeating: demand)
            let vRam = SIMD4<Double>(repeating: ram)
            let inf = SIMD4<Double>(repeating: .infinity)
            let zero = SIMD4<Double>(repeating: 0)
            let vLimit = SIMD4<Double>(repeating: limit)
            var i = 0
            while i < body {
                // The scalar test rejects on `<`; `!(a < b)` keeps its exact meaning.
                let avail = HostLanes.load(av.baseAddress!, i)
                var ok = .!(HostLanes.load(pe.baseAddress!, i) .< vCore)
                ok .&= .!(avail .< vDemand)
                if checkRam {
                    ok .&= .!((HostLanes.load(rm.baseAddress!, i) - HostLanes.load(ru.baseAddress!, i)) .< vRam)
                }
                ok .&= .!HostLanes.flags(ex.baseAddress!, i)
                var score: SIMD4<Double>
                if leftover {
                    let left = avail - vDemand
                    // Sign-bit flip: exactly the scalar `-left` (SIMD prefix minus gives +0 for -(+0)).
                    score = negate ? HostLanes.negate(left) : left
                } else {
                    score = zero
                }
                score.replace(with: inf, where: .!ok)
                HostLanes.store(score, out.baseAddress!, i)
                let keep = score .< vLimit
                if any(keep) {
                    for l in 0..<HostLanes.width where keep[l] { candidates.append(i + l) }
                }
                i += HostLanes.width
            }
        }}}}}}
        for h in body..<H {
            var score = Double.infinity
            if !excluded[h] && isSuitable(h, guest: g, demand: demand) {
                let left = s.hostAvail[h] - demand
                score = leftover ? (negate ? -left : left) : 0
            }
            scores[h] = score
            if score < limit { candidates.append(h) }
        }
    }

    /// `findHost` for best fit, worst fit and power-aware best fit, by SIMD scan: the suitable hosts
    /// are scored, then visited in increasing (score, index) order, and the first one the overload
    /// detector accepts wins — the same host as the scalar loop's "smallest score among suitable,
    /// not overloaded hosts, lowest index on ties". O(hosts) SIMD + O(c) scalar ΔP for c suitable
    /// hosts; THR and "none" then take one arg-min, the history detectors up to 8 arg-min picks and
    /// then O(c log c), with one overload evaluation per candidate visited (the scalar loop runs
    /// one per suitable host).
    mutating func findHostSIMD(for g: Int, excluded: [Bool]) -> Int? {
        let demand = s.hostDemand(g)
        let useDetector = consolidates
        var scores = scanScores
        var cands = scanCandidates
        scanScores = []
        scanCandidates = []
        defer {
            scanScores = scores
            scanCandidates = cands
        }
        let powerAware = placement == .powerAware
        suitabilityScan(g, demand: demand, excluded: excluded, leftover: !powerAware,
                        negate: placement == .worstFit, scores: &scores, candidates: &cands)
        let cloudSimEmpty = sem.wakingHostsLooksFree
        if powerAware {
            powerIncreaseScores(g, demand: demand, candidates: &cands, scores: &scores,
                                threshold: useDetector ? staticThreshold : nil, cloudSimEmpty: cloudSimEmpty)
        }
        if useDetector && !powerAware, let threshold = staticThreshold {
            // Best/worst fit under THR: the same one-compare filter.
            var kept = 0
            for h in cands {
                refreshCache(h)
                if (cacheReq[h] + demand) / s.hostCap[h] > threshold { continue }
                cands[kept] = h
                kept += 1
            }
            cands.removeLast(cands.count - kept)
        }
        if cands.isEmpty { return nil }
        if !useDetector || staticThreshold != nil {
            var best = cands[0]
            for h in cands where scores[h] < scores[best] { best = h }
            return best
        }
        // Visit in increasing (score, index) order: a few linear arg-min picks first (the best
        // candidate usually passes, and a cheap detector like THR must not pay for a sort), then
        // one sort of whatever is left.
        let sc = scores
        @inline(__always) func before(_ a: Int, _ b: Int) -> Bool { sc[a] != sc[b] ? sc[a] < sc[b] : a < b }
        var remaining = cands.count
        var picks = 0
        while remaining > 0 && picks < Engine.argminPicksBeforeSort {
            var k = 0
            for j in 1..<remaining where before(cands[j], cands[k]) { k = j }
            let h = cands[k]
            if acceptsPlacement(h, guest: g, powerAware: powerAware, cloudSimEmpty: cloudSimEmpty) { return h }
            cands.swapAt(k, remaining - 1)
            remaining -= 1
            picks += 1
        }
        cands.removeLast(cands.count - remaining)
        cands.sort(by: before)
        for h in cands where acceptsPlacement(h, guest: g, powerAware: powerAware, cloudSimEmpty: cloudSimEmpty) {
            return h
        }
        return nil
    }

    /// Power-aware best fit's score, ΔP = P(after) − P(now), for the suitable hosts `candidates`:
    /// hosts the THR filter or the 100 % cut rejects, and scores that are not finite, drop out of
    /// `candidates`; the others get `scores[h]` = ΔP. Two passes: a scalar one per candidate for
    /// what needs the host's guest list (the planner cache, THR's U_req with the guest added),
    /// which packs the survivors' utilizations; then the power model on 4 packed hosts per step
    /// (`PowerCurve`'s lane form, table entries gathered per lane), bit-identical to the scalar
    /// reference in `findHost`. O(c) for c candidates.
    mutating func powerIncreaseScores(_ g: Int, demand: Double, candidates cands: inout [Int], scores: inout [Double],
                                      threshold thr: Double?, cloudSimEmpty: Bool) {
        let c = cands.count
        var after = [Double](), now = [Double](), sleeping = [Double](), offsets = [Int64]()
        after.reserveCapacity(c + 3); now.reserveCapacity(c + 3)
        sleeping.reserveCapacity(c + 3); offsets.reserveCapacity(c + 3)
        var kept = 0
        for h in cands {
            let planned = plannerMips(h)  // refreshes the host's cache
            // THR is one compare per candidate (`overloadInput`'s U_req with the guest added), tested
            // before the power model so the caller's walk is a plain arg-min. §3.7: with CloudSim's
            // empty-host reading, hosts with planner MIPS 0 skip it.
            if let thr, !(cloudSimEmpty && planned == 0), (cacheReq[h] + demand) / s.hostCap[h] > thr { continue }
            let u = (planned + demand) / s.hostCap[h]
            if u > 1 { continue }  // CloudSim's power model would throw here
            cands[kept] = h
            kept += 1
            let type = Int(s.hostType[h])
            after.append(min(max(u, 0), 1))
            // VirtSim: waking a sleeping host costs its idle power (NaN marks "use the table").
            let asleep = !cloudSimEmpty && s.hostNodes[h] == 0
            now.append(asleep ? 0 : min(max(s.measuredUtilization(h), 0), 1))
            sleeping.append(asleep ? s.arith.models[type].sleepWatts : .nan)
            offsets.append(Int64(type * 11))
        }
        // Pad to whole lanes with a harmless host (utilization 0 of type 0); padded lanes are not read.
        while after.count % HostLanes.width != 0 { after.append(0); now.append(0); sleeping.append(.nan); offsets.append(0) }
        var delta = [Double](repeating: 0, count: after.count)
        let arith = s.arith
        arith.tables.withUnsafeBufferPointer { w in
        after.withUnsafeBufferPointer { a in
        now.withUnsafeBufferPointer { n in
        sleeping.withUnsafeBufferPointer { sl in
        offsets.withUnsafeBufferPointer { of in
        delta.withUnsafeMutableBufferPointer { out in
            var i = 0
            while i < a.count {
                let off = UnsafeRawPointer(of.baseAddress! + i).loadUnaligned(as: SIMD4<Int64>.self)
                let pAfter = arith.power4(w.baseAddress!, offsets: off, utilization: HostLanes.load(a.baseAddress!, i))
                let sleep = HostLanes.load(sl.baseAddress!, i)
                let pNow = arith.power4(w.baseAddress!, offsets: off, utilization: HostLanes.load(n.baseAddress!, i))
                    .replacing(with: sleep, where: sleep .== sleep)  // not NaN: the host sleeps
                HostLanes.store(pAfter - pNow, out.baseAddress!, i)
                i += HostLanes.width
            }
        }}}}}}
        var survivors = 0
        for k in 0..<kept {
            let h = cands[k]
            guard delta[k] < .greatestFiniteMagnitude else { continue }
            scores[h] = delta[k]
            cands[survivors] = h
            survivors += 1
        }
        cands.removeLast(cands.count - survivors)
    }

    /// Linear arg-min picks before `findHostSIMD` sorts the remaining candidates.
    static let argminPicksBeforeSort = 8

    /// The overload part of the placement test for a suitable candidate `h`.
    @inline(__always)
    mutating func acceptsPlacement(_ h: Int, guest g: Int, powerAware: Bool, cloudSimEmpty: Bool) -> Bool {
        // §3.7: with CloudSim's empty-host reading, hosts with planner MIPS 0 skip the test.
        if powerAware && cloudSimEmpty && plannerMips(h) == 0 { return true }
        return !isOverloaded(h, extra: g)
    }

    /// THR overload scan: hosts with guests whose requested utilization exceeds `threshold`, in
    /// index order (the detector's `U_req > threshold` on 4 hosts per step). O(hosts).
    mutating func overloadedHostsTHR(threshold: Double) -> [Int] {
        let H = s.hostCount
        for h in 0..<H where s.hostNodes[h] > 0 { refreshCache(h) }
        var out: [Int] = []
        let body = H - H % HostLanes.width
        cacheReq.withUnsafeBufferPointer { rq in
        s.hostCap.withUnsafeBufferPointer { cp in
        s.hostNodes.withUnsafeBufferPointer { nd in
            let thr = SIMD4<Double>(repeating: threshold)
            let none = SIMD4<Int64>(repeating: 0)
            var i = 0
            while i < body {
                let over = ((HostLanes.load(rq.baseAddress!, i) / HostLanes.load(cp.baseAddress!, i)) .> thr)
                    .& (HostLanes.loadInt32(nd.baseAddress!, i) .> none)
                if any(over) {
                    for l in 0..<HostLanes.width where over[l] { out.append(i + l) }
                }
                i += HostLanes.width
            }
        }}}
        for h in body..<H where s.hostNodes[h] > 0 && isOverloaded(h) { out.append(h) }
        return out
    }

    /// Measured utilization of every host (`EngineState.measuredUtilization`), 4 hosts per step. O(hosts).
    func measuredUtilizations() -> [Double] {
        let H = s.hostCount
        var u = [Double](repeating: 0, count: H)
        let body = H - H % HostLanes.width
        let clamp = s.arith.cloudSim
        u.withUnsafeMutableBufferPointer { out in
        s.hostUtilMips.withUnsafeBufferPointer { um in
        s.hostCap.withUnsafeBufferPointer { cp in
            let one = SIMD4<Double>(repeating: 1), top = SIMD4<Double>(repeating: 1.01)
            var i = 0
            while i < body {
                var x = HostLanes.load(um.baseAddress!, i) / HostLanes.load(cp.baseAddress!, i)
                // CloudSim clamps utilizations in (1, 1.01) to 1.
                if clamp { x.replace(with: one, where: (x .> one) .& (x .< top)) }
                HostLanes.store(x, out.baseAddress!, i)
                i += HostLanes.width
            }
        }}}
        for h in body..<H { u[h] = s.measuredUtilization(h) }
        return u
    }
}
