import Scheduling

/// CPU allocation on a host: CloudSim's `VmSchedulerTimeSharedOverSubscription` (§3.3), as a value
/// holding only the rules it reads (`CPUAllocationRule`: migration shares, floored
/// over-subscription).
///
/// Every node of a host's list stores the request it was allocated with (`NodeLists.request`) and
/// its allocation (`NodeLists.allocation`); `HostTable.freeMips` is the scheduler's free MIPS (0 once
/// over-subscribed). The methods take the state they change explicitly (the node lists, the host
/// table) and read the guests' columns (vCPUs, migration state and shares); they do not mark the
/// host changed: `EngineState.recomputeAllocation` / `allocateAppended` do, after the call.
struct TimeSharedCPUScheduler<R: CPUAllocationRule> {
    /// The switches the allocation reads (constants in a preset's specialization).
    let rules: R

    /// What node `i` asks of its host with request `req` on cores of `pe` MIPS: the request capped
    /// at one core per vCPU; `takes`, what it uses of the free MIPS (a migration reservation its
    /// target share of it); `allocation`, what it gets when it fits (a migrating guest at its
    /// source its source share). The one statement of the grant, used by both passes and by
    /// `allocateAppended`. O(1).
    @inline(__always)
    func grant(_ i: Int, request req: Double, peMips pe: Double,
               lists: borrowing NodeLists, guests: borrowing GuestColumns) -> (takes: Double, allocation: Double) {
        let g = Int(lists.guest[i])
        let pes = Double(guests.pes[g])
        let capped = min(req / pes, pe) * pes
        guard rules.appliesMigrationShares else { return (capped, capped) }
        switch lists.kind[i] {
        case .incoming:
            let reserved = capped * guests.targetShare[g]
            return (reserved, reserved)
        case .primary where guests.inMigration[g]:
            return (capped, capped * guests.sourceShare[g])
        default:
            return (capped, capped)
        }
    }

    /// Recomputes every node's allocation on host `h` from the stored requests, in list order:
    /// requests are capped per core, migrating-in reservations count their target share, and when
    /// the total does not fit, all are scaled by capacity / total (and floored in CloudSim mode).
    /// O(k) for k nodes on the host.
    ///
    /// CloudSim's three passes: one grants requests in list order until one does not fit; on
    /// over-subscription a second sums what every node takes and a third rescales each per core,
    /// in CloudSim's order of multiplications (the floored results depend on it, so the third
    /// pass does not reuse `grant`).
    func recompute(_ h: Int, lists: inout NodeLists, hosts: inout HostTable, guests: borrowing GuestColumns) {
        let cap = hosts.totalMips[h]
        let pe = hosts.peMips[h]
        let shares = rules.appliesMigrationShares
        var avail = cap
        var oversubscribed = false
        var n = lists.head[h]
        while n >= 0 {
            let i = Int(n)
            let granted = grant(i, request: lists.request[i], peMips: pe, lists: lists, guests: guests)
            if !oversubscribed && avail >= granted.takes {
                lists.allocation[i] = granted.allocation
                avail -= granted.takes
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
                total += grant(i, request: lists.request[i], peMips: pe, lists: lists, guests: guests).takes
                n = lists.next[i]
            }
            let s = cap / total
            let floor = rules.floorsOversubscribedAllocations
            n = lists.head[h]
            while n >= 0 {
                let i = Int(n)
                let g = Int(lists.guest[i])
                let pes = Double(guests.pes[g])
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
    }

    /// Adds node `n` (already linked at the tail of host `h`'s list) with request `req`: allocated
    /// directly when it fits in the free MIPS, otherwise the host is recomputed (`recompute`).
    /// O(1) when it fits, O(k) otherwise.
    func allocateAppended(_ n: Int, on h: Int, request req: Double,
                          lists: inout NodeLists, hosts: inout HostTable, guests: borrowing GuestColumns) {
        lists.request[n] = req
        let granted = grant(n, request: req, peMips: hosts.peMips[h], lists: lists, guests: guests)
        if hosts.freeMips[h] >= granted.takes {
            lists.allocation[n] = granted.allocation
            hosts.freeMips[h] -= granted.takes
        } else {
            recompute(h, lists: &lists, hosts: &hosts, guests: guests)
        }
    }
}

/// The engine's host state delegates CPU allocation to its scheduler and marks the host changed.
extension EngineState {
    /// `TimeSharedCPUScheduler.recompute` on host `h`, then the host is marked changed. O(k).
    mutating func recomputeAllocation(_ h: Int) {
        cpu.recompute(h, lists: &lists, hosts: &hosts, guests: guests)
        bump(h)
    }

    /// `TimeSharedCPUScheduler.allocateAppended` of node `n` on host `h`, then the host is marked
    /// changed. O(1) or O(k).
    mutating func allocateAppended(_ n: Int, on h: Int, request req: Double) {
        cpu.allocateAppended(n, on: h, request: req, lists: &lists, hosts: &hosts, guests: guests)
        bump(h)
    }
}
