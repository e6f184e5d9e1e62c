/// THR: overloaded iff U_req > threshold (Beloglazov & Buyya 2012 §6.2; CloudSim
/// `PowerVmAllocationPolicyMigrationStaticThreshold`). Default 0.8, CloudSim's `ThrMmt` value.
public struct StaticThresholdDetector: OverloadDetector {
    public static let registryName = "thr"
    /// Beloglazov & Buyya 2012 evaluate THR at 0.8 (the `ThrMmt` example's parameter).
    public static let defaultParameter = 0.8
    public var name: String { Self.registryName }
    public var threshold: Double
    public var parameter: Double { threshold }
    public var needsHistory: Bool { false }

    public init(threshold: Double = StaticThresholdDetector.defaultParameter) { self.threshold = threshold }

    public func evaluate(_ input: OverloadInput) -> OverloadVerdict {
        OverloadVerdict(overloaded: ThresholdRule.exceeds(utilization: input.requestedUtilization, threshold: threshold), detector: name, usedFallback: false,
                        compared: input.requestedUtilization, limit: threshold, statistic: nil,
                        statisticName: "", historyLength: 0)
    }

    /// A fallback verdict: this decision, labelled as the fallback of `primary` with `historyLength`.
    func asFallback(of primary: String, historyLength: Int) -> (OverloadInput) -> OverloadVerdict {
        { input in
            var v = evaluate(input)
            v.detector = "\(primary)→thr(\(threshold))"
            v.usedFallback = true
            v.historyLength = historyLength
            return v
        }
    }
}
