import Testing
import SimKernel
import Scheduling
@testable import Consolidation

/// Each SIMD scan equals its scalar reference host by host, on random host states that include
/// the boundary cases (free MIPS and RAM exactly equal to the request, utilizations in (1, 1.01)).
@Suite("SIMD scan kernels")
struct SIMDScanKernelTests {
    static let semantics: [Semantics] = [.cloudSimCompatible, .virtSim]

    /// An engine over `hosts` hosts whose host state is filled with seeded random values.
    static func randomEngine(hosts: Int, semantics: Semantics, seed: UInt64) throws -> Engine<ConfiguredStrategies, NoObserver> {
        let config = Fixture.config(hosts: hosts, guests: 12, samples: 4, seed: seed, semantics: semantics)
        var e = try Engine(config: config, rules: ConfiguredStrategies(semantics: semantics),
                           overloadPolicy: try config.policies.overloadPolicy.get(), keepHistory: false, observer: NoObserver())
        var rng = RandomStreams(seed: seed).stream("test/simd-scan")
        for g in 0..<e.s.guestCount {
            e.s.guests.request[g] = (rng.nextUnit() * 2000).rounded()
            e.s.guests.creating[g] = rng.nextUnit() < 0.3
        }
        for h in 0..<hosts {
            let cap = e.s.hosts.totalMips[h]
            // A quarter of the hosts sit exactly at a guest's demand, to test the `<` boundary.
            let g = Int(rng.nextUnit() * Double(e.s.guestCount))
            e.s.hosts.freeMips[h] = rng.nextUnit() < 0.25 ? e.s.hostDemand(g) : (rng.nextUnit() * cap).rounded()
            e.s.hosts.ramUsedMB[h] = rng.nextUnit() < 0.25 ? e.s.hosts.ramMB[h] - e.s.guests.ramMB[g] : (rng.nextUnit() * 4096).rounded()
            let r = rng.nextUnit()
            e.s.hosts.measuredMips[h] = r < 0.2 ? 0 : (r < 0.4 ? cap * (1 + rng.nextUnit() * 0.02) : rng.nextUnit() * cap)
        }
        return e
    }

    @Test("the engine's placement request through the SIMD scan: exactly the hosts `isSuitable` accepts",
          arguments: semantics, [FitScore.leftover, .negatedLeftover])
    func suitability(semantics: Semantics, score: FitScore) throws {
        let hosts = 41  // ten 4-lane steps and a scalar tail
        let e = try Self.randomEngine(hosts: hosts, semantics: semantics, seed: 5)
        var rng = RandomStreams(seed: 9).stream("test/simd-scan-excluded")
        var suitableSeen = 0
        for g in 0..<e.s.guestCount {
            let excluded = (0..<hosts).map { _ in rng.nextUnit() < 0.2 }
            let demand = e.s.hostDemand(g)
            var scores: [Double] = []
            var candidates: [Int] = []
            Suitability.scan(e.placementRequest(g), in: e.s.hosts, excluded: excluded, score: score,
                             scores: &scores, candidates: &candidates)
            var expected: [Int] = []
            for h in 0..<hosts {
                let ok = !excluded[h] && e.isSuitable(h, guest: g)
                let left = e.s.hosts.freeMips[h] - demand
                let want = ok ? (score == .negatedLeftover ? -left : left) : Double.infinity
                #expect(scores[h].bitPattern == want.bitPattern, "host \(h), guest \(g)")
                if ok { expected.append(h) }
            }
            #expect(candidates == expected)
            suitableSeen += expected.count
        }
        #expect(suitableSeen > 0)
    }
}
