/// What an overload detector needs to know about one host (engine-supplied).
public struct OverloadInput: Sendable, Hashable {
    /// U_req: Σ current requested MIPS of the host's guests (tentative ones included) ÷ host MIPS.
    /// Uncapped, may exceed 1.
    public var requestedUtilization: Double
    /// Host utilization history, newest first. CloudSim mode: its 30-slot history trimmed of trailing
    /// zeros (`PowerHostUtilizationHistory.getUtilizationHistory`); the CloudSim detectors re-trim, so an
    /// untrimmed array gives the same answer. VirtSim mode: the observed values only.
    public var history: [Double]
    /// Longest migration time among the host's guests (s): the LR prediction horizon.
    public var maxGuestMigrationSeconds: Double
    /// Consolidation interval (s).
    public var intervalSeconds: Double

    public init(requestedUtilization: Double, history: [Double] = [], maxGuestMigrationSeconds: Double = 0, intervalSeconds: Double = 300) {
        self.requestedUtilization = requestedUtilization
        self.history = history
        self.maxGuestMigrationSeconds = maxGuestMigrationSeconds
        self.intervalSeconds = intervalSeconds
    }
}

/// A detector's answer with the numbers behind it.
public struct OverloadVerdict: Sendable, Hashable, CustomStringConvertible {
    public var overloaded: Bool
    /// Name of the detector that decided (the fallback's when `usedFallback`).
    public var detector: String
    /// True when the history was too short and the static-threshold fallback decided.
    public var usedFallback: Bool
    /// The value compared: U_req for THR/IQR/MAD, s·ŷ (predicted utilization × safety) for LR/LRR.
    public var compared: Double
    /// The limit it was compared with: the (adaptive) upper threshold, or 1 for LR/LRR.
    public var limit: Double
    /// The statistic behind an adaptive threshold or prediction (IQR, MAD, predicted utilization).
    public var statistic: Double?
    public var statisticName: String
    /// History values the decision used.
    public var historyLength: Int

    public init(overloaded: Bool, detector: String, usedFallback: Bool, compared: Double, limit: Double,
                statistic: Double?, statisticName: String, historyLength: Int) {
        self.overloaded = overloaded
        self.detector = detector
        self.usedFallback = usedFallback
        self.compared = compared
        self.limit = limit
        self.statistic = statistic
        self.statisticName = statisticName
        self.historyLength = historyLength
    }

    public var description: String {
        var s = "\(detector): \(overloaded ? "overloaded" : "not overloaded") (\(compared) vs limit \(limit)"
        if let statistic { s += ", \(statisticName) = \(statistic)" }
        s += ", history \(historyLength)"
        if usedFallback { s += ", history too short: static-threshold fallback" }
        return s + ")"
    }
}

/// Host overload detection (Beloglazov & Buyya, CCPE 2012, §6.2).
public protocol OverloadDetector: Sendable {
    /// Registry name ("thr", "iqr", "mad", "lr", "lrr", "none").
    var name: String { get }
    /// The safety parameter (threshold for THR).
    var parameter: Double { get }
    /// True when the detector reads `OverloadInput.history` (the engine may skip building it otherwise).
    var needsHistory: Bool { get }
    /// The decision with its numbers. O(history · log history).
    func evaluate(_ input: OverloadInput) -> OverloadVerdict
}

extension OverloadDetector {
    /// Just the decision.
    @inlinable public func isOverloaded(_ input: OverloadInput) -> Bool { evaluate(input).overloaded }
}

/// CloudSim's fallback when the history is short: a static threshold of 0.7 (examples
/// `RunnerAbstract.getVmAllocationPolicy`, Beloglazov & Buyya 2012 §7.3 experiments).
public enum OverloadFallback {
    public static let cloudSimThreshold = 0.7
}

/// The rule IQR and MAD share (Beloglazov & Buyya 2012 §6.2): overloaded iff U_req > 1 − s·D(history),
/// where D is a dispersion statistic of the host's utilization history; with fewer than
/// `minimumHistory` values the static-threshold `fallback` decides. `CloudSimStatistics` trims the
/// history's trailing zeros and measures its length with CloudSim's quirk. O(history · log history).
func adaptiveThresholdVerdict<S: DetectorStatistics>(_ input: OverloadInput, detector name: String, safety: Double, statistics: S.Type,
                                                     minimumHistory: Int, fallback: StaticThresholdDetector, statisticName: String,
                                                     statistic: ([Double]) -> Double) -> OverloadVerdict {
    let data = S.observed(input.history)
    let length = S.length(data)
    guard length >= minimumHistory else {
        return fallback.asFallback(of: name, historyLength: length)(input)
    }
    let dispersion = statistic(data)
    let threshold = 1 - safety * dispersion
    return OverloadVerdict(overloaded: ThresholdRule.exceeds(utilization: input.requestedUtilization, threshold: threshold), detector: name, usedFallback: false,
                           compared: input.requestedUtilization, limit: threshold, statistic: dispersion,
                           statisticName: statisticName, historyLength: length)
}
