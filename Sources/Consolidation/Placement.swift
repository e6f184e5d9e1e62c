import VirtModel

extension Engine {
    /// Is host `h` a possible home for guest `g` requesting `demand` host MIPS?
    /// CloudSim `Host.isSuitableForVm` (§3.7 step 1) or VirtSim's intended checks.
    @inline(__always)
    func isSuitable(_ h: Int, guest g: Int, demand: Double) -> Bool {
        let pes = Double(s.guestPes[g])
        if sem.perCoreCapOnCurrentRequest {
            if s.hostPeMips[h] < demand / pes { return false }
        } else {
            if s.hostPeMips[h] < s.guestMips[g] { return false }
        }
        if s.hostAvail[h] < demand { return false }
        if !sem.ramOnlyAtCreation || s.guestCreating[g] {
            if s.hostRam[h] - s.hostRamUsed[h] < s.guestRam[g] { return false }
        }
        return true
    }

    /// Chooses a host for guest `g` (`findHostForVm`), skipping hosts with `excluded[h]`.
    /// O(hosts · k) plus one overload evaluation per candidate.
    mutating func findHost(for g: Int, excluded given: [Bool], skipEmpty: Bool = false) -> Int? {
        // The isolation constraint, the one place it is enforced: hosts holding another tenant's
        // guests are excluded for every placement rule below.
        let excluded = exclusiveTenant.isEmpty ? given : tenantExcluded(given, guest: g)
        let demand = s.hostDemand(g)
        let useDetector = consolidates
        switch placement {
        case .firstFit where ffIndex != nil:
            return indexedFirstFit(g, demand: demand, excluded: excluded, skipEmpty: skipEmpty)
        case .firstFit:
            for h in 0..<s.hostCount where !excluded[h] {
                guard isSuitable(h, guest: g, demand: demand) else { continue }
                if useDetector && isOverloaded(h, extra: g) { continue }
                return h
            }
            return nil
        case .bestFit where simdScans, .worstFit where simdScans, .powerAware where simdScans:
            return findHostSIMD(for: g, excluded: excluded)
        case .bestFit, .worstFit:
            // Scalar reference of `findHostSIMD`.
            var best: Int? = nil
            var bestScore = Double.greatestFiniteMagnitude
            for h in 0..<s.hostCount where !excluded[h] {
                guard isSuitable(h, guest: g, demand: demand) else { continue }
                if useDetector && isOverloaded(h, extra: g) { continue }
                let left = s.hostAvail[h] - demand
                let score = placement == .bestFit ? left : -left
                if score < bestScore { bestScore = score; best = h }
            }
            return best
        case .powerAware:
            // Scalar reference of `findHostSIMD`.
            var best: Int? = nil
            var minDiff = Double.greatestFiniteMagnitude
            let cloudSimEmpty = sem.wakingHostsLooksFree
            for h in 0..<s.hostCount where !excluded[h] {
                guard isSuitable(h, guest: g, demand: demand) else { continue }
                let planned = plannerMips(h)
                let empty = s.hostNodes[h] == 0
                if cloudSimEmpty {
                    // §3.7: hosts with planner MIPS 0 skip the overload test.
                    if planned != 0 && useDetector && isOverloaded(h, extra: g) { continue }
                } else if useDetector && isOverloaded(h, extra: g) {
                    continue
                }
                let after = (planned + demand) / s.hostCap[h]
                if after > 1 { continue }  // CloudSim's power model would throw here
                let type = Int(s.hostType[h])
                let now: Double
                if !cloudSimEmpty && empty {
                    // VirtSim: waking a sleeping host costs its idle power.
                    now = s.arith.models[type].sleepWatts
                } else {
                    now = s.arith.power(type: type, utilization: s.measuredUtilization(h))
                }
                let diff = s.arith.power(type: type, utilization: after) - now
                if diff < minDiff { minDiff = diff; best = h }
            }
            return best
        }
    }
}

extension Engine {
    /// `excluded`, plus every host whose guests belong to another tenant than guest `g`'s. Hosts
    /// are tenant-exclusive, so the first node of a host names its tenant. O(hosts).
    func tenantExcluded(_ excluded: [Bool], guest g: Int) -> [Bool] {
        let tenant = exclusiveTenant[g]
        var out = excluded
        for h in 0..<s.hostCount where !out[h] {
            let head = s.hostHead[h]
            if head >= 0 && exclusiveTenant[Int(s.nodeGuest[Int(head)])] != tenant { out[h] = true }
        }
        return out
    }

    /// Brings the first-fit index up to date with every host changed since the last query.
    mutating func flushIndex() {
        guard var index = ffIndex else { return }
        ffIndex = nil
        let dirty = s.dirtyHosts
        let rebuild = dirty.count > s.hostCount / 8
        for x in dirty {
            let h = Int(x)
            s.dirtyFlag[h] = false
            if indexThreshold.isFinite { refreshCache(h) }
            let cap = s.hostCap[h]
            // Headroom a little loose: the exact THR test runs on the candidate leaf.
            let head = indexThreshold.isFinite ? indexThreshold * cap - cacheReq[h] + 1e-6 * cap : .infinity
            index.setLeaf(h, avail: s.hostAvail[h], ram: s.hostRam[h] - s.hostRamUsed[h], head: head,
                          pe: s.hostPeMips[h], busy: s.hostNodes[h] > 0)
            if !rebuild { index.propagate(h) }
        }
        if rebuild { index.rebuild() }
        s.dirtyHosts.removeAll(keepingCapacity: true)
        ffIndex = index
    }

    /// First fit through the index; the same host as the linear scan.
    mutating func indexedFirstFit(_ g: Int, demand: Double, excluded: [Bool], skipEmpty: Bool) -> Int? {
        flushIndex()
        var index = ffIndex!
        ffIndex = nil
        let checkRam = !sem.ramOnlyAtCreation || s.guestCreating[g]
        let core = sem.perCoreCapOnCurrentRequest ? demand / Double(s.guestPes[g]) : s.guestMips[g]
        let thr = indexThreshold
        let useThr = consolidates && thr.isFinite
        let found = index.first(mips: demand, ramMB: checkRam ? s.guestRam[g] : -.infinity,
                                headroom: useThr ? demand : -.infinity, coreMips: core, busyOnly: skipEmpty) { h in
            if excluded[h] || !isSuitable(h, guest: g, demand: demand) { return false }
            if useThr && (cacheReq[h] + demand) / s.hostCap[h] > thr { return false }
            return true
        }
        ffIndex = index
        return found
    }
}
