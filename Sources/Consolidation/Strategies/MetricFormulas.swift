/// The SLA metrics' formulas and what counts as an active host (switches `cloudSimSlaFormulas`,
/// `activeMeansNonZeroAllocation`, both set by the former `cloudSimMetricFormulas`; §3.10).
///
/// - SLA formulas: CloudSim's `Helper` counts SLATAH as time with "allocated < requested", where
///   migration targets' reservations count as requested; PDM is one ratio of sums; intervals end
///   at the last update. Otherwise SLATAH is the time at 100 % demand (demand ≥ capacity) over
///   active time, PDM the per-guest mean (Beloglazov & Buyya 2012, eq. 17–18), and the last
///   interval runs to the horizon.
/// - Active: allocated MIPS above 0, every host starting "on" for the shutdown count (CloudSim);
///   otherwise at least one guest listed, a shutdown counted only after the host was on.
protocol MetricFormulas {
    var cloudSimSlaFormulas: Bool { get }
    var activeMeansNonZeroAllocation: Bool { get }
}

extension MetricFormulas {
    /// PDM from the sums over guests. O(1).
    @inline(__always)
    func pdm(requested: Double, lostToMigration: Double, perGuestSum: Double, guests: Int) -> Double {
        if cloudSimSlaFormulas { return requested > 0 ? lostToMigration / requested : 0 }
        return guests > 0 ? perGuestSum / Double(guests) : 0
    }
}

extension CloudSimStrategies {
    var cloudSimSlaFormulas: Bool { true }
    var activeMeansNonZeroAllocation: Bool { true }
}
extension VirtSimStrategies {
    var cloudSimSlaFormulas: Bool { false }
    var activeMeansNonZeroAllocation: Bool { false }
}
extension ConfiguredStrategies {
    var cloudSimSlaFormulas: Bool { semantics.cloudSimSlaFormulas }
    var activeMeansNonZeroAllocation: Bool { semantics.activeMeansNonZeroAllocation }
}
