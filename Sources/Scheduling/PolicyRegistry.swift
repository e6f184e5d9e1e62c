/// An unknown policy name, with the names that are known (for `validate` and `--help`).
public struct PolicyLookupError: Error, Sendable, Hashable, CustomStringConvertible {
    public var category: String
    public var name: String
    public var known: [String]
    public init(category: String, name: String, known: [String]) {
        self.category = category
        self.name = name
        self.known = known
    }
    public var description: String {
        "unknown \(category) policy \"\(name)\"; expected one of: \(known.joined(separator: ", "))"
    }
}

/// Policies by the names scenario files use.
///
/// `cloudSimCompatible` selects CloudSim 3.0.3's exact semantics (the PlanetLab scenarios) instead of
/// VirtSim's intended ones; see each policy's documentation for what differs.
public enum PolicyRegistry {
    /// Placement names (canonical first) and aliases.
    public static let allPlacementNames: [String] = PlacementRule.allCases.map(\.rawValue) + PlacementRule.aliases.keys.sorted()
    public static let allOverloadDetectorNames: [String] = [
        StaticThresholdDetector.registryName, InterQuartileRangeDetector<IntendedStatistics>.registryName,
        MedianAbsoluteDeviationDetector<IntendedStatistics>.registryName, LocalRegressionDetector<IntendedStatistics>.registryName,
        RobustLocalRegressionDetector<IntendedStatistics>.registryName, NoOverloadDetector.registryName,
        SustainedThresholdDetector.registryName,
    ]
    public static let allVmSelectionNames: [String] = [
        MinimumMigrationTimeSelection.registryName, MaximumCorrelationSelection.registryName,
        MinimumUtilizationSelection.registryName, RandomSelection.registryName,
    ]
    /// "least-utilized": the under-load rule of `Underload`; "none": no under-load consolidation.
    public static let allUnderloadNames: [String] = ["least-utilized", "none"]

    /// One line per policy for `--help`.
    public static let summaries: [(category: String, name: String, summary: String)] = [
        ("placement", "first-fit", "lowest-index host that fits"),
        ("placement", "best-fit", "host with the least free MIPS left"),
        ("placement", "worst-fit", "host with the most free MIPS left"),
        ("placement", "first-fit-decreasing", "first fit, guests by decreasing MIPS"),
        ("placement", "power-aware-best-fit-decreasing", "least power increase, guests by decreasing MIPS (alias pabfd)"),
        ("overload", "thr", "U > threshold (default 0.8)"),
        ("overload", "thr-sustained", "U > threshold now and in the window − 1 measurements before (default 0.8, window 3)"),
        ("overload", "iqr", "U > 1 − s·IQR(history) (default s = 1.5)"),
        ("overload", "mad", "U > 1 − s·MAD(history) (default s = 2.5)"),
        ("overload", "lr", "s · local-regression prediction ≥ 1 (default s = 1.2)"),
        ("overload", "lrr", "robust local regression (default s = 1.2)"),
        ("overload", "none", "never overloaded"),
        ("selection", "mmt", "minimum migration time (smallest RAM)"),
        ("selection", "mc", "maximum correlation (largest R²)"),
        ("selection", "mu", "minimum utilization"),
        ("selection", "rs", "random (seeded)"),
    ]

    public static func placement(named name: String) throws(PolicyLookupError) -> PlacementRule {
        guard let rule = PlacementRule(name: name) else { throw PolicyLookupError(category: "placement", name: name, known: allPlacementNames) }
        return rule
    }

    /// The default safety parameter (threshold for THR) of a detector, nil for unknown names or "none".
    /// THR 0.8, IQR 1.5, MAD 2.5, LR/LRR 1.2: the values of CloudSim's PlanetLab examples
    /// (Beloglazov & Buyya, CCPE 2012, §7).
    public static func defaultParameter(forOverloadDetector name: String) -> Double? {
        switch name {
        case StaticThresholdDetector.registryName: StaticThresholdDetector.defaultParameter
        case SustainedThresholdDetector.registryName: SustainedThresholdDetector.defaultParameter
        case InterQuartileRangeDetector<IntendedStatistics>.registryName: InterQuartileRangeDetector<IntendedStatistics>.defaultParameter
        case MedianAbsoluteDeviationDetector<IntendedStatistics>.registryName: MedianAbsoluteDeviationDetector<IntendedStatistics>.defaultParameter
        case LocalRegressionDetector<IntendedStatistics>.registryName: LocalRegressionDetector<IntendedStatistics>.defaultParameter
        case RobustLocalRegressionDetector<IntendedStatistics>.registryName: RobustLocalRegressionDetector<IntendedStatistics>.defaultParameter
        default: nil
        }
    }

    /// A detector with `parameter` (nil: its default) and, for `thr-sustained`, `window` (nil: its
    /// default). Throws for unknown names; a negative parameter is rejected too (CloudSim exits on
    /// a negative safety parameter), and so is a window below 1 or given to another detector.
    public static func overloadDetector(named name: String, parameter: Double? = nil, window: Int? = nil,
                                        cloudSimStatistics: Bool = false) throws(PolicyLookupError) -> any OverloadDetector {
        try OverloadPolicy(name: name, parameter: parameter, window: window).detector(cloudSimStatistics: cloudSimStatistics)
    }

    public static func vmSelection(named name: String) throws(PolicyLookupError) -> any VmSelectionPolicy {
        switch name {
        case MinimumMigrationTimeSelection.registryName: return MinimumMigrationTimeSelection()
        case MaximumCorrelationSelection.registryName: return MaximumCorrelationSelection()
        case MinimumUtilizationSelection.registryName: return MinimumUtilizationSelection()
        case RandomSelection.registryName: return RandomSelection()
        default: throw PolicyLookupError(category: "selection", name: name, known: allVmSelectionNames)
        }
    }

    /// Whether under-load consolidation runs ("least-utilized") or not ("none").
    public static func underload(named name: String) throws(PolicyLookupError) -> Bool {
        switch name {
        case "least-utilized": return true
        case "none": return false
        default: throw PolicyLookupError(category: "underload", name: name, known: allUnderloadNames)
        }
    }
}
