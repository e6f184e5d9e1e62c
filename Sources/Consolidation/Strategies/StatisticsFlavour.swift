/// The overload detectors' statistics (switch `cloudSimStatistics`, formerly `unweightedRegression`; §3.6).
///
/// CloudSim's: LR/LRR by plain least squares (its weights are never applied), IQR with its
/// quartile positions, and a host history of 30 slots padded with zeros that the detectors trim
/// themselves (`PowerHostUtilizationHistory.getUtilizationHistory`). Otherwise the intended
/// tricube / bisquare weights, type-7 quartiles and the observed history only. The detectors are
/// built once with this flavour (`ConsolidationEngine.withEngine`).
protocol StatisticsFlavour {
    var cloudSimStatistics: Bool { get }
}

extension StatisticsFlavour {
    /// True when a host's history is handed over with its zero padding.
    @inline(__always)
    var padsHistoryWithZeros: Bool { cloudSimStatistics }
}

extension CloudSimStrategies { var cloudSimStatistics: Bool { true } }
extension VirtSimStrategies { var cloudSimStatistics: Bool { false } }
extension ConfiguredStrategies { var cloudSimStatistics: Bool { semantics.cloudSimStatistics } }
