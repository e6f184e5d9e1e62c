import Testing
import SimKernel
@testable import VirtModel

@Suite("Synthetic workloads")
struct SyntheticWorkloadTests {
    static let components: [[WorkloadComponent]] = [
        [],
        [.diurnal(amplitude: 0.6, peakHour: 14)],
        [.bursty(ratePerHour: 0.5, meanMinutes: 15, multiplier: 2.5)],
        [.heavyTailed(alpha: 3)],
        [.diurnal(amplitude: 0.5, peakHour: 14), .bursty(ratePerHour: 0.5, meanMinutes: 15, multiplier: 2.5), .heavyTailed(alpha: 3)],
    ]

    @Test("Every component keeps the long-run mean (no clipping at a low mean)", arguments: components)
    func meanPreserved(components: [WorkloadComponent]) {
        var rng = Xoshiro256StarStar(seed: 7)
        let w = SyntheticWorkload(mean: 0.1, components: components)
        let n = 288 * 60  // 60 days of 5-minute samples
        let s = w.samples(count: n, interval: 300, rng: &rng)
        let mean = s.reduce(0.0) { $0 + Double($1) } / Double(n)
        #expect(abs(mean - 0.1) < 0.006, "mean \(mean)")
    }

    @Test("Samples stay in [0, 1] even when the mean is high")
    func clipped() {
        var rng = Xoshiro256StarStar(seed: 1)
        let s = SyntheticWorkload(mean: 0.9, components: Self.components.last!).samples(count: 5000, interval: 300, rng: &rng)
        #expect(s.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(s.contains(1))
    }

    @Test("The diurnal component peaks at its peak hour")
    func diurnalPeak() {
        var rng = Xoshiro256StarStar(seed: 1)
        let s = SyntheticWorkload(mean: 0.2, components: [.diurnal(amplitude: 0.5, peakHour: 14)])
            .samples(count: 288, interval: 300, rng: &rng)
        let argmax = s.indices.max { s[$0] < s[$1] }!
        #expect(argmax == 14 * 12)
        #expect(abs(Double(s[argmax]) - 0.3) < 1e-6)
    }

    @Test("Same stream, same series; another stream, another series")
    func deterministic() {
        let w = SyntheticWorkload(mean: 0.2, components: Self.components.last!)
        var a = Xoshiro256StarStar(seed: 42), b = Xoshiro256StarStar(seed: 42), c = Xoshiro256StarStar(seed: 43)
        let sa = w.samples(count: 500, interval: 300, rng: &a)
        #expect(sa == w.samples(count: 500, interval: 300, rng: &b))
        #expect(sa != w.samples(count: 500, interval: 300, rng: &c))
    }

    @Test("Empirical CDF: quantiles interpolate and the mean is the segment average")
    func empirical() {
        let d = EmpiricalDistribution(points: [(0, 0), (0.1, 0.47), (0.2, 0.68), (0.5, 0.95), (1, 1)])
        #expect(d.quantile(0) == 0)
        #expect(abs(d.quantile(0.47) - 0.1) < 1e-12)
        #expect(abs(d.quantile(0.575) - 0.15) < 1e-12)
        #expect(d.quantile(1) == 1)
        // 0.47·0.05 + 0.21·0.15 + 0.27·0.35 + 0.05·0.75, by hand.
        #expect(abs(d.mean - 0.187) < 1e-12)
        var rng = Xoshiro256StarStar(seed: 3)
        let m = (0..<200_000).reduce(0.0) { acc, _ in acc + d.sample(&rng) } / 200_000
        #expect(abs(m - d.mean) < 0.003)
    }
}

@Suite("SPECpower model")
struct SpecPowerModelTests {
    @Test("Deciles return table entries; between them, linear interpolation", arguments: SpecPowerModel.catalogue)
    func interpolation(model: SpecPowerModel) {
        for k in 0...10 { #expect(model.power(atUtilization: Double(k) / 10) == model.watts[k]) }
        let mid = model.power(atUtilization: 0.45)
        #expect(abs(mid - (model.watts[4] + model.watts[5]) / 2) < 1e-9)
        #expect(model.power(atUtilization: 1.5) == model.maxWatts)
        #expect(model.power(atUtilization: -1) == model.idleWatts)
        #expect(model.sleepWatts < model.idleWatts)
    }

    @Test("Power never decreases with load", arguments: SpecPowerModel.catalogue)
    func monotone(model: SpecPowerModel) {
        var last = 0.0
        for i in 0...1000 {
            let p = model.power(atUtilization: Double(i) / 1000)
            #expect(p >= last)
            last = p
        }
    }
}
