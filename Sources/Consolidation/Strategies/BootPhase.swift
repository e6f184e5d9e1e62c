/// Whether a guest with a boot time boots before it runs (switch `skipBootDelays`).
///
/// CloudSim has no boot phase: a VM runs from its creation, so with the switch on every guest,
/// created at t = 0, arriving later or placed after waiting, runs at once whatever its boot time.
/// Otherwise a guest with a boot time is `booting` for that long (it holds its host and loads it,
/// but it is not selected for migration and its CPU accounts start only when it runs) and then runs. Cold migration's reboot on the target is the migration
/// model's, not this switch's. (Formerly part of `cloudSimClock`.)
protocol BootPhase {
    var skipsBootDelays: Bool { get }
}

extension CloudSimStrategies { var skipsBootDelays: Bool { true } }
extension VirtSimStrategies { var skipsBootDelays: Bool { false } }
extension ConfiguredStrategies { var skipsBootDelays: Bool { semantics.skipBootDelays } }
