import Scheduling

/// Which placement decision to record: the first one the engine takes for `guest` at or after
/// `notBefore` (initial placement, arrival, overload migration or under-load evacuation).
public struct DecisionTraceRequest: Sendable, Hashable {
    public var guest: Int
    public var notBefore: Double
    /// End the run once the decision is recorded (its metrics then cover only that far).
    public var stopWhenRecorded: Bool
    public init(guest: Int, notBefore: Double, stopWhenRecorded: Bool = false) {
        self.guest = guest
        self.notBefore = notBefore
        self.stopWhenRecorded = stopWhenRecorded
    }
}

/// One host's part in a recorded placement decision.
public struct HostVerdict: Sendable, Hashable {
    public var host: Int
    /// False when the host was excluded or rejected; `reason` says why.
    public var acceptable: Bool
    public var reason: String
    /// The policy's score when acceptable: leftover MIPS (best fit), its negation (worst fit),
    /// the power increase in W (power-aware best fit); nil for first fit, which takes the first.
    public var score: Double?
}

/// A placement decision the engine took, with every host's verdict, recorded as it was taken
/// (`EngineConfig.decisionTrace`): what `virtsim explain` prints.
public struct PlacementDecision: Sendable, Hashable {
    public var time: Double
    /// "initial placement", "arrival", "overload migration" or "under-load evacuation".
    public var phase: String
    public var guest: Int
    /// Host the guest was on (nil when it is being created).
    public var fromHost: Int?
    /// Host MIPS the guest requests (its kind's overhead included).
    public var demandMips: Double
    public var placement: String
    public var overloadDetector: String
    /// What the engine chose (nil: no host could take the guest).
    public var chosen: Int?
    public var verdicts: [HostVerdict]

    /// The host the verdicts designate: the first acceptable one for first fit, otherwise the
    /// lowest score (lowest index on ties). Equal to `chosen` (tested).
    public var designated: Int? {
        let ok = verdicts.filter(\.acceptable)
        guard let first = ok.first else { return nil }
        guard first.score != nil else { return first.host }
        return ok.min { ($0.score!, $0.host) < ($1.score!, $1.host) }?.host
    }
}

/// Collects every host's verdict as the engine's placement code reports it, in host order.
struct VerdictRecorder: PlacementRecorder {
    static var records: Bool { true }
    var verdicts: [HostVerdict] = []

    mutating func reject(_ host: Int, _ why: HostRejection) {
        verdicts.append(HostVerdict(host: host, acceptable: false, reason: Self.text(why)))
    }

    mutating func accept(_ host: Int, score: Double?, _ offer: HostOffer) {
        verdicts.append(HostVerdict(host: host, acceptable: true, reason: Self.text(offer), score: score))
    }

    static func text(_ why: HostRejection) -> String {
        let f = { (x: Double) in formatted(x) }
        switch why {
        case .excluded: return "excluded in this round (its own host, an overloaded or switched-off host, or one being emptied)"
        case .otherTenant: return "holds another tenant's guests (hosts are tenant-exclusive)"
        case .unsuitable(.coreTooSlow(let core, let needed)):
            return "a core of \(f(core)) MIPS is slower than the \(f(needed)) MIPS a vCPU needs"
        case .unsuitable(.notEnoughCpu(let free, let needed)): return "not enough free CPU (\(f(free)) < \(f(needed)) MIPS)"
        case .unsuitable(.notEnoughRam(let free, let needed)): return "not enough free RAM (\(f(free)) < \(f(needed)) MB)"
        case .overloaded(let verdict): return "would be overloaded with it: \(verdict)"
        case .aboveFullUtilization(let u): return "above 100 % after placing it (\(f(100 * u)) %)"
        case .powerIncreaseNotFinite: return "power increase not finite"
        }
    }

    static func text(_ offer: HostOffer) -> String {
        let f = { (x: Double) in formatted(x) }
        switch offer {
        case .leftover(let left): return "\(f(left)) MIPS left after placing it"
        case .power(let now, let after, let u, let waking):
            return "power \(f(now)) → \(f(after)) W at \(f(100 * u)) %" + (waking ? ", waking it from sleep" : "")
        }
    }
}

extension Engine {
    /// `findHost`, recording the decision when it is the one `EngineConfig.decisionTrace` asks for:
    /// the verdicts come from the engine's own placement code (its scalar reference, which visits
    /// every host), the choice from the path the run takes.
    mutating func tracedFindHost<D: EngineOverloadDetector>(for g: Int, excluded: [Bool], skipEmpty: Bool = false, _ detector: D) -> Int? {
        guard let request = config.decisionTrace, trace.decision == nil, g == request.guest, trace.now >= request.notBefore else {
            return findHost(for: g, excluded: excluded, skipEmpty: skipEmpty, detector)
        }
        var recorder = VerdictRecorder()
        _ = findHost(for: g, excluded: excluded, skipEmpty: skipEmpty, recorder: &recorder, detector)
        let chosen = findHost(for: g, excluded: excluded, skipEmpty: skipEmpty, detector)
        let p = config.policies
        let from = Int(s.guests.host[g])
        trace.decision = PlacementDecision(
            time: trace.now, phase: trace.phase, guest: g, fromHost: from >= 0 ? from : nil, demandMips: s.hostDemand(g),
            placement: p.placement, overloadDetector: p.overload + ((try? p.overloadPolicy.get())?.parameter.map { " \(formatted($0))" } ?? ""),
            chosen: chosen, verdicts: recorder.verdicts)
        return chosen
    }
}

/// Six significant digits, without Foundation.
func formatted(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
    var digits = 0
    var m = abs(x)
    while m >= 1 && digits < 6 { m /= 10; digits += 1 }
    let decimals = max(0, 6 - digits)
    let scale = (0..<decimals).reduce(1.0) { r, _ in r * 10 }
    let rounded = (x * scale).rounded() / scale
    var text = String(rounded)
    if text.contains("e") { return text }
    if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text
}
