import Scheduling

/// The engine's events, as something attached to the engine sees them (SimGrid's "plugins attach
/// to signals"): the energy meter and the metrics recorder are such observers, and a run can
/// attach more (`Engine`'s `O`).
///
/// Every event has a default that does nothing, so an observer implements only what it consumes.
/// Observers are values held by `EngineState`, composed with `ObserverPair`; the engine calls them
/// directly (generic, no existential), and the event queue carries no reference to them.
/// Events reach observers in the engine's order, which is deterministic.
protocol EngineObserver {
    /// Host `h` is about to change at `t` (its list, its allocation or its power state): until
    /// now it ran as `hosts` shows it (piecewise-constant metering).
    mutating func hostWillChange(_ h: Int, at t: Double, hosts: borrowing HostTable)
    /// A full update at `t` re-allocated every host; the previous one was at `from`, when host h
    /// ran at `previousMips[h]` (trapezoid metering).
    mutating func hostsUpdated(from: Double, to t: Double, hosts: borrowing HostTable, previousMips: borrowing [Double])
    /// Host `h` was updated at `t`: its allocation and request (MIPS), whether it counts as active
    /// and as overloaded, its resident guests. `cloudSimViolation`: CloudSim's SLA reading.
    mutating func hostUpdated(_ h: Int, at t: Double, allocated: Double, requested: Double, active: Bool, overloaded: Bool,
                              guests: Int32, capacity: Double, cloudSimViolation: Bool)
    /// Host `h`'s update at `t` is postponed to the end of the instant's migration batch: what an
    /// update at `t` would close is closed now.
    mutating func hostUpdatePostponed(_ h: Int, at t: Double, capacity: Double, cloudSimViolation: Bool)
    /// Running guest `g` was updated at `t` with this allocation and request (guest-level MIPS).
    mutating func guestUpdated(_ g: Int, at t: Double, allocated: Double, requested: Double, inMigration: Bool)
    /// Running guest `g`'s update at `t` is postponed (see `hostUpdatePostponed`).
    mutating func guestUpdatePostponed(_ g: Int, at t: Double)
    /// Guest `g` departed.
    mutating func guestDeparted(_ g: Int)
    /// Guest `g`, idle, was removed for good (CloudSim's deletion of finished VMs).
    mutating func guestDeleted(_ g: Int)
    /// Guest `g` found no host and was dropped.
    mutating func guestRejected(_ g: Int)
    /// Guest `g` starts migrating; `downtime` (s) is its plan's.
    mutating func migrationStarted(guest g: Int, downtime: Double)
    /// A consolidation round was planned, its phases taking these wall-clock seconds.
    mutating func roundPlanned(hostSelection: Double, vmSelection: Double, reallocation: Double, total: Double)
    /// A report interval `[from, to)` ends (hosts.csv rows).
    mutating func reportIntervalEnds(from: Double, to t: Double, hosts: borrowing HostTable)
    /// The run reaches its horizon: every host has changed for the last time.
    mutating func runEnds(at horizon: Double, hosts: borrowing HostTable, cloudSimViolation: Bool)
}

extension EngineObserver {
    @inline(__always) mutating func hostWillChange(_ h: Int, at t: Double, hosts: borrowing HostTable) {}
    @inline(__always) mutating func hostsUpdated(from: Double, to t: Double, hosts: borrowing HostTable, previousMips: borrowing [Double]) {}
    @inline(__always) mutating func hostUpdated(_ h: Int, at t: Double, allocated: Double, requested: Double, active: Bool, overloaded: Bool,
                                                guests: Int32, capacity: Double, cloudSimViolation: Bool) {}
    @inline(__always) mutating func hostUpdatePostponed(_ h: Int, at t: Double, capacity: Double, cloudSimViolation: Bool) {}
    @inline(__always) mutating func guestUpdated(_ g: Int, at t: Double, allocated: Double, requested: Double, inMigration: Bool) {}
    @inline(__always) mutating func guestUpdatePostponed(_ g: Int, at t: Double) {}
    @inline(__always) mutating func guestDeparted(_ g: Int) {}
    @inline(__always) mutating func guestDeleted(_ g: Int) {}
    @inline(__always) mutating func guestRejected(_ g: Int) {}
    @inline(__always) mutating func migrationStarted(guest g: Int, downtime: Double) {}
    @inline(__always) mutating func roundPlanned(hostSelection: Double, vmSelection: Double, reallocation: Double, total: Double) {}
    @inline(__always) mutating func reportIntervalEnds(from: Double, to t: Double, hosts: borrowing HostTable) {}
    @inline(__always) mutating func runEnds(at horizon: Double, hosts: borrowing HostTable, cloudSimViolation: Bool) {}
}

/// No observer beyond the engine's own (the normal run's `O`): every event compiles away.
struct NoObserver: EngineObserver {}

/// Two observers as one: every event goes to `first`, then to `second`.
struct ObserverPair<A: EngineObserver, B: EngineObserver>: EngineObserver {
    var first: A
    var second: B

    @inline(__always) mutating func hostWillChange(_ h: Int, at t: Double, hosts: borrowing HostTable) {
        first.hostWillChange(h, at: t, hosts: hosts)
        second.hostWillChange(h, at: t, hosts: hosts)
    }
    @inline(__always) mutating func hostsUpdated(from: Double, to t: Double, hosts: borrowing HostTable, previousMips: borrowing [Double]) {
        first.hostsUpdated(from: from, to: t, hosts: hosts, previousMips: previousMips)
        second.hostsUpdated(from: from, to: t, hosts: hosts, previousMips: previousMips)
    }
    @inline(__always) mutating func hostUpdated(_ h: Int, at t: Double, allocated: Double, requested: Double, active: Bool, overloaded: Bool,
                                                guests: Int32, capacity: Double, cloudSimViolation: Bool) {
        first.hostUpdated(h, at: t, allocated: allocated, requested: requested, active: active, overloaded: overloaded, guests: guests,
                          capacity: capacity, cloudSimViolation: cloudSimViolation)
        second.hostUpdated(h, at: t, allocated: allocated, requested: requested, active: active, overloaded: overloaded, guests: guests,
                           capacity: capacity, cloudSimViolation: cloudSimViolation)
    }
    @inline(__always) mutating func hostUpdatePostponed(_ h: Int, at t: Double, capacity: Double, cloudSimViolation: Bool) {
        first.hostUpdatePostponed(h, at: t, capacity: capacity, cloudSimViolation: cloudSimViolation)
        second.hostUpdatePostponed(h, at: t, capacity: capacity, cloudSimViolation: cloudSimViolation)
    }
    @inline(__always) mutating func guestUpdated(_ g: Int, at t: Double, allocated: Double, requested: Double, inMigration: Bool) {
        first.guestUpdated(g, at: t, allocated: allocated, requested: requested, inMigration: inMigration)
        second.guestUpdated(g, at: t, allocated: allocated, requested: requested, inMigration: inMigration)
    }
    @inline(__always) mutating func guestUpdatePostponed(_ g: Int, at t: Double) {
        first.guestUpdatePostponed(g, at: t)
        second.guestUpdatePostponed(g, at: t)
    }
    @inline(__always) mutating func guestDeparted(_ g: Int) {
        first.guestDeparted(g)
        second.guestDeparted(g)
    }
    @inline(__always) mutating func guestDeleted(_ g: Int) {
        first.guestDeleted(g)
        second.guestDeleted(g)
    }
    @inline(__always) mutating func guestRejected(_ g: Int) {
        first.guestRejected(g)
        second.guestRejected(g)
    }
    @inline(__always) mutating func migrationStarted(guest g: Int, downtime: Double) {
        first.migrationStarted(guest: g, downtime: downtime)
        second.migrationStarted(guest: g, downtime: downtime)
    }
    @inline(__always) mutating func roundPlanned(hostSelection: Double, vmSelection: Double, reallocation: Double, total: Double) {
        first.roundPlanned(hostSelection: hostSelection, vmSelection: vmSelection, reallocation: reallocation, total: total)
        second.roundPlanned(hostSelection: hostSelection, vmSelection: vmSelection, reallocation: reallocation, total: total)
    }
    @inline(__always) mutating func reportIntervalEnds(from: Double, to t: Double, hosts: borrowing HostTable) {
        first.reportIntervalEnds(from: from, to: t, hosts: hosts)
        second.reportIntervalEnds(from: from, to: t, hosts: hosts)
    }
    @inline(__always) mutating func runEnds(at horizon: Double, hosts: borrowing HostTable, cloudSimViolation: Bool) {
        first.runEnds(at: horizon, hosts: hosts, cloudSimViolation: cloudSimViolation)
        second.runEnds(at: horizon, hosts: hosts, cloudSimViolation: cloudSimViolation)
    }
}

/// The observers of every run: the energy meter and the metrics recorder (the run's result is
/// read from them), then the run's own `O`.
typealias EngineObservers<Q: EngineStrategies, O: EngineObserver> = ObserverPair<ObserverPair<EnergyMeter<Q>, MetricsRecorder>, O>
