import SimKernel
import VirtModel
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

extension Engine {
    // MARK: - Tentative changes (saved and restored around a round, as CloudSim does)

    /// Remembers host `h`'s list before its first change in this round.
    mutating func touch(_ h: Int) {
        if tentative.stamp[h] == tentative.current { return }
        tentative.stamp[h] = tentative.current
        tentative.touched.append(h)
        tentative.start[h] = tentative.nodes.count
        var count: Int32 = 0
        var n = s.lists.head[h]
        while n >= 0 {
            tentative.nodes.append(n)
            count += 1
            n = s.lists.next[Int(n)]
        }
        tentative.length[h] = count
    }

    /// `host.vmDestroy(vm)` while planning: the guest's primary node leaves its host.
    mutating func tentativelyRemove(guest g: Int) {
        let h = Int(s.lists.host[g])
        guard h >= 0 else { return }
        touch(h)
        tentative.lostNodes[h] = true
        s.unlink(g)
        s.recomputeAllocation(h)
    }

    /// `host.vmCreate(vm)` while planning: a planned node of the guest joins `h`.
    mutating func tentativelyCreate(guest g: Int, on h: Int) -> Int {
        touch(h)
        let n = s.newNode(guest: g, kind: .planned)
        s.link(n, to: h)
        s.allocateAppended(n, on: h, request: s.hostDemand(g))
        tentative.planned.append(n)
        return n
    }

    /// Undoes one tentative create (a failed evacuation).
    mutating func undoCreate(node n: Int) {
        let h = Int(s.lists.host[n])
        s.unlink(n)
        s.recomputeAllocation(h)
        s.releaseNode(n)
        if let k = tentative.planned.lastIndex(of: n) { tentative.planned.remove(at: k) }
    }

    /// `restoreAllocation`: every touched host gets its saved list back, migrating-in guests first.
    mutating func restoreRound() {
        for n in tentative.planned where s.lists.kind[n] == .planned {
            s.unlink(n)
            s.releaseNode(n)
        }
        tentative.planned.removeAll(keepingCapacity: true)
        for h in tentative.touched {
            // A host that only gained planned nodes is already back as it was.
            if !tentative.lostNodes[h] && s.lists.incoming[h] == 0 {
                s.recomputeAllocation(h)
                continue
            }
            tentative.lostNodes[h] = false
            // Empty the list, then rebuild it from the snapshot.
            var n = s.lists.head[h]
            while n >= 0 {
                let next = s.lists.next[Int(n)]
                s.unlink(Int(n))
                n = next
            }
            let start = tentative.start[h]
            let len = Int(tentative.length[h])
            for k in 0..<len {
                let node = Int(tentative.nodes[start + k])
                if s.lists.kind[node] == .incoming { s.link(node, to: h) }
            }
            for k in 0..<len {
                let node = Int(tentative.nodes[start + k])
                if s.lists.kind[node] == .primary && s.lists.host[node] < 0 { s.link(node, to: h) }
            }
            s.recomputeAllocation(h)
        }
        // CloudSim's restore also puts migrating-in guests first on hosts the round did not touch.
        var k = 0
        while k < tentative.hostsWithIncoming.count {
            let h = tentative.hostsWithIncoming[k]
            if s.lists.incoming[h] == 0 {
                tentative.hasIncoming[h] = false
                tentative.hostsWithIncoming.swapAt(k, tentative.hostsWithIncoming.count - 1)
                tentative.hostsWithIncoming.removeLast()
                continue
            }
            if tentative.stamp[h] != tentative.current { moveIncomingFirst(h) }
            k += 1
        }
        tentative.touched.removeAll(keepingCapacity: true)
        tentative.nodes.removeAll(keepingCapacity: true)
    }

    mutating func moveIncomingFirst(_ h: Int) {
        var sawOther = false
        var needed = false
        var x = s.lists.head[h]
        while x >= 0 {
            if s.lists.kind[Int(x)] == .incoming { if sawOther { needed = true; break } } else { sawOther = true }
            x = s.lists.next[Int(x)]
        }
        guard needed else { return }
        let list = s.nodes(of: h)
        for n in list { s.unlink(n) }
        for n in list where s.lists.kind[n] == .incoming { s.link(n, to: h) }
        for n in list where s.lists.kind[n] != .incoming { s.link(n, to: h) }
        s.recomputeAllocation(h)
    }

    // MARK: - The round (`optimizeAllocation`, §3.8)

    /// Plans one consolidation round and returns the migrations, overload moves first.
    mutating func planRound<D: EngineOverloadDetector, S: VmSelectionPolicy>(_ policies: RoundPolicies<D, S>) -> [PlannedMigration] {
        let detector = policies.detector
        tentative.current &+= 1
        let t0 = wallSeconds()
        let H = s.hostCount

        // 1. Over-utilized hosts, excluded as targets for the whole round (the under-load phase too).
        let overloaded = overloadedHosts(detector)
        var excludedTarget = [Bool](repeating: false, count: H)
        for h in overloaded {
            excludedTarget[h] = true
            ffIndex?.mask(h)
        }
        let t1 = wallSeconds()

        // 2–3. VM selection: remove guests until the host is no longer overloaded.
        var toMigrate: [Int] = []
        for h in overloaded { selectGuests(from: h, into: &toMigrate, policies) }
        let t2 = wallSeconds()

        // 4. Place the selected guests, by decreasing current CPU (stable), excluding overloaded hosts.
        var migrations: [PlannedMigration] = []
        let sorted = sortByCpuDescending(toMigrate)
        var overloadTargets: [Int] = []
        trace.phase = "overload migration"
        for g in sorted {
            if let target = tracedFindHost(for: g, excluded: excludedTarget, detector) {
                _ = tentativelyCreate(guest: g, on: target)
                migrations.append(PlannedMigration(guest: g, target: target))
                overloadTargets.append(target)
            }
        }
        let t3 = wallSeconds()

        // 5. Under-load consolidation.
        if config.policies.underload {
            migrations += underloadPhase(overloaded: overloaded, overloadTargets: overloadTargets, detector)
        }

        // 6. Restore the saved allocation; the migrations happen through events.
        restoreRound()
        ffIndex?.unmaskAll()
        let t4 = wallSeconds()
        s.observer.roundPlanned(hostSelection: t1 - t0, vmSelection: t2 - t1, reallocation: t3 - t2, total: t4 - t0)
        return migrations
    }

    /// The hosts the overload detector flags, in index order: THR as one SIMD compare
    /// (`ThresholdRule`), the other detectors (and the scalar reference) host by host. O(hosts).
    mutating func overloadedHosts<D: EngineOverloadDetector>(_ detector: D) -> [Int] {
        if simdScans, let threshold = staticThreshold { return overloadedHostsTHR(threshold: threshold, detector) }
        var overloaded: [Int] = []
        for h in 0..<s.hostCount where s.hosts.listed[h] > 0 && isOverloaded(h, detector) { overloaded.append(h) }
        return overloaded
    }

    /// VM selection on overloaded host `h`: the policy picks guests (not migrating, running) one at a
    /// time, each tentatively removed, until the host is no longer overloaded. O(k²) for k guests.
    mutating func selectGuests<D: EngineOverloadDetector, S: VmSelectionPolicy>(from h: Int, into toMigrate: inout [Int],
                                                                          _ policies: RoundPolicies<D, S>) {
        let selection = policies.selection
        var candidates: [SelectionCandidate] = []
        while true {
            candidates.removeAll(keepingCapacity: true)
            var ids: [Int] = []
            var n = s.lists.head[h]
            while n >= 0 {
                let i = Int(n)
                let g = Int(s.lists.guest[i])
                if !s.guests.inMigration[g] && s.lists.kind[i] != .incoming && s.guests.phase[g] == .running {
                    // A policy that reads history implies the engine keeps it (`withEngine`).
                    let hist: [Double] = selection.needsHistory
                        ? (0..<Int(s.histCount[g])).map { s.history(g, $0) } : []
                    candidates.append(SelectionCandidate(id: g, ramMB: s.guests.ramMB[g], utilization: s.guests.utilization[g],
                                                         mips: s.guestRequest(g), history: hist))
                    ids.append(i)
                }
                n = s.lists.next[i]
            }
            let decision = selection.select(from: candidates, random: &random)
            guard let k = decision.chosenIndex else { return }
            let node = ids[k]
            let g = Int(s.lists.guest[node])
            toMigrate.append(g)
            if s.lists.kind[node] == .primary {
                tentativelyRemove(guest: g)
            } else {
                undoCreate(node: node)
            }
            if !isOverloaded(h, policies.detector) { return }
        }
    }

    /// `PowerVmList.sortByCpuUtilization`: decreasing current MIPS, stable.
    func sortByCpuDescending(_ guests: [Int]) -> [Int] {
        let keys = guests.map { g -> Double in
            rules.guestSizeIsOneCoreMips ? s.guests.utilization[g] * s.guests.mips[g] : s.hostDemand(g)
        }
        return Array(guests.indices).sorted { a, b in
            keys[a] != keys[b] ? keys[a] > keys[b] : a < b
        }.map { guests[$0] }
    }

    /// CloudSim `areAllVmsMigratingOutOrAnyVmMigratingIn`, read literally: the first guest not in
    /// migration decides "no"; a migrating-in guest before it decides "yes".
    func allMigratingOutOrAnyMigratingIn(_ h: Int) -> Bool {
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

    /// §3.8 step 5: evacuate hosts from the least loaded up, one at a time.
    mutating func underloadPhase<D: EngineOverloadDetector>(overloaded: [Int], overloadTargets: [Int], _ detector: D) -> [PlannedMigration] {
        let H = s.hostCount
        var excludedUnder = [Bool](repeating: false, count: H)
        var excludedPlace = [Bool](repeating: false, count: H)
        var excludedCount = 0
        func excludeUnder(_ h: Int) {
            if !excludedUnder[h] { excludedUnder[h] = true; excludedCount += 1 }
        }
        for h in overloaded { excludeUnder(h); excludedPlace[h] = true }
        // Switched-off hosts: CloudSim reads measured utilization 0; VirtSim, hosts with no guests.
        let offMeansZero = rules.switchedOffMeansZeroUtilization
        let utilization = simdScans ? Underload.measuredUtilizations(s.hosts, s.arith) : Underload.measuredUtilizationsScalar(s.hosts, s.arith)
        for h in 0..<H where Underload.isSwitchedOff(h, utilization: utilization[h], in: s.hosts, offMeansZeroUtilization: offMeansZero) {
            excludeUnder(h)
            excludedPlace[h] = true
        }
        if !rules.overloadTargetsStayCandidates {
            for h in overloadTargets { excludeUnder(h) }
        }
        let threshold = config.policies.underloadThreshold ?? 1
        let order = Underload.order(utilization: utilization, excluded: excludedUnder, threshold: threshold,
                                    offMeansZeroUtilization: offMeansZero)
        var migrations: [PlannedMigration] = []
        var attempts = 0
        let maxAttempts = config.policies.maxUnderloadAttemptsPerRound ?? Int.max
        var start = 0
        while excludedCount < H && attempts < maxAttempts {
            while start < order.count && excludedUnder[order[start]] { start += 1 }
            var picked = -1
            var k = start
            while k < order.count {
                let h = order[k]
                if !excludedUnder[h] && !allMigratingOutOrAnyMigratingIn(h) { picked = h; break }
                k += 1
            }
            if picked < 0 { break }
            attempts += 1
            excludeUnder(picked)
            excludedPlace[picked] = true
            ffIndex?.mask(picked)
            guard let moves = evacuate(picked, excluded: excludedPlace, detector) else { continue }
            for m in moves {
                excludeUnder(m.target)
                migrations.append(m)
            }
        }
        return migrations
    }

    /// Tries to move every guest of host `h` (not migrating, running) elsewhere, by decreasing CPU,
    /// skipping `excluded` hosts. All or nothing: when one guest finds no host, the tentative moves
    /// are undone and nil is returned. O(k · placement).
    mutating func evacuate<D: EngineOverloadDetector>(_ h: Int, excluded: [Bool], _ detector: D) -> [PlannedMigration]? {
        var guests: [Int] = []
        var n = s.lists.head[h]
        while n >= 0 {
            let i = Int(n)
            let g = Int(s.lists.guest[i])
            if !s.guests.inMigration[g] && s.lists.kind[i] != .incoming && s.guests.phase[g] == .running {
                guests.append(g)
            }
            n = s.lists.next[i]
        }
        if guests.isEmpty { return nil }
        var placed: [(node: Int, move: PlannedMigration)] = []
        for g in sortByCpuDescending(guests) {
            trace.phase = "under-load evacuation"
            guard let target = tracedFindHost(for: g, excluded: excluded, skipEmpty: true, detector) else {
                for p in placed.reversed() { undoCreate(node: p.node) }
                // The evacuation is abandoned: a decision recorded in it did not happen.
                if let d = trace.decision, d.phase == trace.phase, d.time == trace.now, guests.contains(d.guest) { trace.decision = nil }
                return nil
            }
            let node = tentativelyCreate(guest: g, on: target)
            placed.append((node, PlannedMigration(guest: g, target: target)))
        }
        return placed.map(\.move)
    }
}
