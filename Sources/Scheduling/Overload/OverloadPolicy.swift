/// A run's overload detection as one typed value: the detector and its parameter, validated once
/// where the name is read (`init(name:parameter:window:)`, used by the scenario reader through
/// `PolicyRegistry` and by the engine), then carried as it is to the engine's loops, which ask it
/// for what they need (`staticThreshold`, `detectsOverloads`) instead of comparing names or
/// casting the detector.
public enum OverloadPolicy: Sendable, Hashable {
    /// No dynamic consolidation.
    case none
    /// THR: overloaded iff U_req > threshold.
    case threshold(Double)
    /// THR held for `window` consecutive measurements.
    case sustainedThreshold(Double, window: Int)
    /// IQR with safety parameter s.
    case interQuartileRange(safety: Double)
    /// MAD with safety parameter s.
    case medianAbsoluteDeviation(safety: Double)
    /// LR with safety parameter s.
    case localRegression(safety: Double)
    /// LRR with safety parameter s.
    case robustLocalRegression(safety: Double)

    /// The policy of a registry name with `parameter` (nil: the detector's default) and, for
    /// `thr-sustained`, `window` (nil: its default). Throws for an unknown name, a parameter that
    /// is negative or not finite (CloudSim exits on a negative safety parameter), and a window
    /// below 1 or given to another detector.
    public init(name: String, parameter: Double? = nil, window: Int? = nil) throws(PolicyLookupError) {
        if let p = parameter, !(p >= 0) || !p.isFinite {
            throw PolicyLookupError(category: "overload", name: "\(name) with parameter \(p)", known: ["a finite parameter ≥ 0"])
        }
        if let w = window, w < 1 || name != SustainedThresholdDetector.registryName {
            throw PolicyLookupError(category: "overload", name: "\(name) with window \(w)",
                                    known: ["\(SustainedThresholdDetector.registryName) with a window ≥ 1"])
        }
        let p = parameter ?? PolicyRegistry.defaultParameter(forOverloadDetector: name) ?? 0
        switch name {
        case StaticThresholdDetector.registryName: self = .threshold(p)
        case SustainedThresholdDetector.registryName: self = .sustainedThreshold(p, window: window ?? SustainedThresholdDetector.defaultWindow)
        case InterQuartileRangeDetector<IntendedStatistics>.registryName: self = .interQuartileRange(safety: p)
        case MedianAbsoluteDeviationDetector<IntendedStatistics>.registryName: self = .medianAbsoluteDeviation(safety: p)
        case LocalRegressionDetector<IntendedStatistics>.registryName: self = .localRegression(safety: p)
        case RobustLocalRegressionDetector<IntendedStatistics>.registryName: self = .robustLocalRegression(safety: p)
        case NoOverloadDetector.registryName: self = .none
        default: throw PolicyLookupError(category: "overload", name: name, known: PolicyRegistry.allOverloadDetectorNames)
        }
    }

    /// The registry name.
    public var name: String {
        switch self {
        case .none: NoOverloadDetector.registryName
        case .threshold: StaticThresholdDetector.registryName
        case .sustainedThreshold: SustainedThresholdDetector.registryName
        case .interQuartileRange: InterQuartileRangeDetector<IntendedStatistics>.registryName
        case .medianAbsoluteDeviation: MedianAbsoluteDeviationDetector<IntendedStatistics>.registryName
        case .localRegression: LocalRegressionDetector<IntendedStatistics>.registryName
        case .robustLocalRegression: RobustLocalRegressionDetector<IntendedStatistics>.registryName
        }
    }

    /// The threshold or safety parameter (nil for `none`).
    public var parameter: Double? {
        switch self {
        case .none: nil
        case .threshold(let t), .sustainedThreshold(let t, _): t
        case .interQuartileRange(let s), .medianAbsoluteDeviation(let s), .localRegression(let s), .robustLocalRegression(let s): s
        }
    }

    /// True unless the policy is `none`: rounds of dynamic consolidation run.
    public var detectsOverloads: Bool { self != .none }

    /// THR's threshold: its overload test is one compare on U_req (the SIMD scans and the
    /// first-fit index use it); nil for every other policy.
    public var staticThreshold: Double? {
        if case .threshold(let t) = self { return t }
        return nil
    }

    /// The detector that evaluates this policy, boxed; `cloudSimStatistics` selects CloudSim 3.0.3's
    /// statistics for IQR, MAD, LR and LRR (see each detector). For `explain`'s labels and the tests:
    /// the engine resolves the policy into the detector's concrete type instead
    /// (`ConsolidationEngine.withEngine`), so its loops call no existential.
    public func detector(cloudSimStatistics: Bool) -> any OverloadDetector {
        switch self {
        case .none: NoOverloadDetector()
        case .threshold(let t): StaticThresholdDetector(threshold: t)
        case .sustainedThreshold(let t, let w): SustainedThresholdDetector(threshold: t, window: w)
        case .interQuartileRange(let s):
            cloudSimStatistics ? InterQuartileRangeDetector<CloudSimStatistics>(safety: s) : InterQuartileRangeDetector<IntendedStatistics>(safety: s)
        case .medianAbsoluteDeviation(let s):
            cloudSimStatistics ? MedianAbsoluteDeviationDetector<CloudSimStatistics>(safety: s) : MedianAbsoluteDeviationDetector<IntendedStatistics>(safety: s)
        case .localRegression(let s):
            cloudSimStatistics ? LocalRegressionDetector<CloudSimStatistics>(safety: s) : LocalRegressionDetector<IntendedStatistics>(safety: s)
        case .robustLocalRegression(let s):
            cloudSimStatistics ? RobustLocalRegressionDetector<CloudSimStatistics>(safety: s) : RobustLocalRegressionDetector<IntendedStatistics>(safety: s)
        }
    }
}
