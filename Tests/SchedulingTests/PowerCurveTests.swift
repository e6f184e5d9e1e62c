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

    @Test("the host table's current power follows measurements and sleep")
    func tablePower() {
        var cloud = Hosts.planetLab(2, formula: .cloudSim)
        var virt = Hosts.planetLab(2, formula: .virtSim)
        #expect(cloud.currentPower == [86, 93.7])
        virt.setState(host: 0, .asleep)
        cloud.setState(host: 0, .asleep)
        // VirtSim: an asleep host draws its sleep watts; CloudSim measures it from P(0).
        #expect(virt.currentPower[0] == SpecPowerModel.hpProLiantML110G4.sleepWatts)
        #expect(cloud.currentPower[0] == 86)
        cloud.recordMeasurement(host: 1, utilizationMips: 5320 * 1.005)
        #expect(cloud.measuredUtilization[1] == 1, "CloudSim clamps (1, 1.01) to 1")
        #expect(cloud.currentPower[1] == 135)
    }
}
