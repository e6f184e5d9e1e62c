import VirtModel
import Scheduling

// The engine's SIMD paths over Scheduling's host table and rules (`Suitability.scan`,
// `PowerIncrease.deltas`, `ThresholdRule.overloadedHosts`, `Argmin`). Each rule keeps its scalar
// reference beside it, and `findHostScalar` is the reference of the whole choice
// (`EngineConfig.scalarHostScans`); decisions are bit-identical. The history-based overload
// detectors, which do not vectorize, run only for the hosts the scan ranks first instead of for
// every suitable host.

extension Engine {
    /// `findHost` for best fit, worst fit and power-aware best fit, by SIMD scan: the suitable hosts
    /// are scored, then visited in increasing (score, index) order, and the first one the overload
    /// detector accepts wins — the same host as `findHostScalar`'s "smallest score among suitable,
    /// not overloaded hosts, lowest index on ties". O(hosts) SIMD + O(c) scalar ΔP for c suitable
    /// hosts; THR and "none" then take one arg-min, the history detectors up to 8 arg-min picks and
    /// then O(c log c), with one overload evaluation per candidate visited (the scalar loop runs
    /// one per suitable host).
    /// `P` is the rule's scoring (never first fit) and `D.detectsOverloads` a constant of each
    /// specialization.
    mutating func findHostSIMD<D: EngineOverloadDetector, P: PlacementScoring>(_ scoring: P.Type, for g: Int, _ request: PlacementRequest,
                                                                               excluded: [Bool], _ detector: D) -> Int? {
        let demand = request.demandMips
        let useDetector = D.detectsOverloads
        // The buffers leave `self` while the scan uses them (the loops below call mutating methods).
        var buffers = scan
        scan = ScanBuffers()
        var scores = buffers.scores, cands = buffers.candidates
        buffers.scores = []
        buffers.candidates = []
        defer {
            buffers.scores = scores
            buffers.candidates = cands
            scan = buffers
        }
        let powerAware = P.scoresPowerIncrease
        Suitability.scan(request, in: s.hosts, excluded: excluded, score: P.fitScore, scores: &scores, candidates: &cands)
        let cloudSimEmpty = rules.wakingHostsLooksFree
        if powerAware {
            powerIncreaseScores(demand: demand, candidates: &cands, scores: &scores, buffers: &buffers,
                                threshold: useDetector ? staticThreshold : nil, cloudSimEmpty: cloudSimEmpty, detector)
        }
        if useDetector && !powerAware, let threshold = staticThreshold {
            // Best/worst fit under THR: the same one-compare filter.
            var kept = 0
            for h in cands {
                refreshCache(h, detector)
                if ThresholdRule.exceeds(mips: load.requested[h] + demand, capacity: s.hosts.totalMips[h], threshold: threshold) {
                    scores[h] = .infinity
                    continue
                }
                cands[kept] = h
                kept += 1
            }
            cands.removeLast(cands.count - kept)
        }
        if cands.isEmpty { return nil }
        if !useDetector || staticThreshold != nil {
            // Every host left in `cands` is acceptable and every other score is +∞.
            return Argmin.simd(scores)
        }
        return firstAccepted(inScoreOrder: &cands, scores: scores, guest: g, powerAware: powerAware, cloudSimEmpty: cloudSimEmpty, detector)
    }

    /// The first of the suitable hosts `cands` the overload detector accepts, visited in
    /// increasing (score, index) order (`scores`: +∞ for every host not in `cands`): the best
    /// candidate first, by one SIMD arg-min over every score, as it usually passes; then a few
    /// linear arg-min picks (a cheap detector like THR must not pay for a sort), then one sort of
    /// whatever is left. Reorders `cands`. O(hosts) SIMD + O(c) per pick, O(c log c) after
    /// `EngineConstants.argminPicksBeforeSort` picks, one overload evaluation per host visited.
    mutating func firstAccepted<D: EngineOverloadDetector>(inScoreOrder cands: inout [Int], scores: [Double], guest g: Int,
                                                          powerAware: Bool, cloudSimEmpty: Bool, _ detector: D) -> Int? {
        var remaining = cands.count
        var picks = 0
        if let h = Argmin.simd(scores) {
            if acceptsPlacement(h, guest: g, powerAware: powerAware, cloudSimEmpty: cloudSimEmpty, detector) { return h }
            if let k = cands.firstIndex(of: h) {
                cands.swapAt(k, remaining - 1)
                remaining -= 1
                picks += 1
            }
        }
        while remaining > 0 && picks < EngineConstants.argminPicksBeforeSort {
            var k = 0
            for j in 1..<remaining where Argmin.precedes(cands[j], cands[k], scores: scores) { k = j }
            let h = cands[k]
            if acceptsPlacement(h, guest: g, powerAware: powerAware, cloudSimEmpty: cloudSimEmpty, detector) { return h }
            cands.swapAt(k, remaining - 1)
            remaining -= 1
            picks += 1
        }
        cands.removeLast(cands.count - remaining)
        cands.sort { Argmin.precedes($0, $1, scores: scores) }
        for h in cands where acceptsPlacement(h, guest: g, powerAware: powerAware, cloudSimEmpty: cloudSimEmpty, detector) {
            return h
        }
        return nil
    }

    /// Power-aware best fit's score (`PowerIncrease`) for the suitable hosts `candidates`: hosts
    /// the THR filter or the 100 % cut rejects, and scores that do not rank, drop out of
    /// `candidates` (score +∞); the others get `scores[h]` = ΔP. Three passes: the candidates'
    /// cached sums brought up to date (the only pass that writes to the engine); a read-only one
    /// over raw columns for THR's U_req with the guest added and the utilization after placing,
    /// which packs the survivors with their cached P(now) (`HostLoadCache.wattsNow`); then
    /// `PowerIncrease.deltas` on 4 packed hosts per step. No allocation once the buffers have
    /// grown. O(c) for c candidates.
    mutating func powerIncreaseScores<D: EngineOverloadDetector>(demand: Double, candidates cands: inout [Int], scores: inout [Double],
                                                           buffers: inout ScanBuffers, threshold thr: Double?, cloudSimEmpty: Bool,
                                                           _ detector: D) {
        for h in cands { refreshCache(h, detector) }
        let c = cands.count
        var kept = 0
        s.hosts.totalMips.withUnsafeBufferPointer { capacity in
        load.planned.withUnsafeBufferPointer { plannedMips in
        load.requested.withUnsafeBufferPointer { requested in
        load.wattsNow.withUnsafeBufferPointer { wattsNow in
        s.hosts.powerType.withUnsafeBufferPointer { powerType in
        scores.withUnsafeMutableBufferPointer { score in
        cands.withUnsafeMutableBufferPointer { cand in
            buffers.batch.fill(capacity: c) { after, now, offsets in
                var k = 0
                for j in 0..<c {
                    let h = cand[j]
                    let planned = plannedMips[h]
                    let cap = capacity[h]
                    // THR is one compare per candidate (`overloadInput`'s U_req with the guest added), tested
                    // before the power model so the caller's walk is a plain arg-min. §3.7: with CloudSim's
                    // empty-host reading, hosts with planner MIPS 0 skip it.
                    if let thr, !(cloudSimEmpty && planned == 0), ThresholdRule.exceeds(mips: requested[h] + demand, capacity: cap, threshold: thr) {
                        score[h] = .infinity
                        continue
                    }
                    let u = PowerIncrease.utilizationAfter(plannedMips: planned, demand: demand, capacity: cap)
                    guard PowerIncrease.admits(utilizationAfter: u) else { score[h] = .infinity; continue }
                    cand[k] = h
                    // `Batch.append(type:utilizationAfter:wattsNow:)`, written in place.
                    after[k] = PowerIncrease.Batch.after(u)
                    now[k] = wattsNow[h]
                    offsets[k] = PowerIncrease.Batch.offset(type: Int(powerType[h]))
                    k += 1
                }
                kept = k
                return k
            }
        }}}}}}}
        PowerIncrease.deltas(s.arith, buffers.batch, into: &buffers.deltas)
        var survivors = 0
        buffers.deltas.withUnsafeBufferPointer { delta in
        scores.withUnsafeMutableBufferPointer { score in
        cands.withUnsafeMutableBufferPointer { cand in
            for k in 0..<kept {
                let h = cand[k]
                guard PowerIncrease.ranks(delta[k]) else { score[h] = .infinity; continue }
                score[h] = delta[k]
                cand[survivors] = h
                survivors += 1
            }
        }}}
        cands.removeLast(c - survivors)
    }

    /// The overload part of the placement test for a suitable candidate `h`.
    @inline(__always)
    mutating func acceptsPlacement<D: EngineOverloadDetector>(_ h: Int, guest g: Int, powerAware: Bool, cloudSimEmpty: Bool,
                                                        _ detector: D) -> Bool {
        // §3.7: with CloudSim's empty-host reading, hosts with planner MIPS 0 skip the test.
        if powerAware && cloudSimEmpty && plannerMips(h, detector) == 0 { return true }
        return !isOverloaded(h, extra: g, detector)
    }

    /// THR overload scan: hosts with guests whose requested utilization exceeds `threshold`, in
    /// index order (`ThresholdRule.overloadedHosts` over the cached requests). O(hosts).
    mutating func overloadedHostsTHR<D: EngineOverloadDetector>(threshold: Double, _ detector: D) -> [Int] {
        for h in 0..<s.hostCount where s.hosts.listed[h] > 0 { refreshCache(h, detector) }
        return ThresholdRule.overloadedHosts(requested: load.requested, in: s.hosts, threshold: threshold)
    }
}
