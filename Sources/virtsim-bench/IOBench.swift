import IOModel
import VirtModel

/// Request-level I/O benchmark: simulated requests (and events) per second of wall time on one
/// core, for the four paths on an I/O-bound fio workload. Run in release.
enum IOBench {
    static func run() -> [(name: String, value: Double, unit: String)] {
        // I/O-bound: 4 KiB random reads, 32 outstanding, no application work, on the NVMe
        // profile; ~1.3 M simulated requests over the four variants.
        let spec = IOExperimentSpec(hardware: "xeon-sandybridge-2012", kinds: ["native", "full", "para", "container"],
                                    workload: "fio", blockSizeBytes: 4096, readFraction: 0.7, queueDepth: 32,
                                    warmupSeconds: 0.01, durationSeconds: 0.5, seed: 1)
        _ = IOExperiment.run(IOExperimentSpec(durationSeconds: 0.01))   // warm caches and allocators
        let clock = ContinuousClock()
        var result: IOExperimentResult?
        let elapsed = clock.measure { result = IOExperiment.run(spec) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let r = result!
        return [
            ("io.simulated_requests", Double(r.simulatedRequests), "requests"),
            ("io.requests_per_second", Double(r.simulatedRequests) / seconds, "requests/s"),
            ("io.events_per_second", Double(r.simulatedEvents) / seconds, "events/s"),
            ("io.wall_seconds", seconds, "s"),
        ]
    }
}
