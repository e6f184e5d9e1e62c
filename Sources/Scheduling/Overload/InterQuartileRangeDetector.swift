/// IQR: adaptive upper threshold 1 − s·IQR(history); overloaded iff U_req > threshold
/// (Beloglazov & Buyya 2012 §6.2.2; CloudSim `PowerVmAllocationPolicyMigrationInterQuartileRange`).
/// s = 1.5 is CloudSim's `IqrMmt` default. With fewer than 12 history values the THR 0.7 fallback decides.
///
/// - `CloudSimStatistics`: the history is trimmed of trailing zeros (an all-zero history counts as length 1),
///   quartiles are sorted x[round(0.25(n+1)) − 1] and x[round(0.75(n+1)) − 1] with Java `Math.round`.
/// - `IntendedStatistics`: the history as given; quartiles by linear interpolation between order statistics
///   (Hyndman & Fan type 7, the default of R and NumPy).
public struct InterQuartileRangeDetector<Statistics: DetectorStatistics>: OverloadDetector {
    public static var registryName: String { "iqr" }
    public static var defaultParameter: Double { 1.5 }
    /// "12 has been suggested as a safe value" (CloudSim source comment).
    public static var minimumHistory: Int { 12 }
    public var name: String { Self.registryName }
    public var safety: Double
    public var parameter: Double { safety }
    public var fallback: StaticThresholdDetector
    public var needsHistory: Bool { true }

    public init(safety: Double = InterQuartileRangeDetector.defaultParameter,
                fallbackThreshold: Double = OverloadFallback.cloudSimThreshold) {
        self.safety = safety
        self.fallback = StaticThresholdDetector(threshold: fallbackThreshold)
    }

    public func evaluate(_ input: OverloadInput) -> OverloadVerdict {
        adaptiveThresholdVerdict(input, detector: name, safety: safety, statistics: Statistics.self,
                                 minimumHistory: Self.minimumHistory, fallback: fallback, statisticName: "IQR") {
            Statistics.interQuartileRange($0)
        }
    }
}
