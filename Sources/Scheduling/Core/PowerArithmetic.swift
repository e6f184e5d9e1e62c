
import VirtModel

/// Power and utilization arithmetic, in CloudSim's exact floating-point form or VirtSim's, as
/// `Formula` says (`CloudSimPowerFormula`, `InterpolatedPowerFormula`). The formulas are
/// Scheduling's `PowerCurve` (one definition for the engine, the host table and the kernels);
/// this adds the engine's clamping and its per-type tables.
public struct PowerArithmetic<Formula: PowerFormula>: Sendable {
    public let models: [SpecPowerModel]
    public let formula: Formula
    /// Every type's 11-entry watt table end to end (type k at k × 11), for `PowerCurve`'s lane form.
    public let tables: [Double]

    public init(models: [SpecPowerModel], formula: Formula) {
        precondition(models.allSatisfy { $0.watts.count == 11 }, "power tables have 11 entries (0 %, 10 %, … 100 %)")
        self.models = models
        self.formula = formula
        tables = models.flatMap(\.watts)
    }

    /// Watts of a host of type `type` at utilization `u` (clamped to [0, 1]). O(1).
    @inlinable @inline(__always)
    public func power(type: Int, utilization u: Double) -> Double {
        let x = min(max(u, 0), 1)
        return tables.withUnsafeBufferPointer { all in
            formula.watts(UnsafeBufferPointer(rebasing: all[type * 11 ..< type * 11 + 11]), utilization: x)
        }
    }

    /// `power` of four hosts at once: `offsets` = type × 11 per lane, `u` already clamped to [0, 1].
    /// Bit-identical to `power` lane by lane. O(1).
    @inlinable @inline(__always)
    public func power4(_ tables: UnsafePointer<Double>, offsets: SIMD4<Int64>, utilization u: SIMD4<Double>) -> SIMD4<Double> {
        formula.watts4(tables, offsets: offsets, utilization: u)
    }

    /// Host utilization from allocated MIPS; CloudSim clamps values in (1, 1.01) to 1.
    @inlinable @inline(__always)
    public func utilization(mips: Double, capacity: Double) -> Double {
        let u = mips / capacity
        if formula.clampsJustAboveOne && u > 1 && u < 1.01 { return 1 }
        return u
    }

    /// CloudSim `PowerHost.getEnergyLinearInterpolation`: 0 when the previous utilization is 0.
    @inlinable @inline(__always)
    public func trapezoid(type: Int, from: Double, to: Double, seconds: Double, zeroAfterIdle: Bool) -> Double {
        if zeroAfterIdle && from == 0 { return 0 }
        let pf = power(type: type, utilization: from)
        let pt = power(type: type, utilization: to)
        return (pf + (pt - pf) / 2) * seconds
    }
}
