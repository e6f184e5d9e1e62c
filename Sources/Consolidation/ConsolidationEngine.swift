import SimKernel
import VirtModel
import Scheduling

/// The interval-level datacenter engine: guests with trace or synthetic demand on hosts with
/// SPECpower models, periodic consolidation (overload detection, VM selection, placement,
/// under-load evacuation), live migration, power states and the Beloglazov & Buyya metrics.
///
/// One engine, two behaviours chosen by `EngineConfig.semantics` (`Semantics.cloudSimCompatible`
/// reproduces CloudSim 3.0.3's power package; `Semantics.virtSim` is the intended behaviour).
public enum ConsolidationEngine {
    /// Runs one configuration to its horizon. Deterministic: the same config gives the same result.
    /// Cost per sample tick: O(guests + hosts); per consolidation round: O(overloaded guests ·
    /// hosts) for placement plus the under-load loop (O(evacuated guests · hosts)).
    /// - Parameter progress: called with the simulated fraction done (0…1) after each tick.
    public static func run(_ config: EngineConfig, progress: ((Double) -> Void)? = nil) throws -> EngineResult {
        try withEngine(config, PlainRun(progress: progress))
    }

    /// `run` to the horizon.
    struct PlainRun: EngineRun {
        let progress: ((Double) -> Void)?
        func run<Q: EngineStrategies, O: EngineObserver, D: EngineOverloadDetector, S: VmSelectionPolicy, M: EngineMigrationModel>(
            _ engine: inout Engine<Q, O>, _ policies: RoundPolicies<D, S>, _ migration: M) -> EngineResult {
            engine.run(progress: progress, policies, migration)
        }
    }
}

extension Engine {
    /// Runs to the horizon with the run's detector, selection policy and migration model
    /// (`withEngine` resolved them).
    mutating func run<D: EngineOverloadDetector, S: VmSelectionPolicy, M: EngineMigrationModel>(
        progress: ((Double) -> Void)?, _ policies: RoundPolicies<D, S>, _ migration: M) -> EngineResult {
        var sched = Scheduler<EngineEvent>()
        var migrations = MigrationLifecycle(model: migration)
        let horizon = config.horizon

        // Guests arriving at t ≤ 0 are created now; later ones get an arrival event.
        var initial: [Int] = []
        for (g, spec) in config.guests.enumerated() {
            if spec.arrival <= 0 { initial.append(g) } else if spec.arrival < horizon {
                sched.schedule(.arrival(guest: Int32(g)), at: spec.arrival, priority: EnginePriority.arrival)
            }
        }
        var planner = RoundPlanner(policies, config: config, hosts: s.hostCount)
        for g in createInitialGuests(initial, planner.detector) {
            sched.schedule(.bootDone(guest: Int32(g)), at: config.guests[g].bootSeconds, priority: EnginePriority.arrival)
        }

        // CloudSim (§2): the cloudlets are submitted at 0.1 and the first tick is 0.1 + interval.
        clock.nextTick = rules.firstTick(interval: clock.tickInterval)
        // The grid clock: t = 0 is an update (demands at sample 0, first history value, entries).
        if rules.updatesAtZero {
            fullUpdate(at: 0, tick: true)
            capacity.sample(s, waiting: waiting.queue.count)
        }
        if clock.nextTick < horizon { sched.schedule(.tick, at: clock.nextTick, priority: EnginePriority.tick) }
        if !rules.consolidatesOnTicks && D.detectsOverloads && config.consolidationInterval < horizon {
            sched.schedule(.consolidate, at: config.consolidationInterval, priority: EnginePriority.consolidate)
        }
        if config.recordHostIntervals && config.reportInterval < horizon {
            sched.schedule(.report, at: config.reportInterval, priority: EnginePriority.report)
        }
        for (g, spec) in config.guests.enumerated() {
            if let d = spec.departure, d < horizon, d > max(0, spec.arrival) {
                sched.schedule(.departure(guest: Int32(g)), at: d, priority: EnginePriority.arrival)
            }
        }

        // CloudSim stops at `terminateSimulation(horizon)`: events after it never run.
        let stopWhenRecorded = config.decisionTrace?.stopWhenRecorded ?? false
        while let first = sched.nextEventTime, first < horizon {
            if stopWhenRecorded && trace.decision != nil { break }
            sched.step { event, sched in
                handle(event.payload, at: event.time, sched: &sched, &planner, &migrations)
            }
            if checks.enabled && checks.violations.count < InvariantChecks.limit {
                flushDeferredUpdates()  // the invariants describe the state with every update done
                checks.violations += invariantViolations(at: sched.now)
            }
            if let progress, clock.tickIndex != clock.reportedTick {
                clock.reportedTick = clock.tickIndex
                progress(min(1, sched.now / horizon))
            }
        }
        flushDeferredUpdates()
        progress?(1)
        return finish(at: horizon, reportsDowntime: migration.reportsDowntime)
    }

    /// Handles one event at `t`. `planner` plans the consolidation rounds (its detector also
    /// judges the placements of arrivals and waiting guests), `migrations` runs the migrations:
    /// both created by `run` and passed here beside the engine, since their methods take the
    /// engine `inout`.
    mutating func handle<D: EngineOverloadDetector, S: VmSelectionPolicy, M: EngineMigrationModel>(
        _ event: EngineEvent, at t: Double, sched: inout Scheduler<EngineEvent>, _ planner: inout RoundPlanner<D, S>,
        _ migrations: inout MigrationLifecycle<M>) {
        trace.now = t
        // Completions at one instant share one update per host; anything else sees them done.
        if !deferred.isEmpty {
            if case .migrationDone = event, t == deferred.time {} else { flushDeferredUpdates() }
        }
        switch event {
        case .tick:
            clock.tickIndex += 1
            fullUpdate(at: t, tick: true)
            if !waiting.queue.isEmpty { placeWaiting(at: t, sched: &sched, planner.detector) }
            capacity.sample(s, waiting: waiting.queue.count)
            if rules.consolidatesOnTicks && D.detectsOverloads {
                let plan = planner.plan(&self)
                migrations.start(plan, at: t, engine: &self, sched: &sched)
            }
            clock.nextTick = rules.nextTick(after: t, index: clock.tickIndex, interval: clock.tickInterval)
            if clock.nextTick < config.horizon { sched.schedule(.tick, at: clock.nextTick, priority: EnginePriority.tick) }
        case .consolidate:
            let plan = planner.plan(&self)
            migrations.start(plan, at: t, engine: &self, sched: &sched)
            clock.consolidationIndex += 1
            let next = Double(clock.consolidationIndex + 1) * config.consolidationInterval
            if next < config.horizon {
                sched.schedule(.consolidate, at: next, priority: EnginePriority.consolidate)
            }
        case .migrationDone(let node):
            migrations.complete(node: Int(node), at: t, engine: &self, sched: &sched)
        case .forceUpdate:
            migrations.forceUpdateRuns()
            fullUpdate(at: t, tick: false)
        case .arrival(let guest):
            arrive(Int(guest), at: t, sched: &sched, planner.detector)
        case .bootDone(let guest):
            let g = Int(guest)
            if s.guests.phase[g] == .booting {
                s.guests.phase[g] = .running
                let h = Int(s.lists.host[g])
                if h >= 0 { s.updateHost(h, at: t) }
            }
        case .departure(let guest):
            depart(Int(guest), at: t)
        case .report:
            closeReportInterval(at: t)
            let next = t + config.reportInterval
            if next < config.horizon { sched.schedule(.report, at: next, priority: EnginePriority.report) }
        }
    }

    // MARK: - Creation and arrivals

    /// Places the guests present at t = 0. CloudSim: in id order, each requesting its full MIPS
    /// (§3.5). VirtSim: by decreasing current demand when the placement policy says so.
    /// Returns the guests that are booting.
    mutating func createInitialGuests<D: EngineOverloadDetector>(_ guests: [Int], _ detector: D) -> [Int] {
        var order = guests
        if !rules.requestsFullMipsAtCreation {
            for g in guests {
                s.demand.read(g, at: 0, into: &s.guests)
            }
            if placement.sortsDecreasing { order = sortByCpuDescending(guests) }
        }
        let none = [Bool](repeating: false, count: s.hostCount)
        trace.phase = "initial placement"
        for g in order {
            if rules.requestsFullMipsAtCreation { s.guests.creating[g] = true }
            if let h = tracedFindHost(for: g, excluded: none, detector) {
                s.link(g, to: h)
                s.allocateAppended(g, on: h, request: s.hostDemand(g))
                s.guests.host[g] = Int32(h)
                s.guests.initialHost[g] = Int32(h)
                s.guests.phase[g] = config.guests[g].bootSeconds > 0 && !rules.skipsBootDelays ? .booting : .running
            } else if rejectsUnplaced {
                s.guests.phase[g] = .rejected
                s.observer.guestRejected(g)
            } else {
                s.guests.phase[g] = .waiting
                waiting.add(g, at: 0)
            }
            // CloudSim: once created, a VM requests 0 MIPS until its cloudlet runs; its allocation
            // stays at full MIPS until the first update.
            s.guests.creating[g] = false
            if rules.requestsFullMipsAtCreation { s.guests.request[g] = 0; s.guests.utilization[g] = 0 }
            if s.lists.host[g] >= 0 { s.bump(Int(s.lists.host[g])) }  // its demand changed
        }
        return order.filter { s.guests.phase[$0] == .booting }
    }

    mutating func arrive<D: EngineOverloadDetector>(_ g: Int, at t: Double, sched: inout Scheduler<EngineEvent>, _ detector: D) {
        let u = s.demand.read(g, at: t, into: &s.guests)
        if rules.requestsFullMipsAtCreation { s.guests.creating[g] = true }
        let none = [Bool](repeating: false, count: s.hostCount)
        trace.phase = "arrival"
        guard let h = tracedFindHost(for: g, excluded: none, detector) else {
            s.guests.creating[g] = false
            if rejectsUnplaced {
                s.guests.phase[g] = .rejected
                s.observer.guestRejected(g)
            } else {
                s.guests.phase[g] = .waiting
                waiting.add(g, at: t)
            }
            return
        }
        place(g, on: h, at: t, u: u, sched: &sched)
    }

    /// Tries every waiting guest again, first come first served, at its demand at `t`; those a
    /// host takes start (and boot) like an arrival. O(waiting · hosts).
    mutating func placeWaiting<D: EngineOverloadDetector>(at t: Double, sched: inout Scheduler<EngineEvent>, _ detector: D) {
        let none = [Bool](repeating: false, count: s.hostCount)
        trace.phase = "waiting guest"
        for g in waiting.queue {
            let u = s.demand.read(g, at: t, into: &s.guests)
            if rules.requestsFullMipsAtCreation { s.guests.creating[g] = true }
            guard let h = tracedFindHost(for: g, excluded: none, detector) else {
                s.guests.creating[g] = false
                continue
            }
            waiting.end(g, at: t)
            place(g, on: h, at: t, u: u, sched: &sched)
        }
    }

    /// Starts guest `g` (demand `u` at `t`) on host `h`: an arrival or a waiting guest placed.
    mutating func place(_ g: Int, on h: Int, at t: Double, u: Double, sched: inout Scheduler<EngineEvent>) {
        s.integrateEnergy(h, to: t)
        s.link(g, to: h)
        s.allocateAppended(g, on: h, request: s.hostDemand(g))
        s.guests.creating[g] = false
        s.bump(h)
        s.guests.host[g] = Int32(h)
        s.guests.initialHost[g] = Int32(h)
        s.demand.history.push(g, u)
        let boot = config.guests[g].bootSeconds
        if boot > 0 && !rules.skipsBootDelays {
            s.guests.phase[g] = .booting
            sched.schedule(.bootDone(guest: Int32(g)), at: t + boot, priority: EnginePriority.arrival)
        } else {
            s.guests.phase[g] = .running
        }
        s.updateHost(h, at: t)
    }

    mutating func depart(_ g: Int, at t: Double) {
        let phase = s.guests.phase[g]
        if phase == .waiting {
            waiting.end(g, at: t)
            s.guests.phase[g] = .departed
            return
        }
        guard phase == .running || phase == .booting else { return }
        // Drop migration reservations of the guest.
        var touched: [Int] = []
        for n in s.guestCount..<s.lists.guest.count where s.lists.kind[n] == .incoming && Int(s.lists.guest[n]) == g {
            let h = Int(s.lists.host[n])
            s.integrateEnergy(h, to: t)
            s.unlink(n)
            s.releaseNode(n)
            touched.append(h)
        }
        let h = Int(s.lists.host[g])
        if h >= 0 {
            s.integrateEnergy(h, to: t)
            s.unlink(g)
            touched.append(h)
        }
        s.guests.phase[g] = .departed
        s.guests.inMigration[g] = false
        s.guests.finalHost[g] = Int32(h)
        s.guests.host[g] = -1
        s.observer.guestDeparted(g)
        for x in touched { s.updateHost(x, at: t) }
    }

    // MARK: - Reports and the end

    /// A report interval ends at `t` (the energy meter writes its hosts.csv rows).
    mutating func closeReportInterval(at t: Double) {
        s.observer.reportIntervalEnds(from: clock.lastReportTime, to: t, hosts: s.hosts)
        clock.lastReportTime = t
    }

    mutating func finish(at horizon: Double, reportsDowntime: Bool) -> EngineResult {
        closeAccounts(at: horizon)
        var result = EngineResult(metrics: metrics(at: horizon, reportsDowntime: reportsDowntime), hostIntervals: s.meter.rows, guests: guestRows(), decision: trace.decision)
        result.capacity = capacityMetrics(at: horizon)
        return result
    }

    /// The capacity answers: tick samples per host type, energy per type, and the waiting
    /// guests' accounts closed at the horizon. O(samples · types + hosts).
    mutating func capacityMetrics(at horizon: Double) -> CapacityMetrics {
        let stillWaiting = waiting.queue.count
        for g in waiting.queue { waiting.end(g, at: horizon) }
        var hostsPerType = [Int](repeating: 0, count: config.hostTypes.count)
        var energy = [Double](repeating: 0, count: config.hostTypes.count)
        let meter = s.meter
        for (h, t) in config.hostLayout.enumerated() {
            hostsPerType[t] += 1
            energy[t] += meter.joules[h] / 3.6e6
        }
        var m = capacity.metrics(names: config.hostTypes.map(\.name), hostsPerType: hostsPerType, energyKWhPerType: energy)
        m.guestsWaited = waiting.everWaited
        m.guestsWaitingAtEnd = stillWaiting
        m.guestHoursWaiting = waiting.waitedSeconds / 3600
        return m
    }

    /// Integrates energy and closes every host and guest account at the horizon.
    mutating func closeAccounts(at horizon: Double) {
        if rules.integratesAtEvents {
            for h in 0..<s.hostCount { s.integrateEnergy(h, to: horizon) }
        }
        if config.recordHostIntervals && clock.lastReportTime < horizon { closeReportInterval(at: horizon) }
        // VirtSim: the last interval runs to the horizon (a closing entry for everyone).
        if !rules.cloudSimSlaFormulas {
            for h in 0..<s.hostCount { s.updateHost(h, at: horizon) }
        }
        // Energy's total and every account close (the meter's sum sees no change since the
        // integration above: the updates at the horizon integrate nothing more).
        s.observer.runEnds(at: horizon, hosts: s.hosts, cloudSimViolation: rules.cloudSimSlaFormulas)
    }

    /// The run's metrics: the recorder's, with the energy meter's total, the span the clock
    /// measured and the guests still alive; `reportsDowntime`: the migration model's. O(hosts + guests).
    func metrics(at horizon: Double, reportsDowntime: Bool) -> Metrics {
        var alive = 0
        for g in 0..<s.guestCount {
            let p = s.guests.phase[g]
            if p == .running || p == .booting { alive += 1 }
        }
        let measured = rules.measuredSeconds(lastUpdate: s.lastProcessTime, tickInterval: clock.tickInterval, horizon: horizon)
        return s.recorder.metrics(rules, energyJoules: s.meter.totalJoules, horizon: horizon, measuredSeconds: measured,
                                  guestsAlive: alive, reportsDowntime: reportsDowntime)
    }

    /// One row per guest: where it started and ended, its migrations and CPU accounts. O(guests).
    func guestRows() -> [GuestRow] {
        let gh = s.recorder.guests
        var rows: [GuestRow] = []
        rows.reserveCapacity(s.guestCount)
        for (g, spec) in config.guests.enumerated() {
            let final = s.guests.host[g] >= 0 ? s.guests.host[g] : s.guests.finalHost[g]
            let acc = gh.accounts[g]
            let req = acc.totalRequested
            let span = acc.prevTime >= 0 ? acc.prevTime - acc.firstTime : 0
            rows.append(GuestRow(id: spec.id, name: spec.name, kind: spec.kind, initialHost: Int(s.guests.initialHost[g]),
                                 finalHost: Int(final), migrations: Int(s.guests.migrations[g]),
                                 meanDemandMips: span > 0 ? req / span : 0,
                                 meanDemand: span > 0 ? req / span / (s.guests.mips[g] * Double(s.guests.pes[g])) : 0,
                                 requestedCpuSeconds: req,
                                 allocatedCpuSeconds: acc.totalAllocated, deleted: s.guests.phase[g] == .deleted))
        }
        return rows
    }
}

// MARK: - Invariants (used by the tests)

extension Engine {
    /// Checks the state's invariants; returns a description of each violation (empty when sound).
    /// O(hosts + guests + nodes).
    func invariantViolations(at t: Double) -> [String] {
        var out: [String] = []
        for h in 0..<s.hostCount {
            var sum = 0.0
            var count: Int32 = 0
            var n = s.lists.head[h]
            while n >= 0 {
                let i = Int(n)
                sum += s.lists.allocation[i]
                count += 1
                if Int(s.lists.host[i]) != h { out.append("t=\(t): node \(i) in host \(h)'s list names host \(s.lists.host[i])") }
                n = s.lists.next[i]
            }
            if !exclusiveTenant.isEmpty, s.lists.head[h] >= 0 {
                let first = exclusiveTenant[Int(s.lists.guest[Int(s.lists.head[h])])]
                var m = s.lists.head[h]
                while m >= 0 {
                    let tenant = exclusiveTenant[Int(s.lists.guest[Int(m)])]
                    if tenant != first { out.append("t=\(t): host \(h) holds tenants \(first) and \(tenant)") }
                    m = s.lists.next[Int(m)]
                }
            }
            if count != s.hosts.listed[h] { out.append("t=\(t): host \(h) counts \(s.hosts.listed[h]) nodes, list has \(count)") }
            if sum > s.hosts.totalMips[h] * (1 + 1e-9) { out.append("t=\(t): host \(h) allocates \(sum) MIPS > capacity \(s.hosts.totalMips[h])") }
            if !rules.ramCheckedOnlyAtCreation && s.hosts.ramUsedMB[h] > s.hosts.ramMB[h] * (1 + 1e-9) {
                out.append("t=\(t): host \(h) commits \(s.hosts.ramUsedMB[h]) MB > \(s.hosts.ramMB[h]) MB")
            }
        }
        var incoming = [Int](repeating: 0, count: s.guestCount)
        for n in s.guestCount..<s.lists.kind.count {
            switch s.lists.kind[n] {
            case .incoming:
                incoming[Int(s.lists.guest[n])] += 1
                if s.lists.host[n] < 0 { out.append("t=\(t): incoming node \(n) is not on a host") }
            case .planned:
                out.append("t=\(t): planned node \(n) survived its round")
            default: break
            }
        }
        for g in 0..<s.guestCount {
            switch s.guests.phase[g] {
            case .running, .booting:
                if s.lists.host[g] < 0 || s.lists.host[g] != s.guests.host[g] {
                    out.append("t=\(t): guest \(g) is \(s.guests.phase[g]) but placed on \(s.lists.host[g]) (table says \(s.guests.host[g]))")
                }
                // CloudSim's quirk can start two migrations of one guest in a round; the first to
                // complete clears the flag while the second reservation is still pending.
                let quirk = rules.overloadTargetsStayCandidates && !s.guests.inMigration[g]
                if s.guests.inMigration[g] != (incoming[g] > 0) && !quirk {
                    out.append("t=\(t): guest \(g) migration flag \(s.guests.inMigration[g]) with \(incoming[g]) reservations")
                }
            case .pending, .departed, .deleted, .rejected, .waiting:
                if s.lists.host[g] >= 0 || incoming[g] > 0 { out.append("t=\(t): guest \(g) is \(s.guests.phase[g]) but still placed") }
            }
        }
        return out
    }
}

extension ConsolidationEngine {
    /// Runs like `run` and checks the invariants after every event (tests; O(state) per event).
    static func runChecked(_ config: EngineConfig) throws -> (result: EngineResult, violations: [String]) {
        struct Checked: EngineRun {
            func run<Q: EngineStrategies, O: EngineObserver, D: EngineOverloadDetector, S: VmSelectionPolicy, M: EngineMigrationModel>(
                _ engine: inout Engine<Q, O>, _ policies: RoundPolicies<D, S>, _ migration: M) -> (result: EngineResult, violations: [String]) {
                engine.checks.enabled = true
                let result = engine.run(progress: nil, policies, migration)
                return (result, engine.checks.violations)
            }
        }
        return try withEngine(config, Checked())
    }

    /// Runs like `run` but updates hosts right after every migration instead of once per instant
    /// (`DeferredHostUpdates`): the reference the deferred path must match bit for bit (tests).
    /// Also returns the metric accumulators' order-sensitive contents (the sequence of migration
    /// durations, the shortfall-ratio sum), which show any change in the order of commits.
    static func runWithImmediateHostUpdates(_ config: EngineConfig, immediate: Bool = true) throws
        -> (result: EngineResult, migrationDurations: [Double], shortfallRatioSum: Double) {
        struct Immediate: EngineRun {
            let immediate: Bool
            func run<Q: EngineStrategies, O: EngineObserver, D: EngineOverloadDetector, S: VmSelectionPolicy, M: EngineMigrationModel>(
                _ engine: inout Engine<Q, O>, _ policies: RoundPolicies<D, S>, _ migration: M)
                -> (result: EngineResult, migrationDurations: [Double], shortfallRatioSum: Double) {
                engine.deferHostUpdates = !immediate
                let result = engine.run(progress: nil, policies, migration)
                return (result, engine.s.recorder.guests.migrationDurations, engine.s.recorder.guests.shortfallRatioSum)
            }
        }
        return try withEngine(config, Immediate(immediate: immediate))
    }
}
