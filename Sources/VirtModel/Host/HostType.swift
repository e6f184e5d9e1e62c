/// A kind of physical server: cores ("PEs" in CloudSim), per-core speed, memory, network and its
/// SPECpower table. The one host-type value of VirtSim: the scenario reader builds it, a host pool
/// holds it, and the consolidation engine lays its hosts out from it (with a count per type).
public struct HostType: Sendable, Hashable {
    /// The type's name in outputs (a pool's label when the engine gets it: name, with its rack).
    public var name: String
    /// Number of cores (CloudSim processing elements).
    public var cores: Int
    /// Speed of one core in MIPS (CloudSim's unit; only ratios matter).
    public var mipsPerCore: Double
    public var ramMB: Double
    /// Network bandwidth in Mbit/s (CloudSim's migration model uses half of it).
    public var bandwidthMbps: Double
    public var power: SpecPowerModel
    /// Memory over-commit ratio (≥ 1): a host admits guests whose reserved memory sums to at most
    /// `ramMB` × this ratio. 1 (the default) keeps memory a hard constraint.
    public var memoryOvercommit: Double

    public init(name: String, cores: Int, mipsPerCore: Double, ramMB: Double, bandwidthMbps: Double,
                power: SpecPowerModel, memoryOvercommit: Double = 1) {
        self.name = name
        self.cores = cores
        self.mipsPerCore = mipsPerCore
        self.ramMB = ramMB
        self.bandwidthMbps = bandwidthMbps
        self.power = power
        self.memoryOvercommit = memoryOvercommit
    }

    /// Total CPU capacity in MIPS. O(1).
    public var totalMips: Double { Double(cores) * mipsPerCore }
    /// Memory the placement rule admits on one host: `ramMB` × `memoryOvercommit`. The engine's
    /// host table holds this as the host's memory capacity, so the one memory-fit rule applies
    /// over-commit without testing a mode. O(1).
    public var admittedRamMB: Double { ramMB * memoryOvercommit }

    /// The same type under another name (a pool's label). O(1).
    public func named(_ name: String) -> HostType {
        var t = self
        t.name = name
        return t
    }
}
