/// CloudSim's live-migration model (power package; Beloglazov & Buyya, CCPE 2012, eq. 20; docs/published-figures.md M2):
/// time = RAM / (bandwidth / 2), half the host bandwidth being assumed taken by the migration, with no
/// downtime; while it moves the guest gets 90 % of its CPU request on the source and the target
/// reserves 10 % (`VmSchedulerTimeSharedOverSubscription`, reference §3.3).
///
/// CloudSim computes `ram / (bw / (2 · 8000))` with `bw` in kbit/s; with `bw = linkBandwidthMbps · 1000`
/// the expression below performs the same double operations (e.g. 1740 / 62.5 for 1 Gb/s), so the
/// completion times are bit-identical to CloudSim's.
public struct CloudSimMigrationModel: MigrationModel {
    public static let registryName = MigrationModelKind.cloudSim.registryName
    public var name: String { Self.registryName }
    /// CloudSim `PowerVm`/scheduler: 10 % CPU lost by the migrating guest.
    public var sourceCpuShare: Double
    /// CloudSim: the target experiences 10 % of the guest's MIPS during the migration.
    public var targetReservationShare: Double

    public init(sourceCpuShare: Double = 0.9, targetReservationShare: Double = 0.1) {
        self.sourceCpuShare = sourceCpuShare
        self.targetReservationShare = targetReservationShare
    }

    /// Migration time in CloudSim's floating-point order: RAM_MB / (bw_kbit / 16000).
    public static func seconds(memoryMB: Double, bandwidthMbps: Double) -> Double {
        memoryMB / ((bandwidthMbps * 1000) / (2 * 8000))
    }

    public func plan(_ request: MigrationRequest) -> MigrationPlan {
        let t = Self.seconds(memoryMB: request.memoryMB, bandwidthMbps: request.linkBandwidthMbps)
        return MigrationPlan(totalSeconds: t, downtimeSeconds: 0, bytesSent: request.memoryMB * 1e6, rounds: 1,
                             sourceCpuShare: sourceCpuShare, targetReservationShare: targetReservationShare,
                             note: "RAM / (bandwidth / 2), no downtime")
    }
}
