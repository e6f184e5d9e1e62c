/// LRR: local regression made robust to outliers by bisquare re-weighting of the residuals
/// (Beloglazov & Buyya 2012 §6.2.3, after Cleveland 1979; CloudSim
/// `PowerVmAllocationPolicyMigrationLocalRegressionRobust`). s = 1.2 is CloudSim's `LrrMmt` default.
///
/// - `CloudSimStatistics`: identical to LR (the bisquare weights, like the tricube ones, are never applied and
///   the NaN fallback never fires), so LrMmt and LrrMmt runs give bit-identical metrics (reference §3.6).
/// - `IntendedStatistics`: tricube fit, then `WeightedRegression.robustnessIterations` rounds of: residuals e_i,
///   s = median|e_i|, bisquare B(e_i / 6s) = (1 − u²)² for |u| < 1 (else 0), refit with tricube × bisquare
///   weights.
public struct RobustLocalRegressionDetector<Statistics: DetectorStatistics>: OverloadDetector {
    public static var registryName: String { "lrr" }
    public static var defaultParameter: Double { 1.2 }
    public var name: String { Self.registryName }
    public var safety: Double
    public var parameter: Double { safety }
    public var fallback: StaticThresholdDetector
    public var needsHistory: Bool { true }

    public init(safety: Double = RobustLocalRegressionDetector.defaultParameter,
                fallbackThreshold: Double = OverloadFallback.cloudSimThreshold) {
        self.safety = safety
        self.fallback = StaticThresholdDetector(threshold: fallbackThreshold)
    }

    public func evaluate(_ input: OverloadInput) -> OverloadVerdict {
        LocalRegressionCore.evaluate(input, name: name, safety: safety, statistics: Statistics.self,
                                     robust: true, fallback: fallback)
    }
}
