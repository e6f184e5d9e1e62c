import Consolidation
import VirtModel

/// Benchmarks of the interval-level engine (release build):
/// - reading the 1,052 PlanetLab files of 20110303;
/// - CloudSim's LR-MMT-1.2 PlanetLab day end to end (reading included), CloudSim-compatible mode;
/// - the synthetic 100,000-host / 1,000,000-guest day with dynamic consolidation (wall time and
///   peak resident memory).
enum ConsolidationBench {
    static func run(traceRoot: String?, scale: Bool) -> [(name: String, value: Double, unit: String)] {
        var out: [(name: String, value: Double, unit: String)] = []
        if let root = traceRoot {
            do {
                var t0 = now()
                let day = try PlanetLabTrace.readDay(root: root, day: "20110303")
                out.append(("planetlab_read_1052_files", now() - t0, "s"))
                _ = day
                t0 = now()
                let result = try PlanetLabExperiment.run(policy: "lr-mmt-1.2", day: "20110303", traceRoot: root,
                                                         semantics: .cloudSimCompatible)
                out.append(("planetlab_lr_mmt_1.2_day_wall", now() - t0, "s"))
                out.append(("planetlab_lr_mmt_1.2_energy", result.metrics.energyKWh, "kWh"))
                out.append(("planetlab_lr_mmt_1.2_migrations", Double(result.metrics.vmMigrations), "count"))
            } catch {
                out.append(("planetlab_error: \(error)", .nan, ""))
            }
        }
        if scale {
            let t0 = now()
            let config = ScaleScenario.make(hosts: 100_000, guests: 1_000_000, seed: 1)
            let built = now() - t0
            do {
                let t1 = now()
                let result = try ConsolidationEngine.run(config)
                out.append(("scale_100k_1M_build_config", built, "s"))
                out.append(("scale_100k_1M_day_wall", now() - t1, "s"))
                out.append(("scale_100k_1M_migrations", Double(result.metrics.vmMigrations), "count"))
                out.append(("scale_100k_1M_active_hosts_mean", result.metrics.activeHostsMean, "hosts"))
                out.append(("scale_100k_1M_energy", result.metrics.energyKWh, "kWh"))
            } catch {
                out.append(("scale_error: \(error)", .nan, ""))
            }
            out.append(("scale_peak_rss", peakResidentMB(), "MB"))
        }
        return out
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
