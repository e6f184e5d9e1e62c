/// Under-load handling: pick the powered-on host with the lowest measured utilization u, 0 < u < bound,
/// not under-load-excluded, to try to evacuate; the engine then places all its guests elsewhere and
/// cancels the evacuation if any one does not fit (Beloglazov & Buyya 2012 §6.1; CloudSim
/// `getMigrationMapFromUnderUtilizedHosts` / `getUnderUtilizedHost`, reference §3.8 step 5).
///
/// CloudSim has no utilization bound (its running minimum starts at 1), so every active host is tried,
/// from least to most loaded. VirtSim may set `utilizationBound` below 1 to evacuate only lightly
/// loaded hosts. The engine marks hosts it must skip (over-utilized, being evacuated, already tried,
/// all guests migrating out, a guest migrating in) with `HostTable.setUnderloadExcluded`.
public struct LeastUtilizedUnderloadPolicy: Sendable {
    public static let registryName = "least-utilized"
    public var name: String { Self.registryName }
    /// Only hosts with utilization strictly below this are candidates (CloudSim: 1).
    public var utilizationBound: Double
    public var useSIMD: Bool

    public init(utilizationBound: Double = 1, useSIMD: Bool = true) {
        self.utilizationBound = utilizationBound
        self.useSIMD = useSIMD
    }

    /// The next host to evacuate, or nil. O(hosts), SIMD.
    public func nextHostToEvacuate(in table: HostTable) -> Int? {
        useSIMD ? UnderloadKernel.simd(table, upperBound: utilizationBound)
                : UnderloadKernel.scalar(table, upperBound: utilizationBound)
    }
}
