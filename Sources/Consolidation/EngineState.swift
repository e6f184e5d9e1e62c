import SimKernel
import VirtModel
import Scheduling

/// Life-cycle state of a guest.
enum GuestPhase: UInt8 {
    case pending = 0, booting, running, departed, deleted, rejected, waiting
}

/// Kind of a list node: a guest's residence (primary), a migration reservation on the target
/// (incoming), or a tentative placement made while planning a consolidation round (planned).
enum NodeKind: UInt8 {
    case primary = 0, incoming, planned, free
}

/// The datacenter as struct-of-arrays: hosts, guests, and the per-host guest lists.
///
/// A guest appears in a host's list through a *node*. Node `g` is guest g's primary node (where
/// it runs); extra nodes, allocated from a free list, stand for incoming migrations and tentative
/// placements. Lists are intrusive doubly-linked lists over node indices, so insertion order —
/// which CloudSim's tie-breaking depends on — is kept, and append/remove are O(1).
///
/// The per-host CPU allocation is `cpu`'s (CloudSim's `VmSchedulerTimeSharedOverSubscription`,
/// `TimeSharedCPUScheduler`): every node stores the request it was allocated with
/// (`lists.request`) and its allocation (`lists.allocation`); `hosts.freeMips` is the scheduler's
/// free MIPS (0 once over-subscribed).
struct EngineState<Q: EngineStrategies, O: EngineObserver> {
    /// The behaviour switches, resolved into strategies.
    let rules: Q
    let arith: PowerArithmetic<Q.Power>
    /// The hosts' CPU scheduler (`recomputeAllocation`, `allocateAppended`).
    let cpu: TimeSharedCPUScheduler<Q>
    let hostCount: Int
    let guestCount: Int

    // MARK: hosts
    /// The host columns every placement, overload and under-load rule reads (Scheduling's table).
    var hosts: HostTable
    var hostPrevUtilMips: [Double]
    var hostReqMips: [Double]
    /// Bumped whenever a host's list or allocation changes (cache key).
    var hostVersion: [UInt32]
    /// Hosts changed since the placement index last looked (each listed once).
    var dirtyHosts: [Int32] = []
    var dirtyFlag: [Bool]
    /// Only when a placement index reads `dirtyHosts`.
    var trackDirty = false

    // MARK: guests and lists
    /// The per-host guest lists (nodes).
    var lists: NodeLists
    /// The guests' columns.
    var guests: GuestColumns
    /// The fleet's demand: its sources, how they are read, the utilization histories.
    var demand: GuestDemand<Q>

    // MARK: observers
    /// The observers of the engine's events: the energy meter, the metrics recorder, the run's own.
    var observer: EngineObservers<Q, O>
    /// Time of the last full update.
    var lastProcessTime = 0.0

    /// The energy meter (read at the end: energy, hosts.csv rows).
    var meter: EnergyMeter<Q> { observer.first.first }
    /// The metrics recorder (read at the end: the metrics, the guests' accounts).
    var recorder: MetricsRecorder { observer.first.second }

    /// O(hosts + guests).
    init(config: EngineConfig, rules: Q, keepHistory: Bool, observer: O) throws {
        self.rules = rules
        let arith = PowerArithmetic(models: config.hostTypes.map(\.power), formula: rules.powerFormula)
        self.arith = arith
        cpu = TimeSharedCPUScheduler(rules: rules)
        let H = config.hostLayout.count
        let G = config.guests.count
        hostCount = H
        guestCount = G
        guard !config.hostTypes.isEmpty else { throw EngineError.invalidConfig("no host types") }
        for (i, t) in config.hostLayout.enumerated() {
            guard t >= 0 && t < config.hostTypes.count else {
                throw EngineError.invalidConfig("host \(i) has unknown type index \(t)")
            }
            let spec = config.hostTypes[t]
            guard spec.cores > 0, spec.mipsPerCore > 0, spec.ramMB > 0, spec.bandwidthMbps > 0 else {
                throw EngineError.invalidConfig("host type '\(spec.name)' needs positive cores, MIPS, RAM and bandwidth")
            }
            guard spec.memoryOvercommit >= 1, spec.memoryOvercommit.isFinite else {
                throw EngineError.invalidConfig("host type '\(spec.name)' needs a memory over-commit ratio of at least 1")
            }
        }
        hosts = HostTable(types: config.hostLayout,
                          specs: config.hostTypes.map { ($0.totalMips, $0.mipsPerCore, $0.admittedRamMB, $0.bandwidthMbps) })
        hostPrevUtilMips = Array(repeating: 0, count: H)
        hostReqMips = Array(repeating: 0, count: H)
        hostVersion = Array(repeating: 0, count: H)
        dirtyFlag = Array(repeating: false, count: H)

        lists = NodeLists(hosts: H, guests: G)
        guests = try GuestColumns(config.guests)
        demand = try GuestDemand(guests: config.guests, reading: rules, keepHistory: keepHistory)
        // The strategies carry the run's power-awareness (`HostPowerDraw`); `withEngine` resolves both.
        precondition(rules.drawsMaximumPower == !config.policies.powerAware, "the strategies disagree with the powerAware policy")
        let meter = EnergyMeter(hosts: H, rules: rules, arith: arith)
        // VirtSim counts a shutdown only for an on → off transition.
        let recorder = MetricsRecorder(hosts: H, guests: G, activeAtStart: rules.activeMeansNonZeroAllocation)
        self.observer = ObserverPair(first: ObserverPair(first: meter, second: recorder), second: observer)
    }

    /// Marks host `h` changed: its cache entry is stale and the placement index must re-read it. O(1).
    @inline(__always)
    mutating func bump(_ h: Int) {
        hostVersion[h] &+= 1
        if trackDirty && !dirtyFlag[h] {
            dirtyFlag[h] = true
            dirtyHosts.append(Int32(h))
        }
    }

    // MARK: - Lists

    /// Allocates an extra node (incoming or planned) for guest `g`. O(1) amortized.
    mutating func newNode(guest g: Int, kind: NodeKind) -> Int {
        if let n = lists.free.popLast() {
            let i = Int(n)
            lists.guest[i] = Int32(g); lists.kind[i] = kind; lists.host[i] = -1
            lists.next[i] = -1; lists.prev[i] = -1; lists.request[i] = 0; lists.allocation[i] = 0
            return i
        }
        lists.guest.append(Int32(g)); lists.host.append(-1); lists.next.append(-1); lists.prev.append(-1)
        lists.kind.append(kind); lists.request.append(0); lists.allocation.append(0)
        return lists.guest.count - 1
    }

    mutating func releaseNode(_ n: Int) {
        precondition(n >= guestCount, "primary nodes are never released")
        lists.kind[n] = .free
        lists.host[n] = -1
        lists.free.append(Int32(n))
    }

    /// Appends node `n` to host `h`'s list. O(1).
    @inline(__always)
    mutating func link(_ n: Int, to h: Int) {
        lists.host[n] = Int32(h)
        lists.next[n] = -1
        let tail = lists.tail[h]
        lists.prev[n] = tail
        if tail >= 0 { lists.next[Int(tail)] = Int32(n) } else { lists.head[h] = Int32(n) }
        lists.tail[h] = Int32(n)
        hosts.listed[h] += 1
        if lists.kind[n] == .incoming { lists.incoming[h] += 1 }
        hosts.ramUsedMB[h] += guests.ramMB[Int(lists.guest[n])]
        bump(h)
    }

    /// Removes node `n` from its host's list. O(1).
    @inline(__always)
    mutating func unlink(_ n: Int) {
        let h = Int(lists.host[n])
        guard h >= 0 else { return }
        let p = lists.prev[n], x = lists.next[n]
        if p >= 0 { lists.next[Int(p)] = x } else { lists.head[h] = x }
        if x >= 0 { lists.prev[Int(x)] = p } else { lists.tail[h] = p }
        lists.host[n] = -1; lists.next[n] = -1; lists.prev[n] = -1
        hosts.listed[h] -= 1
        if lists.kind[n] == .incoming { lists.incoming[h] -= 1 }
        hosts.ramUsedMB[h] -= guests.ramMB[Int(lists.guest[n])]
        if hosts.listed[h] == 0 { hosts.ramUsedMB[h] = 0 }  // no drift from repeated float sums
        bump(h)
    }

    /// Node indices of host `h`'s list, in order. O(k).
    func nodes(of h: Int) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(Int(hosts.listed[h]))
        var n = lists.head[h]
        while n >= 0 { out.append(Int(n)); n = lists.next[Int(n)] }
        return out
    }

    // MARK: - Demand

    /// Host-level MIPS a guest requests now (creation request or current demand, with overhead).
    @inline(__always)
    func hostDemand(_ g: Int) -> Double {
        let r = guests.creating[g] ? guests.mips[g] * Double(guests.pes[g]) : guests.request[g]
        return r * (1 + guests.overhead[g])
    }

    /// Guest-level request now.
    @inline(__always)
    func guestRequest(_ g: Int) -> Double {
        guests.creating[g] ? guests.mips[g] * Double(guests.pes[g]) : guests.request[g]
    }

    // MARK: - Host update (HostDynamicWorkload.updateVmsProcessing)

    /// Re-allocates host `h` from current requests and records host and guest history entries
    /// at `t`. Also integrates piecewise-constant energy up to `t` (VirtSim mode). O(k).
    mutating func updateHost(_ h: Int, at t: Double) {
        integrateEnergy(h, to: t)
        hostPrevUtilMips[h] = hosts.measuredMips[h]
        var n = lists.head[h]
        while n >= 0 {
            let i = Int(n)
            lists.request[i] = hostDemand(Int(lists.guest[i]))
            n = lists.next[i]
        }
        recomputeAllocation(h)
        var util = 0.0
        var req = 0.0
        var demand = 0.0  // VirtSim: migration reservations on the target are not demand
        var residents: Int32 = 0
        let shares = rules.appliesMigrationShares
        n = lists.head[h]
        while n >= 0 {
            let i = Int(n)
            let g = Int(lists.guest[i])
            var a = lists.allocation[i]
            if lists.kind[i] == .incoming {
                util += a
                if shares { demand += lists.request[i] * guests.targetShare[g] }
            } else {
                residents += 1
                demand += lists.request[i]
                if guests.phase[g] == .running {
                    observer.guestUpdated(g, at: t, allocated: a / (1 + guests.overhead[g]), requested: guestRequest(g),
                                          inMigration: guests.inMigration[g])
                }
                // The source is charged the full request (CloudSim divides by 0.9); a guest that is
                // down for a cold migration charges nothing.
                if guests.inMigration[g] && shares {
                    let share = guests.sourceShare[g]
                    a = share > 0 ? a / share : 0
                }
                util += a
            }
            req += lists.request[i]
            n = lists.next[i]
        }
        hosts.measuredMips[h] = util
        hostReqMips[h] = req
        let cap = hosts.totalMips[h]
        let active: Bool
        let overload: Bool
        active = rules.activeMeansNonZeroAllocation ? util > 0 : hosts.listed[h] > 0
        // CloudSim's SLA reading: migration targets' reservations count as demand.
        if rules.cloudSimSlaFormulas { demand = req }
        // Demand at or above capacity: the paper's "100 % utilization".
        overload = demand >= cap && demand > 0
        observer.hostUpdated(h, at: t, allocated: util, requested: req, active: active, overloaded: overload,
                             guests: residents, capacity: cap, cloudSimViolation: rules.cloudSimSlaFormulas)
        bump(h)
    }

    /// Measured utilization of host `h` at its last update (CloudSim `getUtilizationOfCpu`).
    @inline(__always)
    func measuredUtilization(_ h: Int) -> Double {
        Underload.measuredUtilization(h, in: hosts, arith)
    }

    /// Host `h` is about to change at `t`: the observers see it as it ran until now (the energy
    /// meter integrates its constant power). Every caller runs it before host `h` changes at `t`.
    @inline(__always)
    mutating func integrateEnergy(_ h: Int, to t: Double) {
        observer.hostWillChange(h, at: t, hosts: hosts)
    }

    /// A full update at `t` is done: the observers see every host (the energy meter's trapezoids
    /// when it meters them), from the last full update. O(hosts) when metered.
    mutating func fullUpdateDone(at t: Double) {
        observer.hostsUpdated(from: lastProcessTime, to: t, hosts: hosts, previousMips: hostPrevUtilMips)
    }
}
