import SimKernel
import VirtModel

/// One run of a cluster under failures and maintenance, for one variant (admission control,
/// sizing, maintenance mode). Discrete events on the SimKernel queue:
///
/// - a host, rack or power domain fails (its own random stream, or its trace) and is repaired;
///   a host is down while any of its causes (own failure, its rack, its power domain, a service)
///   lasts;
/// - the guests of a failed host are down at once; after `detectionSeconds` they queue for a
///   restart, highest priority first, and each boots on the best-fitting up host (its kind's boot
///   time) or waits, down, until capacity appears (a repair, a guest leaving);
/// - a maintenance window services every powered host in turn: `rolling` live-migrates its guests
///   away one at a time (pre-copy), `cold` shuts them down and boots them on it again after the
///   service.
///
/// Deterministic: event ties break by insertion order, every scan goes in index order, and each
/// random stream is named by its component. O(events × (guests + hosts)).
public struct AvailabilitySimulation: Sendable {
    public let config: AvailabilityConfig
    public let variant: AvailabilityVariant
    public let seed: UInt64
    /// The pre-copy model of rolling maintenance's live migrations.
    public let migration: PreCopyMigrationModel

    public init(config: AvailabilityConfig, variant: AvailabilityVariant, seed: UInt64, migration: PreCopyMigrationModel = PreCopyMigrationModel()) {
        self.config = config
        self.variant = variant
        self.seed = seed
        self.migration = migration
    }

    public func run() -> AvailabilityResult {
        let match = variant.matchKernels
        let minimum = ClusterPlacement.fewestHosts(config: config, policy: .none, matchKernels: match)
        let count = variant.sizing == .fit
            ? ClusterPlacement.fewestHosts(config: config, policy: variant.admission, matchKernels: match) : config.hosts.count
        let start = ClusterPlacement.initial(config: config, count: count, policy: variant.admission, matchKernels: match)
        var run = Run(config: config, variant: variant, seed: seed, migration: migration, start: start)
        run.result.hostsMinimum = minimum
        run.result.steadyEnergyJoules = Run.steadyEnergy(config: config, hostOf: start.hostOf, count: count)
        let bare = ClusterPlacement.initial(config: config, count: minimum, policy: .none, matchKernels: match)
        run.result.minimumSteadyEnergyJoules = Run.steadyEnergy(config: config, hostOf: bare.hostOf, count: minimum)
        run.execute()
        return run.result
    }

    enum Event {
        case hostFail(host: Int)
        case hostRepair(host: Int)
        case domainFail(domain: Int)
        case domainRepair(domain: Int)
        case detected(incident: Int)
        case booted(guest: Int)
        case migrated(guest: Int)
        case maintenanceStart(window: Int)
        case serviceDone(host: Int)
    }

    enum GuestState: Equatable {
        /// Refused by admission control (or no host fitted at first placement): never runs.
        case refused
        case running
        case booting(EventID)
        /// Running on its host while its memory is copied to `target`.
        case migrating(EventID, target: Int, downtime: Double)
        /// Down with its failed host, until the failure is detected.
        case detecting
        /// Down, queued for a restart.
        case waiting
        /// Shut down for a cold service of its host; boots there again afterwards.
        case parked
    }

    /// Why a guest is down (for the downtime split).
    enum DownCause { case failure, maintenance }

    struct Domain {
        var hosts: [Int]
        var sampler: FailureSampler
    }

    struct Run {
        let config: AvailabilityConfig
        let variant: AvailabilityVariant
        let migration: PreCopyMigrationModel
        let horizon: Double
        var queue = EventQueue<Event>()
        var now = 0.0
        var placement: ClusterPlacement
        /// Hosts in the cluster (the first `count` of the pool).
        let count: Int
        var downCauses: [Int]
        var inMaintenance: [Bool]
        var excluded: [Bool]
        var hostSamplers: [FailureSampler]
        var domains: [Domain] = []
        /// Busy cores of each host (running guests × utilization), for power.
        var busyCores: [Double]
        var watts: [Double]
        var wattsSince: [Double]

        var state: [GuestState]
        /// Host whose capacity the guest holds (−1: none).
        var hostOf: [Int]
        var downSince: [Double?]
        var downCause: [DownCause]
        /// Time of the failure whose restart the guest is in, and that incident.
        var incidentOf: [Int?]
        var waiting: [Int] = []
        var waitedInIncident: [Bool]

        // Maintenance.
        var maintenanceQueue: [Int] = []
        var maintenanceHost: Int?
        var maintenanceStartedAt = 0.0

        var result = AvailabilityResult()

        init(config: AvailabilityConfig, variant: AvailabilityVariant, seed: UInt64, migration: PreCopyMigrationModel,
             start: (hostOf: [Int], placement: ClusterPlacement, reserve: (cores: Double, ramMB: Double), used: (cores: Double, ramMB: Double))) {
            self.config = config
            self.variant = variant
            self.migration = migration
            horizon = config.horizonSeconds
            placement = start.placement
            count = start.placement.table.count
            downCauses = Array(repeating: 0, count: count)
            inMaintenance = Array(repeating: false, count: count)
            excluded = Array(repeating: false, count: count)
            let streams = RandomStreams(seed: seed)
            hostSamplers = (0..<count).map { FailureSampler(config.hosts[$0].failures, rng: streams.stream("availability/host/\($0)")) }
            // Failure domains in first-appearance order of their names: never a Dictionary's order.
            for df in config.domainFailures {
                var names: [String] = []
                var members: [[Int]] = []
                for h in 0..<count {
                    let name = df.scope == .rack ? config.hosts[h].rack : config.hosts[h].powerDomain
                    if let i = names.firstIndex(of: name) { members[i].append(h) } else { names.append(name); members.append([h]) }
                }
                for (name, hosts) in zip(names, members) {
                    domains.append(Domain(hosts: hosts, sampler: FailureSampler(df.process(of: name),
                                                                                 rng: streams.stream("availability/\(df.scope.rawValue)/\(name)"))))
                }
            }
            pendingRepair = Array(repeating: 0, count: count)
            pendingDomainRepair = Array(repeating: 0, count: domains.count)
            busyCores = Array(repeating: 0, count: count)
            watts = Array(repeating: 0, count: count)
            wattsSince = Array(repeating: 0, count: count)
            let n = config.guests.count
            state = start.hostOf.map { $0 < 0 ? .refused : .running }
            hostOf = start.hostOf
            downSince = Array(repeating: nil, count: n)
            downCause = Array(repeating: .failure, count: n)
            incidentOf = Array(repeating: nil, count: n)
            waitedInIncident = Array(repeating: false, count: n)
            result.hosts = count
            result.guests = n
            result.admitted = start.hostOf.map { $0 >= 0 }
            result.reserve = start.reserve
            result.admittedUse = start.used
            result.capacity = (placement.table.totalMips.reduce(0, +), placement.table.ramMB.reduce(0, +))
            result.downtimeSeconds = Array(repeating: 0, count: n)
            result.maintenanceDowntimeSeconds = Array(repeating: 0, count: n)
            for g in 0..<n where start.hostOf[g] >= 0 { busyCores[start.hostOf[g]] += load(g) }
            for h in 0..<count { watts[h] = computeWatts(h) }
        }

        func guest(_ g: Int) -> AvailabilityGuest { config.guests[g] }
        func load(_ g: Int) -> Double { Double(guest(g).vcpus) * guest(g).utilization }
        func power(_ h: Int) -> SpecPowerModel { config.hostTypes[config.hosts[h].type].power }

        func computeWatts(_ h: Int) -> Double {
            downCauses[h] > 0 ? power(h).offWatts : power(h).power(atUtilization: busyCores[h] / placement.table.totalMips[h])
        }

        /// Energy up to now at the old draw, then the new draw. Call after every change of a
        /// host's load or state. O(1).
        mutating func meter(_ h: Int) {
            result.energyJoules += watts[h] * (now - wattsSince[h])
            wattsSince[h] = now
            watts[h] = computeWatts(h)
        }

        /// Σ power × horizon of a failure-free cluster with this placement.
        static func steadyEnergy(config: AvailabilityConfig, hostOf: [Int], count: Int) -> Double {
            var busy = [Double](repeating: 0, count: count)
            for (g, h) in hostOf.enumerated() where h >= 0 { busy[h] += Double(config.guests[g].vcpus) * config.guests[g].utilization }
            var joules = 0.0
            for h in 0..<count {
                let type = config.hostTypes[config.hosts[h].type]
                joules += type.power.power(atUtilization: busy[h] / Double(type.cores)) * config.horizonSeconds
            }
            return joules
        }

        // MARK: Run

        mutating func execute() {
            for h in 0..<count { scheduleHostFailure(h, upSince: 0) }
            for d in domains.indices { scheduleDomainFailure(d, upSince: 0) }
            for (w, t) in (config.maintenance?.startSeconds ?? []).enumerated() where t < horizon {
                queue.schedule(.maintenanceStart(window: w), at: t)
            }
            while let next = queue.first, next.key.time < horizon {
                let event = queue.popFirst()!
                now = event.time
                switch event.payload {
                case .hostFail(let h): hostFailed(h)
                case .hostRepair(let h): hostRepaired(h)
                case .domainFail(let d): domainFailed(d)
                case .domainRepair(let d): domainRepaired(d)
                case .detected(let i): detected(i)
                case .booted(let g): booted(g)
                case .migrated(let g): migrated(g)
                case .maintenanceStart(let w): maintenanceStart(w)
                case .serviceDone(let h): serviceDone(h)
                }
                if !waiting.isEmpty { tryRestarts() }
            }
            finish()
        }

        mutating func finish() {
            now = horizon
            for h in 0..<count { meter(h) }
            for g in state.indices where state[g] != .refused {
                if let since = downSince[g] { addDowntime(g, now - since) }
                if let i = incidentOf[g] { result.incidents[i].lost += 1 }
            }
            if maintenanceHost != nil || !maintenanceQueue.isEmpty { result.maintenanceUnfinished += 1 }
        }

        // MARK: Failures

        mutating func scheduleHostFailure(_ h: Int, upSince: Double) {
            if let f = hostSamplers[h].next(upSince: upSince), f.at < horizon {
                queue.schedule(.hostFail(host: h), at: f.at)
                pendingRepair[h] = f.repair
            }
        }

        /// Repair time drawn with each component's next failure.
        var pendingRepair: [Double] = []
        var pendingDomainRepair: [Double] = []

        mutating func scheduleDomainFailure(_ d: Int, upSince: Double) {
            if let f = domains[d].sampler.next(upSince: upSince), f.at < horizon {
                queue.schedule(.domainFail(domain: d), at: f.at)
                pendingDomainRepair[d] = f.repair
            }
        }

        mutating func hostFailed(_ h: Int) {
            result.hostFailures += 1
            queue.schedule(.hostRepair(host: h), at: now + pendingRepair[h])
            addDownCause(h, failure: true)
        }

        mutating func hostRepaired(_ h: Int) {
            removeDownCause(h)
            scheduleHostFailure(h, upSince: now)
        }

        mutating func domainFailed(_ d: Int) {
            result.domainFailures += 1
            queue.schedule(.domainRepair(domain: d), at: now + pendingDomainRepair[d])
            for h in domains[d].hosts { addDownCause(h, failure: true) }
        }

        mutating func domainRepaired(_ d: Int) {
            for h in domains[d].hosts { removeDownCause(h) }
            scheduleDomainFailure(d, upSince: now)
        }

        mutating func addDownCause(_ h: Int, failure: Bool) {
            downCauses[h] += 1
            excluded[h] = true
            guard downCauses[h] == 1 else { return }
            // A service starts on a host already emptied (rolling) or parked (cold).
            if failure { hostWentDown(h) }
            meter(h)
        }

        mutating func removeDownCause(_ h: Int) {
            downCauses[h] -= 1
            guard downCauses[h] == 0 else { return }
            excluded[h] = inMaintenance[h]
            meter(h)
            // Guests parked for a cold service boot again on their host.
            for g in state.indices where state[g] == .parked && hostOf[g] == h { startBoot(g, on: h, reserve: false) }
            // Waiting restarts take the capacity before anything else (an evacuation) can.
            if !waiting.isEmpty { tryRestarts() }
        }

        /// The host has just gone down: its running and booting guests go down with it (their
        /// restart incident opens), migrations to or from it stop.
        mutating func hostWentDown(_ h: Int) {
            var affected: [Int] = []
            for g in state.indices {
                switch state[g] {
                case .running where hostOf[g] == h:
                    affected.append(g)
                    goDown(g, cause: .failure)
                    incidentOf[g] = result.incidents.count
                case .booting(let id) where hostOf[g] == h:
                    // Down already, still in its first incident: restart again.
                    queue.cancel(id)
                    result.interruptedRestarts += 1
                    releaseHost(g)
                    state[g] = .detecting
                    affectedAgain.append(g)
                case .migrating(let id, let target, _):
                    if hostOf[g] == h {
                        queue.cancel(id)
                        placement.release(guest(g), from: target)
                        affected.append(g)
                        goDown(g, cause: .failure)
                        incidentOf[g] = result.incidents.count
                    } else if target == h {
                        // The target is gone: the guest stays where it is; the evacuation tries again.
                        queue.cancel(id)
                        placement.release(guest(g), from: target)
                        state[g] = .running
                        result.abortedMigrations += 1
                        needsEvacuationStep = true
                    }
                default: break
                }
            }
            let incident = result.incidents.count
            result.incidents.append(AvailabilityResult.Incident(time: now, host: h, guests: affected.count))
            for g in affected { state[g] = .detecting; releaseHost(g) }
            pendingDetection.append((incident, affected + affectedAgain))
            affectedAgain = []
            queue.schedule(.detected(incident: incident), at: now + config.detectionSeconds)
            if maintenanceHost == h {
                // The host under maintenance failed: its repair replaces the service; move on.
                inMaintenance[h] = false
                maintenanceHost = nil
                result.maintenanceHostsSkipped += 1
                beginNextMaintenanceHost()
            } else if needsEvacuationStep, let m = maintenanceHost {
                needsEvacuationStep = false
                evacuate(m)
            }
            needsEvacuationStep = false
        }

        var affectedAgain: [Int] = []
        var needsEvacuationStep = false
        var pendingDetection: [(incident: Int, guests: [Int])] = []

        mutating func detected(_ incident: Int) {
            guard let k = pendingDetection.firstIndex(where: { $0.incident == incident }) else { return }
            for g in pendingDetection[k].guests where state[g] == .detecting {
                state[g] = .waiting
                waiting.append(g)
            }
            pendingDetection.remove(at: k)
        }

        /// Places waiting guests, highest priority first (then scenario order), each on the best
        /// fitting up host; the others keep waiting. O(waiting × hosts).
        mutating func tryRestarts() {
            let guests = config.guests
            let order = waiting.sorted { a, b in
                guests[a].priority != guests[b].priority ? guests[a].priority > guests[b].priority : a < b
            }
            var still: [Int] = []
            for g in order {
                if let h = placement.bestFit(guest(g), excluded: excluded) {
                    startBoot(g, on: h, reserve: true)
                } else {
                    if let i = incidentOf[g], !waitedInIncident[g] {
                        waitedInIncident[g] = true
                        result.incidents[i].waited += 1
                    }
                    still.append(g)
                }
            }
            waiting = still
        }

        mutating func startBoot(_ g: Int, on h: Int, reserve: Bool) {
            if reserve {
                placement.reserve(guest(g), on: h)
                hostOf[g] = h
                if !placement.withinCapacity(h) { result.capacityViolations += 1 }
            }
            let id = queue.schedule(.booted(guest: g), at: now + guest(g).bootSeconds)
            state[g] = .booting(id)
            busyCores[h] += load(g)
            meter(h)
        }

        mutating func booted(_ g: Int) {
            state[g] = .running
            comeUp(g)
            if let i = incidentOf[g] {
                result.incidents[i].restarted += 1
                result.restarts.append(.init(kind: guest(g).kind, seconds: now - result.incidents[i].time))
                incidentOf[g] = nil
                waitedInIncident[g] = false
            }
            if let m = maintenanceHost, hostOf[g] == m, variant.maintenance == .rolling { evacuate(m) }
        }

        mutating func goDown(_ g: Int, cause: DownCause) {
            if downSince[g] == nil {
                downSince[g] = now
                downCause[g] = cause
            }
        }

        mutating func comeUp(_ g: Int) {
            if let since = downSince[g] { addDowntime(g, now - since) }
            downSince[g] = nil
        }

        mutating func addDowntime(_ g: Int, _ seconds: Double) {
            result.downtimeSeconds[g] += seconds
            if downCause[g] == .maintenance { result.maintenanceDowntimeSeconds[g] += seconds }
        }

        /// Frees the guest's capacity and load on its host.
        mutating func releaseHost(_ g: Int) {
            let h = hostOf[g]
            guard h >= 0 else { return }
            placement.release(guest(g), from: h)
            busyCores[h] -= load(g)
            if busyCores[h] < 1e-9 { busyCores[h] = max(0, busyCores[h]) }
            hostOf[g] = -1
            meter(h)
        }

        // MARK: Maintenance

        mutating func maintenanceStart(_ w: Int) {
            guard maintenanceHost == nil, maintenanceQueue.isEmpty else { result.maintenanceWindowsSkipped += 1; return }
            maintenanceQueue = Array((0..<count).reversed())
            maintenanceStartedAt = now
            result.maintenanceWindows += 1
            beginNextMaintenanceHost()
        }

        mutating func beginNextMaintenanceHost() {
            while let h = maintenanceQueue.popLast() {
                if downCauses[h] > 0 { result.maintenanceHostsSkipped += 1; continue }
                maintenanceHost = h
                inMaintenance[h] = true
                excluded[h] = true
                switch variant.maintenance {
                case .rolling: evacuate(h)
                case .cold: coldService(h)
                }
                return
            }
            if maintenanceHost == nil { result.maintenanceSeconds.append(now - maintenanceStartedAt) }
        }

        /// Moves the next running guest off `h` by live migration; starts the service once `h`
        /// holds no guest. One migration at a time.
        mutating func evacuate(_ h: Int) {
            while true {
                if state.indices.contains(where: { if case .migrating = state[$0], hostOf[$0] == h { return true }; return false }) { return }
                guard let g = state.indices.first(where: { state[$0] == .running && hostOf[$0] == h }) else {
                    // Booting guests finish first (`booted` calls back); then the host is empty.
                    if state.indices.contains(where: { if case .booting = state[$0], hostOf[$0] == h { return true }; return false }) { return }
                    startService(h)
                    return
                }
                if let target = placement.bestFit(guest(g), excluded: excluded) {
                    placement.reserve(guest(g), on: target)
                    if !placement.withinCapacity(target) { result.capacityViolations += 1 }
                    let t = config.hostTypes
                    let link = min(t[config.hosts[h].type].bandwidthMbps, t[config.hosts[target].type].bandwidthMbps)
                    let plan = migration.plan(MigrationRequest(memoryMB: guest(g).memoryMB, linkBandwidthMbps: link,
                                                               dirtyRateMBps: guest(g).dirtyRateMBps,
                                                               writableWorkingSetMB: guest(g).writableWorkingSetMB))
                    let id = queue.schedule(.migrated(guest: g), at: now + plan.totalSeconds)
                    state[g] = .migrating(id, target: target, downtime: plan.downtimeSeconds)
                    result.migrations += 1
                    result.migrationSeconds += plan.totalSeconds
                    return
                }
                // No room anywhere: the guest is shut down and restarts when capacity appears.
                result.maintenanceColdFallbacks += 1
                goDown(g, cause: .maintenance)
                releaseHost(g)
                state[g] = .waiting
                waiting.append(g)
            }
        }

        mutating func migrated(_ g: Int) {
            guard case .migrating(_, let target, let downtime) = state[g] else { return }
            let source = hostOf[g]
            placement.release(guest(g), from: source)
            busyCores[source] -= load(g)
            meter(source)
            hostOf[g] = target
            busyCores[target] += load(g)
            meter(target)
            state[g] = .running
            // The stop-and-copy pause, in the last `downtime` seconds of the migration.
            result.downtimeSeconds[g] += downtime
            result.maintenanceDowntimeSeconds[g] += downtime
            if maintenanceHost == source { evacuate(source) }
        }

        mutating func startService(_ h: Int) {
            addDownCause(h, failure: false)
            queue.schedule(.serviceDone(host: h), at: now + config.maintenance!.serviceSeconds)
        }

        /// Shuts every guest of `h` down (they keep their place) and services the host.
        mutating func coldService(_ h: Int) {
            for g in state.indices where hostOf[g] == h {
                switch state[g] {
                case .running:
                    goDown(g, cause: .maintenance)
                case .booting(let id):
                    queue.cancel(id)
                default: continue
                }
                busyCores[h] -= load(g)
                state[g] = .parked
            }
            meter(h)
            addDownCause(h, failure: false)
            queue.schedule(.serviceDone(host: h), at: now + config.maintenance!.shutdownSeconds + config.maintenance!.serviceSeconds)
        }

        mutating func serviceDone(_ h: Int) {
            inMaintenance[h] = false
            if maintenanceHost == h { maintenanceHost = nil }
            removeDownCause(h)
            beginNextMaintenanceHost()
        }
    }
}
