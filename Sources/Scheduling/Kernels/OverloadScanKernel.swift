/// Static-threshold overload scan over all hosts: host h is overloaded when it is on and
/// U_req = requestedMips / totalMips > threshold (CloudSim `PowerVmAllocationPolicyMigrationStaticThreshold`).
public enum OverloadScanKernel {
    /// Scalar reference: appends the overloaded host indices, in index order, to `out` (cleared first). O(n).
    public static func scalar(_ t: HostTable, threshold: Double, into out: inout [Int]) {
        out.removeAll(keepingCapacity: true)
        for h in 0..<t.count where t.stateRaw[h] == HostPowerState.on.rawValue
            && t.requestedMips[h] / t.totalMips[h] > threshold {
            out.append(h)
        }
    }

    /// SIMD version of `scalar`; identical output.
    public static func simd(_ t: HostTable, threshold: Double, into out: inout [Int]) {
        out.removeAll(keepingCapacity: true)
        let n = t.count
        let body = n - n % Lanes.width
        t.requestedMips.withUnsafeBufferPointer { rq in
        t.totalMips.withUnsafeBufferPointer { tot in
        t.stateRaw.withUnsafeBufferPointer { st in
            let thr = SIMD4<Double>(repeating: threshold)
            let on = SIMD4<Int64>(repeating: Int64(HostPowerState.on.rawValue))
            var i = 0
            while i < body {
                let u = Lanes.load(rq.baseAddress!, i) / Lanes.load(tot.baseAddress!, i)
                let hit = (u .> thr) .& (Lanes.loadFlags(st.baseAddress!, i) .== on)
                if any(hit) {
                    for l in 0..<Lanes.width where hit[l] { out.append(i + l) }
                }
                i += Lanes.width
            }
        }}}
        for h in body..<n where t.stateRaw[h] == HostPowerState.on.rawValue
            && t.requestedMips[h] / t.totalMips[h] > threshold {
            out.append(h)
        }
    }
}
