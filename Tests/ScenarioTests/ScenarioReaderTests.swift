import Foundation
import Testing
import Scheduling
@testable import Scenario

let vocabulary = ScenarioVocabulary(
    placements: ["first-fit", "power-aware-best-fit-decreasing"], overloadDetectors: ["thr", "none"],
    selections: ["mmt"], migrationModels: ["cloudsim"], hardwareProfiles: ["p1"], operationProfiles: ["web-server"],
    powerModels: ["hp-ml110-g5"])

let validConsolidation = """
{"name": "t", "description": "d", "seed": 3, "study": "consolidation",
 "consolidation": {"hardwareProfile": "p1", "horizonHours": 2,
   "hostType": {"cores": 2, "mipsPerCore": 2660, "ramMB": 4096, "power": "hp-ml110-g5"},
   "fleet": {"servers": 4, "meanUtilization": {"cdf": [[0, 0], [1, 1]], "source": "s"},
             "components": [{"type": "diurnal", "amplitude": 0.5}],
             "appMemoryMB": {"cdf": [[100, 0], [200, 1]]}, "operations": "web-server"},
   "variants": [{"name": "dedicated", "kind": "native", "dedicated": true}, {"name": "full", "kind": "full"}],
   "policies": {"placement": "first-fit", "overload": "thr", "overloadParameter": 0.8, "selection": "mmt"}}}
"""

@Suite("Scenario files")
struct ScenarioReaderTests {
    let reader = ScenarioReader(vocabulary: vocabulary)

    @Test("A valid consolidation scenario reads into typed values, with defaults filled in")
    func readsValid() throws {
        let s = try reader.read(validConsolidation, file: "t.json")
        #expect(s.name == "t")
        #expect(s.seed == 3)
        guard case .consolidation(let c) = s.study else { Issue.record("wrong study"); return }
        #expect(c.hostType.cores == 2)
        #expect(c.sampleMinutes == 5)
        #expect(c.variants.map(\.name) == ["dedicated", "full"])
        #expect(c.policies.underload)
        #expect(c.fleet.components == [.diurnal(amplitude: 0.5, peakHour: 14)])
    }

    @Test("Every problem is reported at once, each with its JSON path")
    func reportsEveryProblem() {
        let bad = validConsolidation
            .replacingFirst("\"cores\": 2", with: "\"cores\": 0")
            .replacingFirst("\"mipsPerCore\": 2660", with: "\"mipsPerCore\": \"fast\"")
            .replacingFirst("\"kind\": \"full\"", with: "\"kind\": \"fullvirt\"")
            .replacingFirst("\"overload\": \"thr\"", with: "\"overload\": \"magic\"")
            .replacingFirst("\"seed\": 3", with: "\"seed\": 3, \"sede\": 4")
        do {
            _ = try reader.read(bad, file: "bad.json")
            Issue.record("expected an error")
        } catch {
            let paths = Set(error.diagnostics.map(\.path))
            #expect(paths.contains("$.consolidation.hostType.cores"))
            #expect(paths.contains("$.consolidation.hostType.mipsPerCore"))
            #expect(paths.contains("$.consolidation.variants[1].kind"))
            #expect(paths.contains("$.consolidation.policies.overload"))
            #expect(paths.contains("$.sede"))
            #expect(error.diagnostics.count == 5)
            let kind = error.diagnostics.first { $0.path.hasSuffix("variants[1].kind") }!
            #expect(kind.message.contains("fullvirt") && kind.message.contains("\"para\""))
            let typo = error.diagnostics.first { $0.path == "$.sede" }!
            #expect(typo.message.contains("did you mean \"seed\""))
        }
    }

    @Test("The under-load threshold is optional (nil: CloudSim's every-host rule) and must lie in (0, 1]",
          arguments: [("", nil), (", \"underloadThreshold\": 0.4", 0.4), (", \"underloadThreshold\": 1", 1.0)] as [(String, Double?)])
    func underloadThreshold(extra: String, expected: Double?) throws {
        let text = validConsolidation.replacingFirst("\"selection\": \"mmt\"", with: "\"selection\": \"mmt\"" + extra)
        guard case .consolidation(let c) = try reader.read(text, file: "u.json").study else { Issue.record("wrong study"); return }
        #expect(c.policies.underloadThreshold == expected)
    }

    @Test("An under-load threshold outside (0, 1] is an error at its path", arguments: ["0", "1.5", "-0.2", "\"low\""])
    func underloadThresholdOutOfRange(value: String) {
        let text = validConsolidation.replacingFirst("\"selection\": \"mmt\"", with: "\"selection\": \"mmt\", \"underloadThreshold\": " + value)
        do {
            _ = try reader.read(text, file: "u.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.path) == ["$.consolidation.policies.underloadThreshold"])
        }
    }

    @Test("fleet.memoryWrites: optional; rate ≥ 0, working-set fraction in [0, 1], a source")
    func memoryWrites() throws {
        guard case .consolidation(let plain) = try reader.read(validConsolidation, file: "w.json").study else { return }
        #expect(plain.fleet.memoryWrites == nil)
        let good = validConsolidation.replacingFirst("\"operations\": \"web-server\"", with:
            "\"operations\": \"web-server\", \"memoryWrites\": {\"dirtyRateMBps\": 50, \"writableWorkingSetFraction\": 0.02, \"source\": \"s\"}")
        guard case .consolidation(let c) = try reader.read(good, file: "w.json").study else { Issue.record("wrong study"); return }
        #expect(c.fleet.memoryWrites == MemoryWrites(dirtyRateMBps: 50, writableWorkingSetFraction: 0.02, source: "s"))
        let bad = validConsolidation.replacingFirst("\"operations\": \"web-server\"", with:
            "\"operations\": \"web-server\", \"memoryWrites\": {\"dirtyRateMBps\": -1, \"writableWorkingSetFraction\": 2}")
        do {
            _ = try reader.read(bad, file: "w.json")
            Issue.record("expected an error")
        } catch {
            #expect(Set(error.diagnostics.map(\.path)) == ["$.consolidation.fleet.memoryWrites.dirtyRateMBps",
                                                           "$.consolidation.fleet.memoryWrites.writableWorkingSetFraction",
                                                           "$.consolidation.fleet.memoryWrites.source"])
        }
    }

    @Test("overloadWindow belongs to thr-sustained and counts measurements (≥ 1)")
    func overloadWindow() throws {
        let sustained = validConsolidation.replacingFirst("\"overload\": \"thr\"", with: "\"overload\": \"thr-sustained\", \"overloadWindow\": 4")
        let r = ScenarioReader(vocabulary: ScenarioVocabulary(
            placements: ["first-fit"], overloadDetectors: ["thr", "thr-sustained"], selections: ["mmt"], migrationModels: ["cloudsim"],
            hardwareProfiles: ["p1"], operationProfiles: ["web-server"], powerModels: ["hp-ml110-g5"]))
        guard case .consolidation(let c) = try r.read(sustained, file: "w.json").study else { Issue.record("wrong study"); return }
        #expect(try c.policies.overloadPolicy.get() == .sustainedThreshold(0.8, window: 4))
        for (text, path) in [
            (validConsolidation.replacingFirst("\"overload\": \"thr\"", with: "\"overload\": \"thr\", \"overloadWindow\": 4"), "overloadWindow"),
            (validConsolidation.replacingFirst("\"overload\": \"thr\"", with: "\"overload\": \"thr-sustained\", \"overloadWindow\": 0"), "overloadWindow"),
        ] {
            do {
                _ = try r.read(text, file: "w.json")
                Issue.record("expected an error")
            } catch {
                #expect(error.diagnostics.map(\.path) == ["$.consolidation.policies." + path])
            }
        }
    }

    @Test("Missing required keys are named with what was expected")
    func missingKeys() {
        do {
            _ = try reader.read(#"{"study": "consolidation", "consolidation": {"traceGuests": {}}}"#, file: "m.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.path).sorted() == ["$.consolidation.horizonHours", "$.consolidation.hostType", "$.consolidation.policies",
                                                              "$.consolidation.traceGuests.assign", "$.consolidation.traceGuests.source",
                                                              "$.consolidation.traceGuests.trace", "$.consolidation.traceGuests.types", "$.name"])
        }
    }

    @Test("A guest larger than every host is rejected")
    func guestLargerThanHost() {
        let bad = validConsolidation.replacingFirst("[[100, 0], [200, 1]]", with: "[[100, 0], [9000, 1]]")
        #expect(throws: ScenarioError.self) { try reader.read(bad, file: "big.json") }
    }

    @Test("Syntax errors give line and column", arguments: [
        ("{\"a\": }", 1, 7), ("{\n  \"a\": 1,\n}", 3, 1), ("[1, 2", 1, 6), ("{\"a\": 1} x", 1, 10),
    ])
    func syntaxErrors(text: String, line: Int, column: Int) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
        }
    }

    @Test("The parser keeps key order, numbers' text and unicode escapes")
    func parserFidelity() throws {
        let v = try JSONParser.parse(#"{"b": 1.50, "a": [true, null, "\u00e9\ud83d\ude00"]}"#)
        guard case .object(let m) = v else { Issue.record("not an object"); return }
        #expect(m.map(\.key) == ["b", "a"])
        #expect(m[0].value == .number(1.5, text: "1.50"))
        #expect(m[0].value.brief == "1.50")
        #expect(m[1].value == .array([.bool(true), .null, .string("é😀")]))
    }

    @Test("Duplicate keys are syntax errors rather than silently overwritten")
    func duplicateKeys() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(#"{"a": 1, "a": 2}"#) }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { fatalError("test fixture lacks \(target)") }
        return replacingCharacters(in: r, with: replacement)
    }
}
