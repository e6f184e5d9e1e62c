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

extension Engine {
    /// Every host's verdict on guest `g` in the engine's current state, by the same tests as the
    /// scalar reference of `findHost`, with the reason each host fails. Reads state only (the
    /// caches it refreshes are caches). O(hosts) plus one overload evaluation per suitable host.
    mutating func hostVerdicts(for g: Int, excluded: [Bool]) -> [HostVerdict] {
        let demand = s.hostDemand(g)
        let useDetector = consolidates
        let cloudSimEmpty = sem.wakingHostsLooksFree
        let f = { (x: Double) in formatted(x) }
        var out: [HostVerdict] = []
        out.reserveCapacity(s.hostCount)
        let otherTenant = exclusiveTenant.isEmpty ? nil : tenantExcluded(excluded, guest: g)
        for h in 0..<s.hostCount {
            if excluded[h] {
                out.append(HostVerdict(host: h, acceptable: false, reason: "excluded in this round (its own host, an overloaded or switched-off host, or one being emptied)"))
                continue
            }
            if let otherTenant, otherTenant[h] {
                out.append(HostVerdict(host: h, acceptable: false, reason: "holds another tenant's guests (hosts are tenant-exclusive)"))
                continue
            }
            if let why = unsuitability(h, guest: g, demand: demand) {
                assert(!isSuitable(h, guest: g, demand: demand))
                out.append(HostVerdict(host: h, acceptable: false, reason: why))
                continue
            }
            assert(isSuitable(h, guest: g, demand: demand))
            func overloaded() -> String? {
                let verdict = detector.evaluate(overloadInput(h, extra: g))
                return verdict.overloaded ? "would be overloaded with it: \(verdict)" : nil
            }
            switch placement {
            case .firstFit, .bestFit, .worstFit:
                if useDetector, let why = overloaded() {
                    out.append(HostVerdict(host: h, acceptable: false, reason: why))
                    continue
                }
                let left = s.hostAvail[h] - demand
                let score: Double? = placement == .firstFit ? nil : (placement == .bestFit ? left : -left)
                out.append(HostVerdict(host: h, acceptable: true, reason: "\(f(left)) MIPS left after placing it", score: score))
            case .powerAware:
                let planned = plannerMips(h)
                // §3.7: with CloudSim's empty-host reading, hosts with planner MIPS 0 skip the test.
                if useDetector && !(cloudSimEmpty && planned == 0), let why = overloaded() {
                    out.append(HostVerdict(host: h, acceptable: false, reason: why))
                    continue
                }
                let after = (planned + demand) / s.hostCap[h]
                if after > 1 {
                    out.append(HostVerdict(host: h, acceptable: false, reason: "above 100 % after placing it (\(f(100 * after)) %)"))
                    continue
                }
                let type = Int(s.hostType[h])
                let asleep = !cloudSimEmpty && s.hostNodes[h] == 0
                let now = asleep ? s.arith.models[type].sleepWatts : s.arith.power(type: type, utilization: s.measuredUtilization(h))
                let diff = s.arith.power(type: type, utilization: after) - now
                guard diff < .greatestFiniteMagnitude else {
                    out.append(HostVerdict(host: h, acceptable: false, reason: "power increase not finite"))
                    continue
                }
                let wake = asleep ? ", waking it from sleep" : ""
                out.append(HostVerdict(host: h, acceptable: true, reason: "power \(f(now)) → \(f(now + diff)) W at \(f(100 * after)) %\(wake)",
                                       score: diff))
            }
        }
        return out
    }

    /// Why host `h` is not a possible home for guest `g` (the tests of `isSuitable`), or nil.
    func unsuitability(_ h: Int, guest g: Int, demand: Double) -> String? {
        let f = { (x: Double) in formatted(x) }
        let pes = Double(s.guestPes[g])
        let core = sem.perCoreCapOnCurrentRequest ? demand / pes : s.guestMips[g]
        if s.hostPeMips[h] < core { return "a core of \(f(s.hostPeMips[h])) MIPS is slower than the \(f(core)) MIPS a vCPU needs" }
        if s.hostAvail[h] < demand { return "not enough free CPU (\(f(s.hostAvail[h])) < \(f(demand)) MIPS)" }
        if !sem.ramOnlyAtCreation || s.guestCreating[g] {
            let free = s.hostRam[h] - s.hostRamUsed[h]
            if free < s.guestRam[g] { return "not enough free RAM (\(f(free)) < \(f(s.guestRam[g])) MB)" }
        }
        return nil
    }

    /// `findHost`, recording the decision when it is the one `EngineConfig.decisionTrace` asks for.
    mutating func tracedFindHost(for g: Int, excluded: [Bool], skipEmpty: Bool = false) -> Int? {
        guard let request = config.decisionTrace, decision == nil, g == request.guest, traceNow >= request.notBefore else {
            return findHost(for: g, excluded: excluded, skipEmpty: skipEmpty)
        }
        let verdicts = hostVerdicts(for: g, excluded: excluded)
        let chosen = findHost(for: g, excluded: excluded, skipEmpty: skipEmpty)
        let p = config.policies
        let from = Int(s.guestHost[g])
        decision = PlacementDecision(
            time: traceNow, phase: tracePhase, guest: g, fromHost: from >= 0 ? from : nil, demandMips: s.hostDemand(g),
            placement: p.placement, overloadDetector: p.overload + (p.overloadParameter.map { " \(formatted($0))" } ?? ""),
            chosen: chosen, verdicts: verdicts)
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
