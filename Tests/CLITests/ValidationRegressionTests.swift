import Foundation
import Testing
@testable import Scenario
@testable import VirtSimCLI

/// The problems `validate` reports for a scenario text (empty when valid), read in-process the way
/// `virtsim validate` reads a file.
func validationProblems(_ text: String, traces: String? = nil) -> [Diagnostic] {
    do {
        _ = try ScenarioLoader.loadWithSweep(text: text, label: "t.json", traceRoot: traces, day: nil, checkTraces: traces != nil)
        return []
    } catch let e as ScenarioError {
        return e.diagnostics
    } catch {
        return [Diagnostic(path: "?", message: "\(error)")]
    }
}

/// A shipped scenario's text.
func shipped(_ relative: String) -> String { read(packageRoot + "/scenarios/" + relative)! }

/// Issue 8's defects 1, 2 and 8 on I/O and migration studies: each value that crashed `run` (or
/// validated silently) is an error at its path.
@Suite("Validation regressions")
struct ValidationRegressionTests {
    static let io = "seed-io-overhead.json"

    @Test("I/O values that crashed run are errors at their path", arguments: [
        ("\"blockSizeBytes\": 65536", "\"blockSizeBytes\": 1e308", "$.io.blockSizeBytes"),
        ("\"queueDepth\": 1,", "\"queueDepth\": 1, \"arrivalRate\": 1e12,", "$.io.arrivalRate"),
        ("\"queueDepth\": [1, 2, 4, 8, 16, 32]", "\"queueDepth\": [0.5]", "$.io.sweep.queueDepth[0]"),
        ("\"queueDepth\": [1, 2, 4, 8, 16, 32]", "\"queueDepth\": [200000]", "$.io.sweep.queueDepth[0]"),
        ("\"queueDepth\": [1, 2, 4, 8, 16, 32]", "\"queueDepth\": [1e19]", "$.io.sweep.queueDepth[0]"),
        ("\"queueDepth\": [1, 2, 4, 8, 16, 32]", "\"queueDepth\": [1, 2, 1]", "$.io.sweep.queueDepth[2]"),
        ("\"queueDepth\": [1, 2, 4, 8, 16, 32]", "\"queueDepth\": [1.5]", "$.io.sweep.queueDepth[0]"),
        ("[4096, 16384, 65536, 262144, 1048576]", "[4096, 4096]", "$.io.sweep.blockSizeBytes[1]"),
        ("\"queueDepth\": 1,", "\"queueDepth\": 1.5,", "$.io.queueDepth"),
        ("\"kinds\": [\"native\", \"full\", \"para\", \"container\"]", "\"kinds\": [\"native\", \"full\", \"full\"]", "$.io.kinds[2]"),
        ("\"workload\": \"fio\"", "\"workload\": \"fio\", \"application\": \"bogus\"", "$.io.application"),
        ("\"warmupSeconds\": 0.05", "\"warmupSeconds\": 1e9", "$.io.warmupSeconds"),
    ] as [(String, String, String)])
    func ioValues(original: String, replacement: String, path: String) {
        let text = shipped(Self.io).replacingFirst(original, with: replacement)
        #expect(text != shipped(Self.io))
        let found = validationProblems(text)
        #expect(found.map(\.path) == [path], "\(found)")
        #expect(found.allSatisfy { $0.message.contains("expected") || $0.message.contains("duplicate") || $0.message.contains("unknown") })
    }

    @Test("An unknown key under io does not hide the section's other problems")
    func unknownIOKeyHidesNothing() {
        let text = shipped(Self.io).replacingFirst("\"readFraction\": 0.7", with: "\"readFraktion\": 0.7, \"mtuBytes\": 10")
        let paths = Set(validationProblems(text).map(\.path))
        #expect(paths.isSuperset(of: ["$.io.readFraktion", "$.io.mtuBytes"]), "\(paths)")
    }

    @Test("A bad study value does not hide the I/O section's problems")
    func badStudyHidesNothing() {
        let text = shipped(Self.io).replacingFirst("\"study\": \"io\"", with: "\"study\": \"i/o\"")
            .replacingFirst("\"guestCPUs\": 1", with: "\"guestCPUs\": 0")
        #expect(Set(validationProblems(text).map(\.path)) == ["$.study", "$.io.guestCPUs"])
    }

    @Test("A bad sweep path does not hide the migration section's problems")
    func badSweepPathHidesNothing() {
        let text = shipped("labs/live-migration.json")
            .replacingFirst("\"path\": \"$.migration.maximumRateMbps\"", with: "\"path\": \"$.migration.maximumRate\"")
            .replacingFirst("\"linkBandwidthMbps\": 1000", with: "\"linkBandwidthMbps\": -1")
        #expect(Set(validationProblems(text).map(\.path)) == ["$.sweep.parameters[0].path", "$.migration.linkBandwidthMbps"])
    }

    @Test("Migration values beyond their range are errors at their path", arguments: [
        ("\"maximumRateMbps\": 500", "\"maximumRateMbps\": 500, \"maxRounds\": 1e15", "$.migration.maxRounds"),
        ("\"maximumRateMbps\": 500", "\"maximumRateMbps\": 500, \"maxDataFactor\": 1e308", "$.migration.maxDataFactor"),
        ("\"maximumRateMbps\": 500", "\"maximumRateMbps\": 1e-320", "$.migration.maximumRateMbps"),
        ("\"memoryMB\": 64", "\"memoryMB\": 0", "$.migration.guests[1].memoryMB"),
    ] as [(String, String, String)])
    func migrationValues(original: String, replacement: String, path: String) {
        let found = validationProblems(shipped("labs/live-migration.json").replacingFirst(original, with: replacement))
        #expect(found.map(\.path) == [path], "\(found)")
    }

    @Test("A swept PlanetLab day with no traces is an error at the sweep value", .enabled(if: traceRoot != nil))
    func sweptDayChecked() {
        let text = shipped("planetlab/lr-mmt-1.2.json").replacingFirst("\"seed\": 1,",
            with: #""seed": 1, "sweep": {"parameters": [{"path": "$.planetlab.day", "values": ["20110303", "20990101"]}]},"#)
        let found = validationProblems(text, traces: traceRoot)
        #expect(found.map(\.path) == ["$.sweep.parameters[0].values[1]"], "\(found)")
    }
}

extension String {
    /// The text with the first occurrence of `target` replaced (unchanged when absent).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
