/// Which hosts are updated when (switches `fullUpdateAtMigrationCompletion`, `deleteIdleGuests`; §2, §3.4).
///
/// - At a migration completion CloudSim re-allocates the two hosts' schedulers, re-updates every
///   host (demand re-read) and schedules a zero-length forced update; otherwise only the two hosts
///   involved are updated, once per instant (`DeferredHostUpdates`).
/// - At every full update CloudSim removes, for good, a guest not in migration whose request is
///   exactly 0 (upstream issue #64); otherwise idle guests stay.
protocol HostUpdatePolicy {
    var updatesEveryHostAtMigrationCompletion: Bool { get }
    var deletesIdleGuests: Bool { get }
}

extension CloudSimStrategies {
    var updatesEveryHostAtMigrationCompletion: Bool { true }
    var deletesIdleGuests: Bool { true }
}
extension VirtSimStrategies {
    var updatesEveryHostAtMigrationCompletion: Bool { false }
    var deletesIdleGuests: Bool { false }
}
extension ConfiguredStrategies {
    var updatesEveryHostAtMigrationCompletion: Bool { semantics.fullUpdateAtMigrationCompletion }
    var deletesIdleGuests: Bool { semantics.deleteIdleGuests }
}
