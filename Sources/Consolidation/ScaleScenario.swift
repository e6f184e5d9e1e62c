import SimKernel
import VirtModel

/// A synthetic datacenter for scale runs: `hosts` identical 16-core servers and `guests` VMs of
/// 1, 2 or 4 vCPUs whose utilization is generated on demand (no sample storage), one simulated
/// day at 5-minute samples with dynamic consolidation: first-fit-decreasing placement (through
/// the engine's exact first-fit index), THR 0.8 overload detection, MMT selection, and evacuation
/// of hosts below 30 % utilization (at most one attempt per 1,000 hosts per round).
///
/// The numbers are illustrative sizes for a performance test, not calibration inputs: the only
/// power table available with a citation is the HP ProLiant ML110 G5's (SPECpower via Beloglazov
/// & Buyya 2012), so every host uses it.
public enum ScaleScenario {
    /// Cores and speed of the synthetic host.
    public static let coresPerHost = 16
    public static let mipsPerCore = 2660.0
    public static let hostRamMB = 131_072.0

    /// Builds the configuration. O(guests); deterministic in `seed`.
    public static func make(hosts: Int, guests: Int, seed: UInt64, horizon: Double = 86400) -> EngineConfig {
        let type = HostType(name: "synthetic-16c", cores: coresPerHost, mipsPerCore: mipsPerCore, ramMB: hostRamMB,
                            bandwidthMbps: 10_000, power: .hpProLiantML110G5)
        var rng = RandomStreams(seed: seed).stream("scale/guests")
        var specs: [GuestSpec] = []
        specs.reserveCapacity(guests)
        for g in 0..<guests {
            let r = rng.nextUnit()
            let vcpus = r < 0.5 ? 1 : (r < 0.85 ? 2 : 4)
            let ram = Double(vcpus) * (1024 + 1024 * rng.nextUnit().rounded(.down))  // 1 or 2 GB per vCPU
            let mean = 0.05 + 0.25 * rng.nextUnit()
            let synth = SyntheticUtilization(mean: mean, diurnalAmplitude: 0.3 + 0.3 * rng.nextUnit(),
                                             phase: 288 * rng.nextUnit(), noise: 0.03,
                                             burstProbability: 0.002, burstLevel: 0.9,
                                             seed: rng.next())
            specs.append(GuestSpec(id: g, name: "vm\(g)", kind: .full, mips: mipsPerCore, vcpus: vcpus, ramMB: ram,
                                   utilization: .synthetic(synth), sampleInterval: 300))
        }
        let policies = PolicySpec(placement: "first-fit-decreasing", overload: "thr", overloadParameter: 0.8,
                                  selection: "mmt", underload: true, underloadThreshold: 0.3,
                                  maxUnderloadAttemptsPerRound: max(16, hosts / 1000), migrationModel: .cloudSim)
        return EngineConfig(hostTypes: [type], hostsPerType: [hosts], guests: specs, policies: policies, semantics: .virtSim,
                            horizon: horizon, consolidationInterval: 300, seed: seed)
    }
}
