import Foundation
import Testing
@testable import Scenario

@Suite("Sweeps")
struct SweepTests {
    let reader = ScenarioReader(vocabulary: vocabulary)

    func withSweep(_ sweep: String) -> String {
        validConsolidation.replacingFirst("\"seed\": 3,", with: "\"seed\": 3, \"sweep\": \(sweep),")
    }

    @Test("Points are the cartesian product of the axes times the seeds, last axis fastest")
    func product() throws {
        let text = withSweep(#"{"parameters": [{"path": "$.consolidation.horizonHours", "values": [1, 2]}, {"path": "$.consolidation.variants[1].kind", "values": ["para", "container", "full"]}], "seeds": [5, 6]}"#)
        let (base, spec, points) = try reader.readWithSweep(text, file: "s.json")
        #expect(base.seed == 3)
        #expect(spec?.runCount == 12)
        #expect(points.count == 12)
        #expect(points.map(\.index) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        #expect(points.map(\.seed) == Array(repeating: [5, 6], count: 6).flatMap { $0 })
        guard case .consolidation(let c) = points[3].scenario.study else { Issue.record("study"); return }
        #expect(c.horizonHours == 1)
        #expect(c.variants[1].kind == .container)
    }

    @Test("Each point is checked like a scenario; errors name the point", arguments: [
        (#"{"parameters": [{"path": "$.consolidation.hostType.cores", "values": [2, 0]}]}"#, "$.consolidation.hostType.cores"),
        (#"{"parameters": [{"path": "$.consolidation.nonsense", "values": [1]}]}"#, "$.sweep.parameters[0].path"),
        (#"{"parameters": [{"path": "consolidation", "values": [1]}]}"#, "$.sweep.parameters[0].path"),
        (#"{"parameters": [], "seeds": [-1]}"#, "$.sweep.parameters"),
        (#"{"parameters": [{"path": "$.seed", "values": [1]}], "seeds": [1.5]}"#, "$.sweep.seeds[0]"),
    ])
    func errors(sweep: String, path: String) {
        do {
            _ = try reader.readWithSweep(withSweep(sweep), file: "s.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.contains { $0.path == path }, "\(error)")
        }
    }

    @Test("A point's error says which point")
    func pointLabel() {
        do {
            _ = try reader.readWithSweep(withSweep(#"{"parameters": [{"path": "$.consolidation.hostType.cores", "values": [2, 0]}]}"#), file: "s.json")
        } catch {
            #expect(error.diagnostics.first?.message.contains("sweep point $.consolidation.hostType.cores=0") == true)
        }
    }

    @Test("JSON paths parse and address nested values")
    func paths() throws {
        #expect(JSONValue.parsePath("$.a.b[2].c") == [.key("a"), .key("b"), .index(2), .key("c")])
        #expect(JSONValue.parsePath("a.b") == nil)
        #expect(JSONValue.parsePath("$.a[x]") == nil)
        let v = try JSONParser.parse(#"{"a": {"b": [1, 2, {"c": 3}]}}"#)
        let w = v.replacing(JSONValue.parsePath("$.a.b[2].c")![...], with: .number(4, text: "4"))
        #expect(w == (try JSONParser.parse(#"{"a": {"b": [1, 2, {"c": 4}]}}"#)))
        #expect(v.replacing(JSONValue.parsePath("$.a.b[3]")![...], with: .null) == nil)
    }
}
