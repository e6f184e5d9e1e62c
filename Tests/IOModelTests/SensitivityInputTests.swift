import Testing
import IOModel
import VirtModel

/// The sensitivity rows behind figure X1's and X2's remaining misses: an application profile's
/// estimated rates (`operations`) and the native per-packet cost (`inputs.nicPacketMicros`) set
/// by a scenario, each checked and each moving the result the way its mechanism says.
@Suite("Sensitivity inputs for X1 and X2")
struct SensitivityInputTests {
    static func row(_ spec: IOExperimentSpec, _ kind: String) -> IOResultRow {
        IOExperiment.run(spec).rows.first { $0.variant == kind }!
    }

    @Test("operations: every problem at once, with its property")
    func operationsValidation() {
        var spec = IOExperimentSpec(hardware: "dell2650-2003", workload: "application", application: "x1-osdb-ir")
        spec.operations = ["pageFaults": -1, "kernelFraction": 1.5, "requestsPerNotification": 0.5, "diskRequestBytes": 0, "warp": 2]
        let problems = Set(spec.validate().map(\.property))
        for p in ["operations.pageFaults", "operations.kernelFraction", "operations.requestsPerNotification",
                  "operations.diskRequestBytes", "operations.warp"] {
            #expect(problems.contains(p), "missing \(p)")
        }
        spec.operations = ["diskRequests": 0]   // x1-osdb-ir has no packets: no I/O left
        #expect(spec.validate().map(\.property) == ["operations"])
        spec.operations = ["pageFaults": 30_000, "requestsPerNotification": 4]
        #expect(spec.validate().isEmpty)
        #expect(spec.applicationProfile?.pageFaults == 30_000)
        #expect(spec.applicationProfile?.requestsPerNotification == 4)
        #expect(spec.workloadDescription.contains("pageFaults=30000"))
        spec.workload = "fio"
        #expect(spec.validate().map(\.property) == ["operations"])
    }

    @Test("More guest page faults cost Xen and VMware more, native nothing (lab-guest-page-faults)")
    func pageFaultsMoveTheLoss() {
        func losses(_ faults: Double) -> (para: Double, full: Double) {
            var spec = IOExperimentSpec(hardware: "dell2650-2003", kinds: ["native", "para", "full"], workload: "application",
                                        application: "x1-osdb-ir", queueDepth: 4, warmupSeconds: 0.5, durationSeconds: 4)
            spec.operations = ["pageFaults": faults]
            return (Self.row(spec, "para").throughputLossPercent, Self.row(spec, "full").throughputLossPercent)
        }
        let few = losses(1_000), many = losses(60_000)
        #expect(few.para < 2)
        // Xen's extra 1.31 µs per fault (lmbench 2.73 − 1.42) × 59,000 more faults ≈ 7.7 % of a CPU-second.
        #expect(many.para > few.para + 5)
        #expect(many.full > few.full + 5)
    }

    @Test("Batching Xen's notifications lowers its per-packet cost (lab-xen-notification-batching)")
    func batchingLowersXenLoss() {
        func loss(_ batch: Double) -> Double {
            var spec = IOExperimentSpec(hardware: "dell2650-2003", kinds: ["native", "para"], workload: "application",
                                        application: "x1-specweb99", queueDepth: 32, warmupSeconds: 0.05, durationSeconds: 0.2)
            spec.operations = ["requestsPerNotification": batch]
            return Self.row(spec, "para").throughputLossPercent
        }
        #expect(loss(8) < loss(1) - 2)
    }

    @Test("A dearer native packet makes MTU 500 CPU-bound and leaves MTU 1500 on the wire (lab-packet-cost)",
          arguments: ["transmit", "receive"])
    func packetCost(direction: String) {
        func native(_ mtu: Double, _ micros: Double?) -> Double {
            var spec = IOExperimentSpec(hardware: "dell2650-2003", kinds: ["native"], workload: "netperf-stream",
                                        mtuBytes: mtu, direction: direction, warmupSeconds: 0.02, durationSeconds: 0.05)
            if let m = micros { spec.inputs = ["nicPacketMicros": m] }
            #expect(spec.validate().isEmpty)
            return Self.row(spec, "native").throughput
        }
        let wire500 = native(500, nil), cpu500 = native(500, 6.5)
        // 448-byte payloads: 6.5 µs + 0.45 µs copy per packet ≈ 516 Mb/s on one CPU.
        #expect(cpu500 < 0.7 * wire500)
        #expect(abs(cpu500 - 448 * 8 / 6.948) < 15)
        #expect(abs(native(1500, 6.5) - native(1500, nil)) < 1)
    }
}
