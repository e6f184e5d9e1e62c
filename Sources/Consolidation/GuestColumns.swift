/// Every guest of a run as columns indexed by guest: its size (fixed), where it is, its life-cycle
/// phase, its current demand and its migration state. A plain table: the engine's rules read and
/// write the columns; the table itself only sizes them.
struct GuestColumns {
    // Size, from the guest's spec.
    var mips: [Double] = []
    var pes: [Int32] = []
    var ramMB: [Double] = []
    /// Virtualization CPU overhead as a fraction of the guest's demand.
    var overhead: [Double] = []

    // Life cycle and placement.
    var phase: [GuestPhase]
    var host: [Int32]
    var initialHost: [Int32]
    var finalHost: [Int32]
    var migrations: [Int32]

    // Demand now (`creating`: requesting its full MIPS before the first update, CloudSim §3.5).
    var creating: [Bool]
    var request: [Double]
    var utilization: [Double]

    // Migration state: in migration, and the CPU shares of the current migration (M2: 0.9 at
    // the source, 0.1 reserved on the target).
    var inMigration: [Bool]
    var sourceShare: [Double]
    var targetShare: [Double]

    /// The columns of `specs`; throws for a guest without positive MIPS, vCPUs and sample
    /// interval. O(guests).
    init(_ specs: [GuestSpec]) throws {
        let G = specs.count
        mips.reserveCapacity(G); pes.reserveCapacity(G); ramMB.reserveCapacity(G); overhead.reserveCapacity(G)
        for (i, spec) in specs.enumerated() {
            guard spec.mips > 0, spec.vcpus > 0, spec.ramMB >= 0, spec.sampleInterval > 0,
                  spec.cpuOverheadFraction >= 0 else {
                throw EngineError.invalidConfig("guest \(i) ('\(spec.name)') needs positive MIPS, vCPUs and sample interval")
            }
            mips.append(spec.mips)
            pes.append(Int32(spec.vcpus))
            ramMB.append(spec.ramMB)
            overhead.append(spec.cpuOverheadFraction)
        }
        phase = Array(repeating: .pending, count: G)
        host = Array(repeating: -1, count: G)
        initialHost = Array(repeating: -1, count: G)
        finalHost = Array(repeating: -1, count: G)
        migrations = Array(repeating: 0, count: G)
        creating = Array(repeating: false, count: G)
        request = Array(repeating: 0, count: G)
        utilization = Array(repeating: 0, count: G)
        inMigration = Array(repeating: false, count: G)
        sourceShare = Array(repeating: 0.9, count: G)
        targetShare = Array(repeating: 0.1, count: G)
    }
}
