import Testing
@testable import Scenario

/// Ranges of numeric keys (issue 8, defects 2, 3 and 8) and sweep structure (defect 1).
@Suite("Key ranges and sweep structure")
struct RangeTests {
    let reader = ScenarioReader(vocabulary: vocabulary)

    func problems(_ text: String) -> [Diagnostic] {
        do { _ = try reader.readWithSweep(text, file: "t.json"); return [] } catch { return error.diagnostics }
    }

    func withSweep(_ sweep: String) -> String {
        validConsolidation.replacingFirst("\"seed\": 3,", with: "\"seed\": 3, \"sweep\": \(sweep),")
    }

    @Test("Values that crashed run are rejected at their path with the range expected", arguments: [
        ("\"horizonHours\": 2", "\"horizonHours\": 1e308", "$.consolidation.horizonHours", "(0, 8760]"),
        ("\"horizonHours\": 2", "\"horizonHours\": 2, \"sampleMinutes\": 1e-320", "$.consolidation.sampleMinutes", "[0.1, 1440]"),
        ("\"mipsPerCore\": 2660", "\"mipsPerCore\": 1e308", "$.consolidation.hostType.mipsPerCore", "[1, 1000000]"),
        ("\"cores\": 2", "\"cores\": 1e15", "$.consolidation.hostType.cores", "[1, 1024]"),
        ("\"cores\": 2", "\"cores\": 1.5", "$.consolidation.hostType.cores", "an integer"),
        ("\"ramMB\": 4096", "\"ramMB\": 4096, \"bandwidthMbps\": 1e-320", "$.consolidation.hostType.bandwidthMbps", "[1, 10000000]"),
        ("\"servers\": 4", "\"servers\": 1000001", "$.consolidation.fleet.servers", "[1, 1000000]"),
        ("\"amplitude\": 0.5", "\"amplitude\": 1", "$.consolidation.fleet.components[0].amplitude", "[0, 0.999]"),
        ("\"seed\": 3", "\"seed\": -1", "$.seed", "[0, 9007199254740991]"),
        ("\"seed\": 3", "\"seed\": 9007199254740992", "$.seed", "[0, 9007199254740991]"),
        ("[[0, 0], [1, 1]]", "[[0, 0], [1.5, 1]]", "$.consolidation.fleet.meanUtilization.cdf[1][0]", "[0, 1]"),
        ("[[100, 0], [200, 1]]", "[[100, 0], [200, 2]]", "$.consolidation.fleet.appMemoryMB.cdf[1][1]", "[0, 1]"),
    ] as [(String, String, String, String)])
    func rejected(original: String, replacement: String, path: String, range: String) {
        let found = problems(validConsolidation.replacingFirst(original, with: replacement))
        #expect(found.map(\.path) == [path], "\(found)")
        #expect(found.first?.message.contains(range) == true, "\(found)")
        #expect(found.first?.message.contains("expected") == true)
    }

    @Test("Every range names both bounds; integer keys have whole bounds")
    func tableIsComplete() {
        #expect(Set(ScenarioKeys.all.map(\.path)).count == ScenarioKeys.all.count)
        for k in ScenarioKeys.all {
            #expect(k.minimum.isFinite && k.maximum.isFinite && k.minimum < k.maximum, "\(k.path)")
            if k.kind == .integer { #expect(k.minimum.rounded() == k.minimum && k.maximum.rounded() == k.maximum, "\(k.path)") }
            #expect(k.contains(k.maximum) && !k.contains(k.maximum.nextUp) && !k.contains(.infinity) && !k.contains(.nan))
            #expect(k.contains(k.minimum) != k.exclusiveMinimum)
        }
    }

    @Test("A threshold detector's parameter is a utilization: above 1 is an error; other detectors take a safety parameter")
    func thresholdParameter() {
        let over = validConsolidation.replacingFirst("\"overloadParameter\": 0.8", with: "\"overloadParameter\": 1.2")
        #expect(problems(over).map(\.path) == ["$.consolidation.policies.overloadParameter"])
        let none = over.replacingFirst("\"overload\": \"thr\"", with: "\"overload\": \"none\"")
        #expect(problems(none).isEmpty)
    }

    @Test("An unknown study still reports the section's own problems")
    func badStudyHidesNothing() {
        let text = validConsolidation.replacingFirst("\"study\": \"consolidation\"", with: "\"study\": \"consolidate\"")
            .replacingFirst("\"cores\": 2", with: "\"cores\": 0")
        #expect(Set(problems(text).map(\.path)) == ["$.study", "$.consolidation.hostType.cores"])
    }

    @Test("Sweep axes one inside another are an error, in either order", arguments: [
        #"{"parameters": [{"path": "$.consolidation.fleet", "values": [1]}, {"path": "$.consolidation.fleet.servers", "values": [2]}]}"#,
        #"{"parameters": [{"path": "$.consolidation.fleet.servers", "values": [2]}, {"path": "$.consolidation.fleet", "values": [1]}]}"#,
        #"{"parameters": [{"path": "$.consolidation.variants", "values": [1]}, {"path": "$.consolidation.variants[1].kind", "values": ["para"]}]}"#,
    ])
    func nestedAxes(sweep: String) {
        let found = problems(withSweep(sweep))
        #expect(found.map(\.path) == ["$.sweep.parameters[1].path"], "\(found)")
        #expect(found.first?.message.contains("inside") == true)
    }

    @Test("A sweep whose point count overflows an integer is the 'at most N points' error")
    func overflowingSweep() {
        let values = "[" + (1...10).map { "\"v\($0)\"" }.joined(separator: ", ") + "]"
        let axes = (0..<19).map { _ in "{\"path\": \"$.description\", \"values\": \(values)}" }
        // 19 axes on distinct paths: the first 19 keys of a padded scenario.
        var text = validConsolidation
        var parameters: [String] = []
        for (k, _) in axes.enumerated() {
            text = text.replacingFirst("\"seed\": 3,", with: "\"seed\": 3, \"x\(k)\": 0,")
            parameters.append("{\"path\": \"$.x\(k)\", \"values\": \(values)}")
        }
        text = text.replacingFirst("\"seed\": 3,", with: "\"seed\": 3, \"sweep\": {\"parameters\": [\(parameters.joined(separator: ", "))]},")
        let found = problems(text)
        #expect(found.contains { $0.path == "$.sweep" && $0.message.contains("at most 10000 points") }, "\(found.prefix(3))")
    }

    @Test("Duplicate sweep values and seeds are errors at the duplicate", arguments: [
        (#"{"parameters": [{"path": "$.consolidation.horizonHours", "values": [1, 2, 1]}]}"#, "$.sweep.parameters[0].values[2]"),
        (#"{"parameters": [{"path": "$.consolidation.horizonHours", "values": [1]}], "seeds": [4, 4]}"#, "$.sweep.seeds[1]"),
        (#"{"parameters": [{"path": "$", "values": [1]}]}"#, "$.sweep.parameters[0].path"),
    ])
    func duplicates(sweep: String, path: String) {
        #expect(problems(withSweep(sweep)).map(\.path) == [path])
    }

    @Test("A bad sweep path does not hide the section's own problems")
    func badSweepPathHidesNothing() {
        let text = withSweep(#"{"parameters": [{"path": "$.consolidation.nothing", "values": [1]}]}"#)
            .replacingFirst("\"ramMB\": 4096", with: "\"ramMB\": 0")
        #expect(Set(problems(text).map(\.path)) == ["$.sweep.parameters[0].path", "$.consolidation.hostType.ramMB"])
    }

    @Test("A swept value out of range is an error naming the point")
    func sweptValueOutOfRange() {
        let found = problems(withSweep(#"{"parameters": [{"path": "$.consolidation.horizonHours", "values": [1, 1e308]}]}"#))
        #expect(found.map(\.path) == ["$.consolidation.horizonHours"])
        #expect(found.first?.message.contains("sweep point $.consolidation.horizonHours=1e308") == true)
    }
}
