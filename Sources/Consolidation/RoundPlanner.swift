import SimKernel
import Scheduling
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One planned migration: guest → target host.
struct PlannedMigration {
    var guest: Int
    var target: Int
}

/// Monotonic wall clock in seconds (CloudSim reports execution times of its rounds).
@inline(__always)
func wallSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Plans consolidation rounds (CloudSim `PowerVmAllocationPolicyMigrationAbstract.optimizeAllocation`,
/// §3.8): overload scan, VM selection, placement of the selected guests, under-load evacuation,
/// then the restore of the allocation the round changed tentatively.
///
/// Why a type of its own: a round has state of its own (the tentative snapshot, the selection's
/// random stream, scratch buffers) that nothing else in the engine touches. The planner is a
/// value `Engine.run` creates and passes `inout` beside the engine; its methods take the engine
/// `inout` (its state, its placement, its load cache), so neither holds the other. Generic over
/// the run's detector `D` and selection policy `S` (resolved once by `withEngine`): every
/// per-host test is a direct call.
///
/// Cost of a round: O(hosts) for the scans, O(k²) selection per overloaded host with k guests,
/// O(placement) per guest moved or tried (the under-load loop: O(evacuated guests · hosts)).
struct RoundPlanner<D: EngineOverloadDetector, S: VmSelectionPolicy> {
    /// The run's overload detector (also read by the engine's placements: arrivals, waiting guests).
    let detector: D
    let selection: S
    /// `PolicySpec.underload`, its threshold and its attempt limit, read once.
    let evacuatesUnderloaded: Bool
    let underloadThreshold: Double
    let maxUnderloadAttempts: Int
    /// The selection's stream (only RS draws from it), named so that no other stream shifts it.
    var random: Xoshiro256StarStar
    /// The round's tentative changes, undone at its end.
    var snapshot: RoundSnapshot
    /// Scratch of `selectGuests`, kept from one host to the next: candidates and their list nodes.
    private var candidates: [SelectionCandidate] = []
    private var candidateNodes: [Int] = []

    /// A planner for `hosts` hosts with the run's `policies`. O(hosts).
    init(_ policies: RoundPolicies<D, S>, config: EngineConfig, hosts: Int) {
        detector = policies.detector
        selection = policies.selection
        evacuatesUnderloaded = config.policies.underload
        underloadThreshold = config.policies.underloadThreshold ?? 1
        maxUnderloadAttempts = config.policies.maxUnderloadAttemptsPerRound ?? Int.max
        random = RandomStreams(seed: config.seed).stream("consolidation/vm-selection")
        snapshot = RoundSnapshot(hosts: hosts)
    }

    // MARK: - The round

    /// Plans one consolidation round on `e` and returns the migrations, overload moves first. The
    /// engine's allocation is as before when it returns; the migrations happen through events.
    mutating func plan<Q, O>(_ e: inout Engine<Q, O>) -> [PlannedMigration] {
        snapshot.beginRound()
        let t0 = wallSeconds()

        // 1. Over-utilized hosts, excluded as targets for the whole round (the under-load phase too).
        let overloaded = overloadedHosts(&e)
        var excludedTarget = [Bool](repeating: false, count: e.s.hostCount)
        for h in overloaded {
            excludedTarget[h] = true
            e.ffIndex?.mask(h)
        }
        let t1 = wallSeconds()

        // 2–3. VM selection: remove guests until the host is no longer overloaded.
        var toMigrate: [Int] = []
        for h in overloaded { selectGuests(from: h, into: &toMigrate, &e) }
        let t2 = wallSeconds()

        // 4. Place the selected guests, excluding overloaded hosts.
        var migrations = placeSelected(toMigrate, excluded: excludedTarget, &e)
        let t3 = wallSeconds()

        // 5. Under-load consolidation.
        if evacuatesUnderloaded {
            migrations += underloadPhase(overloaded: overloaded, overloadTargets: migrations.map(\.target), &e)
        }

        // 6. Restore the saved allocation.
        snapshot.restore(&e.s, reserved: &e.reservedHosts)
        e.ffIndex?.unmaskAll()
        let t4 = wallSeconds()
        e.s.observer.roundPlanned(hostSelection: t1 - t0, vmSelection: t2 - t1, reallocation: t3 - t2, total: t4 - t0)
        return migrations
    }

    /// The hosts the overload detector flags, in index order: THR as one SIMD compare
    /// (`ThresholdRule`), the other detectors (and the scalar reference) host by host. O(hosts).
    private func overloadedHosts<Q, O>(_ e: inout Engine<Q, O>) -> [Int] {
        if e.simdScans, let threshold = e.staticThreshold { return e.overloadedHostsTHR(threshold: threshold, detector) }
        var overloaded: [Int] = []
        for h in 0..<e.s.hostCount where e.s.hosts.listed[h] > 0 && e.isOverloaded(h, detector) { overloaded.append(h) }
        return overloaded
    }

    /// A guest a round may move: node `i` is the guest's own (not a reservation), the guest runs
    /// and is not migrating already (CloudSim `getMigratableVms`, plus the phase). O(1).
    @inline(__always)
    private static func isMovable<Q, O>(node i: Int, _ s: EngineState<Q, O>) -> Bool {
        let g = Int(s.lists.guest[i])
        return !s.guests.inMigration[g] && s.lists.kind[i] != .incoming && s.guests.phase[g] == .running
    }

    // MARK: - Overloaded hosts: selection and placement

    /// VM selection on overloaded host `h`: the policy picks guests one at a time, each tentatively
    /// removed, until the host is no longer overloaded. O(k²) for k guests.
    private mutating func selectGuests<Q, O>(from h: Int, into toMigrate: inout [Int], _ e: inout Engine<Q, O>) {
        while true {
            collectCandidates(on: h, e.s)
            let decision = selection.select(from: candidates, random: &random)
            guard let k = decision.chosenIndex else { return }
            let node = candidateNodes[k]
            let g = Int(e.s.lists.guest[node])
            toMigrate.append(g)
            if e.s.lists.kind[node] == .primary {
                snapshot.remove(guest: g, in: &e.s)
            } else {
                snapshot.undoCreate(node: node, in: &e.s)
            }
            if !e.isOverloaded(h, detector) { return }
        }
    }

    /// Host `h`'s movable guests, in list order, as the selection's candidates (`candidates`) and
    /// their nodes (`candidateNodes`). O(k), O(k · history) when the policy reads histories.
    private mutating func collectCandidates<Q, O>(on h: Int, _ s: EngineState<Q, O>) {
        candidates.removeAll(keepingCapacity: true)
        candidateNodes.removeAll(keepingCapacity: true)
        var n = s.lists.head[h]
        while n >= 0 {
            let i = Int(n)
            if Self.isMovable(node: i, s) {
                let g = Int(s.lists.guest[i])
                // A policy that reads history implies the engine keeps it (`withEngine`).
                let hist: [Double] = selection.needsHistory ? (0..<Int(s.demand.history.count[g])).map { s.demand.history.value(g, $0) } : []
                candidates.append(SelectionCandidate(id: g, ramMB: s.guests.ramMB[g], utilization: s.guests.utilization[g],
                                                     mips: s.guestRequest(g), history: hist))
                candidateNodes.append(i)
            }
            n = s.lists.next[i]
        }
    }

    /// Step 4: places the selected guests by decreasing current CPU (stable), never on an
    /// `excluded` (overloaded) host; a guest no host takes stays. O(guests · placement).
    private mutating func placeSelected<Q, O>(_ guests: [Int], excluded: [Bool], _ e: inout Engine<Q, O>) -> [PlannedMigration] {
        var migrations: [PlannedMigration] = []
        let sorted = e.sortByCpuDescending(guests)
        e.trace.phase = "overload migration"
        for g in sorted {
            if let target = e.tracedFindHost(for: g, excluded: excluded, detector) {
                _ = snapshot.create(guest: g, on: target, in: &e.s)
                migrations.append(PlannedMigration(guest: g, target: target))
            }
        }
        return migrations
    }

    // MARK: - Under-loaded hosts

    /// Step 5 (§3.8): evacuates hosts from the least loaded up, one at a time. Overloaded and
    /// switched-off hosts are neither evacuated nor targets; the round's targets are not evacuated
    /// (CloudSim mode aside: `overloadTargetsStayCandidates`). O(hosts log hosts + evacuations).
    private mutating func underloadPhase<Q, O>(overloaded: [Int], overloadTargets: [Int], _ e: inout Engine<Q, O>) -> [PlannedMigration] {
        let H = e.s.hostCount
        var excluded = UnderloadExclusions(hosts: H)
        for h in overloaded { excluded.exclude(h) }
        // Switched-off hosts: CloudSim reads measured utilization 0; VirtSim, hosts with no guests.
        let offMeansZero = e.rules.switchedOffMeansZeroUtilization
        let utilization = e.simdScans ? Underload.measuredUtilizations(e.s.hosts, e.s.arith)
                                      : Underload.measuredUtilizationsScalar(e.s.hosts, e.s.arith)
        for h in 0..<H where Underload.isSwitchedOff(h, utilization: utilization[h], in: e.s.hosts, offMeansZeroUtilization: offMeansZero) {
            excluded.exclude(h)
        }
        if !e.rules.overloadTargetsStayCandidates {
            for h in overloadTargets { excluded.excludeAsSource(h) }
        }
        let order = Underload.order(utilization: utilization, excluded: excluded.asSource, threshold: underloadThreshold,
                                    offMeansZeroUtilization: offMeansZero)
        return evacuateInOrder(order, &excluded, &e)
    }

    /// The under-load loop: the first host of `order` still a possible source is evacuated (all
    /// or nothing); its guests' targets stop being sources. Ends when every host is excluded, no
    /// source is left, or the attempts run out. O(order + evacuations · placement).
    private mutating func evacuateInOrder<Q, O>(_ order: [Int], _ excluded: inout UnderloadExclusions,
                                                _ e: inout Engine<Q, O>) -> [PlannedMigration] {
        var migrations: [PlannedMigration] = []
        var attempts = 0
        var start = 0
        while excluded.sourceCount < e.s.hostCount && attempts < maxUnderloadAttempts {
            while start < order.count && excluded.asSource[order[start]] { start += 1 }
            var picked = -1
            for h in order[start...] where !excluded.asSource[h] && !Self.allMigratingOutOrAnyMigratingIn(h, e.s) {
                picked = h
                break
            }
            if picked < 0 { break }
            attempts += 1
            excluded.exclude(picked)
            e.ffIndex?.mask(picked)
            guard let moves = evacuate(picked, excluded: excluded.asTarget, &e) else { continue }
            for m in moves {
                excluded.excludeAsSource(m.target)
                migrations.append(m)
            }
        }
        return migrations
    }

    /// CloudSim `areAllVmsMigratingOutOrAnyVmMigratingIn`, read literally: the first guest not in
    /// migration decides "no"; a migrating-in guest before it decides "yes". O(k).
    private static func allMigratingOutOrAnyMigratingIn<Q, O>(_ h: Int, _ s: EngineState<Q, O>) -> Bool {
        var n = s.lists.head[h]
        while n >= 0 {
            let i = Int(n)
            let g = Int(s.lists.guest[i])
            if !s.guests.inMigration[g] { return false }
            if s.lists.kind[i] == .incoming { return true }
            n = s.lists.next[i]
        }
        return true
    }

    /// Tries to move every movable guest of host `h` elsewhere, by decreasing CPU, skipping
    /// `excluded` hosts. All or nothing: when one guest finds no host, the tentative moves are
    /// undone and nil is returned. O(k · placement).
    private mutating func evacuate<Q, O>(_ h: Int, excluded: [Bool], _ e: inout Engine<Q, O>) -> [PlannedMigration]? {
        var guests: [Int] = []
        var n = e.s.lists.head[h]
        while n >= 0 {
            let i = Int(n)
            if Self.isMovable(node: i, e.s) { guests.append(Int(e.s.lists.guest[i])) }
            n = e.s.lists.next[i]
        }
        if guests.isEmpty { return nil }
        var placed: [(node: Int, move: PlannedMigration)] = []
        for g in e.sortByCpuDescending(guests) {
            e.trace.phase = "under-load evacuation"
            guard let target = e.tracedFindHost(for: g, excluded: excluded, skipEmpty: true, detector) else {
                for p in placed.reversed() { snapshot.undoCreate(node: p.node, in: &e.s) }
                // The evacuation is abandoned: a decision recorded in it did not happen.
                if let d = e.trace.decision, d.phase == e.trace.phase, d.time == e.trace.now, guests.contains(d.guest) {
                    e.trace.decision = nil
                }
                return nil
            }
            let node = snapshot.create(guest: g, on: target, in: &e.s)
            placed.append((node, PlannedMigration(guest: g, target: target)))
        }
        return placed.map(\.move)
    }
}

/// The under-load phase's exclusions: hosts that may no longer be evacuated (`asSource`) and
/// hosts that may not take guests (`asTarget`), with the count of the first (the loop ends when
/// every host is excluded as a source). Columns indexed by host; O(1) per exclusion.
struct UnderloadExclusions {
    private(set) var asSource: [Bool]
    private(set) var asTarget: [Bool]
    private(set) var sourceCount = 0

    init(hosts: Int) {
        asSource = Array(repeating: false, count: hosts)
        asTarget = Array(repeating: false, count: hosts)
    }

    /// Host `h` is neither evacuated nor a target (overloaded, switched off, or being evacuated).
    mutating func exclude(_ h: Int) {
        excludeAsSource(h)
        asTarget[h] = true
    }

    /// Host `h` is not evacuated (it takes guests this round) but stays a target.
    mutating func excludeAsSource(_ h: Int) {
        if !asSource[h] { asSource[h] = true; sourceCount += 1 }
    }
}
