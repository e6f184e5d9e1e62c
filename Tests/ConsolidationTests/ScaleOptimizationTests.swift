import Testing
import SimKernel
@testable import Consolidation

/// The structures that make the 100k-host day fast must not change a single result: the masked
/// first-fit index answers like a linear scan, and one deferred update per host and instant gives
/// the same run as an update after every migration.
@Suite("Scale optimizations")
struct ScaleOptimizationTests {
    // MARK: - First-fit index with masked hosts

    /// Random leaves, random masks and random queries: the index returns the lowest host whose
    /// values satisfy the bounds and that `accept` takes, masked hosts being rejected by `accept`
    /// (as the engine's exclusion list does) — exactly what a linear scan finds.
    @Test("the masked first-fit index agrees with a brute-force scan", arguments: [1, 7, 64, 300, 1000] as [Int])
    func maskedIndexMatchesScan(hosts: Int) {
        var rng = RandomStreams(seed: UInt64(hosts)).stream("test/first-fit-mask")
        var index = FirstFitIndex(hosts: hosts)
        var avail = [Double](repeating: 0, count: hosts), ram = avail, head = avail, pe = avail
        var busy = [Bool](repeating: false, count: hosts)
        func randomLeaf(_ h: Int) {
            avail[h] = (100 * rng.nextUnit()).rounded(.down)
            ram[h] = (64 * rng.nextUnit()).rounded(.down)
            head[h] = avail[h] - (30 * rng.nextUnit()).rounded(.down)
            pe[h] = rng.nextUnit() < 0.9 ? 10 : 5
            busy[h] = rng.nextUnit() < 0.7
            index.setLeaf(h, avail: avail[h], ram: ram[h], head: head[h], pe: pe[h], busy: busy[h])
        }
        for h in 0..<hosts { randomLeaf(h) }
        index.rebuild()
        var excluded = [Bool](repeating: false, count: hosts)
        var queries = 0, found = 0
        for round in 0..<20 {
            // Exclude (and mask) a random set, as a consolidation round does.
            for h in 0..<hosts where rng.nextUnit() < 0.3 {
                excluded[h] = true
                index.mask(h)
            }
            for _ in 0..<40 {
                // Hosts change while masked or not: the index must keep both views right.
                for _ in 0..<3 {
                    let h = Int(rng.nextUnit() * Double(hosts))
                    randomLeaf(h)
                    index.propagate(h)
                }
                let mips = (100 * rng.nextUnit()).rounded(.down)
                let ramMB = (64 * rng.nextUnit()).rounded(.down)
                let headroom = rng.nextUnit() < 0.5 ? mips : -.infinity
                let core = rng.nextUnit() < 0.8 ? 5.0 : 10.0
                let busyOnly = rng.nextUnit() < 0.5
                let odd = rng.nextUnit() < 0.3  // an extra guest-specific rejection (like THR's exact test)
                let accept = { (h: Int) -> Bool in !excluded[h] && !(odd && h % 3 == 0) }
                let expected = (0..<hosts).first { h in
                    (!busyOnly || busy[h]) && avail[h] >= mips && ram[h] >= ramMB && head[h] >= headroom
                        && pe[h] >= core && accept(h)
                }
                let got = index.first(mips: mips, ramMB: ramMB, headroom: headroom, coreMips: core,
                                      busyOnly: busyOnly, accept: accept)
                #expect(got == expected, "round \(round): hosts \(hosts), got \(String(describing: got)), expected \(String(describing: expected))")
                queries += 1
                if expected != nil { found += 1 }
            }
            index.unmaskAll()
            for h in 0..<hosts { excluded[h] = false }
            #expect(index.maskedHosts.isEmpty)
        }
        // The queries are not all trivially empty (or all trivially satisfied).
        #expect(found > 0 && found < queries || hosts == 1)
    }

    @Test("unmasking restores the values given while masked")
    func unmaskRestores() {
        var index = FirstFitIndex(hosts: 4)
        for h in 0..<4 { index.setLeaf(h, avail: 10, ram: 10, head: 10, pe: 1, busy: true) }
        index.rebuild()
        index.mask(0)
        index.setLeaf(0, avail: 50, ram: 50, head: 50, pe: 1, busy: true)
        index.propagate(0)
        #expect(index.first(mips: 20, ramMB: 0, headroom: 0, coreMips: 0, busyOnly: false) { _ in true } == nil)
        #expect(index.first(mips: 5, ramMB: 0, headroom: 0, coreMips: 0, busyOnly: true) { _ in true } == 1)
        index.unmaskAll()
        #expect(index.first(mips: 20, ramMB: 0, headroom: 0, coreMips: 0, busyOnly: false) { _ in true } == 0)
    }

    // MARK: - Deferred host updates

    static let deferredCases: [(String, EngineConfig)] = {
        var out: [(String, EngineConfig)] = []
        var scale = ScaleScenario.make(hosts: 30, guests: 300, seed: 5, horizon: 6 * 3600)
        out.append(("scale, scanned first fit", scale))
        scale.forceFirstFitIndex = true
        out.append(("scale, indexed first fit", scale))
        // Crowded: hosts oversubscribe, so guests fall short and order-sensitive sums move.
        var crowded = ScaleScenario.make(hosts: 5, guests: 300, seed: 9, horizon: 8 * 3600)
        out.append(("crowded scale, scanned first fit", crowded))
        crowded.forceFirstFitIndex = true
        out.append(("crowded scale, indexed first fit", crowded))
        let policies: [(String, PolicySpec)] = [
            ("thr-mmt", PolicySpec(placement: "first-fit-decreasing", overload: "thr", overloadParameter: 0.7, selection: "mmt")),
            ("lr-mmt", PolicySpec(overload: "lr", overloadParameter: 1.2, selection: "mmt")),
            ("mad-mc", PolicySpec(overload: "mad", overloadParameter: 2.5, selection: "mc")),
            ("iqr-rs", PolicySpec(placement: "best-fit", overload: "iqr", overloadParameter: 1.5, selection: "rs")),
        ]
        for (name, p) in policies {
            for (semName, sem) in [("virtsim", Semantics.virtSim), ("cloudsim", Semantics.cloudSimCompatible)] {
                out.append(("\(name), \(semName)", Fixture.config(hosts: 10, guests: 36, seed: 11, policies: p,
                                                                  semantics: sem, record: true)))
            }
        }
        return out
    }()

    @Test("one update per host and instant gives the same run as an update per migration",
          arguments: deferredCases.indices)
    func deferredMatchesImmediate(_ k: Int) throws {
        let (name, config) = ScaleOptimizationTests.deferredCases[k]
        let (deferred, deferredDurations, deferredShortfall) =
            try ConsolidationEngine.runWithImmediateHostUpdates(config, immediate: false)
        let (immediate, immediateDurations, immediateShortfall) = try ConsolidationEngine.runWithImmediateHostUpdates(config)
        // The commits happen in the same order: order-sensitive accumulators agree exactly.
        #expect(deferredDurations.map(\.bitPattern) == immediateDurations.map(\.bitPattern), "\(name)")
        #expect(deferredShortfall.bitPattern == immediateShortfall.bitPattern, "\(name)")
        // Bit for bit: the descriptions print every digit, NaN included.
        #expect(deferred.metrics.rows.map(\.value).description == immediate.metrics.rows.map(\.value).description, "\(name)")
        #expect(deferred.metrics.stdDevTimeBeforeVMMigration.bitPattern == immediate.metrics.stdDevTimeBeforeVMMigration.bitPattern)
        #expect(deferred.metrics.stdDevTimeBeforeHostShutdown.bitPattern == immediate.metrics.stdDevTimeBeforeHostShutdown.bitPattern)
        #expect(deferred.guests == immediate.guests, "\(name)")
        #expect(deferred.hostIntervals == immediate.hostIntervals, "\(name)")
        #expect(deferred.metrics.vmMigrations > 0, "\(name): the case must migrate to test anything")
    }
}
