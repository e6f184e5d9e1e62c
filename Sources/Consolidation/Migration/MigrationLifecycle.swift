import SimKernel

/// The migrations of a run, from start to completion: a planned migration starts (its plan from
/// the run's migration model `M`: duration, CPU shares, downtime), reserves its target and
/// completes at the plan's end.
///
/// Created by `Engine.run` with the model `withEngine` resolved and passed `inout` to the event
/// handler beside the engine (not stored in it): its methods take the engine `inout`, which a
/// stored lifecycle could not do without overlapping accesses to the engine.
struct MigrationLifecycle<M: EngineMigrationModel> {
    /// The run's migration model (a concrete type: every plan is a direct call).
    let model: M
    /// CloudSim mode: the instant a zero-length full update (`EngineEvent.forceUpdate`) is already
    /// scheduled for, so the completions at one instant schedule one; −1 when none is pending.
    private(set) var forceUpdatePendingAt = -1.0

    init(model: M) { self.model = model }

    /// Starts the planned migrations in order (§2 step 4, `addMigratingInVm`), each timed and
    /// shared out by the model's plan; the touched hosts are updated once, at the end.
    /// O(Σ k) over the targets' lists.
    func start<Q: EngineStrategies, O: EngineObserver>(_ plan: [PlannedMigration], at t: Double, engine e: inout Engine<Q, O>,
                                                      sched: inout Scheduler<EngineEvent>) {
        for m in plan {
            let g = m.guest
            guard e.s.guests.phase[g] == .running else { continue }
            let source = Int(e.s.guests.host[g])
            e.s.integrateEnergy(m.target, to: t)
            if source >= 0 { e.s.integrateEnergy(source, to: t) }
            let plan = model.plan(for: e.config.guests[g], ramMB: e.s.guests.ramMB[g], bandwidthMbps: e.s.hosts.bandwidthMbps[m.target])
            if !e.s.guests.inMigration[g] {
                e.s.guests.sourceShare[g] = plan.sourceCpuShare
                e.s.guests.targetShare[g] = plan.targetReservationShare
            }
            e.s.guests.inMigration[g] = true
            var node = reservation(of: g, on: m.target, in: e.s.lists)
            if node < 0 {
                node = e.s.newNode(guest: g, kind: .incoming)
                e.s.link(node, to: m.target)
                e.s.allocateAppended(node, on: m.target, request: e.s.hostDemand(g))
                e.reservedHosts.add(m.target)
                e.deferUpdate(m.target, at: t)
                if source >= 0 { e.deferUpdate(source, at: t) }
            }
            e.s.observer.migrationStarted(guest: g, downtime: plan.downtimeSeconds)
            e.s.guests.migrations[g] += 1
            sched.schedule(.migrationDone(node: Int32(node)), at: t + plan.totalSeconds, priority: EnginePriority.migration)
        }
        e.flushDeferredUpdates()
    }

    /// Guest `g`'s migration reservation (incoming node) on host `h`, or −1. O(k).
    func reservation(of g: Int, on h: Int, in lists: borrowing NodeLists) -> Int {
        var n = lists.head[h]
        while n >= 0 {
            let i = Int(n)
            if lists.kind[i] == .incoming && Int(lists.guest[i]) == g { return i }
            n = lists.next[i]
        }
        return -1
    }

    /// The migration whose reservation is node `n` completes (`PowerDatacenter.processVmMigrate`):
    /// the guest leaves its source and becomes a resident of the target. CloudSim re-allocates
    /// both hosts now and records at a zero-length full update scheduled for this instant;
    /// VirtSim updates both hosts once this instant's completions are done. O(k).
    mutating func complete<Q: EngineStrategies, O: EngineObserver>(node n: Int, at t: Double, engine e: inout Engine<Q, O>,
                                                                   sched: inout Scheduler<EngineEvent>) {
        guard n < e.s.lists.kind.count, e.s.lists.kind[n] == .incoming else { return }  // guest left meanwhile
        let g = Int(e.s.lists.guest[n])
        let target = Int(e.s.lists.host[n])
        let cloudSimStyle = e.rules.updatesEveryHostAtMigrationCompletion
        if cloudSimStyle && t > e.s.lastProcessTime {
            e.fullUpdate(at: t, tick: false)
        }
        guard e.s.lists.kind[n] == .incoming, e.s.guests.phase[g] == .running else { return }
        let source = Int(e.s.lists.host[g])
        e.s.integrateEnergy(target, to: t)
        if source >= 0 { e.s.integrateEnergy(source, to: t) }
        if source >= 0 {
            e.s.unlink(g)
            if cloudSimStyle { e.s.recomputeAllocation(source) }
        }
        e.s.unlink(n)
        e.s.releaseNode(n)
        e.s.guests.inMigration[g] = false
        e.s.link(g, to: target)
        if cloudSimStyle { e.s.allocateAppended(g, on: target, request: e.s.hostDemand(g)) }
        e.s.guests.host[g] = Int32(target)
        if cloudSimStyle {
            if forceUpdatePendingAt != t {
                forceUpdatePendingAt = t
                sched.schedule(.forceUpdate, at: t, priority: EnginePriority.forceUpdate)
            }
        } else {
            // Updated once when this instant's completions are all done (`DeferredHostUpdates`).
            if source >= 0 { e.deferUpdate(source, at: t) }
            e.deferUpdate(target, at: t, arrived: g)
        }
    }

    /// The zero-length full update scheduled by `complete` runs now: later completions schedule
    /// their own. O(1).
    mutating func forceUpdateRuns() {
        forceUpdatePendingAt = -1
    }
}
