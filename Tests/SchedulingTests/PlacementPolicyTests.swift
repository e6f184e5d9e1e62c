import SimKernel
import Testing
import VirtModel
@testable import Scheduling

@Suite("Placement policies")
struct PlacementPolicyTests {
    static let names = ["first-fit", "best-fit", "worst-fit", "first-fit-decreasing", "power-aware-best-fit-decreasing", "pabfd"]

    /// Ten G5 hosts except a G4 at index 2; hosts 0–6 each fail for a different reason, 7–9 are valid.
    static func gauntlet() -> HostTable {
        var t = HostTable(hosts: (0..<10).map { $0 == 2 ? Hosts.g4 : Hosts.g5 }, powerFormula: .virtSim)
        t.setExcluded(0)
        t.setState(host: 1, .off)
        // Host 2 is a G4 (PE 1860): the 2000-MIPS guest below is too fast for its PEs.
        t.setFree(host: 3, mips: 100)
        t.setFree(host: 4, mips: 5320, ramMB: 100)
        t.setFree(host: 5, mips: 5320, ramMB: 4096, bandwidthMbps: 10)
        // Host 6 is vetoed by the overload check. Hosts 7, 8, 9 are valid; 7 carries load.
        t.recordMeasurement(host: 7, utilizationMips: 2000)
        t.setFree(host: 7, mips: 3320)
        t.setFree(host: 8, mips: 3720)
        return t
    }
    static let guest = PlacementGuest(id: 42, mips: 2000, ramMB: 1740, bandwidthMbps: 100)

    @Test("explanations list every host with its reason, and agree with chooseHost", arguments: names)
    func explanationCoversEveryHost(name: String) throws {
        let policy = try PolicyRegistry.placement(named: name)
        let t = Self.gauntlet()
        var ctx = PlacementContext(wouldBeOverloaded: { host, _ in host == 6 })
        let e = policy.explain(for: Self.guest, in: t, context: &ctx)
        #expect(e.candidates.map(\.host) == Array(0..<10))
        let reasons = e.candidates.map(\.rejection)
        #expect(Array(reasons.prefix(7)) == [.excluded, .notAcceptingGuests, .peTooSlow, .notEnoughMips,
                                             .notEnoughRam, .notEnoughBandwidth, .wouldBeOverloaded])
        #expect(e.candidates[7...].allSatisfy { $0.rejection == nil && $0.score != nil })
        #expect(e.chosenHost == policy.chooseHost(for: Self.guest, in: t, context: &ctx))
        #expect(!e.description.isEmpty)
    }

    @Test("each policy's own criterion on the gauntlet")
    func criteria() throws {
        let t = Self.gauntlet()
        func choose(_ n: String) throws -> Int? {
            var ctx = PlacementContext(wouldBeOverloaded: { host, _ in host == 6 })
            return try PolicyRegistry.placement(named: n).chooseHost(for: Self.guest, in: t, context: &ctx)
        }
        // Free MIPS left after the 2000-MIPS guest: host 7 → 1320, host 8 → 1720, host 9 → 3320.
        #expect(try choose("first-fit") == 7)      // first valid index
        #expect(try choose("first-fit-decreasing") == 7)
        #expect(try choose("best-fit") == 7)       // least left
        #expect(try choose("worst-fit") == 9)      // most left
        // ΔP: host 7 goes from P(2000/5320) to P(4000/5320), ≈ 18.3 W; the empty hosts 8 and 9 both
        // go from 93.7 W to P(2000/5320), ≈ 15.1 W: a tie that the lower index, 8, wins.
        #expect(try choose("pabfd") == 8)
    }

    @Test("best fit leaves the least free MIPS")
    func bestFit() throws {
        var t = Hosts.planetLab(4, formula: .virtSim)
        t.setFree(host: 0, mips: 3000); t.setFree(host: 1, mips: 2600); t.setFree(host: 2, mips: 1500); t.setFree(host: 3, mips: 2600)
        var ctx = PlacementContext()
        // 1000-MIPS guest: residuals 2000, 1600, 500, 1600 → host 2.
        #expect(BestFitPlacement().chooseHost(for: PlacementGuest(id: 0, mips: 1000), in: t, context: &ctx) == 2)
        // 2000-MIPS guest: host 2 no longer fits; 1 and 3 tie at 600 → lowest index 1.
        #expect(BestFitPlacement().chooseHost(for: PlacementGuest(id: 0, mips: 1800), in: t, context: &ctx) == 1)
    }

    @Test("power-aware best fit by hand: a 1000-MIPS guest on an empty G4 and an empty G5")
    func pabfdByHand() throws {
        // G4: u = 1000/3720; P = 92.6 + 0.34·(100u − 20) = 94.9398…, ΔP = 8.9398 W.
        // G5: u = 1000/5320; P = 97 + 0.4·(100u − 10) = 100.5188…, ΔP = 6.8188 W. → the G5 (host 1) wins.
        let t = Hosts.planetLab(2, formula: .cloudSim)
        var ctx = PlacementContext()
        let policy = PowerAwareBestFitDecreasingPlacement(cloudSimCompatible: true)
        let g = PlacementGuest(id: 0, mips: 1000, ramMB: 870, bandwidthMbps: 100)
        let e = policy.explain(for: g, in: t, context: &ctx)
        let s0 = try #require(e.candidates[0].score), s1 = try #require(e.candidates[1].score)
        #expect(abs(s0 - (92.6 + 0.34 * (100_000.0 / 3720 - 20) - 86)) < 1e-9)
        #expect(abs(s1 - (97 + 0.4 * (100_000.0 / 5320 - 10) - 93.7)) < 1e-9)
        #expect(policy.chooseHost(for: g, in: t, context: &ctx) == 1)
        // A 2500-MIPS guest exceeds the G4's 1860-MIPS PEs: only G5 hosts qualify.
        let big = PlacementGuest(id: 1, mips: 2500)
        #expect(policy.explain(for: big, in: t, context: &ctx).candidates[0].rejection == .peTooSlow)
    }

    @Test("power-aware best fit: equal power increases go to the lowest index")
    func pabfdTies() {
        let t = Hosts.planetLab(8, formula: .cloudSim)   // four identical G4/G5 pairs
        var ctx = PlacementContext()
        let g = PlacementGuest(id: 0, mips: 300)
        #expect(PowerAwareBestFitDecreasingPlacement(cloudSimCompatible: true).chooseHost(for: g, in: t, context: &ctx) == 1)
    }

    @Test("CloudSim mode skips the overload check on hosts with no measured load; VirtSim does not")
    func idleHostsAndTheOverloadCheck() {
        var t = Hosts.planetLab(4, formula: .cloudSim)
        for h in 0..<4 { t.recordMeasurement(host: h, utilizationMips: h < 2 ? 0 : 1000); t.setFree(host: h, mips: t.totalMips[h] - (h < 2 ? 0 : 1000)) }
        var checked: [Int] = []
        var vetoAll = PlacementContext(wouldBeOverloaded: { h, _ in checked.append(h); return true })
        let g = PlacementGuest(id: 0, mips: 500)
        let cloud = PowerAwareBestFitDecreasingPlacement(cloudSimCompatible: true)
        let chosen = cloud.chooseHost(for: g, in: t, context: &vetoAll)
        #expect(chosen == 0 || chosen == 1, "only the idle hosts 0, 1 escape the veto")
        let e = cloud.explain(for: g, in: t, context: &vetoAll)
        #expect(e.candidates[2].rejection == .wouldBeOverloaded && e.candidates[0].rejection == nil)
        let virt = PowerAwareBestFitDecreasingPlacement(cloudSimCompatible: false)
        #expect(virt.chooseHost(for: g, in: t, context: &vetoAll) == nil)
    }

    @Test("CloudSim mode ignores tentative placements in ΔP; VirtSim counts them")
    func tentativeMipsInPowerIncrease() {
        var t = Hosts.planetLab(2, formula: .cloudSim)
        let first = PlacementGuest(id: 0, mips: 1500)
        t.tentativelyPlace(first, on: 1)
        let g = PlacementGuest(id: 1, mips: 500)
        let cloudU = t.utilizationAfterPlacing(g, on: 1, includeTentative: false)
        let virtU = t.utilizationAfterPlacing(g, on: 1, includeTentative: true)
        #expect(cloudU == 500.0 / 5320)
        #expect(virtU == 2000.0 / 5320)
        #expect(t.freeMips[1] == 5320 - 1500)
        #expect(t.requestedMips[1] == 1500)
        t.tentativelyRemove(first, from: 1)
        #expect(t.freeMips[1] == 5320 && t.tentativeMips[1] == 0 && t.guestCount[1] == 0)
    }

    @Test("SIMD and scalar policies place random batches identically", arguments: names)
    func simdEqualsScalarDecisions(name: String) throws {
        let policy = try PolicyRegistry.placement(named: name, cloudSimCompatible: true)
        for seed in 0..<5 as Range<UInt64> {
            var rng = Xoshiro256StarStar(seed: seed)
            let guests = (0..<40).map { Hosts.randomGuest(&rng, id: $0) }
            var t1 = Hosts.random(97, seed: seed, formula: .cloudSim), t2 = t1
            let veto: (Int, PlacementGuest) -> Bool = { h, g in (h &* 31 &+ g.id) % 7 == 0 }
            var c1 = PlacementContext(wouldBeOverloaded: veto, useSIMD: true)
            var c2 = PlacementContext(wouldBeOverloaded: veto, useSIMD: false)
            let a = policy.placeBatch(guests, in: &t1, context: &c1)
            let b = policy.placeBatch(guests, in: &t2, context: &c2)
            #expect(a.map(\.guest) == b.map(\.guest) && a.map(\.host) == b.map(\.host))
            #expect(a.contains { $0.host != nil })
        }
    }

    @Test("decreasing policies place the largest guests first, stably")
    func decreasingOrder() {
        let guests = [PlacementGuest(id: 0, mips: 100), PlacementGuest(id: 1, mips: 300), PlacementGuest(id: 2, mips: 100),
                      PlacementGuest(id: 3, mips: 300)]
        #expect(PlacementOrder.decreasingMips(guests) == [1, 3, 0, 2])
        var t = Hosts.planetLab(4, formula: .virtSim)
        var ctx = PlacementContext()
        let placed = FirstFitDecreasingPlacement().placeBatch(guests, in: &t, context: &ctx)
        #expect(placed.map(\.guest) == [1, 3, 0, 2])
        #expect(placed.allSatisfy { $0.host == 0 })
        #expect(t.freeMips[0] == 3720 - 800 && t.guestCount[0] == 4)
    }
}
