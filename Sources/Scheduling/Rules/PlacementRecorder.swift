/// Why a host did not take a guest in a placement decision.
public enum HostRejection: Sendable, Hashable {
    /// Excluded for the round: the guest's own host, an overloaded or switched-off host, or one being emptied.
    case excluded
    /// Holds another tenant's guests while hosts are tenant-exclusive.
    case otherTenant
    case unsuitable(Unsuitability)
    /// The overload detector's verdict with the guest added.
    case overloaded(OverloadVerdict)
    /// Above 100 % after placing (power-aware: CloudSim's power model would throw).
    case aboveFullUtilization(Double)
    case powerIncreaseNotFinite
}

/// What an acceptable host offered.
public enum HostOffer: Sendable, Hashable {
    /// Free MIPS left after placing the guest.
    case leftover(Double)
    /// Watts now and after placing, the utilization after, and whether the host would be woken.
    case power(nowWatts: Double, afterWatts: Double, utilization: Double, waking: Bool)
}

/// Receives every host's verdict while a placement policy decides, from the same code that
/// decides. Policies are generic over it: with `NoRecorder` every call is empty and inlined away,
/// and `records` false lets the fast paths (SIMD scans, first-fit index) run; a recording
/// recorder makes the engine take its scalar reference path, which visits every host.
public protocol PlacementRecorder {
    /// False: nothing is recorded (the policy may stop at the first acceptable host).
    static var records: Bool { get }
    mutating func reject(_ host: Int, _ why: HostRejection)
    /// `score`: the policy's score (nil for first fit, which takes the first acceptable host).
    mutating func accept(_ host: Int, score: Double?, _ offer: HostOffer)
}

/// The recorder of normal runs: records nothing, costs nothing.
public struct NoRecorder: PlacementRecorder {
    @inlinable public init() {}
    @inlinable public static var records: Bool { false }
    @inlinable @inline(__always) public mutating func reject(_ host: Int, _ why: HostRejection) {}
    @inlinable @inline(__always) public mutating func accept(_ host: Int, score: Double?, _ offer: HostOffer) {}
}

/// A placement policy by the name scenario files use: the one definition of the placement names.
public enum PlacementRule: String, Sendable, Hashable, CaseIterable {
    case firstFit = "first-fit"
    case firstFitDecreasing = "first-fit-decreasing"
    case bestFit = "best-fit"
    case worstFit = "worst-fit"
    case powerAwareBestFitDecreasing = "power-aware-best-fit-decreasing"

    /// Accepted aliases.
    public static let aliases: [String: PlacementRule] = ["pabfd": .powerAwareBestFitDecreasing]

    public init?(name: String) {
        if let r = PlacementRule(rawValue: name) { self = r } else if let r = PlacementRule.aliases[name] { self = r } else { return nil }
    }

    /// Guests are placed by decreasing demand.
    public var sortsDecreasing: Bool { self == .firstFitDecreasing || self == .powerAwareBestFitDecreasing }
    /// Takes the first acceptable host in index order (no score).
    public var isFirstFit: Bool { self == .firstFit || self == .firstFitDecreasing }

    /// The score a suitability scan writes for this policy.
    public var fitScore: FitScore {
        switch self {
        case .bestFit: .leftover
        case .worstFit: .negatedLeftover
        default: .none
        }
    }

    /// What the score measures, for explanations ("" for first fit).
    public var scoreName: String {
        switch self {
        case .bestFit: "MIPS left"
        case .worstFit: "−MIPS left"
        case .powerAwareBestFitDecreasing: "ΔP (W)"
        default: ""
        }
    }
}
