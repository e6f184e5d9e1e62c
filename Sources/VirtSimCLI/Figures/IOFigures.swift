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
    ///
    /// Emulated disk: the seed names VMware ESXi and Hyper-V as its full-virtualization examples.
    /// ESXi gives Linux guests an emulated LSI Logic (Fusion-MPT) controller by default; Hyper-V
    /// emulates IDE only to boot and moves disk I/O to its synthetic (para-virtual) VMBus path
    /// once the guest's integration drivers load. So the seed's full virtualization with an
    /// emulated device is the LSI Logic message interface (QEMU emulates the same controller as
    /// `mptsas1068`), each access still priced as a KVM exit to the user-space device model.
    /// IDE and AHCI stay available (`fullDiskDevice`) and appear in the sweep.
    static let seedSpec = IOExperimentSpec(
        hardware: "xeon-sandybridge-2012", kinds: ["native", "full", "para", "container"],
        fullDiskDevice: "lsi-logic", workload: "fio", blockSizeBytes: 65536, readFraction: 0.7, sequential: false,
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
    let citation = "Seed figure S2: full virtualization loses 10-20% of I/O performance"
    let full = loss("full")
    let para = loss("para")
    let container = loss("container")
    // The other emulated controllers on the same workload, for the note (full only).
    func otherDevice(_ device: String) -> String {
        var spec = IOFigures.seedSpec
        spec.kinds = ["native", "full"]
        spec.fullDiskDevice = device
        guard let v = IOExperiment.run(spec).rows.first(where: { $0.variant == "full" })?.throughputLossPercent else { return "n/a" }
        return "\(fmt(v))%"
    }
    var rows: [FigureCheck] = []
    let fullNote = "fio rand 64 KiB 70% read, qd 1, 80 µs app CPU/request on xeon-sandybridge-2012 (NVMe-class SSD); "
        + "emulated LSI Logic Fusion-MPT (the seed's ESXi example): 1 request-FIFO write + 2 reply-FIFO reads per request, each a KVM exit to the user-space device model; "
        + "the same run with emulated AHCI (2 + 5 accesses) loses \(otherDevice("ahci")), with legacy IDE (18 + 8 accesses, one command per channel) \(otherDevice("ide")). "
        + missNote(full, low: 10, high: 20, unit: "%",
                   why: "the loss is the path's extra CPU per request (traps, device model, host block stack, interrupt exits) over the native cycle (≈ 170 µs of compute + driver + device); see the sweep for where it grows")
    rows.append(FigureCheck(figure: "S2", quantity: "full.io_throughput_loss", expectedLow: 10, expectedHigh: 20,
                            simulated: full, unit: "percent", citation: citation, scenario: scenario, note: fullNote))
    rows.append(FigureCheck(figure: "S2", quantity: "full_minus_para.io_throughput_loss", expectedLow: 0.1, expectedHigh: 100,
                            simulated: zip2(full, para, -), unit: "percentage points", citation: citation, scenario: scenario,
                            note: "para-virtual rings: one light exit per kick and per interrupt and an in-kernel back-end instead of 3 user-space exits plus device-model work; must lose less than full"))
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
        + "Score = 1 / (1 + extra CPU per CPU-second): the benchmarks ran CPU-bound on one CPU. "
        + "VMware's extra CPU includes its guest kernel running under binary translation (1.62× slower, from Barham's own lmbench rows) on the share of kernel time not costed per operation."
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
    switch (label, profile) {
    case ("vmware", "x1-osdb-ir"), ("vmware", "x1-osdb-oltp"):
        return "measured per-operation costs (lmbench), translated kernel code and world switches per disk request add up to ≈ 0.2-0.5 s of CPU per CPU-second, not the 1.2 (IR) or 7.6 (OLTP) that the published scores imply. Barham et al. attribute the loss to OLTP's 'many synchronous disk operations, resulting in many protection domain transitions'. A mechanism of that size would be the hosted VMM performing each disk I/O synchronously in the host (the virtual CPU stalled for the whole disk access, ~8 ms on this 10k RPM disk: 600 requests/s × 8 ms ≈ 4.8 s/s for OLTP); that is a hypothesis the model does not include because no source at hand documents it"
    case ("vmware", "x1-dbench"):
        return "the score hinges on dbench's kernel-time share (70% assumed: a single client issuing file-system calls) times the 1.62× translation slowdown; 50% would give ≈ 0.70. The operation rates are estimates, not measurements"
    case ("vmware", "x1-specweb99"):
        return "the web server's loss is dominated by its ~50k packets/s through the emulated Lance NIC, each paying world switches (Sugerman 2001 scaled to NetBurst) and host forwarding; packets per request and the per-packet world-switch count are estimates"
    case ("vmware", _):
        return "operation rates are estimates from what the benchmark does; see the profile's rationale"
    case ("xen", "x1-specweb99"):
        return "every packet is charged one hypercall, one event and a ring service of ~1 µs plus a 1 µs page flip on receive, with no batching (requestsPerNotification = 1); Barham et al. §3.2 batch requests per hypercall and responses per event, which at 50k packets/s the model does not exploit"
    default:
        return "Xen's remaining loss (lmbench's extra costs of switches and faults) is smaller than measured; the difference is not explained by the operations the profile lists"
    }
}

// MARK: - X2

/// Barham et al. 2003 Table 6, ttcp Mb/s: (variant, MTU, TX, RX).
private let x2Published: [(kind: GuestKind, label: String, mtu: Double, tx: Double, rx: Double)] = [
    (.native, "native", 1500, 897, 897), (.para, "xen", 1500, 897, 897), (.full, "vmware", 1500, 291, 615),
    (.native, "native", 500, 602, 544), (.para, "xen", 500, 516, 467), (.full, "vmware", 500, 101, 137),
]

func x2Checks() -> [FigureCheck] {
    let tolerance = 0.15
    let why = "Tolerance ±15%: link-bound rows depend only on header arithmetic and line rate (the measured 897 Mb/s sits ~5% under the 941 Mb/s TCP goodput the model gives, NIC/driver inefficiency it does not model); CPU-bound rows depend on per-packet CPU inputs good to tens of percent (the native per-packet cost is still the '1 GHz per 1 Gb/s' rule: no per-packet measurement of 2003-class Linux TCP was retrievable; the world switch is Sugerman 2001's scaled to NetBurst by Adams & Agesen's P4/Core 2 state-switch ratios). "
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
        return "native at MTU 500 was CPU-bound on the real machine (≈ 6 µs per packet); the model's per-packet cost from the '1 cycle per bit at MTU 1500' rule (3.4 µs + copy, 90% of the CPU at line rate) leaves it link-bound. Foong et al., ISPASS 2003 report that the rule no longer holds on Linux 2.4, but only their abstract was available, so the input was not replaced"
    case ("vmware", _):
        return "receive is charged one world-switch round trip per packet (no batching of received packets per switch) and the guest's translated stack; the published receive rate is twice the transmit rate, which suggests the hosted VMM delivered several received packets per world switch, a batching the model does not assume"
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
