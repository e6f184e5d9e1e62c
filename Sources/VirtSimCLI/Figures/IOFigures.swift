import IOModel
import VirtModel

/// The I/O figures of the `verify` catalogue: S2 (the seed's 10–20% full-virtualization I/O
/// loss), X1 (Barham et al. 2003 relative scores) and X2 (their ttcp bandwidths).
///
/// The expected bands below are TARGETS: they live only in this file and never feed the model.
/// Every simulated value comes from the cost model's mechanisms and the calibration inputs of
/// the hardware profile.
enum IOFigures {
    /// The seed scenario's I/O experiment (`scenarios/seed-io-overhead.json`, "io" block).
    ///
    /// Workload, fixed before looking at any loss: a database-like guest on the 2012 server with
    /// an NVMe-class SSD, one vCPU, one synchronous stream (queue depth 1) of 64 KiB random
    /// requests, 70% reads, and 80 µs of application CPU between requests. 80 µs is about the
    /// device's own service time for such a request (≈ 64 µs positioning + 23 µs transfer), so
    /// natively the guest's CPU and the device are each busy about half the time: "moderate,
    /// partly device-bound" in the plainest sense.
    static let seedSpec = IOExperimentSpec(
        hardware: "xeon-sandybridge-2012", kinds: ["native", "full", "para", "container"],
        workload: "fio", blockSizeBytes: 65536, readFraction: 0.7, sequential: false,
        queueDepth: 1, arrivalRate: 0, computeMicrosPerRequest: 80,
        requestsPerNotification: 1, guestCPUs: 1, hostCores: 1,
        warmupSeconds: 0.05, durationSeconds: 0.5, seed: 1)

    /// Sweep axes shown with S2 (block size × queue depth around the seed workload).
    static let sweepBlockSizes: [Double] = [4096, 16384, 65536, 262_144, 1_048_576]
    static let sweepQueueDepths: [Int] = [1, 2, 4, 8, 16, 32]

    static let barham = "Barham et al., SOSP 2003"
}

/// S2, X1 and X2 rows for `virtsim verify`.
func ioFigureChecks() -> [FigureCheck] {
    s2Checks() + x1Checks() + x2Checks()
}

// MARK: - S2

func s2Checks() -> [FigureCheck] {
    let result = IOExperiment.run(IOFigures.seedSpec)
    func loss(_ v: String) -> Double? {
        result.rows.first { $0.variant == v }?.throughputLossPercent
    }
    let scenario = "scenarios/seed-io-overhead.json"
    let citation = "Seed figure S2 (FIGURES.md §1): full virtualization loses 10-20% of I/O performance"
    let full = loss("full")
    let para = loss("para")
    let container = loss("container")
    var rows: [FigureCheck] = []
    let fullNote = "fio rand 64 KiB 70% read, qd 1, 80 µs app CPU/request on xeon-sandybridge-2012 (NVMe-class SSD); "
        + "emulated IDE: 9+3 trapping accesses per request, each an exit bounced to the user-space device model. "
        + missNote(full, low: 10, high: 20, unit: "%",
                   why: "the loss is the path's extra CPU per request (≈ 52 µs: traps ≈ 42 µs, device model, host stack, interrupt exits) over the native cycle (≈ 170 µs of compute + driver + device). The band holds where the device takes a larger share of each request: 256 KiB blocks at depth 1-2 give ≈ 18%, 1 MiB at depth 1 ≈ 9% (see the sweep); a device with fewer trapping accesses per request would also bring it down")
    rows.append(FigureCheck(figure: "S2", quantity: "full.io_throughput_loss", expectedLow: 10, expectedHigh: 20,
                            simulated: full, unit: "percent", citation: citation, scenario: scenario, note: fullNote))
    rows.append(FigureCheck(figure: "S2", quantity: "full_minus_para.io_throughput_loss", expectedLow: 0.1, expectedHigh: 100,
                            simulated: zip2(full, para, -), unit: "percentage points", citation: citation, scenario: scenario,
                            note: "para-virtual rings: one light exit per kick and per interrupt and an in-kernel back-end instead of 12 user-space exits; must lose less than full"))
    rows.append(FigureCheck(figure: "S2", quantity: "full_minus_container.io_throughput_loss", expectedLow: 0.1, expectedHigh: 100,
                            simulated: zip2(full, container, -), unit: "percentage points", citation: citation, scenario: scenario,
                            note: "containers use the host's native path plus block-cgroup accounting; must lose less than full"))
    rows.append(FigureCheck(figure: "S2", quantity: "para_minus_container.io_throughput_loss", expectedLow: 0, expectedHigh: 100,
                            simulated: zip2(para, container, -), unit: "percentage points", citation: citation, scenario: scenario,
                            note: "the seed's order full > para > container: para pays notifications, interrupt exits and a second (host) block stack that a container does not"))
    return rows
}

// MARK: - X1

/// Barham et al. 2003 Fig. 3, relative score vs native Linux: (benchmark profile, Xen, VMware).
private let x1Published: [(profile: String, xen: Double, vmware: Double)] = [
    ("x1-spec-int2000", 1.000, 0.977),
    ("x1-linux-build", 0.970, 0.787),
    ("x1-osdb-ir", 0.919, 0.465),
    ("x1-osdb-oltp", 0.953, 0.116),
    ("x1-dbench", 0.957, 0.742),
    ("x1-specweb99", 0.992, 0.290),
]

func x1Checks() -> [FigureCheck] {
    let profile = HardwareProfile.dell2650_2003
    let model = CostModel(profile: profile)
    let tolerance = 0.05
    let why = "Tolerance ±0.05 (5% of native throughput): Fig. 3 bars are read to ±0.01 and the lmbench per-operation costs are measured, but each benchmark's operation rates are estimates from what the benchmark does (see the profile's rationale), so only the overhead's size, not its last percent, is claimed. "
        + "Score = 1 / (1 + extra CPU per CPU-second): the benchmarks ran CPU-bound on one CPU."
    var rows: [FigureCheck] = []
    for entry in x1Published {
        guard let ops = OperationProfile.named(entry.profile) else { continue }
        for (kind, label, published) in [(GuestKind.para, "xen", entry.xen), (.full, "vmware", entry.vmware)] {
            let o = model.overhead(kind: kind, operations: ops)
            let score = 1 / (1 + o.cpuFraction)
            let top = o.components.sorted { $0.cpuFraction > $1.cpuFraction }.prefix(2)
                .map { "\($0.operation) \(fmt(100 * $0.cpuFraction))%" }.joined(separator: ", ")
            let note = why + " Largest overheads: \(top). "
                + missNote(score, low: published - tolerance, high: published + tolerance, unit: "",
                           why: x1MissReason(label: label, profile: entry.profile))
            rows.append(FigureCheck(
                figure: "X1", quantity: "\(label).\(entry.profile.dropFirst(3)).relative_score",
                expectedLow: max(0, published - tolerance), expectedHigh: published + tolerance,
                simulated: score, unit: "ratio to native", citation: "\(IOFigures.barham), Fig. 3 (published \(published))",
                scenario: "built-in: CostModel(dell2650-2003) × OperationProfile \(entry.profile)", note: note))
        }
    }
    return rows
}

private func x1MissReason(label: String, profile: String) -> String {
    if label == "vmware" {
        return "VMware Workstation 3.2's database and web losses (OLTP 0.116, SPECweb 0.290) are far beyond what lmbench's per-operation costs times plausible operation rates give; the model lacks what those runs also paid (shadow page-table rebuilds on every switch between large processes, host-scheduler interference of the hosted VMM, disk writes through the host file system and its caching), so it overestimates VMware's score"
    }
    return "Xen's remaining losses come from paths the model charges lightly (page flipping, event delivery) or from operation-rate estimates; the miss says by how much"
}

// MARK: - X2

/// Barham et al. 2003 Table 6, ttcp Mb/s: (variant, MTU, TX, RX).
private let x2Published: [(kind: GuestKind, label: String, mtu: Double, tx: Double, rx: Double)] = [
    (.native, "native", 1500, 897, 897), (.para, "xen", 1500, 897, 897), (.full, "vmware", 1500, 291, 615),
    (.native, "native", 500, 602, 544), (.para, "xen", 500, 516, 467), (.full, "vmware", 500, 101, 137),
]

func x2Checks() -> [FigureCheck] {
    let tolerance = 0.15
    let why = "Tolerance ±15%: link-bound rows depend only on header arithmetic and line rate (the measured 897 Mb/s sits ~5% under the 941 Mb/s TCP goodput the model gives, NIC/driver inefficiency it does not model); CPU-bound rows depend on per-packet CPU inputs that are assumptions (the '1 GHz per 1 Gb/s' rule, a clock-scaled world switch) good to tens of percent. "
    var rows: [FigureCheck] = []
    for mtu in [1500.0, 500.0] {
        for direction in ["transmit", "receive"] {
            let spec = IOExperimentSpec(hardware: "dell2650-2003", kinds: ["native", "full", "para"],
                                        workload: "netperf-stream", mtuBytes: mtu, direction: direction,
                                        socketBufferBytes: 131_072, warmupSeconds: 0.02, durationSeconds: 0.1, seed: 1)
            let result = IOExperiment.run(spec)
            for entry in x2Published where entry.mtu == mtu {
                let published = direction == "transmit" ? entry.tx : entry.rx
                let simulated = result.rows.first { $0.variant == entry.kind.rawValue }?.throughput
                let bound = (result.rows.first { $0.variant == entry.kind.rawValue }?.guestCPUUtilization ?? 0) > 0.98 ? "CPU-bound" : "link-bound"
                let note = why + "Model: \(bound). " + missNote(simulated, low: published * (1 - tolerance), high: published * (1 + tolerance), unit: " Mb/s",
                    why: x2MissReason(label: entry.label, mtu: mtu, direction: direction))
                rows.append(FigureCheck(
                    figure: "X2", quantity: "\(entry.label).mtu\(Int(mtu)).\(direction == "transmit" ? "tx" : "rx")_bandwidth",
                    expectedLow: published * (1 - tolerance), expectedHigh: published * (1 + tolerance),
                    simulated: simulated, unit: "Mb/s", citation: "\(IOFigures.barham), Table 6 (published \(Int(published)))",
                    scenario: "built-in: netperf-stream on dell2650-2003, 128 kB socket buffer", note: note))
            }
        }
    }
    return rows
}

private func x2MissReason(label: String, mtu: Double, direction: String) -> String {
    switch (label, mtu) {
    case ("native", 500):
        return "native at MTU 500 was CPU-bound on the real machine; the per-packet cost taken from the '1 cycle per bit at MTU 1500' rule (3.4 µs + copy) is too low for small packets, whose fixed costs (interrupts, ACKs, per-packet driver work) the rule averages away"
    case ("vmware", _):
        return "the emulated Lance path is costed from Sugerman et al. 2001 scaled by clock from a 733 MHz Pentium III; NetBurst's costlier privileged operations make the world switches dearer than that scaling. The model does get the direction of the asymmetry (transmit dearer: 12 trapping accesses and an extra world-switch round trip per packet) but too little cost per packet"
    default:
        return "per-packet CPU inputs are assumptions; see the hardware profile's citations"
    }
}

// MARK: - Helpers

/// "Model gives X (in band)" or "Model gives X, published band [lo, hi]: off by Y (Z%) because ...".
private func missNote(_ value: Double?, low: Double, high: Double, unit: String, why: String) -> String {
    guard let v = value else { return "No value was produced." }
    if v >= low && v <= high { return "Model gives \(fmt(v))\(unit): inside [\(fmt(low)), \(fmt(high))]." }
    let edge = v < low ? low : high
    let mid = (low + high) / 2
    let rel = mid != 0 ? 100 * (v - mid) / mid : 0
    return "MISS: model gives \(fmt(v))\(unit), outside [\(fmt(low)), \(fmt(high))] by \(fmt(abs(v - edge)))\(unit) (\(rel >= 0 ? "+" : "")\(fmt(rel))% vs the band's centre). Why: \(why)."
}

private func zip2(_ a: Double?, _ b: Double?, _ f: (Double, Double) -> Double) -> Double? {
    guard let a, let b else { return nil }
    return f(a, b)
}

private func fmt(_ v: Double) -> String {
    let scaled = (v * 1000).rounded() / 1000
    return "\(scaled)"
}
