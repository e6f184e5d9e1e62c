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

    /// Packed inputs of the SIMD form, one entry per host scored. A reusable buffer: `reset`
    /// empties it without freeing, so a caller scoring many placements allocates it once.
    public struct Batch {
        /// Utilization after placing, clamped to [0, 1]; whole lanes (entries past `count` are
        /// left-over hosts or 0: harmless, never read back).
        public private(set) var after: [Double] = []
        /// P(now) of each host (`wattsNow`): a host's watts now depend on the host only, not on the
        /// guest placed, so a caller may cache them per host and pass them in.
        public private(set) var wattsNow: [Double] = []
        /// type × 11: the host's table in `PowerArithmetic.tables`.
        public private(set) var offsets: [Int64] = []
        /// Hosts in the batch.
        public private(set) var count = 0

        public init(capacity: Int) { reset(capacity: capacity) }

        /// The `after` column's entry for a utilization after placing `u`. O(1).
        @inlinable @inline(__always)
        public static func after(_ u: Double) -> Double { min(max(u, 0), 1) }

        /// The `offsets` column's entry for a host of type `type`. O(1).
        @inlinable @inline(__always)
        public static func offset(type: Int) -> Int64 { Int64(type * 11) }

        /// Empties the batch and makes room for `capacity` hosts (the columns only grow). O(capacity) when they grow.
        public mutating func reset(capacity: Int) {
            count = 0
            let padded = (capacity + Lanes.width - 1) / Lanes.width * Lanes.width
            if after.count < padded {
                after = [Double](repeating: 0, count: padded)
                wattsNow = [Double](repeating: 0, count: padded)
                offsets = [Int64](repeating: 0, count: padded)
            }
        }

        /// Adds one host whose P(now) is `wattsNow` (the room was made by `reset`). O(1).
        public mutating func append(type: Int, utilizationAfter u: Double, wattsNow now: Double) {
            precondition(count < after.count, "PowerIncrease.Batch: reset(capacity:) makes the room")
            after[count] = Batch.after(u)
            wattsNow[count] = now
            offsets[count] = Batch.offset(type: type)
            count += 1
        }

        /// Adds one host, as `delta(wattsNow(…))` would read it. O(1).
        public mutating func append<F>(_ p: PowerArithmetic<F>, type: Int, utilizationAfter u: Double, measuredUtilization: Double, sleeping asleep: Bool) {
            append(type: type, utilizationAfter: u,
                   wattsNow: PowerIncrease.wattsNow(p, type: type, measuredUtilization: measuredUtilization, sleeping: asleep))
        }

        /// Refills the batch through its raw columns (the hot loops' form of `reset` + `append`):
        /// `body` gets room for `capacity` hosts (after, clamped to [0, 1]; P(now); type × 11)
        /// and returns how many it wrote. O(capacity) when the columns grow.
        public mutating func fill(capacity: Int,
                                  _ body: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Int64>) -> Int) {
            reset(capacity: capacity)
            let n = after.withUnsafeMutableBufferPointer { a in
                wattsNow.withUnsafeMutableBufferPointer { w in
                    offsets.withUnsafeMutableBufferPointer { o in body(a.baseAddress!, w.baseAddress!, o.baseAddress!) }
                }
            }
            precondition(n >= 0 && n <= capacity, "PowerIncrease.Batch.fill: wrote more than its room")
            count = n
        }
    }

    /// SIMD form: ΔP of every host in `batch` into `out[0 ..< batch.count]` (grown to whole lanes
    /// when short; entries past `count` are scratch), 4 per step (`PowerCurve`'s lane form, table
    /// entries gathered per lane), P(now) as given; bit-identical to `delta` host by host
    /// (tested). O(n).
    @inlinable
    public static func deltas<F>(_ p: PowerArithmetic<F>, _ batch: Batch, into out: inout [Double]) {
        let lanes = (batch.count + Lanes.width - 1) / Lanes.width * Lanes.width
        if out.count < lanes { out = [Double](repeating: 0, count: batch.after.count) }
        p.tables.withUnsafeBufferPointer { w in
        batch.after.withUnsafeBufferPointer { a in
        batch.wattsNow.withUnsafeBufferPointer { n in
        batch.offsets.withUnsafeBufferPointer { of in
        out.withUnsafeMutableBufferPointer { o in
            var i = 0
            while i < lanes {
                let off = UnsafeRawPointer(of.baseAddress! + i).loadUnaligned(as: SIMD4<Int64>.self)
                let pAfter = p.power4(w.baseAddress!, offsets: off, utilization: Lanes.load(a.baseAddress!, i))
                Lanes.store(pAfter - Lanes.load(n.baseAddress!, i), o.baseAddress!, i)
                i += Lanes.width
            }
        }}}}}
    }

    /// `deltas(_:_:into:)` as a new array of `batch.count` values. O(n).
    @inlinable
    public static func deltas<F>(_ p: PowerArithmetic<F>, _ batch: Batch) -> [Double] {
        var out: [Double] = []
        deltas(p, batch, into: &out)
        out.removeLast(out.count - batch.count)
        return out
    }

    /// Scalar reference of `deltas`. O(n).
    @inlinable
    public static func deltasScalar<F>(_ p: PowerArithmetic<F>, _ batch: Batch) -> [Double] {
        (0..<batch.count).map { k in
            delta(p, type: Int(batch.offsets[k]) / 11, utilizationAfter: batch.after[k], wattsNow: batch.wattsNow[k])
        }
    }
}
