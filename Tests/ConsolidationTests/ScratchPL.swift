import Testing
import Foundation
@testable import Consolidation
import VirtModel

@Test func scratchPL() throws {
    let env = ProcessInfo.processInfo.environment
    guard let root = env["VIRTSIM_TRACES"], let pol = env["PL_POLICY"] else { return }
    let sem: Semantics = env["PL_MODE"] == "virtsim" ? .virtSim : .cloudSimCompatible
    let start = Date()
    let r = try PlanetLabExperiment.run(policy: pol, day: env["PL_DAY"] ?? "20110303", traceRoot: root, semantics: sem)
    print("wall", Date().timeIntervalSince(start))
    for row in r.metrics.rows { print(row.name, row.value) }
    print("exec", r.metrics.executionTimeTotalMean, r.metrics.consolidationRounds)
}
