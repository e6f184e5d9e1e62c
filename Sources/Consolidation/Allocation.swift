/// CPU allocation on a host (CloudSim's `VmSchedulerTimeSharedOverSubscription`): every node of
/// the host's list stores the request it was allocated with (`lists.request`) and its allocation
/// (`lists.allocation`); `hosts.freeMips` is the scheduler's free MIPS (0 once over-subscribed).
extension EngineState {
    /// Recomputes every node's allocation on host `h` from the stored requests, in list order:
    /// requests are capped per core, migrating-in reservations count 10 %, and when the total
    /// does not fit, all are scaled by capacity / total (and floored in CloudSim mode). O(k).
    /// Long on purpose: CloudSim's allocation is one pass that grants requests in list order and, on
    /// over-subscription, two more that rescale them; the three passes must apply the same caps and
    /// shares, which is easiest to check when they sit together.
    mutating func recomputeAllocation(_ h: Int) {
        let cap = hosts.totalMips[h]
        let pe = hosts.peMips[h]
        let shares = rules.appliesMigrationShares
        var avail = cap
        var oversubscribed = false
        var n = lists.head[h]
        while n >= 0 {
            let i = Int(n)
            let g = Int(lists.guest[i])
            let pes = Double(guests.pes[g])
            let perPe = lists.request[i] / pes
            let capped = min(perPe, pe) * pes
            let incoming = lists.kind[i] == .incoming
            let effective = (incoming && shares) ? capped * guests.targetShare[g] : capped
            if !oversubscribed && avail >= effective {
                var a = capped
                if shares {
                    if incoming { a = capped * guests.targetShare[g] }
                    else if guests.inMigration[g] && lists.kind[i] == .primary { a = capped * guests.sourceShare[g] }
                }
                lists.allocation[i] = a
                avail -= effective
            } else {
                oversubscribed = true
            }
            n = lists.next[i]
        }
        if oversubscribed {
            var total = 0.0
            n = lists.head[h]
            while n >= 0 {
                let i = Int(n)
                let g = Int(lists.guest[i])
                let pes = Double(guests.pes[g])
                var c = min(lists.request[i] / pes, pe) * pes
                if lists.kind[i] == .incoming && shares { c *= guests.targetShare[g] }
                total += c
                n = lists.next[i]
            }
            let s = cap / total
            let floor = rules.floorsOversubscribedAllocations
            n = lists.head[h]
            while n >= 0 {
                let i = Int(n)
                let g = Int(lists.guest[i])
                let pesInt = Int(guests.pes[g])
                let pes = Double(pesInt)
                var m = min(lists.request[i] / pes, pe)
                if shares && lists.kind[i] == .incoming {
                    m *= guests.targetShare[g]; m *= s
                } else if shares && guests.inMigration[g] && lists.kind[i] == .primary {
                    m *= s; m *= guests.sourceShare[g]
                } else {
                    m *= s
                }
                if floor { m = m.rounded(.down) }
                lists.allocation[i] = m * pes
                n = lists.next[i]
            }
            avail = 0
        }
        hosts.freeMips[h] = avail
        bump(h)
    }

    /// Adds node `n` (already linked at the tail of `h`) to the scheduler with request `req`:
    /// allocated directly when it fits, otherwise everything is redistributed. O(1) or O(k).
    mutating func allocateAppended(_ n: Int, on h: Int, request req: Double) {
        lists.request[n] = req
        let g = Int(lists.guest[n])
        let pes = Double(guests.pes[g])
        let capped = min(req / pes, hosts.peMips[h]) * pes
        let incoming = lists.kind[n] == .incoming
        let shares = rules.appliesMigrationShares
        let effective = (incoming && shares) ? capped * guests.targetShare[g] : capped
        if hosts.freeMips[h] >= effective {
            var a = capped
            if shares {
                if incoming { a = capped * guests.targetShare[g] }
                else if guests.inMigration[g] && lists.kind[n] == .primary { a = capped * guests.sourceShare[g] }
            }
            lists.allocation[n] = a
            hosts.freeMips[h] -= effective
            bump(h)
        } else {
            recomputeAllocation(h)
        }
    }
}
