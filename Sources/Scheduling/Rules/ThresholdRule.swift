/// The static-threshold overload test, U > threshold (Beloglazov & Buyya 2012 §6.2; CloudSim
/// `PowerVmAllocationPolicyMigrationStaticThreshold`), written once: THR and THR-sustained decide
/// with it, the fallbacks of the history detectors too, and the engine's THR scans, filters and
/// first-fit index check call it.
public enum ThresholdRule {
    /// Scalar reference on a utilization. O(1).
    @inlinable @inline(__always)
    public static func exceeds(utilization u: Double, threshold: Double) -> Bool { u > threshold }

    /// Scalar reference on requested MIPS: U = mips / capacity. O(1).
    @inlinable @inline(__always)
    public static func exceeds(mips: Double, capacity: Double, threshold: Double) -> Bool {
        exceeds(utilization: mips / capacity, threshold: threshold)
    }

    /// Scalar reference of `overloadedHosts`: hosts with guests listed whose `requested[h]` MIPS
    /// exceed `threshold` of their capacity, in index order. O(hosts).
    public static func overloadedHostsScalar(requested: [Double], in t: HostTable, threshold: Double) -> [Int] {
        (0..<t.count).filter { t.listed[$0] > 0 && exceeds(mips: requested[$0], capacity: t.totalMips[$0], threshold: threshold) }
    }

    /// SIMD form of `overloadedHostsScalar`: one divide and two compares per 4 hosts, scalar tail;
    /// the same hosts (tested). O(hosts).
    public static func overloadedHosts(requested: [Double], in t: HostTable, threshold: Double) -> [Int] {
        let H = t.count
        var out: [Int] = []
        let body = H - H % Lanes.width
        requested.withUnsafeBufferPointer { rq in
        t.totalMips.withUnsafeBufferPointer { cp in
        t.listed.withUnsafeBufferPointer { nd in
            let thr = SIMD4<Double>(repeating: threshold)
            let none = SIMD4<Int64>(repeating: 0)
            var i = 0
            while i < body {
                let over = ((Lanes.load(rq.baseAddress!, i) / Lanes.load(cp.baseAddress!, i)) .> thr)
                    .& (Lanes.loadInt32(nd.baseAddress!, i) .> none)
                if any(over) {
                    for l in 0..<Lanes.width where over[l] { out.append(i + l) }
                }
                i += Lanes.width
            }
        }}}
        for h in body..<H where t.listed[h] > 0 && exceeds(mips: requested[h], capacity: t.totalMips[h], threshold: threshold) {
            out.append(h)
        }
        return out
    }
}
