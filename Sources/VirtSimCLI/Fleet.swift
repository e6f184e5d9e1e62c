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

    /// Number of workloads.
    var count: Int { appMemoryMB.count }

    /// The fleet's workloads: synthetic, or read from its trace (`fromTrace`).
    static func make(_ fleet: FleetConfig, sampleCount: Int, sampleSeconds: Double, streams: RandomStreams) throws -> Fleet {
        if let trace = fleet.trace {
            return try Fleet(trace: trace, fleet, sampleCount: sampleCount, sampleSeconds: sampleSeconds, streams: streams)
        }
        return Fleet(fleet, sampleCount: sampleCount, sampleSeconds: sampleSeconds, streams: streams)
    }

    /// The workloads of one sized guest type: `type.count` series, fractions of the guest's vCPUs,
    /// each guest of memory `type.memoryMB`. Synthetic series draw from streams named after the
    /// type (`guests.<type>.…`), so adding a type leaves the others' series as they were. A trace
    /// with fewer guests than `count` is used round-robin (guest i takes trace guest i mod n).
    static func make(guestType type: GuestTypeConfig, sampleCount: Int, sampleSeconds: Double, streams: RandomStreams) throws -> Fleet {
        var fleet: Fleet
        if let trace = type.workload.trace {
            var config = type.workload
            config.appMemoryMB = EmpiricalDistribution(points: [(type.memoryMB, 0), (type.memoryMB, 1)])
            fleet = try Fleet(trace: trace, config, sampleCount: sampleCount, sampleSeconds: sampleSeconds, streams: streams)
            let n = fleet.count
            if n < type.count {
                let one = fleet.samples
                fleet.samples = []
                fleet.samples.reserveCapacity(type.count * sampleCount)
                for i in 0..<type.count { fleet.samples += one[(i % n) * sampleCount..<(i % n + 1) * sampleCount] }
            }
        } else {
            fleet = Fleet(type.workload, sampleCount: sampleCount, sampleSeconds: sampleSeconds, streams: streams,
                          streamPrefix: "guests.\(type.name)", memoryMB: type.memoryMB)
        }
        fleet.appMemoryMB = Array(repeating: type.memoryMB, count: type.count)
        return fleet
    }

    /// A measured fleet: the first `fleet.servers` guests of the trace (all when 0), each guest's
    /// CPU put on the study's sample grid by `UtilizationTrace.resampled` (time 0 = the trace's
    /// first sample; time-weighted means per step; 0 outside the guest's samples). Until guests
    /// have sizes, a trace's CPU fraction is taken as a fraction of one host of the study's type.
    /// Memory: the guest's peak memory in use when the trace has it, else drawn from
    /// `fleet.appMemoryMB`. Throws `InputError` naming the file and line of a bad trace.
    init(trace source: TraceSource, _ fleet: FleetConfig, sampleCount: Int, sampleSeconds: Double, streams: RandomStreams) throws {
        let trace: UtilizationTrace
        do {
            trace = try TraceReaders.read(format: source.format, path: source.path, limit: fleet.servers > 0 ? fleet.servers : nil)
        } catch {
            throw InputError(message: "trace: \(error)")
        }
        guard !trace.guests.isEmpty else { throw InputError(message: "trace: \(source.path): no guests with samples") }
        self.sampleCount = sampleCount
        var memoryRNG = streams.stream("fleet.memory")
        appMemoryMB = []
        samples = []
        samples.reserveCapacity(trace.guests.count * sampleCount)
        for g in trace.guests {
            if let peak = g.peakMemoryMB {
                appMemoryMB.append(peak)
            } else if let distribution = fleet.appMemoryMB {
                appMemoryMB.append(distribution.sample(&memoryRNG))
            } else {
                throw InputError(message: "trace: \(source.path) has no memory column; give fleet.appMemoryMB")
            }
            samples += trace.resampled(g, step: sampleSeconds, count: sampleCount).map { Float($0) }
        }
    }

    /// Each draw comes from its own named stream, so a workload's series does not change when
    /// the fleet grows or another component draws more numbers.
    /// `memoryMB`: every workload's memory (sized guests), instead of draws from `fleet.appMemoryMB`.
    init(_ fleet: FleetConfig, sampleCount: Int, sampleSeconds: Double, streams: RandomStreams,
         streamPrefix: String = "fleet", memoryMB: Double? = nil) {
        self.sampleCount = sampleCount
        var meanRNG = streams.stream("\(streamPrefix).mean")
        var memoryRNG = streams.stream("\(streamPrefix).memory")
        let drawnMeans = (0..<fleet.servers).map { _ in fleet.meanDistribution!.sample(&meanRNG) }
        appMemoryMB = (0..<fleet.servers).map { _ in memoryMB ?? fleet.appMemoryMB!.sample(&memoryRNG) }
        samples = []
        samples.reserveCapacity(fleet.servers * sampleCount)
        for i in 0..<fleet.servers {
            var rng = streams.stream("\(streamPrefix).series.\(i)")
            let workload = SyntheticWorkload(mean: drawnMeans[i], components: fleet.components)
            samples += workload.samples(count: sampleCount, interval: sampleSeconds, rng: &rng)
        }
    }
}
