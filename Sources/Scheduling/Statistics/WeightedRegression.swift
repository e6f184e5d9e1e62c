import VirtModel

/// VirtSim's intended local regression for the LR/LRR detectors: weighted least squares of y on
/// x = 1 … n minimizing Σ w_i (y_i − a − b·x_i)².
public enum WeightedRegression {
    /// Weighted least squares line; nil when the weighted spread of x is 0. O(n).
    public static func fit(x: [Double], y: [Double], weights w: [Double]) -> (intercept: Double, slope: Double)? {
        var sw = 0.0, swx = 0.0, swy = 0.0
        for i in x.indices { sw += w[i]; swx += w[i] * x[i]; swy += w[i] * y[i] }
        guard sw > 0 else { return nil }
        let mx = swx / sw, my = swy / sw
        var sxx = 0.0, sxy = 0.0
        for i in x.indices {
            let dx = x[i] - mx
            sxx += w[i] * dx * dx
            sxy += w[i] * dx * (y[i] - my)
        }
        guard sxx > 0 else { return nil }
        let b = sxy / sxx
        return (my - b * mx, b)
    }

    /// Tricube weights (1 − d³)³ with d_i = (n − x_i)/n for x = 1 … n: 1 for the newest value, falling
    /// smoothly towards the oldest (which keeps a small positive weight). O(n).
    public static func tricubeWeights(_ n: Int) -> [Double] {
        (1...max(n, 1)).map { x in
            let d = Double(n - x) / Double(n)
            let k = 1 - d * d * d
            return k * k * k
        }
    }

    /// Tricube-weighted local linear fit of y (oldest first). O(n).
    public static func localLinear(_ y: [Double]) -> (intercept: Double, slope: Double)? {
        let x = (1...y.count).map(Double.init)
        return fit(x: x, y: y, weights: tricubeWeights(y.count))
    }

    /// Robustness iterations of `robustLocalLinear`: Cleveland (1979) found two sufficient; R's and
    /// statsmodels' `lowess` default to 3.
    public static let robustnessIterations = 3

    /// `localLinear` followed by bisquare robustness steps (Cleveland 1979): residuals e_i of the current
    /// fit, s = median|e_i|, weights = tricube × (1 − (e_i/6s)²)² (0 beyond 6s), refit. Stops early on a
    /// perfect fit (s = 0). O(iterations · n log n).
    public static func robustLocalLinear(_ y: [Double], iterations: Int = robustnessIterations) -> (intercept: Double, slope: Double)? {
        let x = (1...y.count).map(Double.init)
        let tricube = tricubeWeights(y.count)
        guard var current = fit(x: x, y: y, weights: tricube) else { return nil }
        for _ in 0..<iterations {
            let residuals = x.indices.map { y[$0] - (current.intercept + current.slope * x[$0]) }
            let s = CloudSimMath.median(residuals.map { abs($0) })
            guard s > 0 else { break }
            let weights = x.indices.map { i -> Double in
                let u = residuals[i] / (6 * s)
                let b = abs(u) < 1 ? (1 - u * u) * (1 - u * u) : 0
                return tricube[i] * b
            }
            guard let next = fit(x: x, y: y, weights: weights) else { break }
            current = next
        }
        return current
    }
}
