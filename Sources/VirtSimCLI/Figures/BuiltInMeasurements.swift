import Consolidation
import IOModel
import Reports
import VirtModel

/// Quantities the `verify` catalogue compares that no scenario file produces: `built-in:X1`
/// (Barham et al. 2003, Fig. 3 relative scores from the cost model), `built-in:X2` (their ttcp
/// bandwidths from the request-level model) and `built-in:M2` (CloudSim's migration model).
///
/// Only values are computed here; the expected bands and their sources are rows of
/// `scenarios/expectations.csv`, never in this code. Every value comes from the models and the
/// hardware profile's calibration inputs.
enum BuiltInMeasurements {
    /// One measured value, with a note on how the model got there (deterministic).
    struct Measurement {
        var variant: String
        var metric: String
        var value: Double?
        var unit: String
        var note: String = ""
    }

    static let ids = ["X1", "X2", "M2"]

    /// The measurements of `built-in:ID`, or nil for an unknown id.
    static func measurements(_ id: String) throws -> [Measurement]? {
        switch id {
        case "X1": return x1()
        case "X2": return x2()
        case "M2": return try m2()
        default: return nil
        }
    }

    // MARK: X1

    /// Fig. 3's six benchmarks as operation profiles (`OperationProfile` x1-*).
    static let x1Benchmarks = ["spec-int2000", "linux-build", "osdb-ir", "osdb-oltp", "dbench", "specweb99"]

    /// Relative score = 1 / (1 + extra CPU per CPU-second + stalled seconds per CPU-second): the
    /// benchmarks ran CPU-bound on one CPU, so every second the guest's CPU spends on the path or
    /// stands stalled on a hosted VMM's blocking disk access is a second of the benchmark lost.
    static func x1() -> [Measurement] {
        let model = CostModel(profile: HardwareProfile.dell2650_2003)
        var out: [Measurement] = []
        for bench in x1Benchmarks {
            guard let ops = OperationProfile.named("x1-" + bench) else { continue }
            for (kind, label) in [(GuestKind.para, "xen"), (.full, "vmware")] {
                let o = model.overhead(kind: kind, operations: ops)
                let top = o.components.sorted { $0.cpuFraction > $1.cpuFraction }.prefix(2)
                    .map { "\($0.operation) \(NumberFormat.format(100 * $0.cpuFraction, significant: 3))%" }.joined(separator: ", ")
                let stall = o.stallFraction > 0
                    ? " Virtual CPU stalled on synchronous host disk accesses: \(NumberFormat.format(100 * o.stallFraction, significant: 3))%." : ""
                out.append(Measurement(variant: label, metric: "\(bench).relative_score", value: 1 / (1 + o.cpuFraction + o.stallFraction),
                                       unit: "ratio to native", note: "Largest overheads: \(top).\(stall)"))
            }
        }
        return out
    }

    // MARK: X2

    /// netperf-stream on dell2650-2003 with a 128 kB socket buffer, MTU 1500 and 500, both directions.
    static func x2() -> [Measurement] {
        var out: [Measurement] = []
        for mtu in [1500.0, 500.0] {
            for direction in ["transmit", "receive"] {
                let spec = IOExperimentSpec(hardware: "dell2650-2003", kinds: ["native", "full", "para"],
                                            workload: "netperf-stream", mtuBytes: mtu, direction: direction,
                                            socketBufferBytes: 131_072, warmupSeconds: 0.02, durationSeconds: 0.1, seed: 1)
                let result = IOExperiment.run(spec)
                for (kind, label) in [("native", "native"), ("para", "xen"), ("full", "vmware")] {
                    let row = result.rows.first { $0.variant == kind }
                    let bound = (row?.guestCPUUtilization ?? 0) > 0.98 ? "CPU-bound" : "link-bound"
                    out.append(Measurement(variant: label, metric: "mtu\(Int(mtu)).\(direction == "transmit" ? "tx" : "rx")_bandwidth",
                                           value: row?.throughput, unit: "Mb/s", note: "Model: \(bound)."))
                }
            }
        }
        return out
    }

    // MARK: M2

    static func m2() throws -> [Measurement] {
        let time = CloudSimMigrationModel().plan(MigrationRequest(memoryMB: 1024, linkBandwidthMbps: 1000)).totalSeconds
        return [
            Measurement(variant: "cloudsim", metric: "migration_time_1024mb_1gbps", value: time, unit: "s"),
            Measurement(variant: "cloudsim", metric: "migrating_guest_cpu_loss_percent", value: try measuredMigrationCpuLoss(), unit: "percent"),
        ]
    }

    /// Two CloudSim G5 hosts, two guests at a constant 30 % of 2500 MIPS placed apart; the first
    /// consolidation round evacuates one host, so one guest migrates. Returns the percentage of its
    /// requested CPU that the migrating guest did not get while it moved.
    static func measuredMigrationCpuLoss() throws -> Double? {
        let host = HostType(name: "g5", cores: 2, mipsPerCore: 2660, ramMB: 4096, bandwidthMbps: 1000,
                            power: .hpProLiantML110G5)
        let guests = (0..<2).map { GuestSpec(id: $0, name: "vm\($0)", kind: .para, mips: 2500, ramMB: 1024, utilization: .constant(0.3)) }
        let config = EngineConfig(hostTypes: [host], hostsPerType: [2], guests: guests,
                                  policies: PolicySpec(placement: "power-aware-best-fit-decreasing", overload: "thr", overloadParameter: 0.8,
                                                       selection: "mmt", underload: true),
                                  semantics: .cloudSimCompatible, horizon: 900, consolidationInterval: 300)
        let result = try ConsolidationEngine.run(config)
        guard let moved = result.guests.first(where: { $0.migrations == 1 }),
              result.metrics.meanTimeBeforeVMMigration.isFinite else { return nil }
        let requestedRate = 0.3 * 2500
        return 100 * (moved.requestedCpuSeconds - moved.allocatedCpuSeconds) / (requestedRate * result.metrics.meanTimeBeforeVMMigration)
    }
}
