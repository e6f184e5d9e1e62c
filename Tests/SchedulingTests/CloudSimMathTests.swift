import Testing
@testable import Scheduling

@Suite("CloudSim's statistics, reproduced")
struct CloudSimMathTests {
    @Test("countNonZeroBeginning counts up to the last non-zero, and gives 1 for all zeros (CloudSim quirk)")
    func countNonZero() {
        #expect(CloudSimMath.countNonZeroBeginning([0.3, 0, 0.2, 0, 0]) == 3)
        #expect(CloudSimMath.countNonZeroBeginning([0.3, 0.1]) == 2)
        #expect(CloudSimMath.countNonZeroBeginning([0, 0, 0]) == 1)
        #expect(CloudSimMath.countNonZeroBeginning([]) == 1)
        #expect(CloudSimMath.trimZeroTail([]) == [0])
        #expect(CloudSimMath.trimZeroTail([0.5, 0, 0.1, 0]) == [0.5, 0, 0.1])
    }

    @Test("median is Percentile(50): the middle value, or lower + ½(upper − lower)")
    func median() {
        #expect(CloudSimMath.median([3, 1, 2]) == 2)
        #expect(CloudSimMath.median([4, 1, 3, 2]) == 2.5)
        #expect(CloudSimMath.median([7]) == 7)
    }

    @Test("IQR uses Java Math.round quartile positions")
    func iqr() {
        // n = 12: Q1 at round(3.25) − 1 = 2, Q3 at round(9.75) − 1 = 9 (0-based, sorted).
        let data = [0.5, 0.1, 0.4, 0.2, 0.3, 0.6, 0.9, 0.7, 0.8, 0.15, 0.25, 0.35]
        #expect(CloudSimMath.iqr(data) == 0.7 - 0.2)
        // n = 13: Q1 at round(3.5) = 4 → 3, Q3 at round(10.5) = 11 → 10.
        let thirteen = (1...13).map(Double.init)
        #expect(CloudSimMath.iqr(thirteen) == 11 - 4)
    }

    @Test("MAD by hand")
    func mad() {
        // median = 0.35 (0.3 and 0.4 in the middle); deviations sorted: 0.05×5, 0.15×3, 0.25×2, 0.45, 0.55
        // → their median is 0.15.
        let data = [0.1, 0.2, 0.2, 0.3, 0.3, 0.3, 0.4, 0.4, 0.5, 0.6, 0.8, 0.9]
        #expect(abs(CloudSimMath.mad(data) - 0.15) < 1e-15)
    }

    @Test("SimpleRegression by hand: a spike at the newest point")
    func simpleRegression() throws {
        // y = 0.2 × 9, then 0.8; x = 1 … 10. x̄ = 5.5, ȳ = 0.26, Sxx = 82.5, Sxy = 0.6 · 4.5 = 2.7:
        // slope = 2.7/82.5 = 0.0327…, intercept = 0.26 − 5.5 · slope = 0.08.
        let y = [Double](repeating: 0.2, count: 9) + [0.8]
        let fit = try #require(CloudSimMath.loessParameterEstimates(y))
        #expect(abs(fit.slope - 2.7 / 82.5) < 1e-15)
        #expect(abs(fit.intercept - 0.08) < 1e-15)
        #expect(CloudSimMath.loessParameterEstimates([1, 2]) == nil, "regress() needs 3 points")
    }

    @Test("OLS R² with one regressor is the squared correlation (hand example: 16/25)")
    func rSquaredOneRegressor() throws {
        // x = 1 3 2 4, y = 1 2 3 4: Sxy = 4, Sxx = Syy = 5 → r² = 16/25 = 0.64.
        let r2 = try #require(CloudSimMath.olsRSquared(y: [1, 2, 3, 4], regressors: [[1, 3, 2, 4]]))
        #expect(abs(r2 - 0.64) < 1e-14)
    }

    @Test("OLS R² agrees with the normal equations on random data, and refuses impossible fits")
    func rSquaredTwoRegressors() throws {
        var state: UInt64 = 12345
        func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) * 0x1p-53 }
        for _ in 0..<20 {
            let m = 12
            let x1 = (0..<m).map { _ in next() }, x2 = (0..<m).map { _ in next() }
            let y = (0..<m).map { 0.3 * x1[$0] - 0.7 * x2[$0] + 0.2 * next() }
            let r2 = try #require(CloudSimMath.olsRSquared(y: y, regressors: [x1, x2]))
            // Normal equations on centred data: [Sxx Sxz; Szx Szz] b = [Sxy; Szy]; R² = b·S_y / Syy.
            func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
            let a = x1.map { $0 - mean(x1) }, b = x2.map { $0 - mean(x2) }, c = y.map { $0 - mean(y) }
            func dot(_ u: [Double], _ v: [Double]) -> Double { zip(u, v).reduce(0) { $0 + $1.0 * $1.1 } }
            let (s11, s12, s22, s1y, s2y, syy) = (dot(a, a), dot(a, b), dot(b, b), dot(a, c), dot(b, c), dot(c, c))
            let det = s11 * s22 - s12 * s12
            let b1 = (s1y * s22 - s12 * s2y) / det, b2 = (s11 * s2y - s12 * s1y) / det
            #expect(abs(r2 - (b1 * s1y + b2 * s2y) / syy) < 1e-10)
        }
        #expect(CloudSimMath.olsRSquared(y: [1, 2], regressors: [[1, 2], [2, 1]]) == nil, "more parameters than rows")
        #expect(CloudSimMath.olsRSquared(y: [1, 2, 3], regressors: []) == nil, "no regressor")
    }
}
