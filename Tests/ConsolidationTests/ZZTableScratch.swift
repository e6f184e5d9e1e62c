import Foundation
import Testing
import Consolidation
import VirtModel

@Test func zzPlanetLabTable() throws {
    let env = ProcessInfo.processInfo.environment
    if let root = env["VIRTSIM_TRACES"], env["PL_TABLE"] != nil {
    let modes: [(String, Semantics)] = env["PL_TABLE"] == "virtsim" ? [("virtsim", .virtSim)] : (env["PL_TABLE"] == "both" ? [("cloudsim", .cloudSimCompatible), ("virtsim", .virtSim)] : [("cloudsim", .cloudSimCompatible)])
    let policies = env["PL_POLICIES"].map { $0.split(separator: ",").map(String.init) } ?? PlanetLabExperiment.policyNames
    for (name, sem) in modes {
        for p in policies {
            let t0 = Date()
            let r = try PlanetLabExperiment.run(policy: p, day: env["PL_DAY"] ?? "20110303", traceRoot: root, semantics: sem)
            let m = r.metrics
            print(String(format: "TABLE %@ %@ energy=%.2f migr=%d slatah=%.2f pdm=%.3f slav=%.5f esv=%.5f shut=%d mtbs=%.1f mtbm=%.2f active=%.1f util=%.1f del=%d wall=%.2f",
                         name, p, m.energyKWh, m.vmMigrations, m.slatahPercent, m.pdmPercent, m.slav * 100, m.esv * 100, m.hostShutdowns,
                         m.meanTimeBeforeHostShutdown, m.meanTimeBeforeVMMigration, m.activeHostsMean, m.meanActiveHostCpuUtilization, m.deletedGuests, Date().timeIntervalSince(t0)))
        }
    }
    }
    if let root = env["VIRTSIM_TRACES"], let base = env["ABLATION"] {
        let day = try PlanetLabTrace.readDay(root: root, day: "20110303")
        let preset: Semantics = base == "virtsim" ? .virtSim : .cloudSimCompatible
        for name in ["(none)"] + Semantics.switchNames {
            var sem = preset
            if name != "(none)" { sem[switchNamed: name] = !(preset[switchNamed: name]!) }
            let r = try ConsolidationEngine.run(PlanetLabExperiment.config(policy: env["PL_POLICY"] ?? "lr-mmt-1.2", day: day, semantics: sem))
            let m = r.metrics
            print(String(format: "ABL %@ flip=%@ energy=%.2f migr=%d slatah=%.2f pdm=%.3f slav=%.5f shut=%d active=%.1f util=%.1f del=%d",
                         base, name, m.energyKWh, m.vmMigrations, m.slatahPercent, m.pdmPercent, m.slav * 100, m.hostShutdowns, m.activeHostsMean, m.meanActiveHostCpuUtilization, m.deletedGuests))
        }
    }
    if let s = env["SCALE"] {
        let parts = s.split(separator: "x").compactMap { Int($0) }
        let t0 = Date()
        let c = ScaleScenario.make(hosts: parts[0], guests: parts[1], seed: 1)
        let t1 = Date()
        let r = try ConsolidationEngine.run(c) { f in if Int((f * 288).rounded()) % 24 == 0 { print("progress", f, Date().timeIntervalSince(t1)) } }
        print("SCALE build=\(t1.timeIntervalSince(t0)) run=\(Date().timeIntervalSince(t1))")
        for row in r.metrics.rows { print(row.name, row.value) }
    }
}
