/// The under-load choice (CloudSim `getUnderUtilizedHost`, §3.8 step 5): hosts are evacuated from
/// the least utilized up. A host counts as switched off (never a source nor a target) when its
/// measured utilization is 0 (CloudSim's reading) or when no guest is listed on it (VirtSim's);
/// the others are candidates when their utilization is below the under-load threshold (and above
/// 0 in CloudSim's reading), visited in increasing (utilization, index) order.
public enum Underload {
    /// Scalar reference of the measured utilization, mips / capacity (CloudSim clamps (1, 1.01) to 1). O(1).
    @inlinable @inline(__always)
    public static func measuredUtilization<F>(_ h: Int, in t: HostTable, _ p: PowerArithmetic<F>) -> Double {
        p.utilization(mips: t.measuredMips[h], capacity: t.totalMips[h])
    }

    /// Scalar reference of `measuredUtilizations`. O(hosts).
    @inlinable
    public static func measuredUtilizationsScalar<F>(_ t: HostTable, _ p: PowerArithmetic<F>) -> [Double] {
        (0..<t.count).map { measuredUtilization($0, in: t, p) }
    }

    /// SIMD form: every host's measured utilization, 4 hosts per step, bit-identical (tested). O(hosts).
    @inlinable
    public static func measuredUtilizations<F>(_ t: HostTable, _ p: PowerArithmetic<F>) -> [Double] {
        let H = t.count
        var u = [Double](repeating: 0, count: H)
        let body = H - H % Lanes.width
        let clamp = p.formula.clampsJustAboveOne
        u.withUnsafeMutableBufferPointer { out in
        t.measuredMips.withUnsafeBufferPointer { um in
        t.totalMips.withUnsafeBufferPointer { cp in
            let one = SIMD4<Double>(repeating: 1), top = SIMD4<Double>(repeating: 1.01)
            var i = 0
            while i < body {
                var x = Lanes.load(um.baseAddress!, i) / Lanes.load(cp.baseAddress!, i)
                if clamp { x.replace(with: one, where: (x .> one) .& (x .< top)) }
                Lanes.store(x, out.baseAddress!, i)
                i += Lanes.width
            }
        }}}
        for h in body..<H { u[h] = measuredUtilization(h, in: t, p) }
        return u
    }

    /// Is host `h` switched off? O(1).
    @inlinable @inline(__always)
    public static func isSwitchedOff(_ h: Int, utilization u: Double, in t: HostTable, offMeansZeroUtilization: Bool) -> Bool {
        offMeansZeroUtilization ? (u == 0) : (t.listed[h] == 0)
    }

    /// Is a host at utilization `u` an under-load candidate? O(1).
    @inlinable @inline(__always)
    public static func isCandidate(utilization u: Double, threshold: Double, offMeansZeroUtilization: Bool) -> Bool {
        offMeansZeroUtilization ? (u > 0 && u < threshold) : (u < threshold)
    }

    /// The candidates not `excluded`, in the order they are tried: increasing (utilization, index).
    /// Measured utilizations do not change within a round, so one sort replaces CloudSim's repeated
    /// arg-min scan. O(hosts + c log c).
    public static func order(utilization: [Double], excluded: [Bool], threshold: Double, offMeansZeroUtilization: Bool) -> [Int] {
        var order: [Int] = []
        for h in 0..<utilization.count where !excluded[h]
            && isCandidate(utilization: utilization[h], threshold: threshold, offMeansZeroUtilization: offMeansZeroUtilization) {
            order.append(h)
        }
        order.sort { Argmin.precedes($0, $1, scores: utilization) }
        return order
    }
}
