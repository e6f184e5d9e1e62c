import Testing
import SimKernel
@testable import Scheduling

/// Every rule's SIMD form gives its scalar reference's answer bit for bit, on random host tables
/// that include the boundary cases (free CPU and RAM exactly at the request, ties, utilizations in
/// CloudSim's (1, 1.01) clamp band), for sizes with and without a scalar tail.
@Suite("Rules: SIMD form agrees with the scalar reference")
struct RuleAgreementTests {
    static let sizes = [1, 3, 4, 41, 803]
    static let requests = [
        PlacementRequest(demandMips: 500, coreMips: 250, ramMB: 870, checksRam: true),
        PlacementRequest(demandMips: 2500, coreMips: 2500, ramMB: 1740, checksRam: false),
        PlacementRequest(demandMips: 1000, coreMips: 1860, ramMB: 613, checksRam: true),
    ]

    @Test("suitability scan: same scores and candidates, and the candidates are what `rejection` accepts",
          arguments: sizes, [FitScore.none, .leftover, .negatedLeftover])
    func suitability(hosts: Int, score: FitScore) {
        var rng = Xoshiro256StarStar(seed: 9)
        var accepted = 0
        for (k, request) in Self.requests.enumerated() {
            let (t, _) = Hosts.random(hosts, seed: UInt64(k + 1), request: request)
            let excluded = (0..<hosts).map { _ in rng.nextUnit() < 0.2 }
            var s1: [Double] = [], c1: [Int] = [], s2: [Double] = [], c2: [Int] = []
            Suitability.scan(request, in: t, excluded: excluded, score: score, scores: &s1, candidates: &c1)
            Suitability.scanScalar(request, in: t, excluded: excluded, score: score, scores: &s2, candidates: &c2)
            #expect(sameBits(s1, s2))
            #expect(c1 == c2)
            #expect(c1 == (0..<hosts).filter { !excluded[$0] && Suitability.rejection($0, request, in: t) == nil })
            accepted += c1.count
        }
        if hosts > 40 { #expect(accepted > 0) }
    }

    @Test("rejections name the first failed test, in the rule's order")
    func rejectionOrder() {
        var t = Hosts.planetLab(1)
        t.freeMips[0] = 100
        t.ramUsedMB[0] = 4000
        let r = PlacementRequest(demandMips: 500, coreMips: 2000, ramMB: 870, checksRam: true)
        #expect(Suitability.rejection(0, r, in: t) == .coreTooSlow(coreMips: 1860, needed: 2000))
        #expect(Suitability.rejection(0, PlacementRequest(demandMips: 500, coreMips: 250, ramMB: 870, checksRam: true), in: t)
                == .notEnoughCpu(freeMips: 100, needed: 500))
        t.freeMips[0] = 500
        #expect(Suitability.rejection(0, PlacementRequest(demandMips: 500, coreMips: 250, ramMB: 870, checksRam: true), in: t)
                == .notEnoughRam(freeMB: 96, needed: 870))
        #expect(Suitability.rejection(0, PlacementRequest(demandMips: 500, coreMips: 250, ramMB: 870, checksRam: false), in: t) == nil)
    }

    @Test("ΔP: the lane form equals the scalar reference host by host", arguments: sizes, [true, false])
    func powerIncrease(hosts: Int, cloudSim: Bool) {
        if cloudSim { powerIncrease(hosts: hosts, Hosts.power) } else { powerIncrease(hosts: hosts, Hosts.virtSimPower) }
    }

    func powerIncrease<F>(hosts: Int, _ p: PowerArithmetic<F>) {
        var rng = Xoshiro256StarStar(seed: 17)
        var batch = PowerIncrease.Batch(capacity: hosts)
        for h in 0..<hosts {
            let u = [0, 0.1, 0.2, 0.4, 0.8, 1, rng.nextUnit()][Int(rng.next() % 7)]
            batch.append(p, type: h % 2, utilizationAfter: u, measuredUtilization: rng.nextUnit() * u, sleeping: rng.nextUnit() < 0.2)
        }
        #expect(sameBits(PowerIncrease.deltas(p, batch), PowerIncrease.deltasScalar(p, batch)))
        // Reused as the engine reuses it: refilled in place with fewer hosts (stale entries past
        // `count` stay in the columns), into a longer output buffer.
        var out = [Double](repeating: .nan, count: hosts + 9)
        batch.fill(capacity: hosts) { after, now, offsets in
            let n = hosts / 2
            for k in 0..<n {
                let type = (k + 1) % 2
                after[k] = PowerIncrease.Batch.after(rng.nextUnit() * 1.2 - 0.1)
                now[k] = PowerIncrease.wattsNow(p, type: type, measuredUtilization: rng.nextUnit(), sleeping: rng.nextUnit() < 0.2)
                offsets[k] = PowerIncrease.Batch.offset(type: type)
            }
            return n
        }
        PowerIncrease.deltas(p, batch, into: &out)
        #expect(batch.count == hosts / 2)
        #expect(sameBits(Array(out[0..<batch.count]), PowerIncrease.deltasScalar(p, batch)))
    }

    @Test("THR scan: the same hosts as the scalar rule", arguments: sizes, [0.5, 0.8, 1.0])
    func threshold(hosts: Int, threshold: Double) {
        let (t, requested) = Hosts.random(hosts, seed: 5, request: Self.requests[0])
        let simd = ThresholdRule.overloadedHosts(requested: requested, in: t, threshold: threshold)
        #expect(simd == ThresholdRule.overloadedHostsScalar(requested: requested, in: t, threshold: threshold))
    }

    @Test("measured utilizations: bit-identical, CloudSim's clamp included", arguments: sizes, [true, false])
    func utilizations(hosts: Int, cloudSim: Bool) {
        if cloudSim { utilizations(hosts: hosts, Hosts.power) } else { utilizations(hosts: hosts, Hosts.virtSimPower) }
    }

    func utilizations<F>(hosts: Int, _ p: PowerArithmetic<F>) {
        let (t, _) = Hosts.random(hosts, seed: 3, request: Self.requests[0])
        #expect(sameBits(Underload.measuredUtilizations(t, p), Underload.measuredUtilizationsScalar(t, p)))
    }

    @Test("arg-min: the lowest score, lowest index on ties, ∞ and NaN never win", arguments: sizes)
    func argmin(hosts: Int) {
        var rng = Xoshiro256StarStar(seed: 23)
        for _ in 0..<20 {
            let scores = (0..<hosts).map { _ in [Double.infinity, .nan, 3, 1, Double(rng.next() % 5)][Int(rng.next() % 5)] }
            let reference = scores.indices.filter { scores[$0] < .infinity }.min { Argmin.precedes($0, $1, scores: scores) }
            #expect(Argmin.simd(scores) == Argmin.scalar(scores))
            #expect(Argmin.scalar(scores) == reference)
        }
    }

    @Test("under-load order: increasing (utilization, index), switched-off and excluded hosts left out")
    func underloadOrder() {
        let u = [0.5, 0, 0.2, 0.5, 1.2, 0.2]
        let excluded = [false, false, false, false, false, true]
        #expect(Underload.order(utilization: u, excluded: excluded, threshold: 1, offMeansZeroUtilization: true) == [2, 0, 3])
        #expect(Underload.order(utilization: u, excluded: excluded, threshold: 1, offMeansZeroUtilization: false) == [1, 2, 0, 3])
        #expect(Underload.order(utilization: u, excluded: excluded, threshold: 0.4, offMeansZeroUtilization: true) == [2])
    }
}
