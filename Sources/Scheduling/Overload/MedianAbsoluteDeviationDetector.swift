/// MAD: adaptive upper threshold 1 − s·MAD(history); overloaded iff U_req > threshold
/// (Beloglazov & Buyya 2012 §6.2.1; CloudSim `PowerVmAllocationPolicyMigrationMedianAbsoluteDeviation`).
/// s = 2.5 is CloudSim's `MadMmt` default. With fewer than 12 history values the THR 0.7 fallback decides.
/// MAD = median |x_i − median(x)| with commons-math's `Percentile(50)` median in both modes (it is the
/// ordinary median); `CloudSimStatistics` also trims trailing zeros with CloudSim's length quirk.
public struct MedianAbsoluteDeviationDetector<Statistics: DetectorStatistics>: OverloadDetector {
    public static var registryName: String { "mad" }
    public static var defaultParameter: Double { 2.5 }
    public static var minimumHistory: Int { 12 }
    public var name: String { Self.registryName }
    public var safety: Double
    public var parameter: Double { safety }
    public var fallback: StaticThresholdDetector
    public var needsHistory: Bool { true }

    public init(safety: Double = MedianAbsoluteDeviationDetector.defaultParameter,
                fallbackThreshold: Double = OverloadFallback.cloudSimThreshold) {
        self.safety = safety
        self.fallback = StaticThresholdDetector(threshold: fallbackThreshold)
    }

    public func evaluate(_ input: OverloadInput) -> OverloadVerdict {
        adaptiveThresholdVerdict(input, detector: name, safety: safety, statistics: Statistics.self,
                                 minimumHistory: Self.minimumHistory, fallback: fallback, statisticName: "MAD") {
            CloudSimMath.mad($0)
        }
    }
}
