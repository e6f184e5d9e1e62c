import VirtModel

/// Power-table evaluation shared by the host table, the kernels and the engine.
///
/// Tables are 11 watt values at 0 %, 10 %, …, 100 % utilization (a `SpecPowerModel`'s `watts`).
public enum PowerCurve {
    /// CloudSim 3.0.3 `PowerModelSpecPower.getPower(u)`, same floating-point operations in the same
    /// order, so the value is bit-identical to Java's. CloudSim throws for u outside [0, 1]; this
    /// returns nil there. O(1).
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

    /// VirtSim's interpolation, identical to `SpecPowerModel.power(atUtilization:)` (clamped to [0, 1]).
    @inlinable
    public static func virtSimWatts(_ watts: UnsafeBufferPointer<Double>, utilization u: Double) -> Double {
        let x = min(max(u, 0), 1) * 10
        let lo = Int(x.rounded(.down))
        if lo >= 10 { return watts[10] }
        let frac = x - Double(lo)
        if frac == 0 { return watts[lo] }
        return watts[lo] + (watts[lo + 1] - watts[lo]) * frac
    }

    /// Watts by `formula`; nil only for CloudSim's out-of-range case.
    @inlinable
    public static func watts(_ watts: UnsafeBufferPointer<Double>, utilization u: Double, formula: PowerFormula) -> Double? {
        switch formula {
        case .cloudSim: cloudSimWatts(watts, utilization: u)
        case .virtSim: virtSimWatts(watts, utilization: u)
        }
    }
}
