import Dispatch
import Foundation
import Scenario
import Testing
@testable import VirtSimCLI

/// `durationSeconds` and the `phases` object of a run's `timing.json`.
private func timing(_ dir: String) throws -> (total: Double, phases: [(name: String, seconds: Double)]) {
    let text = try #require(read(dir + "/timing.json"))
    let root = try JSONParser.parse(text)
    guard case .number(let total, _)? = root.value(at: "$.durationSeconds") else { Issue.record("no durationSeconds"); return (0, []) }
    guard case .object(let members)? = root.value(at: "$.phases") else { Issue.record("no phases"); return (total, []) }
    return (total, members.compactMap { m in
        guard case .number(let s, _) = m.value else { Issue.record("\(m.key): not a number"); return nil }
        return (m.key, s)
    })
}

@Suite("timing.json: the run's phases")
struct RunPhasesTests {
    @Test("A run's timing.json names its phases, each ≥ 0, summing to at most the whole duration")
    func phasesOfARun() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try smallIOScenario(name: "small", duration: 0.02).write(toFile: dir + "/io.json", atomically: true, encoding: .utf8)
        let r = virtsim(["run", dir + "/io.json", "--out", dir + "/out"])
        #expect(r.status == .success, "\(r.err)")
        let (total, phases) = try timing(dir + "/out")
        #expect(phases.map(\.name) == ["traceRead", "scenario", "traceDigest", "study", "csv", "charts", "write"])
        #expect(phases.allSatisfy { $0.seconds >= 0 })
        #expect(phases.map(\.seconds).reduce(0, +) <= total)
    }

    @Test("A PlanetLab run also breaks out the trace reading (once, by the check) and digest, the engine and the tables",
          .enabled(if: traceRoot != nil && ProcessInfo.processInfo.environment["VIRTSIM_LONG_TESTS"] == "1"))
    func phasesOfAPlanetLabRun() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = virtsim(["run", packageRoot + "/scenarios/planetlab/lr-mmt-1.2.json", "--traces", traceRoot!, "--out", dir + "/out"])
        #expect(r.status == .success, "\(r.err)")
        let (total, phases) = try timing(dir + "/out")
        #expect(phases.map(\.name) == ["traceRead", "scenario", "traceDigest", "engineSetup", "engine", "tables",
                                       "study", "csv", "charts", "write"])
        #expect(phases.allSatisfy { $0.seconds >= 0 })
        #expect(phases.map(\.seconds).reduce(0, +) <= total)
    }

    @Test("An inner phase is not counted in the outer one: the phases never overlap")
    func nestedPhasesAreExclusive() {
        // The same monotonic clock as RunPhases, read outside every phase.
        let phases = RunPhases()
        let start = DispatchTime.now().uptimeNanoseconds
        phases.measure("outer") {
            phases.measure("inner") { _ = (0..<10_000).reduce(0, &+) }
            phases.measure("inner") { _ = (0..<10_000).reduce(0, &+) }
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let totals = phases.totals
        #expect(totals.map(\.name) == ["inner", "outer"])
        #expect(totals.allSatisfy { $0.seconds >= 0 })
        #expect(totals.map(\.seconds).reduce(0, +) <= wall)
    }
}
