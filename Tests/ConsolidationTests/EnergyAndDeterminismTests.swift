import Testing
@testable import Consolidation
import VirtModel
import Scheduling

@Suite("Energy integration and determinism")
struct EnergyAndDeterminismTests {
    @Test("same configuration, same results", arguments: [Semantics.virtSim, .cloudSimCompatible])
    func deterministic(semantics: Semantics) throws {
        let policies = PolicySpec(placement: "pabfd", overload: "thr", overloadParameter: 0.8, selection: "rs")
        let config = Fixture.config(hosts: 10, guests: 24, policies: policies, semantics: semantics)
        let a = try ConsolidationEngine.run(config)
        let b = try ConsolidationEngine.run(config)
        #expect(a.metrics.rows.map(\.value).description == b.metrics.rows.map(\.value).description)
        #expect(a.guests == b.guests)
    }

    @Test("energy does not depend on the report interval", arguments: [Semantics.virtSim, .cloudSimCompatible])
    func energyIndependentOfReportInterval(semantics: Semantics) throws {
        let base = Fixture.config(hosts: 10, guests: 24, semantics: semantics)
        var energies: [Double] = []
        for (record, interval) in [(false, 3600.0), (true, 3600), (true, 600), (true, 7)] {
            var c = base
            c.recordHostIntervals = record
            c.reportInterval = interval
            let r = try ConsolidationEngine.run(c)
            energies.append(r.metrics.energyKWh)
            if record {
                let summed = r.hostIntervals.reduce(0) { $0 + $1.energyKWh }
                #expect(abs(summed - r.metrics.energyKWh) <= 1e-9 * r.metrics.energyKWh)
                #expect(r.hostIntervals.count == base.hostLayout.count * Int((base.horizon / interval).rounded(.up)))
            }
        }
        for e in energies.dropFirst() { #expect(abs(e - energies[0]) <= 1e-9 * energies[0]) }
    }

    @Test("VirtSim integrates piecewise-constant power over the whole horizon, sleeping hosts included")
    func exactIntegration() throws {
        let types = [HostType(name: "G5", cores: 2, mipsPerCore: 2660, ramMB: 4096, bandwidthMbps: 1000,
                              power: .hpProLiantML110G5)]
        let guest = GuestSpec(id: 0, name: "g", kind: .native, mips: 2660, vcpus: 1, ramMB: 512,
                              utilization: .constant(0.5), sampleInterval: 300)
        let config = EngineConfig(hostTypes: types, hostsPerType: [3], guests: [guest],
                                  policies: PolicySpec(placement: "first-fit", overload: "none", underload: false),
                                  semantics: .virtSim, horizon: 7200)
        let r = try ConsolidationEngine.run(config)
        // One host at 1330/5320 = 25 % utilization, two asleep.
        let busy = SpecPowerModel.hpProLiantML110G5.power(atUtilization: 0.25)
        let expected = (busy + 2 * SpecPowerModel.hpProLiantML110G5.sleepWatts) * 7200 / 3.6e6
        #expect(abs(r.metrics.energyKWh - expected) < 1e-12)
        #expect(abs(r.metrics.activeHostsMean - 1) < 1e-12)
        #expect(abs(r.metrics.meanActiveHostCpuUtilization - 25) < 1e-9)
    }

    @Test("non-power-aware hosts draw full power whatever their load")
    func nonPowerAware() throws {
        let types = [HostType(name: "G4", cores: 2, mipsPerCore: 1860, ramMB: 4096, bandwidthMbps: 1000,
                              power: .hpProLiantML110G4)]
        let guest = GuestSpec(id: 0, name: "g", kind: .native, mips: 1000, ramMB: 512, utilization: .constant(0.1))
        let config = EngineConfig(hostTypes: types, hostsPerType: [2], guests: [guest],
                                  policies: PolicySpec(placement: "first-fit", overload: "none", underload: false, powerAware: false),
                                  semantics: .virtSim, horizon: 3600)
        let r = try ConsolidationEngine.run(config)
        #expect(abs(r.metrics.energyKWh - 2 * 117 * 3600 / 3.6e6) < 1e-12)
    }

    /// The strategies a run is specialized over, and whether their hosts draw maximum power.
    struct PowerDrawProbe: EngineRun {
        func run<Q: EngineStrategies, O: EngineObserver, D: EngineOverloadDetector, S: VmSelectionPolicy, M: EngineMigrationModel>(
            _ engine: inout Engine<Q, O>, _ policies: RoundPolicies<D, S>, _ migration: M) -> (strategies: String, maximum: Bool) {
            ("\(Q.self)", engine.rules.drawsMaximumPower)
        }
    }

    @Test("the powerAware policy is resolved once: presets draw by load, a non-power-aware run is configured to draw maximum power",
          arguments: [Semantics.virtSim, .cloudSimCompatible], [true, false])
    func powerDrawResolved(semantics: Semantics, powerAware: Bool) throws {
        var config = Fixture.config(hosts: 2, guests: 2, samples: 2, semantics: semantics)
        config.policies.powerAware = powerAware
        let probe = try ConsolidationEngine.withEngine(config, PowerDrawProbe())
        #expect(probe.maximum == !powerAware)
        #expect(probe.strategies == (powerAware ? (semantics == .virtSim ? "VirtSimStrategies" : "CloudSimStrategies") : "ConfiguredStrategies"))
    }
}
