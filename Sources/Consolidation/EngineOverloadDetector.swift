import Scheduling

/// An overload detector as the engine asks it: Scheduling's detector, plus how the one input
/// that depends on the migration model, `OverloadInput.maxGuestMigrationSeconds`, is computed.
///
/// Only the local-regression detectors (LR, LRR) read that input; they run wrapped with the run's
/// migration model (`PredictingOverMigrations`), every other detector conforms as it is and
/// answers 0 without calling a model (`IgnoresMigrationTime`). So the per-host overload input
/// calls the migration model directly where it is read, and not at all elsewhere, while only the
/// LR and LRR specializations of the engine are multiplied by the migration models.
protocol EngineOverloadDetector: OverloadDetector {
    /// The time to migrate the largest guest (`ramMB`) of a host whose link is `bandwidthMbps`.
    func longestMigrationSeconds(ramMB: Double, bandwidthMbps: Double) -> Double
    /// The run consolidates (tests hosts for overload): every detector but "none". A constant of
    /// each specialization, so the placement loops test no "consolidates" flag.
    static var detectsOverloads: Bool { get }
}

extension EngineOverloadDetector {
    static var detectsOverloads: Bool { true }
}

/// A detector that never reads `OverloadInput.maxGuestMigrationSeconds`.
protocol IgnoresMigrationTime: EngineOverloadDetector {}

extension IgnoresMigrationTime {
    @inline(__always)
    func longestMigrationSeconds(ramMB: Double, bandwidthMbps: Double) -> Double { 0 }
}

extension NoOverloadDetector: IgnoresMigrationTime {
    static var detectsOverloads: Bool { false }
}
extension StaticThresholdDetector: IgnoresMigrationTime {}
extension SustainedThresholdDetector: IgnoresMigrationTime {}
extension InterQuartileRangeDetector: IgnoresMigrationTime {}
extension MedianAbsoluteDeviationDetector: IgnoresMigrationTime {}

/// LR or LRR with the run's migration model: they predict the host's utilization
/// ⌈longest migration / interval⌉ intervals ahead, the longest migration timed by `migration`.
struct PredictingOverMigrations<Base: OverloadDetector, M: EngineMigrationModel>: EngineOverloadDetector {
    let base: Base
    let migration: M

    var name: String { base.name }
    var parameter: Double { base.parameter }
    var needsHistory: Bool { base.needsHistory }

    @inline(__always)
    func evaluate(_ input: OverloadInput) -> OverloadVerdict { base.evaluate(input) }

    @inline(__always)
    func longestMigrationSeconds(ramMB: Double, bandwidthMbps: Double) -> Double {
        migration.seconds(ramMB: ramMB, bandwidthMbps: bandwidthMbps)
    }
}
