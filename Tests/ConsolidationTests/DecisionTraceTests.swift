import Testing
import VirtModel
@testable import Consolidation

/// The engine's recorded placement decisions (`EngineConfig.decisionTrace`, shown by
/// `virtsim explain`): they describe the decision the engine actually took, and recording one
/// changes nothing in the run.
@Suite("Placement decision traces")
struct DecisionTraceTests {
    static let placements = ["first-fit", "first-fit-decreasing", "best-fit", "worst-fit", "power-aware-best-fit-decreasing"]
    static let overloads: [(String, Double)] = [("thr", 0.8), ("mad", 2.5)]

    static func config(_ placement: String, overload: (String, Double), semantics: Semantics) -> EngineConfig {
        Fixture.config(hosts: 12, guests: 40, seed: 5,
                       policies: PolicySpec(placement: placement, overload: overload.0, overloadParameter: overload.1, selection: "mmt"),
                       semantics: semantics)
    }

    @Test("The verdicts designate the host the engine chose, and tracing leaves the run unchanged",
          arguments: placements, [Semantics.virtSim, .cloudSimCompatible])
    func verdictsMatchTheChoice(placement: String, semantics: Semantics) throws {
        for overload in Self.overloads {
            var config = Self.config(placement, overload: overload, semantics: semantics)
            let plain = try ConsolidationEngine.run(config)
            var recorded = 0
            for (guest, notBefore) in [(0, 0.0), (5, 0), (30, 0), (7, 3600), (13, 1800), (21, 7200), (39, 600), (2, 300), (11, 5400)] as [(Int, Double)] {
                config.decisionTrace = DecisionTraceRequest(guest: guest, notBefore: notBefore)
                let traced = try ConsolidationEngine.run(config)
                #expect(traced.metrics.rows.map(\.value).description == plain.metrics.rows.map(\.value).description)
                #expect(traced.guests == plain.guests)
                guard let d = traced.decision else { continue }
                recorded += 1
                #expect(d.guest == guest && d.time >= notBefore)
                #expect(d.verdicts.count == 12 && d.verdicts.map(\.host) == Array(0..<12))
                #expect(d.designated == d.chosen, "\(placement) \(overload.0) guest \(guest) at \(d.time) (\(d.phase))")
                // Only acceptable hosts carry a score, and first fit scores none.
                #expect(d.verdicts.allSatisfy { $0.acceptable || $0.score == nil })
                if placement.hasPrefix("first-fit") { #expect(d.verdicts.allSatisfy { $0.score == nil }) }
                if d.phase == "initial placement" { #expect(d.chosen == plain.guests[guest].initialHost) }
                if d.phase != "initial placement" { #expect(d.fromHost != nil && d.verdicts[d.fromHost!].acceptable == false) }
            }
            #expect(recorded >= 4, "\(placement) \(overload.0): too few decisions to test anything")
        }
    }

    @Test("A guest placed at t = 0 records its initial placement; a later request records a migration")
    func phases() throws {
        var config = Self.config("power-aware-best-fit-decreasing", overload: ("thr", 0.8), semantics: .virtSim)
        config.decisionTrace = DecisionTraceRequest(guest: 3, notBefore: 0)
        let first = try #require(try ConsolidationEngine.run(config).decision)
        #expect(first.phase == "initial placement" && first.time == 0 && first.fromHost == nil)
        config.decisionTrace = DecisionTraceRequest(guest: 3, notBefore: 1)
        if let later = try ConsolidationEngine.run(config).decision {
            #expect(["overload migration", "under-load evacuation"].contains(later.phase))
            #expect(later.time >= 1)
        }
    }
}
