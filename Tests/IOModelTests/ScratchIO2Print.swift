import Testing
import IOModel
import VirtModel

@Suite("scratch io2") struct ScratchIO2 {
    @Test func printS2() {
        for dev in ["ide", "ahci", "lsi-logic"] {
            var spec = IOExperimentSpec(
                hardware: "xeon-sandybridge-2012", kinds: ["native", "full", "para", "container"],
                workload: "fio", blockSizeBytes: 65536, readFraction: 0.7, sequential: false,
                queueDepth: 1, arrivalRate: 0, computeMicrosPerRequest: 80,
                requestsPerNotification: 1, guestCPUs: 1, hostCores: 1,
                warmupSeconds: 0.05, durationSeconds: 0.5, seed: 1)
            spec.fullDiskDevice = dev
            let r = IOExperiment.run(spec)
            for row in r.rows {
                print("S2 \(dev) \(row.variant) \(row.path) MB/s=\(row.throughput) loss=\(row.throughputLossPercent) mean=\(row.meanLatencyMicros) p99=\(row.p99LatencyMicros) cpu=\(row.totalCPUMicrosPerRequest) ev/req=\(Double(r.simulatedEvents)/Double(r.simulatedRequests))")
            }
        }
    }
}
