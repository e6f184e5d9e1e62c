/// How a SPECpower table is read and how a host's utilization is clamped: CloudSim 3.0.3's
/// formula or VirtSim's interpolation (the engine's switch `cloudSimPowerFormula`, resolved once
/// into one of these types). `PowerArithmetic` is generic over it, so its per-host calls carry no
/// flag. Both forms of each formula are `PowerCurve`'s; this only picks one.
public protocol PowerFormula: Sendable {
    /// Watts of table `w` (11 entries) at utilization `u` in [0, 1]. O(1).
    func watts(_ w: UnsafeBufferPointer<Double>, utilization u: Double) -> Double
    /// `watts` of four hosts at once: `offsets` = type × 11 per lane, `u` in [0, 1]. Bit-identical
    /// to `watts` lane by lane. O(1).
    func watts4(_ tables: UnsafePointer<Double>, offsets: SIMD4<Int64>, utilization u: SIMD4<Double>) -> SIMD4<Double>
    /// True when a host utilization in (1, 1.01) is read as 1 (CloudSim's clamp).
    var clampsJustAboveOne: Bool { get }
}

/// CloudSim's `PowerModelSpecPower` formula and its (1, 1.01) → 1 clamp.
public struct CloudSimPowerFormula: PowerFormula {
    @inlinable public init() {}
    @inlinable @inline(__always)
    public func watts(_ w: UnsafeBufferPointer<Double>, utilization u: Double) -> Double {
        // CloudSim's `u % 0.1 == 0` shortcut gives the same value (see `PowerCurve.cloudSimWatts`).
        PowerCurve.cloudSimWatts(w, utilization: u)!
    }
    @inlinable @inline(__always)
    public func watts4(_ tables: UnsafePointer<Double>, offsets: SIMD4<Int64>, utilization u: SIMD4<Double>) -> SIMD4<Double> {
        PowerCurve.cloudSimWatts4(tables, offsets: offsets, utilization: u)
    }
    @inlinable public var clampsJustAboveOne: Bool { true }
}

/// VirtSim's interpolation between the table's deciles (`SpecPowerModel.interpolatedWatts`), no clamp.
public struct InterpolatedPowerFormula: PowerFormula {
    @inlinable public init() {}
    @inlinable @inline(__always)
    public func watts(_ w: UnsafeBufferPointer<Double>, utilization u: Double) -> Double {
        PowerCurve.virtSimWatts(w, utilization: u)
    }
    @inlinable @inline(__always)
    public func watts4(_ tables: UnsafePointer<Double>, offsets: SIMD4<Int64>, utilization u: SIMD4<Double>) -> SIMD4<Double> {
        PowerCurve.virtSimWatts4(tables, offsets: offsets, utilization: u)
    }
    @inlinable public var clampsJustAboveOne: Bool { false }
}
