import Scenario
import SimKernel
import VirtModel

/// The workloads of a consolidation study, generated once and shared by every variant so that
/// the variants differ only in how the workloads are hosted.
struct Fleet {
    /// Per-workload application memory (MB), excluding any guest OS.
    var appMemoryMB: [Double]
    /// Samples per workload (fraction of one server), `sampleCount` each, one buffer.
    var samples: [Float]
    var sampleCount: Int

    /// Mean of all samples: the fleet's average demand as a fraction of one server.
    var meanDemand: Double {
        samples.reduce(0.0) { $0 + Double($1) } / Double(max(samples.count, 1))
    }

    /// Each draw comes from its own named stream, so a workload's series does not change when
    /// the fleet grows or another component draws more numbers.
    init(_ fleet: FleetConfig, sampleCount: Int, sampleSeconds: Double, streams: RandomStreams) {
        self.sampleCount = sampleCount
        var meanRNG = streams.stream("fleet.mean")
        var memoryRNG = streams.stream("fleet.memory")
        let drawnMeans = (0..<fleet.servers).map { _ in fleet.meanDistribution.sample(&meanRNG) }
        appMemoryMB = (0..<fleet.servers).map { _ in fleet.appMemoryMB.sample(&memoryRNG) }
        samples = []
        samples.reserveCapacity(fleet.servers * sampleCount)
        for i in 0..<fleet.servers {
            var rng = streams.stream("fleet.series.\(i)")
            let workload = SyntheticWorkload(mean: drawnMeans[i], components: fleet.components)
            samples += workload.samples(count: sampleCount, interval: sampleSeconds, rng: &rng)
        }
    }
}
