/// Sustained THR (VirtSim's, not CloudSim's): a host is overloaded only when U_req exceeds the
/// threshold *and* its utilization also exceeded it in each of the `window − 1` measurements
/// before the current one, so a burst shorter than `window` intervals moves nothing. It trades
/// SLA time for fewer migrations: the hysteresis that production balancers add so that they do
/// not chase single noisy samples. `window` = 1 is THR exactly. With fewer measurements than
/// `window`, the plain threshold decides (a new host has no history to wait for).
///
/// `OverloadInput.history` is newest first and its newest value is the current measurement, so
/// the earlier ones are `history[1 ..< window]`. As a placement test (the guest's own history
/// added to the host's), it accepts a host that would go over the threshold only briefly.
public struct SustainedThresholdDetector: OverloadDetector {
    public static let registryName = "thr-sustained"
    public static let defaultParameter = StaticThresholdDetector.defaultParameter
    public static let defaultWindow = 3
    public var name: String { Self.registryName }
    public var threshold: Double
    public var parameter: Double { threshold }
    /// Consecutive measurements above the threshold that make an overload (≥ 1).
    public var window: Int
    public var needsHistory: Bool { window > 1 }

    public init(threshold: Double = SustainedThresholdDetector.defaultParameter, window: Int = SustainedThresholdDetector.defaultWindow) {
        precondition(window >= 1, "the window counts measurements: at least 1")
        self.threshold = threshold
        self.window = window
    }

    public func evaluate(_ input: OverloadInput) -> OverloadVerdict {
        let over = ThresholdRule.exceeds(utilization: input.requestedUtilization, threshold: threshold)
        let earlier = input.history.dropFirst().prefix(window - 1)
        guard window == 1 || input.history.count >= window else {
            return OverloadVerdict(overloaded: over, detector: "\(name)→thr(\(threshold))", usedFallback: true,
                                   compared: input.requestedUtilization, limit: threshold, statistic: nil,
                                   statisticName: "", historyLength: input.history.count)
        }
        // The smallest earlier value decides: all above the threshold iff it is.
        let lowest = earlier.min() ?? .infinity
        return OverloadVerdict(overloaded: over && ThresholdRule.exceeds(utilization: lowest, threshold: threshold), detector: name, usedFallback: false,
                               compared: input.requestedUtilization, limit: threshold, statistic: earlier.isEmpty ? nil : lowest,
                               statisticName: "lowest of the \(window - 1) earlier measurements", historyLength: input.history.count)
    }
}
