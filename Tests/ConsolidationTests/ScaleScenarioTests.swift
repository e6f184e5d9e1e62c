import Testing
@testable import Consolidation

@Suite("Scale scenario")
struct ScaleScenarioTests {
    @Test("a tiny instance of the synthetic scale scenario consolidates soundly and reproducibly")
    func tinyInstance() throws {
        let config = ScaleScenario.make(hosts: 40, guests: 400, seed: 3, horizon: 4 * 3600)
        #expect(config.guests.count == 400 && config.hostLayout.count == 40)
        let (a, violations) = try ConsolidationEngine.runChecked(config)
        #expect(violations.isEmpty, "\(violations.prefix(3))")
        #expect(a.metrics.rejectedGuests == 0)
        #expect(a.metrics.activeHostsMean < 40)
        #expect(a.metrics.vmMigrations > 0)
        let b = try ConsolidationEngine.run(config)
        #expect(a.guests == b.guests)
    }

    @Test("synthetic utilization is deterministic, bounded and has roughly its mean")
    func syntheticSeries() {
        let s = SyntheticUtilization(mean: 0.2, diurnalAmplitude: 0.5, phase: 10, noise: 0.05,
                                     burstProbability: 0.01, burstLevel: 0.9, seed: 99)
        let values = (0..<2880).map { s.value(at: $0) }
        #expect(values == (0..<2880).map { s.value(at: $0) })
        #expect(values.allSatisfy { $0 >= 0 && $0 <= 1 })
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(abs(mean - 0.2) < 0.02)
    }
}
