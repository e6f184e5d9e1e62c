/// How the history-based overload detectors (IQR, MAD, LR, LRR) read a host's history and compute
/// their statistics: CloudSim 3.0.3's way or the intended one. A detector is generic over it
/// (`InterQuartileRangeDetector<CloudSimStatistics>`, ...), so the choice is made once, when the
/// detector's type is picked, and the statistics carry no flag.
public protocol DetectorStatistics: Sendable {
    /// The history the detector works on: CloudSim trims trailing zeros (its 30-slot history is
    /// padded with them); the intended reading takes the observed values as they are. O(n).
    static func observed(_ history: [Double]) -> [Double]
    /// The history length IQR and MAD compare with their minimum: CloudSim counts with its quirk
    /// (`countNonZeroBeginning`: an all-zero history counts 1); otherwise the number of values. O(n).
    static func length(_ observed: [Double]) -> Int
    /// IQR's dispersion: CloudSim's quartile positions, or type-7 quartiles. O(n log n).
    static func interQuartileRange(_ data: [Double]) -> Double
    /// LR's line through y_1 … y_n (oldest first), x = 1 … n: CloudSim's plain least squares (its
    /// weights are never applied, for LRR neither), or tricube weights (bisquare re-weighted when
    /// `robust`). Nil when the fit cannot be computed. O(n).
    static func localLinearFit(_ y: [Double], robust: Bool) -> (intercept: Double, slope: Double)?
}

/// CloudSim 3.0.3's statistics (switch `cloudSimStatistics` on): see each detector for its quirks.
public enum CloudSimStatistics: DetectorStatistics {
    public static func observed(_ history: [Double]) -> [Double] { CloudSimMath.trimZeroTail(history) }
    public static func length(_ observed: [Double]) -> Int { CloudSimMath.countNonZeroBeginning(observed) }
    public static func interQuartileRange(_ data: [Double]) -> Double { CloudSimMath.iqr(data) }
    public static func localLinearFit(_ y: [Double], robust: Bool) -> (intercept: Double, slope: Double)? {
        CloudSimMath.loessParameterEstimates(y)
    }
}

/// The intended statistics (Beloglazov & Buyya 2012 §6.2): the observed history, type-7 quartiles,
/// tricube-weighted (and bisquare-robust) local regression.
public enum IntendedStatistics: DetectorStatistics {
    public static func observed(_ history: [Double]) -> [Double] { history }
    public static func length(_ observed: [Double]) -> Int { observed.count }
    public static func interQuartileRange(_ data: [Double]) -> Double { Quantiles.interQuartileRange(data) }
    public static func localLinearFit(_ y: [Double], robust: Bool) -> (intercept: Double, slope: Double)? {
        robust ? WeightedRegression.robustLocalLinear(y) : WeightedRegression.localLinear(y)
    }
}
