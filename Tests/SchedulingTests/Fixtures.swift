import SimKernel
import VirtModel
@testable import Scheduling

/// CloudSim's two PlanetLab host types (reference §3.1): HP ML110 G4 (2 × 1860 MIPS) and G5 (2 × 2660).
enum Hosts {
    static let g4 = HostTable.HostSpec(peCount: 2, peMips: 1860, ramMB: 4096, bandwidthMbps: 1000, powerModel: .hpProLiantML110G4)
    static let g5 = HostTable.HostSpec(peCount: 2, peMips: 2660, ramMB: 4096, bandwidthMbps: 1000, powerModel: .hpProLiantML110G5)

    /// Even index G4, odd G5, as CloudSim's experiment.
    static func planetLab(_ n: Int, formula: PowerFormula = .cloudSim) -> HostTable {
        HostTable(hosts: (0..<n).map { $0 % 2 == 0 ? g4 : g5 }, powerFormula: formula)
    }

    /// A table in a random but reproducible state: random loads (quantized to 10 MIPS so that equal
    /// scores, i.e. ties, occur), some hosts excluded, asleep, off or failed, some idle.
    static func random(_ n: Int, seed: UInt64, formula: PowerFormula) -> HostTable {
        var rng = Xoshiro256StarStar(seed: seed)
        var t = planetLab(n, formula: formula)
        for h in 0..<n {
            let total = t.totalMips[h]
            let idle = rng.nextUnit() < 0.2
            let used = idle ? 0 : (rng.nextUnit() * total / 10).rounded(.down) * 10
            t.recordMeasurement(host: h, utilizationMips: used, plannedMips: used + (rng.nextUnit() < 0.1 ? 500 : 0))
            t.setRequestedMips(host: h, used * (0.5 + rng.nextUnit()))
            t.setFree(host: h, mips: total - used, ramMB: (rng.nextUnit() * 4096).rounded(.down),
                      bandwidthMbps: rng.nextUnit() < 0.05 ? 10 : 1000)
            let r = rng.nextUnit()
            if r < 0.05 { t.setState(host: h, .off) } else if r < 0.08 { t.setState(host: h, .failed) }
            else if r < 0.15 && idle { t.setState(host: h, .asleep) }
            if rng.nextUnit() < 0.1 { t.setExcluded(h) }
            if rng.nextUnit() < 0.1 { t.setUnderloadExcluded(h) }
        }
        return t
    }

    static func randomGuest(_ rng: inout Xoshiro256StarStar, id: Int = 0) -> PlacementGuest {
        let mips = [500.0, 1000, 2000, 2500][Int(rng.next() % 4)] * (rng.nextUnit() < 0.5 ? 1 : rng.nextUnit())
        return PlacementGuest(id: id, mips: (mips / 10).rounded(.down) * 10, ramMB: [613.0, 870, 1740][Int(rng.next() % 3)],
                              bandwidthMbps: 100)
    }
}

/// Bitwise equality that treats NaN payloads and ±∞ as values (SIMD must equal scalar exactly).
func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
}
