import VirtModel

/// Power and utilization arithmetic, in CloudSim's exact floating-point form or VirtSim's.
struct PowerArithmetic {
    let models: [SpecPowerModel]
    let cloudSim: Bool

    /// Watts of a host of type `type` at utilization `u` (clamped to [0, 1]). O(1).
    @inline(__always)
    func power(type: Int, utilization u: Double) -> Double {
        let w = models[type].watts
        let x = min(max(u, 0), 1)
        if !cloudSim { return models[type].power(atUtilization: x) }
        // CloudSim PowerModelSpecPower.getPower: Java `%` on doubles is fmod.
        if x.truncatingRemainder(dividingBy: 0.1) == 0 {
            return w[Int(x * 10)]
        }
        let u1 = Int((x * 10).rounded(.down))
        let u2 = Int((x * 10).rounded(.up))
        let p1 = w[u1], p2 = w[u2]
        let delta = (p2 - p1) / 10
        return p1 + delta * (x - Double(u1) / 10) * 100
    }

    /// Host utilization from allocated MIPS; CloudSim clamps values in (1, 1.01) to 1.
    @inline(__always)
    func utilization(mips: Double, capacity: Double) -> Double {
        let u = mips / capacity
        if cloudSim && u > 1 && u < 1.01 { return 1 }
        return u
    }

    /// CloudSim `PowerHost.getEnergyLinearInterpolation`: 0 when the previous utilization is 0.
    @inline(__always)
    func trapezoid(type: Int, from: Double, to: Double, seconds: Double, zeroAfterIdle: Bool) -> Double {
        if zeroAfterIdle && from == 0 { return 0 }
        let pf = power(type: type, utilization: from)
        let pt = power(type: type, utilization: to)
        return (pf + (pt - pf) / 2) * seconds
    }
}
