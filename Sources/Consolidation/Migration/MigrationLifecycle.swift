import SimKernel

/// Migrations in the engine: a planned migration starts (its plan from the run's migration model
/// `M`: duration, CPU shares, downtime), reserves its target and completes at the plan's end.
extension Engine {
    /// Starts the planned migrations in order (§2 step 4, `addMigratingInVm`), each timed and
    /// shared out by `migration`'s plan.
    mutating func startMigrations<M: EngineMigrationModel>(_ plan: [PlannedMigration], at t: Double, sched: inout Scheduler<EngineEvent>,
                                                           _ migration: M) {
        for m in plan {
            let g = m.guest
            guard s.guests.phase[g] == .running else { continue }
            let source = Int(s.guests.host[g])
            s.integrateEnergy(m.target, to: t)
            if source >= 0 { s.integrateEnergy(source, to: t) }
            let plan = migration.plan(for: config.guests[g], ramMB: s.guests.ramMB[g], bandwidthMbps: s.hosts.bandwidthMbps[m.target])
            if !s.guests.inMigration[g] {
                s.guests.sourceShare[g] = plan.sourceCpuShare
                s.guests.targetShare[g] = plan.targetReservationShare
            }
            s.guests.inMigration[g] = true
            var node = -1
            var n = s.lists.head[m.target]
            while n >= 0 {
                let i = Int(n)
                if s.lists.kind[i] == .incoming && Int(s.lists.guest[i]) == g { node = i; break }
                n = s.lists.next[i]
            }
            if node < 0 {
                node = s.newNode(guest: g, kind: .incoming)
                s.link(node, to: m.target)
                s.allocateAppended(node, on: m.target, request: s.hostDemand(g))
                if !tentative.hasIncoming[m.target] { tentative.hasIncoming[m.target] = true; tentative.hostsWithIncoming.append(m.target) }
                deferUpdate(m.target, at: t)
                if source >= 0 { deferUpdate(source, at: t) }
            }
            s.observer.migrationStarted(guest: g, downtime: plan.downtimeSeconds)
            s.guests.migrations[g] += 1
            sched.schedule(.migrationDone(node: Int32(node)), at: t + plan.totalSeconds, priority: EnginePriority.migration)
        }
        flushDeferredUpdates()
    }

    /// A migration completes (`PowerDatacenter.processVmMigrate`).
    mutating func completeMigration(node n: Int, at t: Double, sched: inout Scheduler<EngineEvent>) {
        guard n < s.lists.kind.count, s.lists.kind[n] == .incoming else { return }  // guest left meanwhile
        let g = Int(s.lists.guest[n])
        let target = Int(s.lists.host[n])
        if rules.updatesEveryHostAtMigrationCompletion && t > s.lastProcessTime {
            fullUpdate(at: t, tick: false)
        }
        guard s.lists.kind[n] == .incoming, s.guests.phase[g] == .running else { return }
        let source = Int(s.lists.host[g])
        s.integrateEnergy(target, to: t)
        if source >= 0 { s.integrateEnergy(source, to: t) }
        // CloudSim re-allocates both hosts' schedulers now and records at the next update;
        // VirtSim updates the two hosts right away (which re-allocates them).
        let cloudSimStyle = rules.updatesEveryHostAtMigrationCompletion
        if source >= 0 {
            s.unlink(g)
            if cloudSimStyle { s.recomputeAllocation(source) }
        }
        s.unlink(n)
        s.releaseNode(n)
        s.guests.inMigration[g] = false
        s.link(g, to: target)
        if cloudSimStyle { s.allocateAppended(g, on: target, request: s.hostDemand(g)) }
        s.guests.host[g] = Int32(target)
        if cloudSimStyle {
            if clock.forceUpdatePendingAt != t {
                clock.forceUpdatePendingAt = t
                sched.schedule(.forceUpdate, at: t, priority: EnginePriority.forceUpdate)
            }
        } else {
            // Updated once when this instant's completions are all done (`DeferredHostUpdates`).
            if source >= 0 { deferUpdate(source, at: t) }
            deferUpdate(target, at: t, arrived: g)
        }
    }
}
