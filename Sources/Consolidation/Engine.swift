import SimKernel
import VirtModel
import Scheduling

/// Events of the interval-level engine. Plain integers only: no references in payloads.
enum EngineEvent: Sendable {
    /// Sample boundary: demands change; in CloudSim mode also the consolidation round.
    case tick
    /// A consolidation round (VirtSim mode, when not on a tick).
    case consolidate
    /// A migration completes; the payload is the incoming node on the target.
    case migrationDone(node: Int32)
    /// CloudSim's zero-length re-update after the last migration completing at an instant.
    case forceUpdate
    case arrival(guest: Int32)
    case bootDone(guest: Int32)
    case departure(guest: Int32)
    /// End of a report interval (hosts.csv rows).
    case report
}

/// Event priorities at equal times (lower first).
enum EnginePriority {
    static let report: Int32 = -1
    static let migration: Int32 = 0
    static let forceUpdate: Int32 = 1
    static let tick: Int32 = 2
    static let arrival: Int32 = 3
    static let consolidate: Int32 = 4
}

/// The engine: state, policies and the event handlers. A value type driven by `ConsolidationEngine.run`.
///
/// Generic over the behaviour switches (`Q`). The overload detector and the VM selection policy
/// are not stored here: `ConsolidationEngine.withEngine` resolves them once into concrete types
/// and hands them to `run` as `RoundPolicies<D, S>`; the methods that consult them are generic
/// over `D` (and `S`), so their per-host loops call the detector and the policy directly, and a
/// method that needs neither is compiled once per `Q` only.
struct Engine<Q: EngineStrategies, O: EngineObserver> {
    /// Below this many hosts a linear scan is as fast as the first-fit index.
    static var indexMinimumHosts: Int { EngineConstants.indexMinimumHosts }

    var s: EngineState<Q, O>
    let config: EngineConfig
    /// The behaviour switches, resolved into strategies (constants in a preset's specialization).
    let rules: Q
    let placement: PlacementRule

    /// `EngineConfig.decisionTrace`'s decision and what the engine is doing now.
    var trace = DecisionTracing()
    var clock: EngineClock
    /// Hosts holding migration reservations (the round's restore visits them).
    var reservedHosts: ReservedHosts
    /// Tenant of every guest when hosts are tenant-exclusive (`EngineConfig.tenantExclusiveHosts`);
    /// empty otherwise, so the unconstrained path pays nothing.
    let exclusiveTenant: [Int32]
    /// Tests: invariants checked after every event.
    var checks = InvariantChecks()
    /// Per-host detector and planner inputs, cached by host version.
    var load: HostLoadCache
    /// Exact first-fit index (first-fit placement with THR or no detector).
    var ffIndex: FirstFitIndex?
    /// THR threshold for the index's headroom (∞ without a detector).
    var indexThreshold = Double.infinity
    /// SIMD host scans (false: the scalar reference loops).
    let simdScans: Bool
    /// THR detector's threshold, when the detector is THR (its overload scan is one SIMD compare).
    let staticThreshold: Double?
    /// Reusable scan buffers: per-host scores (+∞ unsuitable) and candidate hosts.
    var scan = ScanBuffers()
    /// Host updates postponed to the end of the current instant's migration batch.
    var deferred: DeferredHostUpdates
    /// Tests: false updates hosts immediately after every migration (the reference behaviour).
    var deferHostUpdates = true
    /// Guests that found no host and wait for one (`Semantics.rejectUnplacedGuests` off).
    var waiting = WaitingGuests()
    /// `Semantics.rejectUnplacedGuests`, read once (only placement failures consult it).
    let rejectsUnplaced: Bool
    /// Powered-on hosts per type at every tick (capacity answers).
    var capacity: CapacityMeter

    /// An engine for `config` with the switches resolved into `rules` and the overload policy
    /// `overloadPolicy` (already resolved, with the selection policy, by `withEngine`).
    /// `keepHistory`: the detector or the selection policy reads utilization histories;
    /// `observer`: the run's own observer of the engine's events (beside the meter and recorder).
    init(config: EngineConfig, rules: Q, overloadPolicy: OverloadPolicy, keepHistory needsHistory: Bool, observer: O) throws {
        self.config = config
        self.rules = rules
        rejectsUnplaced = config.semantics.rejectUnplacedGuests
        let p = config.policies
        exclusiveTenant = config.tenantExclusiveHosts ? config.guests.map { Int32($0.tenant) } : []
        simdScans = !config.scalarHostScans
        staticThreshold = overloadPolicy.staticThreshold
        guard let rule = PlacementRule(name: p.placement) else { throw EngineError.unknownPolicy(kind: "placement", name: p.placement) }
        placement = rule
        guard config.horizon > 0, config.consolidationInterval > 0, config.reportInterval > 0 else {
            throw EngineError.invalidConfig("horizon, consolidation and report intervals must be positive")
        }
        s = try EngineState(config: config, rules: rules, keepHistory: needsHistory, observer: observer)
        let H = s.hostCount
        reservedHosts = ReservedHosts(hosts: H)
        capacity = CapacityMeter(types: config.hostTypes.count)
        deferred = DeferredHostUpdates(hosts: H)
        load = HostLoadCache(hosts: H, keepHistory: needsHistory)
        // Whether the run consolidates is the detector type's `detectsOverloads` everywhere else;
        // here, before the type is known, the policy it is resolved from says the same.
        let indexable = placement.isFirstFit && (staticThreshold != nil || !overloadPolicy.detectsOverloads)
        if indexable && (H >= Engine.indexMinimumHosts || config.forceFirstFitIndex) {
            ffIndex = FirstFitIndex(hosts: H)
            indexThreshold = staticThreshold ?? .infinity
            s.trackDirty = true
            for h in 0..<H { s.bump(h) }
        }
        clock = EngineClock(tickInterval: rules.tickInterval(consolidationInterval: config.consolidationInterval, guests: config.guests))
    }

    // MARK: - Demand and updates

    /// CloudSim's `updateCloudetProcessingWithoutSchedulingFutureEventsForce` (steps 1–3 of §2):
    /// every host re-allocates and records history, energy is added, idle guests are deleted.
    mutating func fullUpdate(at t: Double, tick: Bool) {
        s.demand.refresh(&s.guests, at: t, tick: tick)
        for h in 0..<s.hostCount { s.updateHost(h, at: t) }
        s.fullUpdateDone(at: t)
        if rules.deletesIdleGuests { deleteIdleGuests(at: t) }
        s.lastProcessTime = t
    }

    /// §3.4: guests not in migration whose request is exactly 0 are removed for good.
    mutating func deleteIdleGuests(at t: Double) {
        var doomed: [Int] = []
        for h in 0..<s.hostCount {
            var n = s.lists.head[h]
            while n >= 0 {
                let i = Int(n)
                let g = Int(s.lists.guest[i])
                if s.lists.kind[i] == .primary && !s.guests.inMigration[g] && s.guests.phase[g] == .running
                    && s.guestRequest(g) == 0 {
                    doomed.append(g)
                }
                n = s.lists.next[i]
            }
        }
        for g in doomed {
            let h = Int(s.lists.host[g])
            s.integrateEnergy(h, to: t)
            s.unlink(g)
            s.recomputeAllocation(h)
            s.guests.phase[g] = .deleted
            s.guests.finalHost[g] = Int32(h)
            s.guests.host[g] = -1
            s.observer.guestDeleted(g)
        }
    }

    // MARK: - Overload detection

    /// Brings host `h`'s cached sums (requested MIPS, largest RAM, planner MIPS, P(now)) up to date
    /// with its list. O(k) when stale, O(1) otherwise. Its history is `refreshHistory`'s.
    @inline(__always)
    mutating func refreshCache<D: EngineOverloadDetector>(_ h: Int, _ detector: D) {
        if load.version[h] == s.hostVersion[h] && load.valid[h] { return }
        recomputeCache(h)
    }

    /// `refreshCache`'s work when host `h`'s entry is stale (out of line: the placement scans call
    /// `refreshCache` for every candidate, and most are up to date). O(k).
    @inline(never)
    mutating func recomputeCache(_ h: Int) {
        var req = 0.0, maxRam = 0.0, planned = 0.0
        var n = s.lists.head[h]
        while n >= 0 {
            let i = Int(n)
            let g = Int(s.lists.guest[i])
            req += s.hostDemand(g)
            maxRam = max(maxRam, s.guests.ramMB[g])
            let a = s.lists.allocation[i]
            if s.lists.kind[i] == .incoming && rules.appliesMigrationShares {
                // CloudSim: a·0.9/0.1, the migrating-in guest at its full request.
                let t = s.guests.targetShare[g]
                planned += t > 0 ? a * (1 - t) / t : s.lists.request[i]
            }
            planned += a
            n = s.lists.next[i]
        }
        load.requested[h] = req
        load.maxRam[h] = maxRam
        load.planned[h] = planned
        // The measured MIPS and the listed count change only with a bump of the host's version.
        load.wattsNow[h] = PowerIncrease.wattsNow(s.arith, type: Int(s.hosts.powerType[h]), measuredUtilization: s.measuredUtilization(h),
                                                  sleeping: !rules.wakingHostsLooksFree && s.hosts.listed[h] == 0)
        load.version[h] = s.hostVersion[h]
        load.valid[h] = true
    }

    /// Brings host `h`'s cached utilization history (slot j = Σ u_j · scale over its guests, in
    /// list order) and its longest guest history up to date, for a detector that reads them (it
    /// implies the engine keeps histories: `withEngine`). O(k · 30) when stale, O(1) otherwise.
    mutating func refreshHistory(_ h: Int) {
        if load.historyVersion[h] == s.hostVersion[h] && load.historyValid[h] { return }
        let L = GuestHistory.length
        for j in 0..<L { load.history[h * L + j] = 0 }
        var longest = 0
        let cap = s.hosts.totalMips[h]
        var n = s.lists.head[h]
        while n >= 0 {
            let i = Int(n)
            let g = Int(s.lists.guest[i])
            let count = Int(s.demand.history.count[g])
            let scale = historyScale(g, capacity: cap)
            for j in 0..<count { load.history[h * L + j] += s.demand.history.value(g, j) * scale }
            longest = max(longest, count)
            n = s.lists.next[i]
        }
        load.longest[h] = Int32(longest)
        load.historyVersion[h] = s.hostVersion[h]
        load.historyValid[h] = true
    }

    /// A guest's weight in its host's utilization history: CloudSim multiplies by the per-PE
    /// MIPS (`vm.getMips()`), VirtSim by the guest's whole host-level size.
    @inline(__always)
    func historyScale(_ g: Int, capacity: Double) -> Double {
        rules.guestSizeIsOneCoreMips
            ? s.guests.mips[g] / capacity
            : s.guests.mips[g] * Double(s.guests.pes[g]) * (1 + s.guests.overhead[g]) / capacity
    }

    /// `detector`'s input for host `h`, optionally with guest `extra` added.
    mutating func overloadInput<D: EngineOverloadDetector>(_ h: Int, extra: Int = -1, _ detector: D) -> OverloadInput {
        refreshCache(h, detector)
        let cap = s.hosts.totalMips[h]
        var req = load.requested[h]
        var maxRam = load.maxRam[h]
        if extra >= 0 {
            req += s.hostDemand(extra)
            maxRam = max(maxRam, s.guests.ramMB[extra])
        }
        var history: [Double] = []
        if detector.needsHistory {
            // `PowerHostUtilizationHistory.getUtilizationHistory`: slot j = Σ u_j · MIPS / host MIPS
            // over the host's guests, newest first.
            refreshHistory(h)
            let L = GuestHistory.length
            var longest = Int(load.longest[h])
            history = Array(load.history[(h * L)..<(h * L + L)])
            if extra >= 0 {
                let count = Int(s.demand.history.count[extra])
                let scale = historyScale(extra, capacity: cap)
                for j in 0..<count { history[j] += s.demand.history.value(extra, j) * scale }
                longest = max(longest, count)
            }
            // The CloudSim detectors trim zero tails themselves; VirtSim passes observed values only.
            if !rules.padsHistoryWithZeros { history.removeLast(L - longest) }
        }
        return OverloadInput(requestedUtilization: req / cap, history: history,
                             maxGuestMigrationSeconds: detector.longestMigrationSeconds(ramMB: maxRam, bandwidthMbps: s.hosts.bandwidthMbps[h]),
                             intervalSeconds: config.consolidationInterval)
    }

    /// CloudSim's planner MIPS (cached): Σ allocations on the host, migrating-in reservations
    /// counted at 10× (their full request).
    @inline(__always)
    mutating func plannerMips<D: EngineOverloadDetector>(_ h: Int, _ detector: D) -> Double {
        refreshCache(h, detector)
        return load.planned[h]
    }

    /// `detector`'s verdict on host `h` (with guest `extra` added). A direct call: `D` is the
    /// detector's concrete type.
    @inline(__always)
    mutating func isOverloaded<D: EngineOverloadDetector>(_ h: Int, extra: Int = -1, _ detector: D) -> Bool {
        detector.isOverloaded(overloadInput(h, extra: extra, detector))
    }
}

/// The engine's constants (a generic type cannot store static values).
enum EngineConstants {
    /// Below this many hosts a linear scan is as fast as the first-fit index.
    static let indexMinimumHosts = 2048
    /// Linear arg-min picks before `findHostSIMD` sorts the remaining candidates.
    static let argminPicksBeforeSort = 8
}

/// Tests: check the engine's invariants after every event and keep the first violations.
struct InvariantChecks {
    var enabled = false
    var violations: [String] = []
    /// Violations kept at most.
    static let limit = 20
}

/// Buffers the SIMD placement scan reuses from one placement to the next.
struct ScanBuffers {
    /// Per-host scores (+∞: unsuitable).
    var scores: [Double] = []
    /// Candidate hosts.
    var candidates: [Int] = []
    /// Power-aware best fit: the packed candidates' ΔP inputs and their ΔP.
    var batch = PowerIncrease.Batch(capacity: 0)
    var deltas: [Double] = []
}
