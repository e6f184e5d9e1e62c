import Consolidation
import SimKernel
import VirtModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Small datacenters for the engine specifications.
enum Fixture {
    /// The two CloudSim PlanetLab host types (reference §3.1).
    static func hostTypes() -> [HostType] {
        [
            HostType(name: "G4", cores: 2, mipsPerCore: 1860, ramMB: 4096, bandwidthMbps: 1000,
                     power: .hpProLiantML110G4),
            HostType(name: "G5", cores: 2, mipsPerCore: 2660, ramMB: 4096, bandwidthMbps: 1000,
                     power: .hpProLiantML110G5),
        ]
    }

    /// `guests` guests with seeded bursty diurnal traces of `samples` 5-minute samples in one buffer.
    static func guests(_ count: Int, samples: Int, seed: UInt64, mean: Double = 0.3,
                       ramMB: Double = 256, mips: Double = 1000) -> [GuestSpec] {
        var rng = RandomStreams(seed: seed).stream("fixture/traces")
        var values: [Float] = []
        values.reserveCapacity(count * samples)
        for g in 0..<count {
            let phase = rng.nextUnit() * Double(samples)
            for k in 0..<samples {
                let base = mean * (1 + 0.6 * sin(2 * Double.pi * (Double(k) + phase) / Double(samples)))
                let burst = rng.nextUnit() < 0.05 ? 0.5 : 0
                let v = min(1, max(0, base + burst + 0.1 * (rng.nextUnit() - 0.5)))
                values.append(Float(v))
            }
            _ = g
        }
        let buffer = SampleBuffer(values)
        return (0..<count).map { g in
            GuestSpec(id: g, name: "vm-\(g)", kind: .para, mips: mips, vcpus: 1, ramMB: ramMB,
                      utilization: .samples(buffer, offset: g * samples, count: samples), sampleInterval: 300)
        }
    }

    static func config(hosts: Int = 8, guests: Int = 20, samples: Int = 48, seed: UInt64 = 7,
                       policies: PolicySpec = PolicySpec(), semantics: Semantics = .virtSim,
                       record: Bool = false, reportInterval: Double = 3600) -> EngineConfig {
        let types = hostTypes()
        var layout: [Int] = []
        for h in 0..<hosts { layout.append(h % 2) }
        return EngineConfig(hostTypes: types, hostLayout: layout, guests: Fixture.guests(guests, samples: samples, seed: seed),
                            policies: policies, semantics: semantics, horizon: Double(samples) * 300,
                            consolidationInterval: 300, seed: seed, recordHostIntervals: record,
                            reportInterval: reportInterval)
    }
}
