import Scheduling
import SimKernel
import VirtModel

/// Throughput of every rule scan of the scheduler core (Scheduling's `Rules/`), SIMD form against
/// its scalar reference in the same run, over 800, 10k and 100k hosts. The host table is in a
/// random but fixed state (mixed G4/G5 hosts, 20 % idle, some excluded), so both forms do exactly
/// the same work and give the same answers (checked while measuring).
enum SchedulingBench {
    typealias Row = (name: String, value: Double, unit: String)

    static func run() -> [Row] {
        var rows: [Row] = []
        for hosts in [800, 10_000, 100_000] {
            let f = Fixture(hosts: hosts, seed: 42)
            let label = hosts >= 1000 ? "\(hosts / 1000)k" : "\(hosts)"
            let repetitions = max(20, 4_000_000 / hosts)
            func compare(_ name: String, _ simd: () -> Int, _ scalar: () -> Int) {
                let a = best(of: 3, repetitions: repetitions, simd)
                let b = best(of: 3, repetitions: repetitions, scalar)
                precondition(a.checksum == b.checksum, "\(name): SIMD and scalar disagree")
                rows.append(("\(name)_\(label)_hosts_simd", a.perSecond * Double(hosts), "hosts/s"))
                rows.append(("\(name)_\(label)_hosts_scalar", b.perSecond * Double(hosts), "hosts/s"))
                rows.append(("\(name)_simd_speedup_\(label)_hosts", a.perSecond / b.perSecond, "x"))
            }
            var scores: [Double] = [], cands: [Int] = []
            compare("suitability_best_fit_scan", {
                Suitability.scan(f.request, in: f.table, excluded: f.excluded, score: .leftover, scores: &scores, candidates: &cands)
                return cands.count &+ (Argmin.simd(scores) ?? -1)
            }, {
                Suitability.scanScalar(f.request, in: f.table, excluded: f.excluded, score: .leftover, scores: &scores, candidates: &cands)
                return cands.count &+ (Argmin.scalar(scores) ?? -1)
            })
            compare("power_increase", {
                PowerIncrease.deltas(f.power, f.batch).reduce(0) { $0 &+ Int(truncatingIfNeeded: $1.bitPattern) }
            }, {
                PowerIncrease.deltasScalar(f.power, f.batch).reduce(0) { $0 &+ Int(truncatingIfNeeded: $1.bitPattern) }
            })
            compare("threshold_overload_scan", {
                ThresholdRule.overloadedHosts(requested: f.requested, in: f.table, threshold: 0.8).count
            }, {
                ThresholdRule.overloadedHostsScalar(requested: f.requested, in: f.table, threshold: 0.8).count
            })
            compare("measured_utilization", {
                Underload.measuredUtilizations(f.table, f.power).reduce(0) { $0 &+ Int(truncatingIfNeeded: $1.bitPattern) }
            }, {
                Underload.measuredUtilizationsScalar(f.table, f.power).reduce(0) { $0 &+ Int(truncatingIfNeeded: $1.bitPattern) }
            })
            compare("argmin", { Argmin.simd(f.requested) ?? -1 }, { Argmin.scalar(f.requested) ?? -1 })
        }
        return rows
    }

    /// A host table in a random but reproducible state, and one request and ΔP batch over it.
    struct Fixture {
        var table: HostTable
        var power: PowerArithmetic<CloudSimPowerFormula>
        var excluded: [Bool]
        var requested: [Double]
        var request: PlacementRequest
        var batch: PowerIncrease.Batch

        init(hosts n: Int, seed: UInt64) {
            var rng = Xoshiro256StarStar(seed: seed)
            table = HostTable(types: (0..<n).map { $0 % 2 }, specs: [(3720, 1860, 4096, 1000), (5320, 2660, 4096, 1000)])
            power = PowerArithmetic(models: [.hpProLiantML110G4, .hpProLiantML110G5], formula: CloudSimPowerFormula())
            excluded = (0..<n).map { _ in rng.nextUnit() < 0.1 }
            requested = []
            batch = PowerIncrease.Batch(capacity: n)
            for h in 0..<n {
                let total = table.totalMips[h]
                let used = rng.nextUnit() < 0.2 ? 0 : (rng.nextUnit() * total / 10).rounded(.down) * 10
                table.measuredMips[h] = used
                table.freeMips[h] = total - used
                table.listed[h] = used > 0 ? 3 : 0
                table.ramUsedMB[h] = (rng.nextUnit() * 4096).rounded(.down)
                requested.append(used * (0.5 + rng.nextUnit()))
                batch.append(power, type: h % 2, utilizationAfter: (used + 500) / total, measuredUtilization: used / total,
                             sleeping: used == 0)
            }
            request = PlacementRequest(demandMips: 500, coreMips: 250, ramMB: 870, checksRam: true)
        }
    }

    struct Measurement { var perSecond: Double; var checksum: Int }

    static func best(of n: Int, repetitions: Int, _ body: () -> Int) -> Measurement {
        var result = Measurement(perSecond: 0, checksum: 0)
        for _ in 0..<n {
            var checksum = 0
            let elapsed = ContinuousClock().measure {
                for _ in 0..<repetitions { checksum = checksum &+ body() }
            }
            let c = elapsed.components
            let perSecond = Double(repetitions) / (Double(c.seconds) + Double(c.attoseconds) * 1e-18)
            if perSecond > result.perSecond { result = Measurement(perSecond: perSecond, checksum: checksum) }
        }
        return result
    }
}
