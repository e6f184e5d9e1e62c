import Testing
import IOModel
import VirtModel

/// Request-level I/O: each path's loss and latency come out of its mechanisms and move the way
/// physics says when an input changes.
@Suite("Request-level I/O paths")
struct IOPathTests {
    static let modern = HardwareProfile.named("xeon-sandybridge-2012")!

    /// I/O-bound: 4 KiB random reads, four outstanding, no application work.
    static func ioBound(_ kinds: [String] = ["native", "full", "para", "container"]) -> IOExperimentSpec {
        IOExperimentSpec(hardware: "xeon-sandybridge-2012", kinds: kinds, workload: "fio",
                         blockSizeBytes: 4096, readFraction: 1, queueDepth: 4,
                         warmupSeconds: 0.005, durationSeconds: 0.03, seed: 7)
    }

    static func row(_ r: IOExperimentResult, _ kind: String) -> IOResultRow {
        r.rows.first { $0.variant == kind }!
    }

    @Test("on an I/O-bound workload the lighter path loses less throughput and less latency",
          arguments: [("native", "container"), ("container", "para"), ("para", "full")])
    func ordering(lighter: String, heavier: String) {
        let r = IOExperiment.run(Self.ioBound())
        let a = Self.row(r, lighter), b = Self.row(r, heavier)
        #expect(a.throughputLossPercent < b.throughputLossPercent)
        #expect(a.meanLatencyMicros < b.meanLatencyMicros)
        #expect(a.totalCPUMicrosPerRequest < b.totalCPUMicrosPerRequest)
    }

    @Test("the summary has loss and mean latency for every requested kind; native loses nothing")
    func summaryShape() {
        let r = IOExperiment.run(Self.ioBound())
        for kind in ["native", "full", "para", "container"] {
            #expect(r.summary.contains { $0.variant == kind && $0.value.name == "io_throughput_loss" && $0.value.unit == "percent" })
            #expect(r.summary.contains { $0.variant == kind && $0.value.name == "io_latency_mean" && $0.value.unit == "us" })
        }
        #expect(r.summary.first { $0.variant == "native" && $0.value.name == "io_throughput_loss" }?.value.value == 0)
        #expect(r.rows.map(\.variant) == ["native", "full", "para", "container"])
    }

    @Test("a faster VM exit lowers full virtualization's loss")
    func fasterExit() {
        var slow = Self.modern
        slow.exitRoundTripCycles = Cited(3963, "Agesen 2012, Prescott")
        var fast = Self.modern
        fast.exitRoundTripCycles = Cited(761, "Agesen 2012, Westmere")
        let spec = Self.ioBound(["native", "full"])
        let lossSlow = Self.row(IOExperiment.run(spec, profile: slow), "full").throughputLossPercent
        let lossFast = Self.row(IOExperiment.run(spec, profile: fast), "full").throughputLossPercent
        #expect(lossFast < lossSlow)
    }

    @Test("more trapping register accesses per request raise full virtualization's loss",
          arguments: [3.0, 9.0, 18.0])
    func moreTraps(traps: Double) {
        // AHCI accepts 32 commands at once, so the vCPU (not a one-command IDE channel) limits.
        let ahci = Self.modern.withEmulatedDisk(.ahci)
        var fewer = ahci
        fewer.emulatedDisk.trapsPerSubmit = Cited(traps, "test")
        var more = ahci
        more.emulatedDisk.trapsPerSubmit = Cited(traps * 2, "test")
        let spec = Self.ioBound(["native", "full"])
        let a = Self.row(IOExperiment.run(spec, profile: fewer), "full")
        let b = Self.row(IOExperiment.run(spec, profile: more), "full")
        #expect(b.throughputLossPercent > a.throughputLossPercent)
        #expect(b.meanLatencyMicros > a.meanLatencyMicros)
    }

    @Test("larger blocks shrink the loss: the device's transfer time dilutes the fixed path cost",
          arguments: ["full", "para"])
    func largerBlocks(kind: String) {
        func loss(_ bytes: Double) -> Double {
            var spec = Self.ioBound(["native", kind])
            spec.blockSizeBytes = bytes
            spec.queueDepth = 1
            return Self.row(IOExperiment.run(spec), kind).throughputLossPercent
        }
        let small = loss(4096), large = loss(1_048_576)
        #expect(large < small)
        #expect(large >= 0)
    }

    @Test("a CPU-bound path loses throughput: the emulated path saturates the vCPU while native does not")
    func cpuBoundPathLosesThroughput() {
        var spec = Self.ioBound(["native", "full"])
        spec.queueDepth = 16
        let r = IOExperiment.run(spec)
        #expect(Self.row(r, "full").guestCPUUtilization > 0.95)
        #expect(Self.row(r, "native").guestCPUUtilization < 0.9)
        #expect(Self.row(r, "full").throughputLossPercent > 50)
    }

    @Test("a device-bound open-loop load keeps its throughput and loses latency instead")
    func deviceBoundLosesLatency() {
        var spec = Self.ioBound(["native", "full", "para"])
        spec.arrivalRate = 5_000          // far below every path's capacity
        spec.durationSeconds = 0.2
        let r = IOExperiment.run(spec)
        for kind in ["full", "para"] {
            #expect(abs(Self.row(r, kind).throughputLossPercent) < 5)
            #expect(Self.row(r, kind).meanLatencyMicros > Self.row(r, "native").meanLatencyMicros)
        }
    }

    @Test("a link-bound stream delivers the TCP goodput of the wire: payload / (payload + 90 bytes)")
    func linkBoundStream() {
        let spec = IOExperimentSpec(hardware: "dell2650-2003", kinds: ["native"], workload: "netperf-stream",
                                    mtuBytes: 1500, direction: "transmit", warmupSeconds: 0.005, durationSeconds: 0.02)
        let native = Self.row(IOExperiment.run(spec), "native")
        let expected = 1000 * 1448 / (1448 + 90.0)
        #expect(abs(native.throughput - expected) / expected < 0.01)
    }

    @Test("request/response transactions are slower through heavier paths")
    func requestResponse() {
        let spec = IOExperimentSpec(kinds: ["native", "full", "para"], workload: "netperf-rr", queueDepth: 1,
                                    warmupSeconds: 0.002, durationSeconds: 0.02)
        let r = IOExperiment.run(spec)
        #expect(Self.row(r, "native").throughput > Self.row(r, "para").throughput)
        #expect(Self.row(r, "para").throughput > Self.row(r, "full").throughput)
        #expect(Self.row(r, "native").throughputUnit == "transactions/s")
    }

    @Test("same seed, same results; another seed, other draws")
    func determinism() {
        let a = IOExperiment.run(Self.ioBound())
        let b = IOExperiment.run(Self.ioBound())
        for (x, y) in zip(a.rows, b.rows) {
            #expect(x.throughput == y.throughput)
            #expect(x.meanLatencyMicros == y.meanLatencyMicros)
            #expect(x.p99LatencyMicros == y.p99LatencyMicros)
            #expect(x.requests == y.requests)
        }
        var other = Self.ioBound()
        other.seed = 8
        let c = IOExperiment.run(other)
        #expect(zip(a.rows, c.rows).contains { $0.meanLatencyMicros != $1.meanLatencyMicros })
    }

    @Test("invalid specs are reported property by property")
    func validation() {
        var spec = IOExperimentSpec()
        spec.hardware = "pdp-11"
        spec.kinds = ["native", "hologram"]
        spec.queueDepth = 0
        spec.workload = "fax"
        let props = spec.validate().map(\.property)
        #expect(props.contains("hardware"))
        #expect(props.contains("kinds[1]"))
        #expect(props.contains("queueDepth"))
        #expect(props.contains("workload"))
        #expect(IOExperimentSpec().validate().isEmpty)
    }

    @Test("the sweep covers every cell and shows the loss shrinking with block size at depth 1")
    func sweep() {
        var spec = Self.ioBound(["full"])
        spec.durationSeconds = 0.01
        let rows = IOExperiment.sweep(spec, blockSizes: [4096, 262_144], queueDepths: [1, 8])
        #expect(rows.count == 4)
        let small = rows.first { $0.blockSizeBytes == 4096 && $0.queueDepth == 1 }!
        let large = rows.first { $0.blockSizeBytes == 262_144 && $0.queueDepth == 1 }!
        #expect(large.throughputLossPercent < small.throughputLossPercent)
    }
}
