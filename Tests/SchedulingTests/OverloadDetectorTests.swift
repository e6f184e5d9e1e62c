import Testing
@testable import Scheduling

@Suite("Overload detectors")
struct OverloadDetectorTests {
    static let twelve = [0.5, 0.1, 0.4, 0.2, 0.3, 0.6, 0.9, 0.7, 0.8, 0.15, 0.25, 0.35]

    @Test("THR: strictly above the threshold")
    func thr() {
        let d = StaticThresholdDetector(threshold: 0.8)
        #expect(!d.isOverloaded(OverloadInput(requestedUtilization: 0.8)))
        #expect(d.isOverloaded(OverloadInput(requestedUtilization: 0.81)))
        #expect(d.isOverloaded(OverloadInput(requestedUtilization: 1.7)), "U_req is uncapped")
    }

    @Test("IQR, CloudSim: threshold 1 − 1.5 · (0.7 − 0.2) = 0.25")
    func iqrCloudSim() {
        let d = InterQuartileRangeDetector<CloudSimStatistics>(safety: 1.5)
        let v = d.evaluate(OverloadInput(requestedUtilization: 0.26, history: Self.twelve))
        #expect(v.overloaded && !v.usedFallback)
        #expect(abs(v.limit - 0.25) < 1e-12)
        #expect(!d.isOverloaded(OverloadInput(requestedUtilization: 0.25, history: Self.twelve)))
    }

    @Test("IQR, VirtSim: type-7 quartiles 0.2375 and 0.625 → threshold 1 − 1.5 · 0.3875")
    func iqrVirtSim() {
        let v = InterQuartileRangeDetector<IntendedStatistics>(safety: 1.5).evaluate(OverloadInput(requestedUtilization: 0.5, history: Self.twelve))
        #expect(abs((v.statistic ?? 0) - 0.3875) < 1e-12)
        #expect(abs(v.limit - 0.41875) < 1e-12 && v.overloaded)
    }

    @Test("MAD: threshold 1 − 2.5 · 0.15 = 0.625", arguments: [true, false])
    func mad(cloudSim: Bool) {
        let h = [0.1, 0.2, 0.2, 0.3, 0.3, 0.3, 0.4, 0.4, 0.5, 0.6, 0.8, 0.9]
        let d: any OverloadDetector = cloudSim ? MedianAbsoluteDeviationDetector<CloudSimStatistics>(safety: 2.5)
                                               : MedianAbsoluteDeviationDetector<IntendedStatistics>(safety: 2.5)
        #expect(d.isOverloaded(OverloadInput(requestedUtilization: 0.63, history: h)))
        #expect(!d.isOverloaded(OverloadInput(requestedUtilization: 0.62, history: h)))
    }

    @Test("short histories fall back to THR 0.7 (12 values for IQR/MAD, 10 for LR/LRR)",
          arguments: ["iqr", "mad", "lr", "lrr"], [true, false])
    func fallback(name: String, cloudSim: Bool) throws {
        let d = try PolicyRegistry.overloadDetector(named: name, cloudSimStatistics: cloudSim)
        let short = [Double](repeating: 0.1, count: name.hasPrefix("lr") ? 9 : 11)
        let high = d.evaluate(OverloadInput(requestedUtilization: 0.71, history: short))
        #expect(high.usedFallback && high.overloaded)
        #expect(!d.isOverloaded(OverloadInput(requestedUtilization: 0.7, history: short)))
        // Enough history: the detector itself decides (an all-0.1 history never predicts an overload).
        let long = [Double](repeating: 0.1, count: 12)
        #expect(!d.evaluate(OverloadInput(requestedUtilization: 0.71, history: long)).usedFallback)
    }

    @Test("CloudSim trims trailing zeros and counts an all-zero history as length 1")
    func trailingZeros() {
        let d = InterQuartileRangeDetector<CloudSimStatistics>()
        let history = [Double](repeating: 0.3, count: 11) + [0, 0, 0, 0]
        #expect(d.evaluate(OverloadInput(requestedUtilization: 0.5, history: history)).usedFallback)
        #expect(d.evaluate(OverloadInput(requestedUtilization: 0.5, history: [Double](repeating: 0, count: 30))).historyLength == 1)
    }

    @Test("LR, CloudSim: OLS on a line y = 0.05x predicts 0.55 one interval ahead; y = 0.08x overloads")
    func lrLine() {
        let d = LocalRegressionDetector<CloudSimStatistics>(safety: 1.2)
        let gentle = (1...10).reversed().map { 0.05 * Double($0) }   // newest first
        let v = d.evaluate(OverloadInput(requestedUtilization: 0, history: gentle, maxGuestMigrationSeconds: 27.84, intervalSeconds: 300))
        #expect(abs((v.statistic ?? 0) - 0.55) < 1e-12)   // x = 10 + ⌈27.84/300⌉ = 11
        #expect(!v.overloaded)                            // 1.2 · 0.55 = 0.66 < 1
        let steep = (1...10).reversed().map { 0.08 * Double($0) }
        #expect(d.isOverloaded(OverloadInput(requestedUtilization: 0, history: steep, maxGuestMigrationSeconds: 27.84, intervalSeconds: 300)))
        // A 600 s migration looks two intervals ahead: 0.05 · 12 = 0.6.
        let far = d.evaluate(OverloadInput(requestedUtilization: 0, history: gentle, maxGuestMigrationSeconds: 600, intervalSeconds: 300))
        #expect(abs((far.statistic ?? 0) - 0.6) < 1e-12)
    }

    @Test("LR uses only the 10 newest values")
    func lrWindow() {
        let d = LocalRegressionDetector<CloudSimStatistics>()
        let recent = (1...10).reversed().map { 0.05 * Double($0) }
        let a = d.evaluate(OverloadInput(requestedUtilization: 0, history: recent, maxGuestMigrationSeconds: 10))
        let b = d.evaluate(OverloadInput(requestedUtilization: 0, history: recent + [0.9, 0.9, 0.9], maxGuestMigrationSeconds: 10))
        #expect(a.statistic == b.statistic)
    }

    @Test("a spike at the newest sample: OLS 0.44, tricube-weighted higher, robust lower")
    func regressionVariants() throws {
        let history = [0.8] + [Double](repeating: 0.2, count: 9)  // newest first
        let input = OverloadInput(requestedUtilization: 0, history: history, maxGuestMigrationSeconds: 20, intervalSeconds: 300)
        let ols = try #require(LocalRegressionDetector<CloudSimStatistics>().evaluate(input).statistic)
        let olsRobust = try #require(RobustLocalRegressionDetector<CloudSimStatistics>().evaluate(input).statistic)
        let weighted = try #require(LocalRegressionDetector<IntendedStatistics>().evaluate(input).statistic)
        let robust = try #require(RobustLocalRegressionDetector<IntendedStatistics>().evaluate(input).statistic)
        #expect(abs(ols - 0.44) < 1e-12)          // 0.08 + 11 · 2.7/82.5
        #expect(olsRobust == ols, "CloudSim's LRR is LR: weights never applied")
        #expect(weighted > ols, "weights favour the recent spike")
        #expect(robust < weighted, "bisquare re-weighting discounts the outlier")
    }

    @Test("robust regression ignores a mid-window outlier that tilts plain and weighted fits")
    func robustOutlier() throws {
        var history = [Double](repeating: 0.2, count: 10)
        history[7] = 0.9   // the 3rd-oldest sample (x = 3): OLS predicts 0.27 − 5.5 · 1.75/82.5 ≈ 0.153
        let input = OverloadInput(requestedUtilization: 0, history: history, maxGuestMigrationSeconds: 20, intervalSeconds: 300)
        let ols = try #require(LocalRegressionDetector<CloudSimStatistics>().evaluate(input).statistic)
        let robust = try #require(RobustLocalRegressionDetector<IntendedStatistics>().evaluate(input).statistic)
        #expect(abs(ols - (0.27 - 5.5 * 1.75 / 82.5)) < 1e-12)
        #expect(abs(robust - 0.2) < 1e-9, "with the outlier weighted out the line is flat at 0.2")
    }

    @Test("none never overloads")
    func none() {
        #expect(!NoOverloadDetector().isOverloaded(OverloadInput(requestedUtilization: 5)))
    }
}
