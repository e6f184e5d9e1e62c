import Consolidation
import Foundation
import VirtSimCLI
import VirtModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Benchmarks of the interval-level engine (release build):
/// - reading the 1,052 PlanetLab files of 20110303;
/// - CloudSim's LR-MMT-1.2 PlanetLab day end to end (scenario file and trace reading included),
///   CloudSim-compatible mode, as `scenarios/planetlab/lr-mmt-1.2.json` describes it;
/// - the synthetic 100,000-host / 1,000,000-guest day with dynamic consolidation (wall time and
///   peak resident memory).
enum ConsolidationBench {
    /// - Parameter scaleSize: hosts and guests of the synthetic day (`--scale-size`); nil skips it.
    static func run(traceRoot: String?, scaleSize: (hosts: Int, guests: Int)?) -> [(name: String, value: Double, unit: String)] {
        var out: [(name: String, value: Double, unit: String)] = []
        if let root = traceRoot {
            do {
                var t0 = now()
                _ = try PlanetLabTrace.readDay(root: root, day: "20110303")
                out.append(("planetlab_read_1052_files", now() - t0, "s"))
                // The experiment as the shipped scenario file describes it (800 hosts, four VM types).
                let scenario = "scenarios/planetlab/lr-mmt-1.2.json"
                t0 = now()
                var config = try PlanetLabScenarioConfig.engineConfig(file: scenario, traceRoot: root)
                let result = try ConsolidationEngine.run(config)
                let simdWall = now() - t0
                out.append(("planetlab_lr_mmt_1.2_day_wall", simdWall, "s"))
                out.append(("planetlab_lr_mmt_1.2_energy", result.metrics.energyKWh, "kWh"))
                out.append(("planetlab_lr_mmt_1.2_migrations", Double(result.metrics.vmMigrations), "count"))
                // The same day with the engine's scalar reference scans, in this run: the SIMD gain
                // end to end (reading excluded from both), and a check that nothing changed.
                t0 = now()
                let vector = try ConsolidationEngine.run(config)
                let vectorWall = now() - t0
                config.scalarHostScans = true
                t0 = now()
                let scalar = try ConsolidationEngine.run(config)
                let scalarWall = now() - t0
                precondition(scalar.metrics.energyKWh == vector.metrics.energyKWh
                             && scalar.metrics.vmMigrations == vector.metrics.vmMigrations, "SIMD and scalar scans disagree")
                out.append(("planetlab_lr_mmt_1.2_engine_simd", vectorWall, "s"))
                out.append(("planetlab_lr_mmt_1.2_engine_scalar", scalarWall, "s"))
                out.append(("planetlab_lr_mmt_1.2_simd_speedup", scalarWall / vectorWall, "x"))
                // Before the scale run: the process's peak so far is the PlanetLab day's.
                out.append(("planetlab_peak_rss", peakResidentMB(), "MB"))
                out += wholeRunBreakdown(traceRoot: root)
            } catch {
                out.append(("planetlab_error: \(error)", .nan, ""))
            }
        }
        if let size = scaleSize {
            let t0 = now()
            let config = ScaleScenario.make(hosts: size.hosts, guests: size.guests, seed: 1)
            let label = "scale_\(sizeLabel(size.hosts))_\(sizeLabel(size.guests))"
            let built = now() - t0
            do {
                let t1 = now()
                let result = try ConsolidationEngine.run(config)
                out.append(("\(label)_build_config", built, "s"))
                out.append(("\(label)_day_wall", now() - t1, "s"))
                out.append(("\(label)_migrations", Double(result.metrics.vmMigrations), "count"))
                out.append(("\(label)_active_hosts_mean", result.metrics.activeHostsMean, "hosts"))
                out.append(("\(label)_energy", result.metrics.energyKWh, "kWh"))
                print("consolidation  \(label)_exact: \(fingerprint(result))")
            } catch {
                out.append(("scale_error: \(error)", .nan, ""))
            }
            out.append(("scale_peak_rss", peakResidentMB(), "MB"))
        }
        return out
    }

    /// Phase names of a PlanetLab run's `timing.json`, in the order a run measures them.
    static let phaseOrder = ["scenario", "traceRead", "traceDigest", "engineSetup", "engine", "tables", "study",
                             "sweep", "csv", "charts", "write"]

    /// The whole `virtsim run` of the LR-MMT-1.2 day (scenario read and checked, traces read,
    /// engine, tables, charts and report, files written), in process, three times: the total of the
    /// fastest and its phases as the run's `timing.json` records them. Needs the working directory
    /// to be the repository (it runs `scenarios/planetlab/lr-mmt-1.2.json`).
    static func wholeRunBreakdown(traceRoot root: String) -> [(name: String, value: Double, unit: String)] {
        let scenario = "scenarios/planetlab/lr-mmt-1.2.json"
        guard FileManager.default.fileExists(atPath: scenario) else { return [("planetlab_run: no \(scenario) here (run from the repository)", .nan, "")] }
        let dir = NSTemporaryDirectory() + "virtsim-bench-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let console = Console(out: { _ in }, err: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }, progressEnabled: false)
        var best: (total: Double, phases: [String: Double])? = nil
        for _ in 0..<3 {
            guard VirtSimMain.execute(["run", scenario, "--traces", root, "--out", dir + "/out"], console: console) == .success,
                  let data = FileManager.default.contents(atPath: dir + "/out/timing.json"),
                  let timing = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let total = timing["durationSeconds"] as? Double else { return [("planetlab_run: failed", .nan, "")] }
            let phases = (timing["phases"] as? [String: Any] ?? [:]).compactMapValues { $0 as? Double }
            if best == nil || total < best!.total { best = (total, phases) }
        }
        guard let best else { return [] }
        var out: [(name: String, value: Double, unit: String)] = [("planetlab_run_lr_mmt_1.2_total (best of 3)", best.total, "s")]
        let names = phaseOrder.filter { best.phases[$0] != nil } + best.phases.keys.filter { !phaseOrder.contains($0) }.sorted()
        for name in names { out.append(("planetlab_run_phase_\(name)", best.phases[name]!, "s")) }
        out.append(("planetlab_run_unmeasured", best.total - best.phases.values.reduce(0, +), "s"))
        return out
    }

    /// Every summary metric at full precision and a hash of the per-guest rows, so two builds
    /// can be compared for bit-identical results.
    static func fingerprint(_ r: EngineResult) -> String {
        let m = r.metrics
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a over the guests' outcome
        func mix(_ x: UInt64) { hash = (hash ^ x) &* 0x0000_0100_0000_01b3 }
        for g in r.guests {
            mix(UInt64(bitPattern: Int64(g.initialHost))); mix(UInt64(bitPattern: Int64(g.finalHost)))
            mix(UInt64(g.migrations)); mix(g.allocatedCpuSeconds.bitPattern); mix(g.requestedCpuSeconds.bitPattern)
        }
        return "migrations=\(m.vmMigrations) energy_kwh=\(m.energyKWh) active_hosts_mean=\(m.activeHostsMean) "
            + "slatah=\(m.slatahPercent) pdm=\(m.pdmPercent) shutdowns=\(m.hostShutdowns) "
            + "mean_util=\(m.meanActiveHostCpuUtilization) guests=\(String(hash, radix: 16))"
    }

    /// 100000 → "100k", 1000000 → "1M", otherwise the number.
    static func sizeLabel(_ n: Int) -> String {
        if n >= 1_000_000 && n % 1_000_000 == 0 { return "\(n / 1_000_000)M" }
        if n >= 1000 && n % 1000 == 0 { return "\(n / 1000)k" }
        return "\(n)"
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// VmHWM from /proc/self/status, in MB (NaN when unavailable).
    static func peakResidentMB() -> Double {
        let fd = open("/proc/self/status", O_RDONLY)
        guard fd >= 0 else { return .nan }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 8192)
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
        guard n > 0 else { return .nan }
        let text = String(decoding: bytes[0..<n], as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter { $0.isNumber }
            if let kb = Double(String(digits)) { return kb / 1024 }
        }
        return .nan
    }
}
