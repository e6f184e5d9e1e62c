import SimKernel
import VirtModel
@testable import Scheduling

/// CloudSim's two PlanetLab host types (HP ML110 G4, 2 × 1860 MIPS; G5, 2 × 2660), even hosts G4.
enum Hosts {
    static let power = PowerArithmetic(models: [.hpProLiantML110G4, .hpProLiantML110G5], formula: CloudSimPowerFormula())
    static let virtSimPower = PowerArithmetic(models: [.hpProLiantML110G4, .hpProLiantML110G5], formula: InterpolatedPowerFormula())

    static func planetLab(_ n: Int) -> HostTable {
        HostTable(types: (0..<n).map { $0 % 2 }, specs: [(3720, 1860, 4096, 1000), (5320, 2660, 4096, 1000)])
    }

    /// A table in a random but reproducible state: loads quantized to 10 MIPS so that equal scores
    /// (ties) occur, a quarter of the hosts exactly at the request's CPU or RAM (the `<` boundary),
    /// some idle, some measured in CloudSim's (1, 1.01) band.
    static func random(_ n: Int, seed: UInt64, request: PlacementRequest) -> (table: HostTable, requested: [Double]) {
        var rng = Xoshiro256StarStar(seed: seed)
        var t = planetLab(n)
        var requested: [Double] = []
        for h in 0..<n {
            let total = t.totalMips[h]
            let idle = rng.nextUnit() < 0.2
            let used = idle ? 0 : (rng.nextUnit() * total / 10).rounded(.down) * 10
            let r = rng.nextUnit()
            t.measuredMips[h] = r < 0.15 ? total * (1 + rng.nextUnit() * 0.02) : used
            t.freeMips[h] = rng.nextUnit() < 0.25 ? request.demandMips : total - used
            t.ramUsedMB[h] = rng.nextUnit() < 0.25 ? t.ramMB[h] - request.ramMB : (rng.nextUnit() * 4096).rounded(.down)
            t.listed[h] = idle ? 0 : Int32(1 + rng.next() % 4)
            requested.append(rng.nextUnit() < 0.1 ? 0.8 * total : used * (0.5 + rng.nextUnit()))
        }
        return (t, requested)
    }
}

/// Bitwise equality that treats NaN payloads and ±∞ as values (SIMD must equal scalar exactly).
func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
}
