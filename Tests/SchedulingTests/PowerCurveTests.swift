import Testing
import VirtModel
@testable import Scheduling

@Suite("Power curves")
struct PowerCurveTests {
    @Test("CloudSim formula returns the table at every decile", arguments: [SpecPowerModel.hpProLiantML110G4, .hpProLiantML110G5])
    func deciles(model: SpecPowerModel) {
        for k in 0...10 {
            #expect(PowerCurve.cloudSimWatts(model.watts, utilization: Double(k) / 10) == model.watts[k])
        }
    }

    @Test("CloudSim formula interpolates by hand-computed values and rejects u outside [0, 1]")
    func interpolation() throws {
        let g4 = SpecPowerModel.hpProLiantML110G4.watts
        // u = 0.25: 92.6 + (96 − 92.6)/10 · (0.25 − 0.2) · 100 = 92.6 + 0.34 · 5 = 94.3
        let p = try #require(PowerCurve.cloudSimWatts(g4, utilization: 0.25))
        #expect(abs(p - 94.3) < 1e-12)
        #expect(PowerCurve.cloudSimWatts(g4, utilization: 1.0000001) == nil)
        #expect(PowerCurve.cloudSimWatts(g4, utilization: -0.1) == nil)
    }

    @Test("VirtSim formula equals SpecPowerModel.power", arguments: [SpecPowerModel.hpProLiantML110G4, .hpProLiantML110G5])
    func virtSimMatchesModel(model: SpecPowerModel) {
        for i in 0...1000 {
            let u = Double(i) / 997
            let w = model.watts.withUnsafeBufferPointer { PowerCurve.virtSimWatts($0, utilization: u) }
            #expect(w == model.power(atUtilization: u))
        }
    }

    /// CloudSim's `getPower` as written in Java, with its `u % 0.1 == 0` shortcut.
    static func javaGetPower(_ w: [Double], _ u: Double) -> Double {
        if u.truncatingRemainder(dividingBy: 0.1) == 0 { return w[Int(u * 10)] }
        let u1 = Int((u * 10).rounded(.down)), u2 = Int((u * 10).rounded(.up))
        let delta = (w[u2] - w[u1]) / 10
        return w[u1] + delta * (u - Double(u1) / 10) * 100
    }

    /// Utilizations that stress the formulas: deciles, their neighbours one ulp away, k/1000 and random.
    static func awkwardUtilizations() -> [Double] {
        var us: [Double] = []
        for k in 0...10 {
            let d = Double(k) / 10, m = Double(k) * 0.1
            us += [d, m, d.nextUp, d.nextDown, m.nextUp, m.nextDown]
        }
        us += (0...1000).map { Double($0) / 1000 }
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<4000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            us.append(Double(x >> 11) * 0x1p-53)
        }
        return us.filter { $0 >= 0 && $0 <= 1 }
    }

    @Test("CloudSim's `u % 0.1 == 0` shortcut changes nothing: the formula without it is bit-identical",
          arguments: [SpecPowerModel.hpProLiantML110G4, .hpProLiantML110G5])
    func fmodShortcutIsRedundant(model: SpecPowerModel) {
        var shortcutHits = Set<Double>()
        for u in Self.awkwardUtilizations() {
            if u.truncatingRemainder(dividingBy: 0.1) == 0 { shortcutHits.insert(u) }
            #expect(PowerCurve.cloudSimWatts(model.watts, utilization: u)?.bitPattern == Self.javaGetPower(model.watts, u).bitPattern,
                    "u = \(u)")
        }
        // The shortcut fires only on exact multiples of the double 0.1: 0, 0.1, 0.2, 0.4, 0.8.
        #expect(shortcutHits == [0, 0.1, 0.2, 0.4, 0.8])
    }

    @Test("lane forms equal the scalar formulas bit for bit, each lane with its own table")
    func laneForms() {
        let tables = SpecPowerModel.hpProLiantML110G4.watts + SpecPowerModel.hpProLiantML110G5.watts
        let us = Self.awkwardUtilizations()
        tables.withUnsafeBufferPointer { t in
            for start in stride(from: 0, to: us.count - 3, by: 4) {
                let u = SIMD4<Double>(us[start], us[start + 1], us[start + 2], us[start + 3])
                let models = SIMD4<Int64>(Int64(start % 2), Int64((start / 4) % 2), 1, 0)
                let cloud = PowerCurve.cloudSimWatts4(t.baseAddress!, offsets: models &* 11, utilization: u)
                // VirtSim's form clamps: feed it values outside [0, 1] too.
                let wide = u * 1.2 - 0.1
                let virt = PowerCurve.virtSimWatts4(t.baseAddress!, offsets: models &* 11, utilization: wide)
                for l in 0..<4 {
                    let w = UnsafeBufferPointer(rebasing: t[Int(models[l]) * 11 ..< Int(models[l]) * 11 + 11])
                    #expect(cloud[l].bitPattern == PowerCurve.cloudSimWatts(w, utilization: u[l])!.bitPattern)
                    #expect(virt[l].bitPattern == PowerCurve.virtSimWatts(w, utilization: wide[l]).bitPattern)
                }
            }
        }
    }

    @Test("watts now: a sleeping host VirtSim wakes draws its sleep watts, CloudSim reads P(0); (1, 1.01) clamps to 1")
    func wattsNow() {
        #expect(PowerIncrease.wattsNow(Hosts.power, type: 0, measuredUtilization: 0, sleeping: false) == 86)
        #expect(PowerIncrease.wattsNow(Hosts.virtSimPower, type: 0, measuredUtilization: 0, sleeping: true)
                == SpecPowerModel.hpProLiantML110G4.sleepWatts)
        var t = Hosts.planetLab(2)
        t.measuredMips[1] = 5320 * 1.005
        #expect(Underload.measuredUtilization(1, in: t, Hosts.power) == 1, "CloudSim clamps (1, 1.01) to 1")
        #expect(Underload.measuredUtilization(1, in: t, Hosts.virtSimPower) > 1)
        #expect(PowerIncrease.wattsNow(Hosts.power, type: 1, measuredUtilization: 1, sleeping: false) == 135)
    }
}
