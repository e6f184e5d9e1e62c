/// How a host's CPU is shared (switches `migrationCpuShares`, `floorOversubscribedAllocations`;
/// CloudSim's `VmSchedulerTimeSharedOverSubscription`, §3.3; `TimeSharedCPUScheduler`).
///
/// - Migration shares (the M2 model, on in both presets): a migrating guest gets its source share
///   (0.9) of its request at the source and the target reserves its target share (0.1).
/// - Over-subscription: allocations scaled by capacity / total, then floored to integers
///   (CloudSim's integer MIPS) or not.
protocol CPUAllocationRule {
    var appliesMigrationShares: Bool { get }
    var floorsOversubscribedAllocations: Bool { get }
}

extension CloudSimStrategies {
    var appliesMigrationShares: Bool { true }
    var floorsOversubscribedAllocations: Bool { true }
}
extension VirtSimStrategies {
    var appliesMigrationShares: Bool { true }
    var floorsOversubscribedAllocations: Bool { false }
}
extension ConfiguredStrategies {
    var appliesMigrationShares: Bool { semantics.migrationCpuShares }
    var floorsOversubscribedAllocations: Bool { semantics.floorOversubscribedAllocations }
}
