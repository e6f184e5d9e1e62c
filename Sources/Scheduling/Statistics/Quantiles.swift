/// Sample quantiles for VirtSim's own (non-CloudSim) statistics.
public enum Quantiles {
    /// Hyndman & Fan type 7 quantile (linear interpolation between order statistics; R's and NumPy's
    /// default): h = (n − 1)p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). O(n log n).
    public static func type7(_ data: [Double], _ p: Double) -> Double {
        precondition(!data.isEmpty, "quantile of an empty array")
        let s = data.sorted()
        let h = Double(s.count - 1) * p
        let lo = Int(h.rounded(.down))
        if lo + 1 >= s.count { return s[s.count - 1] }
        return s[lo] + (h - Double(lo)) * (s[lo + 1] - s[lo])
    }

    /// Q3 − Q1 by `type7`.
    public static func interQuartileRange(_ data: [Double]) -> Double {
        type7(data, 0.75) - type7(data, 0.25)
    }
}
