/// What a migration model needs to know about one migration.
///
/// Units: sizes in MB with 1 MB = 10⁶ bytes = 8 Mb, rates in Mb/s (10⁶ bit/s), so that
/// seconds = MB · 8 / (Mb/s), the convention of CloudSim's formula and of Clark et al.'s
/// "512 MB takes 32 s at 128 Mb/s".
public struct MigrationRequest: Sendable, Hashable {
    /// Guest memory to transfer (MB).
    public var memoryMB: Double
    /// Bandwidth of the path between the hosts (Mb/s): the NIC/link rate available to the migration.
    public var linkBandwidthMbps: Double
    /// Rate at which the running guest dirties memory (MB/s). Pre-copy only.
    public var dirtyRateMBps: Double
    /// Writable working set (MB): the hot pages the guest keeps rewriting (Clark et al. §4). Pages
    /// dirtied during one round saturate at this size; nil = the whole memory.
    public var writableWorkingSetMB: Double?
    /// Rate at which the guest dirties pages outside the writable working set (MB/s): slowly changing
    /// memory (page cache, heap growth). Pre-copy only; 0 = only the working set is written.
    public var backgroundDirtyRateMBps: Double
    /// Disk image (MB), copied by cold migration when storage is not shared.
    public var imageMB: Double
    /// True when source and target share storage (no image copy).
    public var sharedStorage: Bool
    /// Time the guest itself needs on the target after the last page arrives before it serves
    /// again (s): device re-attachment, the unsolicited ARP, the application's own restart of
    /// timers and connections. A measured property of the guest (Clark et al. report it per
    /// workload), not an output of the copy model; nil = the model's own `resumeSeconds`.
    public var resumeSeconds: Double?

    public init(memoryMB: Double, linkBandwidthMbps: Double, dirtyRateMBps: Double = 0,
                writableWorkingSetMB: Double? = nil, backgroundDirtyRateMBps: Double = 0,
                imageMB: Double = 0, sharedStorage: Bool = true, resumeSeconds: Double? = nil) {
        self.resumeSeconds = resumeSeconds
        self.memoryMB = memoryMB
        self.linkBandwidthMbps = linkBandwidthMbps
        self.dirtyRateMBps = dirtyRateMBps
        self.writableWorkingSetMB = writableWorkingSetMB
        self.backgroundDirtyRateMBps = backgroundDirtyRateMBps
        self.imageMB = imageMB
        self.sharedStorage = sharedStorage
    }

    /// MB the guest dirties in `seconds`: the hot set, min(dirty rate · t, writable working set), plus
    /// the background, min(background rate · t, the rest of memory).
    public func dirtiedMB(during seconds: Double) -> Double {
        let wws = min(writableWorkingSetMB ?? memoryMB, memoryMB)
        let hot = min(dirtyRateMBps * seconds, wws)
        let background = min(backgroundDirtyRateMBps * seconds, memoryMB - wws)
        return hot + background
    }
}

/// One pre-copy (or stop-and-copy) round.
public struct MigrationRound: Sendable, Hashable {
    public var sentMB: Double
    public var rateMbps: Double
    public var seconds: Double
    /// MB dirtied while this round ran (what the next round must send).
    public var dirtiedMB: Double
    /// True for the final round, with the guest paused.
    public var stopAndCopy: Bool
    public init(sentMB: Double, rateMbps: Double, seconds: Double, dirtiedMB: Double, stopAndCopy: Bool) {
        self.sentMB = sentMB
        self.rateMbps = rateMbps
        self.seconds = seconds
        self.dirtiedMB = dirtiedMB
        self.stopAndCopy = stopAndCopy
    }
}

/// The outcome of a migration model for one request.
public struct MigrationPlan: Sendable, Hashable {
    /// From the start of the migration until the guest runs on the target (s).
    public var totalSeconds: Double
    /// Time the guest does not run at all (s).
    public var downtimeSeconds: Double
    /// Bytes put on the wire.
    public var bytesSent: Double
    /// Copy rounds, the final stop-and-copy included (0 for models without rounds).
    public var rounds: Int
    /// Share of its CPU request the guest gets on the source while it migrates (CloudSim 0.9).
    public var sourceCpuShare: Double
    /// Share of the guest's CPU request the target reserves while it migrates (CloudSim 0.1).
    public var targetReservationShare: Double
    /// Per-round detail (pre-copy only).
    public var roundDetails: [MigrationRound]
    /// Why the copy rounds stopped (pre-copy), or a short description.
    public var note: String
    /// The part of `downtimeSeconds` spent resuming on the target after the last copy (s); the
    /// rest is the final copy (suspend + stop-and-copy).
    public var resumeSeconds: Double

    /// The downtime before the resume: suspend handshake + stop-and-copy (s).
    public var finalCopySeconds: Double { downtimeSeconds - resumeSeconds }

    public init(totalSeconds: Double, downtimeSeconds: Double, bytesSent: Double, rounds: Int,
                sourceCpuShare: Double, targetReservationShare: Double, roundDetails: [MigrationRound] = [], note: String = "",
                resumeSeconds: Double = 0) {
        self.resumeSeconds = resumeSeconds
        self.totalSeconds = totalSeconds
        self.downtimeSeconds = downtimeSeconds
        self.bytesSent = bytesSent
        self.rounds = rounds
        self.sourceCpuShare = sourceCpuShare
        self.targetReservationShare = targetReservationShare
        self.roundDetails = roundDetails
        self.note = note
    }

    /// `bytesSent` in MB (10⁶ bytes).
    public var megabytesSent: Double { bytesSent / 1e6 }
}

/// A migration model: how long moving a guest takes, how long it is down, what it sends.
public protocol MigrationModel: Sendable {
    /// Registry name: "cloudsim", "pre-copy", "cold".
    var name: String { get }
    /// O(rounds) at most.
    func plan(_ request: MigrationRequest) -> MigrationPlan
}

/// Which migration model a scenario names: the typed value the scenario reader produces and the
/// consolidation engine receives (it picks the engine's migration type once, at start).
public enum MigrationModelKind: String, CaseIterable, Sendable, Hashable {
    /// CloudSim's live migration (`CloudSimMigrationModel`, docs/published-figures.md M2).
    case cloudSim = "cloudsim"
    /// Iterative pre-copy live migration (`PreCopyMigrationModel`).
    case preCopy = "pre-copy"
    /// Shut down, copy, boot (`ColdMigrationModel`).
    case cold = "cold"

    /// The registry name a scenario writes ("cloudsim", "pre-copy", "cold").
    public var registryName: String { rawValue }
}

/// Migration models by scenario name.
public enum MigrationModels {
    public static let allNames = MigrationModelKind.allCases.map(\.registryName)

    /// The model with its default parameters, or nil for an unknown name.
    public static func named(_ name: String) -> (any MigrationModel)? {
        switch name {
        case CloudSimMigrationModel.registryName: CloudSimMigrationModel()
        case PreCopyMigrationModel.registryName: PreCopyMigrationModel()
        case ColdMigrationModel.registryName: ColdMigrationModel()
        default: nil
        }
    }
}
