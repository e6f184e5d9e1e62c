import VirtModel

/// The run's migration model as the engine uses it: a concrete type picked once from the
/// scenario's `MigrationModelKind` (`ConsolidationEngine.withEngine`), so the methods that call
/// it are generic over it and every call is direct, never through an existential.
///
/// The models themselves are VirtModel's (`CloudSimMigrationModel`, `PreCopyMigrationModel`,
/// `ColdMigrationModel`); these types add what the engine knows about a guest (its dirtying rate,
/// its boot time) and how it runs a plan.
protocol EngineMigrationModel: Sendable {
    /// Seconds to move `ramMB` over a link of `bandwidthMbps` with nothing else known about the
    /// guest: the local-regression detectors' "longest migration" horizon. O(rounds) at most.
    func seconds(ramMB: Double, bandwidthMbps: Double) -> Double
    /// The full plan (duration and CPU shares) for migrating `guest` with `ramMB` over a link of
    /// `bandwidthMbps`; the engine runs the migration for `totalSeconds` and gives the guest
    /// `sourceCpuShare` of its request on the source meanwhile. O(rounds) at most.
    func plan(for guest: GuestSpec, ramMB: Double, bandwidthMbps: Double) -> MigrationPlan
    /// The run's summary reports migration downtime (CloudSim's model has none, and CloudSim's
    /// summary has no such row).
    var reportsDowntime: Bool { get }
}

/// CloudSim's live migration (docs/published-figures.md M2): RAM / (bandwidth / 2), no downtime,
/// 90 % of the guest's request on the source and 10 % reserved on the target.
struct CloudSimMigration: EngineMigrationModel {
    let model = CloudSimMigrationModel()

    @inline(__always)
    func seconds(ramMB: Double, bandwidthMbps: Double) -> Double {
        CloudSimMigrationModel.seconds(memoryMB: ramMB, bandwidthMbps: bandwidthMbps)
    }

    func plan(for guest: GuestSpec, ramMB: Double, bandwidthMbps: Double) -> MigrationPlan {
        model.plan(MigrationRequest(memoryMB: ramMB, linkBandwidthMbps: bandwidthMbps))
    }

    var reportsDowntime: Bool { false }
}

/// Iterative pre-copy with VirtModel's default parameters, driven by the guest's dirtying rate
/// and writable working set.
///
/// A guest does not run during its downtime. The engine gives a migrating guest one constant
/// share of its request on the source for the whole migration, so that share is scaled by the
/// fraction of the migration the guest runs, 1 − downtime / total: the CPU it loses is its
/// demand × downtime (counted in PDM), spread over the migration instead of at its end.
struct PreCopyMigration: EngineMigrationModel {
    let model = PreCopyMigrationModel()

    func seconds(ramMB: Double, bandwidthMbps: Double) -> Double {
        model.plan(MigrationRequest(memoryMB: ramMB, linkBandwidthMbps: bandwidthMbps)).totalSeconds
    }

    func plan(for guest: GuestSpec, ramMB: Double, bandwidthMbps: Double) -> MigrationPlan {
        let request = MigrationRequest(memoryMB: ramMB, linkBandwidthMbps: bandwidthMbps, dirtyRateMBps: guest.dirtyRateMBps,
                                       writableWorkingSetMB: guest.writableWorkingSetMB)
        var plan = model.plan(request)
        if plan.downtimeSeconds > 0, plan.totalSeconds > 0 {
            plan.sourceCpuShare *= 1 - plan.downtimeSeconds / plan.totalSeconds
        }
        return plan
    }

    var reportsDowntime: Bool { true }
}

/// Cold migration: the guest reboots on the target, so the migration takes the guest's own boot
/// time (from the cost model via `GuestSpec.bootSeconds`); shutdown is taken as instantaneous and
/// storage as shared (nothing to copy).
struct ColdMigration: EngineMigrationModel {
    func seconds(ramMB: Double, bandwidthMbps: Double) -> Double {
        ColdMigrationModel().plan(MigrationRequest(memoryMB: ramMB, linkBandwidthMbps: bandwidthMbps)).totalSeconds
    }

    func plan(for guest: GuestSpec, ramMB: Double, bandwidthMbps: Double) -> MigrationPlan {
        let request = MigrationRequest(memoryMB: ramMB, linkBandwidthMbps: bandwidthMbps, dirtyRateMBps: guest.dirtyRateMBps,
                                       writableWorkingSetMB: guest.writableWorkingSetMB)
        return ColdMigrationModel(shutdownSeconds: 0, bootSeconds: guest.bootSeconds).plan(request)
    }

    var reportsDowntime: Bool { true }
}
