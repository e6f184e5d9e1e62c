import VirtModel
import Scheduling

extension Engine {
    /// What guest `g` asks of a host now: its demand, the per-core speed one vCPU needs (CloudSim:
    /// the current request per PE; VirtSim: the guest's MIPS per vCPU) and its RAM, compared only
    /// when the mode requests RAM after creation.
    @inline(__always)
    func placementRequest(_ g: Int) -> PlacementRequest {
        rules.placementRequest(demand: s.hostDemand(g), pes: s.guests.pes[g], mips: s.guests.mips[g], ramMB: s.guests.ramMB[g],
                               creating: s.guests.creating[g])
    }

    /// Is host `h` a possible home for guest `g` (the suitability rule)?
    @inline(__always)
    func isSuitable(_ h: Int, guest g: Int) -> Bool {
        Suitability.accepts(h, placementRequest(g), in: s.hosts)
    }

    /// `PowerVmList.sortByCpuUtilization`: decreasing current MIPS, stable (the initial placement
    /// and the round's placements visit guests in this order). O(n log n).
    func sortByCpuDescending(_ guests: [Int]) -> [Int] {
        let keys = guests.map { g -> Double in
            rules.guestSizeIsOneCoreMips ? s.guests.utilization[g] * s.guests.mips[g] : s.hostDemand(g)
        }
        return Array(guests.indices).sorted { a, b in
            keys[a] != keys[b] ? keys[a] > keys[b] : a < b
        }.map { guests[$0] }
    }

    /// Chooses a host for guest `g` (`findHostForVm`), skipping hosts with `excluded[h]`.
    mutating func findHost<D: EngineOverloadDetector>(for g: Int, excluded: [Bool], skipEmpty: Bool = false, _ detector: D) -> Int? {
        var none = NoRecorder()
        return findHost(for: g, excluded: excluded, skipEmpty: skipEmpty, recorder: &none, detector)
    }

    /// `findHost` telling `recorder` every host's verdict. A recording recorder runs the scalar
    /// reference (every host visited); `NoRecorder` takes the fast paths (first-fit index, SIMD
    /// scans), which choose the same host (tested). The placement rule picks its scoring type
    /// here, once per placement; the loops below are generic over it.
    mutating func findHost<D: EngineOverloadDetector, R: PlacementRecorder>(for g: Int, excluded given: [Bool], skipEmpty: Bool,
                                                                       recorder: inout R, _ detector: D) -> Int? {
        // The isolation constraint, the one place it is enforced: hosts holding another tenant's
        // guests are excluded for every placement rule below.
        let excluded = exclusiveTenant.isEmpty ? given : tenantExcluded(given, guest: g)
        let request = placementRequest(g)
        switch placement {
        case .firstFit, .firstFitDecreasing:
            return findHost(FirstFitScoring.self, g, request, excluded: excluded, given: given, skipEmpty: skipEmpty, recorder: &recorder, detector)
        case .bestFit:
            return findHost(BestFitScoring.self, g, request, excluded: excluded, given: given, skipEmpty: skipEmpty, recorder: &recorder, detector)
        case .worstFit:
            return findHost(WorstFitScoring.self, g, request, excluded: excluded, given: given, skipEmpty: skipEmpty, recorder: &recorder, detector)
        case .powerAwareBestFitDecreasing:
            return findHost(PowerIncreaseScoring.self, g, request, excluded: excluded, given: given, skipEmpty: skipEmpty,
                            recorder: &recorder, detector)
        }
    }

    /// `findHost` with the placement rule's scoring `P` resolved: the first-fit index or the SIMD
    /// scan when nothing records, else the scalar reference.
    @inline(__always)
    mutating func findHost<D: EngineOverloadDetector, R: PlacementRecorder, P: PlacementScoring>(
        _ scoring: P.Type, _ g: Int, _ request: PlacementRequest, excluded: [Bool], given: [Bool], skipEmpty: Bool,
        recorder: inout R, _ detector: D) -> Int? {
        if !R.records {
            if P.takesFirst, ffIndex != nil {
                return indexedFirstFit(g, request, excluded: excluded, skipEmpty: skipEmpty, detector)
            }
            if !P.takesFirst && simdScans { return findHostSIMD(P.self, for: g, request, excluded: excluded, detector) }
        }
        return findHostScalar(P.self, for: g, request, excluded: excluded, given: given, recorder: &recorder, detector)
    }

    /// Scalar reference of every placement policy: hosts in index order, each tested by the rules
    /// (suitability, overload with the guest added, the policy's score); the smallest score wins,
    /// lowest index on ties (first fit: the first acceptable host). O(hosts) plus one overload
    /// evaluation per suitable host. `P` (the rule's scoring) and `D.detectsOverloads` are
    /// constants of each specialization: the loop tests no placement flag.
    /// `given` is the round's exclusion before the tenant constraint (hosts only `excluded` by it
    /// are reported as holding another tenant).
    mutating func findHostScalar<D: EngineOverloadDetector, R: PlacementRecorder, P: PlacementScoring>(
        _ scoring: P.Type, for g: Int, _ request: PlacementRequest, excluded: [Bool], given: [Bool], recorder: inout R, _ detector: D) -> Int? {
        // §3.7: with CloudSim's empty-host reading, hosts with planner MIPS 0 skip the overload test.
        let cloudSimEmpty = rules.wakingHostsLooksFree
        var best: Int? = nil
        var bestScore = Double.greatestFiniteMagnitude
        for h in 0..<s.hostCount {
            if excluded[h] { recorder.reject(h, given[h] ? .excluded : .otherTenant); continue }
            if let why = Suitability.rejection(h, request, in: s.hosts) { recorder.reject(h, .unsuitable(why)); continue }
            let planned = P.scoresPowerIncrease ? plannerMips(h, detector) : 0
            if D.detectsOverloads && !(P.scoresPowerIncrease && cloudSimEmpty && planned == 0) {
                if R.records {
                    let verdict = detector.evaluate(overloadInput(h, extra: g, detector))
                    if verdict.overloaded { recorder.reject(h, .overloaded(verdict)); continue }
                } else if isOverloaded(h, extra: g, detector) {
                    continue
                }
            }
            let score: Double
            if P.scoresPowerIncrease {
                let after = PowerIncrease.utilizationAfter(plannedMips: planned, demand: request.demandMips, capacity: s.hosts.totalMips[h])
                guard PowerIncrease.admits(utilizationAfter: after) else { recorder.reject(h, .aboveFullUtilization(after)); continue }
                let type = Int(s.hosts.powerType[h])
                let asleep = !cloudSimEmpty && s.hosts.listed[h] == 0
                let now = PowerIncrease.wattsNow(s.arith, type: type, measuredUtilization: s.measuredUtilization(h), sleeping: asleep)
                score = PowerIncrease.delta(s.arith, type: type, utilizationAfter: after, wattsNow: now)
                guard PowerIncrease.ranks(score) else { recorder.reject(h, .powerIncreaseNotFinite); continue }
                recorder.accept(h, score: score, .power(nowWatts: now, afterWatts: now + score, utilization: after, waking: asleep))
            } else {
                let left = Residual.score(freeMips: s.hosts.freeMips[h], demand: request.demandMips, negated: false)
                if P.takesFirst {
                    recorder.accept(h, score: nil, .leftover(left))
                    if !R.records { return h }
                    if best == nil { best = h }
                    continue
                }
                score = Residual.score(freeMips: s.hosts.freeMips[h], demand: request.demandMips, negated: P.negatesLeftover)
                recorder.accept(h, score: score, .leftover(left))
            }
            if score < bestScore { bestScore = score; best = h }
        }
        return best
    }
}

extension Engine {
    /// `excluded`, plus every host whose guests belong to another tenant than guest `g`'s. Hosts
    /// are tenant-exclusive, so the first node of a host names its tenant. O(hosts).
    func tenantExcluded(_ excluded: [Bool], guest g: Int) -> [Bool] {
        let tenant = exclusiveTenant[g]
        var out = excluded
        for h in 0..<s.hostCount where !out[h] {
            let head = s.lists.head[h]
            if head >= 0 && exclusiveTenant[Int(s.lists.guest[Int(head)])] != tenant { out[h] = true }
        }
        return out
    }

    /// Brings the first-fit index up to date with every host changed since the last query.
    mutating func flushIndex<D: EngineOverloadDetector>(_ detector: D) {
        guard var index = ffIndex else { return }
        ffIndex = nil
        let dirty = s.dirtyHosts
        let rebuild = dirty.count > s.hostCount / 8
        for x in dirty {
            let h = Int(x)
            s.dirtyFlag[h] = false
            if indexThreshold.isFinite { refreshCache(h, detector) }
            let cap = s.hosts.totalMips[h]
            // Headroom a little loose: the exact THR test runs on the candidate leaf.
            let head = indexThreshold.isFinite ? indexThreshold * cap - load.requested[h] + 1e-6 * cap : .infinity
            index.setLeaf(h, avail: s.hosts.freeMips[h], ram: s.hosts.freeRamMB(h), head: head,
                          pe: s.hosts.peMips[h], busy: s.hosts.listed[h] > 0)
            if !rebuild { index.propagate(h) }
        }
        if rebuild { index.rebuild() }
        s.dirtyHosts.removeAll(keepingCapacity: true)
        ffIndex = index
    }

    /// First fit through the index; the same host as the linear scan.
    mutating func indexedFirstFit<D: EngineOverloadDetector>(_ g: Int, _ request: PlacementRequest, excluded: [Bool], skipEmpty: Bool,
                                                       _ detector: D) -> Int? {
        flushIndex(detector)
        var index = ffIndex!
        ffIndex = nil
        let thr = indexThreshold
        let useThr = D.detectsOverloads && thr.isFinite
        let demand = request.demandMips
        let found = index.first(mips: demand, ramMB: request.checksRam ? request.ramMB : -.infinity,
                                headroom: useThr ? demand : -.infinity, coreMips: request.coreMips, busyOnly: skipEmpty) { h in
            if excluded[h] || !Suitability.accepts(h, request, in: s.hosts) { return false }
            if useThr && ThresholdRule.exceeds(mips: load.requested[h] + demand, capacity: s.hosts.totalMips[h], threshold: thr) { return false }
            return true
        }
        ffIndex = index
        return found
    }
}
