import Foundation
import Testing
@testable import Scenario
@testable import VirtSimCLI

/// The problems `validate` reports for a scenario text (empty when valid), read in-process the way
/// `virtsim validate` reads a file.
/// `label` is the file the text stands for (relative trace paths are taken from its folder).
func validationProblems(_ text: String, traces: String? = nil, label: String = "t.json") -> [Diagnostic] {
    do {
        _ = try ScenarioLoader.loadWithSweep(text: text, label: label, traceRoot: traces, day: nil, checkTraces: traces != nil)
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
            with: #""seed": 1, "sweep": {"parameters": [{"path": "$.consolidation.traceGuests.trace.day", "values": ["20110303", "20990101"]}]},"#)
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

/// Issue 8 defect 4: work and memory are estimated before running and refused beyond the limits.
@Suite("Resource limits")
struct ResourceLimitTests {
    @Test("Oversized scenarios are refused at the key that drives them, with the estimate", arguments: [
        ("seed-consolidation.json", "\"servers\": 400", "\"servers\": 1000000", "$.consolidation.fleet.servers", true),
        ("seed-consolidation.json", "\"horizonHours\": 48|\"consolidationMinutes\": 5", "\"horizonHours\": 8760|\"consolidationMinutes\": 0.1", "$.consolidation.consolidationMinutes", false),
        ("seed-consolidation.json", "\"horizonHours\": 48|\"reportMinutes\": 120", "\"horizonHours\": 8760|\"reportMinutes\": 0.1", "$.consolidation.reportMinutes", true),
        ("seed-io-overhead.json", "\"durationSeconds\": 0.5|\"queueDepth\": 1,", "\"durationSeconds\": 3600|\"queueDepth\": 1, \"arrivalRate\": 10000000,", "$.io.arrivalRate", true),
        ("labs/live-migration.json", "\"maximumRateMbps\": 500", "\"maximumRateMbps\": 500, \"maxRounds\": 1000", "", false),
    ] as [(String, String, String, String, Bool)])
    func refused(file: String, original: String, replacement: String, path: String, memory: Bool) {
        var text = shipped(file)
        for (o, r) in zip(original.split(separator: "|"), replacement.split(separator: "|")) { text = text.replacingFirst(String(o), with: String(r)) }
        #expect(text != shipped(file))
        let found = validationProblems(text)
        if path.isEmpty {
            #expect(found.isEmpty, "\(found)")  // 4 guests × 1,000 rounds is small
            return
        }
        #expect(found.contains { $0.path == path && $0.message.contains("estimated work") && $0.message.contains("--force") }, "\(found)")
        #expect(found.contains { $0.message.contains("estimated peak memory") } == memory, "\(found)")
    }

    @Test("--force lifts the work limit, never the memory limit")
    func force() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let small = ResourceLimits(work: 100, memoryBytes: 4e9)
        let file = packageRoot + "/scenarios/labs/live-migration.json"
        let c = Captured()
        #expect(RunCommand.execute([file, "--out", dir + "/a"], console: c.console, limits: small) == .badInput)
        #expect(c.stderr.contains("estimated work") && !FileManager.default.fileExists(atPath: dir + "/a"))
        #expect(RunCommand.execute([file, "--out", dir + "/b", "--force"], console: Captured().console, limits: small) == .success)
        let tinyMemory = ResourceLimits(work: 100, memoryBytes: 1000)
        let m = Captured()
        #expect(RunCommand.execute([file, "--out", dir + "/c", "--force"], console: m.console, limits: tinyMemory) == .badInput)
        #expect(m.stderr.contains("estimated peak memory") && m.stderr.contains("--force does not lift"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/c"))
    }

    @Test("validate prints the estimate of a valid scenario")
    func validatePrintsEstimate() {
        let r = virtsim(["validate", packageRoot + "/scenarios/seed-consolidation.json"])
        #expect(r.status == .success)
        #expect(r.out.contains("estimated work") && r.out.contains("peak memory"))
    }

    @Test("Every shipped scenario is within the limits")
    func shippedWithinLimits() {
        for file in ScenarioLoader.scenarioFiles(in: packageRoot + "/scenarios") {
            let found = validationProblems(read(file)!, label: file)
            #expect(found.isEmpty, "\(file): \(found)")
        }
    }
}
