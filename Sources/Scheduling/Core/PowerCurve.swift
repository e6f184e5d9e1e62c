import VirtModel

/// Power-table evaluation shared by the host table, the kernels and the engine.
///
/// Tables are 11 watt values at 0 %, 10 %, …, 100 % utilization (a `SpecPowerModel`'s `watts`).
public enum PowerCurve {
    /// CloudSim 3.0.3 `PowerModelSpecPower.getPower(u)`, same floating-point operations in the same
    /// order, so the value is bit-identical to Java's. CloudSim throws for u outside [0, 1]; this
    /// returns nil there. O(1).
    ///
    /// CloudSim first returns the table entry when `u % 0.1 == 0` (Java's `%` is fmod). fmod by the
    /// double 0.1 is exact, so that branch fires only for exact multiples of it, and in [0, 1] those
    /// are 0, 0.1, 0.2, 0.4 and 0.8 (k · 0.1 is a double only for k a power of two); there
    /// `u · 10` is an exact integer, both table indices coincide and the interpolation below adds
    /// `delta · 0 = 0` to that same entry. The branch is therefore omitted, which is what lets the
    /// formula run in SIMD lanes (`cloudSimWatts4`).
    @inlinable
    public static func cloudSimWatts(_ watts: UnsafeBufferPointer<Double>, utilization u: Double) -> Double? {
        guard u >= 0, u <= 1 else { return nil }
        let scaled = u * 10
        let lower = scaled.rounded(.down)
        let upper = scaled.rounded(.up)
        let p1 = watts[Int(lower)]
        let p2 = watts[Int(upper)]
        let delta = (p2 - p1) / 10
        return p1 + delta * (u - lower / 10) * 100
    }

    /// Array convenience for `cloudSimWatts(_:utilization:)`.
    @inlinable
    public static func cloudSimWatts(_ watts: [Double], utilization u: Double) -> Double? {
        watts.withUnsafeBufferPointer { cloudSimWatts($0, utilization: u) }
    }

    /// VirtSim's interpolation: VirtModel's rule (`SpecPowerModel.interpolatedWatts`, clamped to [0, 1]).
    @inlinable @inline(__always)
    public static func virtSimWatts(_ watts: UnsafeBufferPointer<Double>, utilization u: Double) -> Double {
        SpecPowerModel.interpolatedWatts(watts, utilization: u)
    }

    /// `cloudSimWatts` of four utilizations, each lane with its own table: `tables` holds 11 watts
    /// per power model and `offsets` the index of each lane's first entry (model × 11). Every lane
    /// must be in [0, 1] (callers mask the others out and substitute 0); the lanes run the scalar
    /// operations in the same order, so each result is bit-identical to `cloudSimWatts`. O(1).
    @inlinable @inline(__always)
    public static func cloudSimWatts4(_ tables: UnsafePointer<Double>, offsets: SIMD4<Int64>,
                                      utilization u: SIMD4<Double>) -> SIMD4<Double> {
        let ten = SIMD4<Double>(repeating: 10)
        let scaled = u * ten
        let lower = scaled.rounded(.down), upper = scaled.rounded(.up)
        let i1 = offsets &+ Lanes.smallIntegers(lower), i2 = offsets &+ Lanes.smallIntegers(upper)
        let p1 = gather(tables, i1), p2 = gather(tables, i2)
        let delta = (p2 - p1) / ten
        return p1 + delta * (u - lower / ten) * SIMD4<Double>(repeating: 100)
    }

    /// `virtSimWatts` of four utilizations (clamped to [0, 1] as the scalar form), each lane with
    /// its own table (see `cloudSimWatts4`). Bit-identical to `virtSimWatts` lane by lane. O(1).
    @inlinable @inline(__always)
    public static func virtSimWatts4(_ tables: UnsafePointer<Double>, offsets: SIMD4<Int64>,
                                     utilization u: SIMD4<Double>) -> SIMD4<Double> {
        let ten = SIMD4<Double>(repeating: 10)
        let x = u.clamped(lowerBound: SIMD4<Double>(repeating: 0), upperBound: SIMD4<Double>(repeating: 1)) * ten
        let lo = x.rounded(.down)
        let atTop = lo .>= ten
        // At 100 % the scalar form returns watts[10]; elsewhere watts[lo] + (watts[lo+1] − watts[lo]) · frac,
        // which equals watts[lo] when frac = 0 (the scalar early return).
        let loC = lo.replacing(with: 9, where: atTop)
        let base = offsets &+ Lanes.smallIntegers(loC)
        let wLo = gather(tables, base), wHi = gather(tables, base &+ 1)
        let wTop = gather(tables, offsets &+ 10)
        return (wLo + (wHi - wLo) * (x - loC)).replacing(with: wTop, where: atTop)
    }

    /// Four table entries, one per lane.
    @inlinable @inline(__always)
    static func gather(_ p: UnsafePointer<Double>, _ i: SIMD4<Int64>) -> SIMD4<Double> {
        SIMD4<Double>(p[Int(truncatingIfNeeded: i[0])], p[Int(truncatingIfNeeded: i[1])],
                      p[Int(truncatingIfNeeded: i[2])], p[Int(truncatingIfNeeded: i[3])])
    }

}
