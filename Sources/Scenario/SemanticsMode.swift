/// The engine preset a consolidation study starts from (`consolidation.semantics`, `--mode`):
/// the one place its names are written. Each case's raw value is its name in scenarios and on
/// the command line. The switches each preset sets are in README's switch table ("CloudSim-compatible
/// mode"); a scenario's `switches` then flip single behaviours over the preset.
public enum SemanticsMode: String, CaseIterable, Sendable {
    /// VirtSim's intended behaviour (the default): every CloudSim quirk off.
    case virtsim
    /// CloudSim 3.0.3's behaviour, quirks included, for parity with its PlanetLab experiment.
    case cloudsim

    /// The names a scenario or `--mode` may give, in declaration order.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// What the preset is, in a few words (the commands' help lists the modes with it).
    public var summary: String {
        switch self {
        case .virtsim: return "intended behaviour, every CloudSim quirk off"
        case .cloudsim: return "CloudSim 3.0.3, quirks included"
        }
    }
}
