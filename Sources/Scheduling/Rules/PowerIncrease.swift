import VirtModel

/// Power-aware best fit's score (CloudSim `PowerVmAllocationPolicyAbstract`'s power difference,
/// §3.7): ΔP = P(u after placing) − P(now), where u after = (planner MIPS + demand) / capacity and
/// P(now) is the host's power at its measured utilization, or its sleep draw when VirtSim charges
/// for waking a sleeping host. A host above 100 % after placing is not a candidate (CloudSim's
/// power model throws there), and neither is one whose ΔP is not finite.
public enum PowerIncrease {
    /// Utilization of a host with `plannedMips` after adding `demand`. O(1).
    @inlinable @inline(__always)
    public static func utilizationAfter(plannedMips: Double, demand: Double, capacity: Double) -> Double {
        (plannedMips + demand) / capacity
    }

    /// True when a host at `utilizationAfter` is a candidate at all. O(1).
    @inlinable @inline(__always)
    public static func admits(utilizationAfter u: Double) -> Bool { !(u > 1) }

    /// Watts now: the sleep draw of a sleeping host VirtSim charges for waking, else P(u now). O(1).
    @inlinable @inline(__always)
    public static func wattsNow<F>(_ p: PowerArithmetic<F>, type: Int, measuredUtilization: Double, sleeping: Bool) -> Double {
        sleeping ? p.models[type].sleepWatts : p.power(type: type, utilization: measuredUtilization)
    }

    /// Scalar reference: ΔP for one host. O(1).
    @inlinable @inline(__always)
    public static func delta<F>(_ p: PowerArithmetic<F>, type: Int, utilizationAfter u: Double, wattsNow now: Double) -> Double {
        p.power(type: type, utilization: u) - now
    }

    /// True when a ΔP can be ranked (the scalar loops' running minimum starts at the largest finite double).
    @inlinable @inline(__always)
    public static func ranks(_ delta: Double) -> Bool { delta < .greatestFiniteMagnitude }

    /// Packed inputs of the SIMD form, one entry per host scored.
    public struct Batch {
        /// Utilization after placing, clamped to [0, 1].
        public var after: [Double] = []
        /// Measured utilization clamped to [0, 1] (0 for a sleeping host).
        public var now: [Double] = []
        /// Sleep watts of a sleeping host VirtSim charges for waking; NaN: read P(now) from the table.
        public var sleeping: [Double] = []
        /// type × 11: the host's table in `PowerArithmetic.tables`.
        public var offsets: [Int64] = []

        public init(capacity: Int) {
            after.reserveCapacity(capacity + 3); now.reserveCapacity(capacity + 3)
            sleeping.reserveCapacity(capacity + 3); offsets.reserveCapacity(capacity + 3)
        }

        public var count: Int { after.count }

        /// Adds one host, as `delta(wattsNow(…))` would read it.
        @inlinable @inline(__always)
        public mutating func append<F>(_ p: PowerArithmetic<F>, type: Int, utilizationAfter u: Double, measuredUtilization: Double, sleeping asleep: Bool) {
            after.append(min(max(u, 0), 1))
            now.append(asleep ? 0 : min(max(measuredUtilization, 0), 1))
            sleeping.append(asleep ? p.models[type].sleepWatts : .nan)
            offsets.append(Int64(type * 11))
        }
    }

    /// SIMD form: ΔP of every host in `batch`, 4 per step (`PowerCurve`'s lane form, table entries
    /// gathered per lane); bit-identical to `delta(wattsNow(…))` host by host (tested). O(n).
    @inlinable
    public static func deltas<F>(_ p: PowerArithmetic<F>, _ batch: Batch) -> [Double] {
        var b = batch
        // Pad to whole lanes with a harmless host (utilization 0 of type 0); padded lanes are not read.
        while b.after.count % Lanes.width != 0 { b.after.append(0); b.now.append(0); b.sleeping.append(.nan); b.offsets.append(0) }
        var delta = [Double](repeating: 0, count: b.after.count)
        p.tables.withUnsafeBufferPointer { w in
        b.after.withUnsafeBufferPointer { a in
        b.now.withUnsafeBufferPointer { n in
        b.sleeping.withUnsafeBufferPointer { sl in
        b.offsets.withUnsafeBufferPointer { of in
        delta.withUnsafeMutableBufferPointer { out in
            var i = 0
            while i < a.count {
                let off = UnsafeRawPointer(of.baseAddress! + i).loadUnaligned(as: SIMD4<Int64>.self)
                let pAfter = p.power4(w.baseAddress!, offsets: off, utilization: Lanes.load(a.baseAddress!, i))
                let sleep = Lanes.load(sl.baseAddress!, i)
                let pNow = p.power4(w.baseAddress!, offsets: off, utilization: Lanes.load(n.baseAddress!, i))
                    .replacing(with: sleep, where: sleep .== sleep)  // not NaN: the host sleeps
                Lanes.store(pAfter - pNow, out.baseAddress!, i)
                i += Lanes.width
            }
        }}}}}}
        delta.removeLast(delta.count - batch.count)
        return delta
    }

    /// Scalar reference of `deltas`. O(n).
    @inlinable
    public static func deltasScalar<F>(_ p: PowerArithmetic<F>, _ batch: Batch) -> [Double] {
        (0..<batch.count).map { k in
            let type = Int(batch.offsets[k]) / 11
            let sleeping = !batch.sleeping[k].isNaN
            let now = wattsNow(p, type: type, measuredUtilization: batch.now[k], sleeping: sleeping)
            return delta(p, type: type, utilizationAfter: batch.after[k], wattsNow: now)
        }
    }
}
