/// Cold migration: shut the guest down, copy its disk image (unless storage is shared) and, when it is
/// suspended rather than shut down, its memory image, then boot (or resume) it on the target. The guest
/// is down for the whole migration; no CPU is used on either host meanwhile.
public struct ColdMigrationModel: MigrationModel {
    public static let registryName = MigrationModelKind.cold.registryName
    public var name: String { Self.registryName }
    /// Guest shutdown (or suspend) time (s).
    public var shutdownSeconds: Double
    /// Guest boot (or resume) time on the target (s).
    public var bootSeconds: Double
    /// True: suspend to an image and resume (memory is copied, no reboot); false: shut down and reboot
    /// (memory contents are discarded, nothing to copy).
    public var suspendResume: Bool

    /// Shutdown and boot default to 0 s: the engine sets them from the guest kind's start-up time
    /// (cost model), so no uncited constant hides here.
    public init(shutdownSeconds: Double = 0, bootSeconds: Double = 0, suspendResume: Bool = false) {
        self.shutdownSeconds = shutdownSeconds
        self.bootSeconds = bootSeconds
        self.suspendResume = suspendResume
    }

    public func plan(_ request: MigrationRequest) -> MigrationPlan {
        let image = request.sharedStorage ? 0 : request.imageMB
        let memory = suspendResume ? request.memoryMB : 0
        let copyMB = image + memory
        let copySeconds = copyMB * 8 / request.linkBandwidthMbps
        let total = shutdownSeconds + copySeconds + bootSeconds
        return MigrationPlan(totalSeconds: total, downtimeSeconds: total, bytesSent: copyMB * 1e6, rounds: copyMB > 0 ? 1 : 0,
                             sourceCpuShare: 0, targetReservationShare: 1,
                             note: suspendResume ? "suspend, copy, resume" : "shut down, copy, boot")
    }
}
