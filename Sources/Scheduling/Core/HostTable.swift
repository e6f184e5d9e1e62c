import VirtModel

/// Every host as a struct of arrays: the one host table the engine mutates and every placement,
/// overload and under-load rule reads (`Rules/`). One contiguous column per field, indexed by host
/// (0 ..< count), so the rules' SIMD forms stream over 4 hosts at a time.
///
/// The engine (Consolidation's `EngineState`) owns the table and keeps the dynamic columns up to
/// date as it allocates CPU (`freeMips`), links guests (`ramUsedMB`, `listed`) and measures hosts
/// (`measuredMips`); the rules never write to it. A plain table of columns: no invariants beyond
/// "every column has `count` entries".
public struct HostTable: Sendable {
    public let count: Int

    // Fixed after init.
    /// Index of the host's type (its power table in `PowerArithmetic`).
    public var powerType: [Int32]
    /// PEs × MIPS per PE.
    public var totalMips: [Double]
    public var peMips: [Double]
    public var ramMB: [Double]
    public var bandwidthMbps: [Double]

    // Dynamic.
    /// The CPU scheduler's free MIPS (0 once over-subscribed): what suitability compares a request with.
    public var freeMips: [Double]
    /// RAM of the guests listed on the host.
    public var ramUsedMB: [Double]
    /// Guests listed on the host: residents, migration reservations and tentative placements.
    public var listed: [Int32]
    /// MIPS allocated at the host's last update (CloudSim `getUtilizationOfCpuMips`).
    public var measuredMips: [Double]

    /// Empty hosts of the given types: `types[h]` indexes `specs`. O(hosts).
    public init(types: [Int], specs: [(totalMips: Double, peMips: Double, ramMB: Double, bandwidthMbps: Double)]) {
        count = types.count
        powerType = types.map { Int32($0) }
        totalMips = types.map { specs[$0].totalMips }
        peMips = types.map { specs[$0].peMips }
        ramMB = types.map { specs[$0].ramMB }
        bandwidthMbps = types.map { specs[$0].bandwidthMbps }
        freeMips = totalMips
        ramUsedMB = Array(repeating: 0, count: count)
        listed = Array(repeating: 0, count: count)
        measuredMips = Array(repeating: 0, count: count)
    }

    /// Free RAM of host `h`. O(1).
    @inlinable @inline(__always)
    public func freeRamMB(_ h: Int) -> Double { ramMB[h] - ramUsedMB[h] }
}
