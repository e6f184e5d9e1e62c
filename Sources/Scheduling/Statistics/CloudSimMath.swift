import VirtModel

/// Statistics exactly as CloudSim 3.0.3 computes them (`util/MathUtil.java` on Apache commons-math3),
/// re-implemented operation for operation so the doubles match Java's bit for bit. Sources read:
/// `MathUtil.median/mad/iqr/countNonZeroBeginning/trimZeroTail/getLoessParameterEstimates`,
/// commons-math3 `Percentile` (default estimator), `SimpleRegression`, `OLSMultipleLinearRegression`,
/// `QRDecomposition`, `SecondMoment`.
public enum CloudSimMath {
    /// `MathUtil.countNonZeroBeginning`: index of the last non-zero value + 1. Quirk kept: an array of
    /// zeros (or an empty array) gives 1, not 0. O(n).
    public static func countNonZeroBeginning(_ data: [Double]) -> Int {
        var i = data.count - 1
        while i >= 0 {
            let v = data[i]
            i -= 1
            if v != 0 { break }
        }
        return i + 2
    }

    /// `MathUtil.trimZeroTail`: the prefix of length `countNonZeroBeginning`, padded with a 0 when the
    /// input is empty (Java `Arrays.copyOfRange` pads). O(n).
    public static func trimZeroTail(_ data: [Double]) -> [Double] {
        let n = countNonZeroBeginning(data)
        if n <= data.count { return Array(data[0..<n]) }
        return data + [Double](repeating: 0, count: n - data.count)
    }

    /// commons-math3 `Percentile.evaluate(p)` with the default (legacy) estimator:
    /// pos = p(n+1)/100; below 1 → min; at or above n → max; else lower + (pos − ⌊pos⌋)(upper − lower).
    /// O(n log n).
    public static func percentile(_ data: [Double], _ p: Double) -> Double {
        precondition(!data.isEmpty, "percentile of an empty array")
        let sorted = data.sorted()
        let n = Double(sorted.count)
        if sorted.count == 1 { return sorted[0] }
        let pos = p * (n + 1) / 100
        let fpos = pos.rounded(.down)
        let intPos = Int(fpos)
        let dif = pos - fpos
        if pos < 1 { return sorted[0] }
        if pos >= n { return sorted[sorted.count - 1] }
        let lower = sorted[intPos - 1]
        let upper = sorted[intPos]
        return lower + dif * (upper - lower)
    }

    /// `MathUtil.median` = `Percentile(50)`: for even n, lower + 0.5 · (upper − lower).
    public static func median(_ data: [Double]) -> Double { percentile(data, 50) }

    /// `MathUtil.mad`: median of |median − x_i|; 0 for an empty array.
    public static func mad(_ data: [Double]) -> Double {
        guard !data.isEmpty else { return 0 }
        let m = median(data)
        return median(data.map { abs(m - $0) })
    }

    /// `MathUtil.iqr`: sorted x[round(0.75(n+1)) − 1] − x[round(0.25(n+1)) − 1] with Java `Math.round`
    /// (⌊x + 0.5⌋). Needs n ≥ 3 to stay in range (the detectors require 12).
    public static func iqr(_ data: [Double]) -> Double {
        let sorted = data.sorted()
        let n = Double(sorted.count)
        let q1 = Int((0.25 * (n + 1) + 0.5).rounded(.down)) - 1
        let q3 = Int((0.75 * (n + 1) + 0.5).rounded(.down)) - 1
        return sorted[q3] - sorted[q1]
    }

    /// commons-math3 `SimpleRegression` (with intercept) fed x = 1, 2, …, n: the running-update sums
    /// of `addData`, then intercept = (Σy − slope·Σx)/n and slope = Sxy/Sxx as `regress()` returns them.
    /// nil when n < 3 (`regress` throws). O(n).
    public static func simpleRegression(x: [Double], y: [Double]) -> (intercept: Double, slope: Double)? {
        precondition(x.count == y.count)
        let count = x.count
        guard count >= 3 else { return nil }
        var n = 0.0
        var xbar = 0.0, ybar = 0.0, sumXX = 0.0, sumXY = 0.0, sumX = 0.0, sumY = 0.0
        for i in 0..<count {
            let xi = x[i], yi = y[i]
            if n == 0 {
                xbar = xi
                ybar = yi
            } else {
                let fact1 = 1.0 + n
                let fact2 = n / (1.0 + n)
                let dx = xi - xbar
                let dy = yi - ybar
                sumXX += dx * dx * fact2
                sumXY += dx * dy * fact2
                xbar += dx / fact1
                ybar += dy / fact1
            }
            sumX += xi
            sumY += yi
            n += 1
        }
        // regress(): SAFE_MIN = 2^-1022 guards the slope.
        if abs(sumXX) > 0x1p-1022 {
            let slope = (n < 2 || abs(sumXX) < 10 * Double.leastNonzeroMagnitude) ? Double.nan : sumXY / sumXX
            return ((sumY - slope * sumX) / n, slope)
        }
        return (sumY / n, .nan)
    }

    /// `MathUtil.getLoessParameterEstimates` as it behaves in CloudSim 3.0.3: the inverse "tricube"
    /// weights are built but applied only when ≥ 40 % of them are ≤ 0, which never happens, so the
    /// result is ordinary least squares of y on x = 1 … n. `getRobustLoessParameterEstimates` is the
    /// same for the same reason. nil when n < 3.
    public static func loessParameterEstimates(_ y: [Double]) -> (intercept: Double, slope: Double)? {
        let x = (0..<y.count).map { Double($0 + 1) }
        return simpleRegression(x: x, y: y)
    }

    /// commons-math3 `SecondMoment` over `values` (the total sum of squares used by
    /// `OLSMultipleLinearRegression.calculateTotalSumOfSquares`). O(n).
    public static func secondMoment(_ values: [Double]) -> Double {
        var n = 0.0, m1 = 0.0, m2 = 0.0
        for d in values {
            n += 1
            let dev = d - m1
            let nDev = dev / n
            m1 += nDev
            m2 += (n - 1) * dev * nDev
        }
        return values.isEmpty ? .nan : m2
    }

    /// R² of commons-math3 `OLSMultipleLinearRegression` (with intercept) of `y` on the columns `x`
    /// (x[j] is regressor j, each of length y.count): Householder QR of [1 | X] (threshold 0), β by the
    /// QR solver, R² = 1 − RSS / SecondMoment(y). nil where commons-math throws: no regressor, fewer
    /// observations than parameters (`NOT_ENOUGH_DATA_FOR_NUMBER_OF_PREDICTORS`), or a singular R
    /// (an exactly zero diagonal). O(m·k²).
    public static func olsRSquared(y: [Double], regressors x: [[Double]]) -> Double? {
        let m = y.count
        let k = x.count
        guard k > 0, m > 0, k + 1 <= m, x.allSatisfy({ $0.count == m }) else { return nil }
        let cols = k + 1
        // qrt = transpose of the design matrix: qrt[c] is column c (intercept column first).
        var qrt: [[Double]] = [[Double](repeating: 1, count: m)] + x
        var rDiag = [Double](repeating: 0, count: min(m, cols))
        for minor in 0..<min(m, cols) {
            var xNormSqr = 0.0
            for row in minor..<m { let c = qrt[minor][row]; xNormSqr += c * c }
            let a = qrt[minor][minor] > 0 ? -xNormSqr.squareRoot() : xNormSqr.squareRoot()
            rDiag[minor] = a
            if a != 0 {
                qrt[minor][minor] -= a
                for col in (minor + 1)..<cols {
                    var alpha = 0.0
                    for row in minor..<m { alpha -= qrt[col][row] * qrt[minor][row] }
                    alpha /= a * qrt[minor][minor]
                    for row in minor..<m { qrt[col][row] -= alpha * qrt[minor][row] }
                }
            }
        }
        for d in rDiag where abs(d) <= 0 { return nil }
        // Solve: apply the Householder reflections to y, then back-substitute.
        var yv = y
        for minor in 0..<min(m, cols) {
            var dot = 0.0
            for row in minor..<m { dot += yv[row] * qrt[minor][row] }
            dot /= rDiag[minor] * qrt[minor][minor]
            for row in minor..<m { yv[row] += dot * qrt[minor][row] }
        }
        var beta = [Double](repeating: 0, count: cols)
        for row in stride(from: rDiag.count - 1, through: 0, by: -1) {
            yv[row] /= rDiag[row]
            let yRow = yv[row]
            beta[row] = yRow
            for i in 0..<row { yv[i] -= yRow * qrt[row][i] }
        }
        // Residuals y − Xβ (Array2DRowRealMatrix.operate: Σ over columns in order, intercept first).
        var rss = 0.0
        for r in 0..<m {
            var fit = 0.0
            fit += 1.0 * beta[0]
            for j in 0..<k { fit += x[j][r] * beta[j + 1] }
            let e = y[r] - fit
            rss += e * e
        }
        return 1 - rss / secondMoment(y)
    }
}
