/// LR: fit a line to the 10 newest history values (oldest first, x = 1 … 10), predict the utilization
/// ⌈T_mig,max / interval⌉ intervals ahead, ŷ = a + b·(10 + ⌈T_mig,max / interval⌉), and report an
/// overload iff s·ŷ ≥ 1 (Beloglazov & Buyya 2012 §6.2.3; CloudSim
/// `PowerVmAllocationPolicyMigrationLocalRegression`). s = 1.2 is CloudSim's `LrMmt` default. With fewer
/// than 10 values the THR 0.7 fallback decides. LR ignores the current U_req except through the fallback.
///
/// - CloudSim mode: plain ordinary least squares (commons-math `SimpleRegression`, bit-exact), because
///   CloudSim's inverse tricube weights are never applied (reference §3.6); history trimmed of trailing zeros.
/// - VirtSim mode: the intended local regression, weighted least squares with tricube weights
///   w_i = (1 − (d_i)³)³, d_i = (10 − x_i)/10, so the newest value weighs 1 and the oldest ≈ 0.02.
public struct LocalRegressionDetector: OverloadDetector {
    public static let registryName = "lr"
    public static let defaultParameter = 1.2
    /// CloudSim: "we use 10 to make the regression responsive enough to latest values".
    public static let window = 10
    public var name: String { Self.registryName }
    public var safety: Double
    public var parameter: Double { safety }
    public var cloudSimCompatible: Bool
    public var fallback: StaticThresholdDetector
    public var needsHistory: Bool { true }

    public init(safety: Double = LocalRegressionDetector.defaultParameter, cloudSimCompatible: Bool = false,
                fallbackThreshold: Double = OverloadFallback.cloudSimThreshold) {
        self.safety = safety
        self.cloudSimCompatible = cloudSimCompatible
        self.fallback = StaticThresholdDetector(threshold: fallbackThreshold)
    }

    public func evaluate(_ input: OverloadInput) -> OverloadVerdict {
        LocalRegressionCore.evaluate(input, name: name, safety: safety, cloudSimCompatible: cloudSimCompatible,
                                     robust: false, fallback: fallback)
    }
}

/// Shared by LR and LRR.
enum LocalRegressionCore {
    static func evaluate(_ input: OverloadInput, name: String, safety: Double, cloudSimCompatible: Bool,
                         robust: Bool, fallback: StaticThresholdDetector) -> OverloadVerdict {
        let n = LocalRegressionDetector.window
        let history = cloudSimCompatible ? CloudSimMath.trimZeroTail(input.history) : input.history
        guard history.count >= n else {
            return fallback.asFallback(of: name, historyLength: history.count)(input)
        }
        // Oldest first: y_1 … y_n = history[n−1] … history[0].
        let y = (0..<n).map { history[n - 1 - $0] }
        let fit: (intercept: Double, slope: Double)?
        if cloudSimCompatible {
            fit = CloudSimMath.loessParameterEstimates(y)
        } else {
            fit = robust ? WeightedRegression.robustLocalLinear(y) : WeightedRegression.localLinear(y)
        }
        guard let fit else { return fallback.asFallback(of: name, historyLength: history.count)(input) }
        let intervals = (input.maxGuestMigrationSeconds / input.intervalSeconds).rounded(.up)
        let predicted = fit.intercept + fit.slope * (Double(n) + intervals)
        let scaled = predicted * safety
        return OverloadVerdict(overloaded: scaled >= 1, detector: name, usedFallback: false, compared: scaled,
                               limit: 1, statistic: predicted, statisticName: "predicted utilization",
                               historyLength: history.count)
    }
}
