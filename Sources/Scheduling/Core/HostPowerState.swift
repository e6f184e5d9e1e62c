/// The power state of a host as the scheduler sees it.
///
/// Stored as a raw `UInt8` in `HostTable` so that the SIMD kernels can test it lane-wise.
public enum HostPowerState: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Powered on (possibly idle).
    case on = 0
    /// Suspended to RAM: a valid placement target, woken on demand.
    case asleep = 1
    /// Soft-off: not a placement target until the engine boots it.
    case off = 2
    /// Failed: never a placement target.
    case failed = 3

    /// True for the states a policy may place a guest on (`on`, `asleep`).
    @inlinable public var acceptsGuests: Bool { rawValue <= HostPowerState.asleep.rawValue }

    public var description: String {
        switch self {
        case .on: "on"
        case .asleep: "asleep"
        case .off: "off"
        case .failed: "failed"
        }
    }
}

/// How host power is evaluated from utilization.
public enum PowerFormula: Sendable, Hashable {
    /// CloudSim 3.0.3 `PowerModelSpecPower.getPower`: P[⌊10u⌋] + ((P[⌈10u⌉] − P[⌊10u⌋]) / 10) · (u − ⌊10u⌋/10) · 100,
    /// evaluated in exactly that floating-point order so that results equal CloudSim's bit for bit.
    /// (The exact-decile branch `u % 0.1 == 0` of the Java code only fires for u ∈ {0, 0.1, 0.2, 0.4, 0.8},
    /// where the interpolation formula returns the same table entry, so it needs no separate path.)
    case cloudSim
    /// VirtSim's `SpecPowerModel.power(atUtilization:)`: clamped linear interpolation between deciles.
    case virtSim
}
