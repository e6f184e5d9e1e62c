/// LR: fit a line to the 10 newest history values (oldest first, x = 1 … 10), predict the utilization
/// ⌈T_mig,max / interval⌉ intervals ahead, ŷ = a + b·(10 + ⌈T_mig,max / interval⌉), and report an
/// overload iff s·ŷ ≥ 1 (Beloglazov & Buyya 2012 §6.2.3; CloudSim
/// `PowerVmAllocationPolicyMigrationLocalRegression`). s = 1.2 is CloudSim's `LrMmt` default. With fewer
/// than 10 values the THR 0.7 fallback decides. LR ignores the current U_req except through the fallback.
///
/// - `CloudSimStatistics`: plain ordinary least squares (commons-math `SimpleRegression`, bit-exact), because
///   CloudSim's inverse tricube weights are never applied (reference §3.6); history trimmed of trailing zeros.
/// - `IntendedStatistics`: the intended local regression, weighted least squares with tricube weights
///   w_i = (1 − (d_i)³)³, d_i = (10 − x_i)/10, so the newest value weighs 1 and the oldest ≈ 0.02.
public struct LocalRegressionDetector<Statistics: DetectorStatistics>: OverloadDetector {
    public static var registryName: String { "lr" }
    public static var defaultParameter: Double { 1.2 }
    /// CloudSim: "we use 10 to make the regression responsive enough to latest values".
    public static var window: Int { LocalRegressionCore.window }
    public var name: String { Self.registryName }
    public var safety: Double
    public var parameter: Double { safety }
    public var fallback: StaticThresholdDetector
    public var needsHistory: Bool { true }

    public init(safety: Double = LocalRegressionDetector.defaultParameter,
                fallbackThreshold: Double = OverloadFallback.cloudSimThreshold) {
        self.safety = safety
        self.fallback = StaticThresholdDetector(threshold: fallbackThreshold)
    }

    public func evaluate(_ input: OverloadInput) -> OverloadVerdict {
        LocalRegressionCore.evaluate(input, name: name, safety: safety, statistics: Statistics.self,
                                     robust: false, fallback: fallback)
    }
}

/// Shared by LR and LRR.
enum LocalRegressionCore {
    /// The window (10 values, CloudSim's) does not depend on the statistics.
    static let window = 10

    static func evaluate<S: DetectorStatistics>(_ input: OverloadInput, name: String, safety: Double, statistics: S.Type,
                                                robust: Bool, fallback: StaticThresholdDetector) -> OverloadVerdict {
        let n = window
        let history = S.observed(input.history)
        guard history.count >= n else {
            return fallback.asFallback(of: name, historyLength: history.count)(input)
        }
        // Oldest first: y_1 … y_n = history[n−1] … history[0].
        let y = (0..<n).map { history[n - 1 - $0] }
        guard let fit = S.localLinearFit(y, robust: robust) else { return fallback.asFallback(of: name, historyLength: history.count)(input) }
        let intervals = (input.maxGuestMigrationSeconds / input.intervalSeconds).rounded(.up)
        let predicted = fit.intercept + fit.slope * (Double(n) + intervals)
        let scaled = predicted * safety
        return OverloadVerdict(overloaded: scaled >= 1, detector: name, usedFallback: false, compared: scaled,
                               limit: 1, statistic: predicted, statisticName: "predicted utilization",
                               historyLength: history.count)
    }
}
