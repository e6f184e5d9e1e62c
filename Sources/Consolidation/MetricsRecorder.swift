import Scheduling

/// The metrics recorder: an observer of the engine's events that turns them into the run's
/// metrics (Beloglazov & Buyya's SLATAH, PDM, SLAV, ESV and the counts beside them).
///
/// Events it consumes:
/// - `hostUpdated` / `guestUpdated`: the state-history entries, committed when an interval
///   closes (`HostHistoryAccumulator`, `GuestHistoryAccumulator`); `hostUpdatePostponed` /
///   `guestUpdatePostponed` commit what the postponed update would; `guestDeparted` and `runEnds`
///   close the accounts;
/// - `migrationStarted`, `guestDeleted`, `guestRejected`;
/// - `roundPlanned`: a consolidation round's wall-clock phases (CloudSim's execution times).
///
/// `metrics` reads them at the end, with what only the engine knows (energy from the
/// `EnergyMeter`, the measured span, the guests alive).
struct MetricsRecorder: EngineObserver {
    var hosts: HostHistoryAccumulator
    var guests: GuestHistoryAccumulator
    var counts = EngineCounters()

    /// `activeAtStart`: a host counts as switched on before its first update (CloudSim: a
    /// shutdown is any update with no allocation); false counts a shutdown only for an on → off
    /// transition (VirtSim).
    init(hosts: Int, guests: Int, activeAtStart: Bool) {
        self.hosts = HostHistoryAccumulator(hosts: hosts)
        self.guests = GuestHistoryAccumulator(guests: guests)
        if !activeAtStart {
            for h in 0..<hosts { self.hosts.trackActive[h] = false }
        }
    }

    @inline(__always)
    mutating func hostUpdated(_ h: Int, at t: Double, allocated: Double, requested: Double, active: Bool, overloaded: Bool,
                              guests count: Int32, capacity: Double, cloudSimViolation: Bool) {
        hosts.record(h, time: t, alloc: allocated, req: requested, active: active, overload: overloaded,
                     guests: count, capacity: capacity, cloudSimViolation: cloudSimViolation)
    }

    @inline(__always)
    mutating func guestUpdated(_ g: Int, at t: Double, allocated: Double, requested: Double, inMigration: Bool) {
        guests.record(g, time: t, alloc: allocated, req: requested, inMigration: inMigration)
    }

    /// The commit a record of host `h` at `t` would make (entries already at `t` stay). O(1).
    @inline(__always)
    mutating func hostUpdatePostponed(_ h: Int, at t: Double, capacity: Double, cloudSimViolation: Bool) {
        let pend = hosts.pendTime[h]
        if pend != t && pend >= 0 { hosts.commit(h, capacity: capacity, cloudSimViolation: cloudSimViolation) }
    }

    /// The commit a record of running guest `g` at `t` would make. O(1).
    @inline(__always)
    mutating func guestUpdatePostponed(_ g: Int, at t: Double) {
        let pend = guests.accounts[g].pendTime
        if pend != t && pend >= 0 { guests.commit(g) }
    }

    mutating func guestDeparted(_ g: Int) { guests.commit(g) }

    /// A migration starts; `downtime` (s) is its model's (0 for CloudSim's). O(1).
    mutating func migrationStarted(guest g: Int, downtime: Double) {
        counts.migrationsStarted += 1
        counts.migrationDowntimeTotal += downtime
    }

    /// An idle guest is removed for good (`deleteIdleGuests`). O(1).
    mutating func guestDeleted(_ g: Int) { counts.deletedGuests += 1 }

    /// A guest found no host and is dropped (`rejectUnplacedGuests`). O(1).
    mutating func guestRejected(_ g: Int) { counts.rejectedGuests += 1 }

    /// A consolidation round was planned, its phases taking these wall-clock seconds. O(1).
    mutating func roundPlanned(hostSelection: Double, vmSelection: Double, reallocation: Double, total: Double) {
        counts.rounds += 1
        counts.timeHostSelection += hostSelection
        counts.timeVmSelection += vmSelection
        counts.timeReallocation += reallocation
        counts.timeTotal += total
    }

    /// Every host's and guest's account closes at the horizon, hosts first. O(hosts + guests).
    mutating func runEnds(at horizon: Double, hosts table: borrowing HostTable, cloudSimViolation: Bool) {
        for h in 0..<table.count { hosts.commit(h, capacity: table.totalMips[h], cloudSimViolation: cloudSimViolation) }
        for g in guests.accounts.indices { guests.commit(g) }
    }

    /// The run's metrics from the closed accounts and the counters. `formulas`: the SLA formulas
    /// (`MetricFormulas`); `measuredSeconds`: the span active-host means are taken over;
    /// `reportsDowntime`: the migration model has a downtime to report. O(hosts + guests).
    func metrics<F: MetricFormulas>(_ formulas: F, energyJoules: Double, horizon: Double, measuredSeconds measured: Double,
                                    guestsAlive: Int, reportsDowntime: Bool) -> Metrics {
        var m = Metrics()
        m.energyKWh = energyJoules / 3.6e6
        m.vmMigrations = counts.migrationsStarted
        if reportsDowntime {
            m.migrationDowntimeSecondsMean = counts.migrationsStarted > 0 ? counts.migrationDowntimeTotal / Double(counts.migrationsStarted) : 0
        }
        let hh = hosts
        let slatah = hh.activeTime > 0 ? hh.violationTime / hh.activeTime : 0
        let gh = guests
        var totalReq = 0.0, totalAlloc = 0.0, totalMig = 0.0
        var perGuestPdm = 0.0
        var pdmGuests = 0
        for acc in gh.accounts {
            totalReq += acc.totalRequested
            totalAlloc += acc.totalAllocated
            totalMig += acc.underAllocatedDueToMigration
            if acc.totalRequested > 0 {
                perGuestPdm += acc.underAllocatedDueToMigration / acc.totalRequested
                pdmGuests += 1
            }
        }
        let pdm = formulas.pdm(requested: totalReq, lostToMigration: totalMig, perGuestSum: perGuestPdm, guests: pdmGuests)
        m.slatahPercent = slatah * 100
        m.pdmPercent = pdm * 100
        m.slav = slatah * pdm
        m.esv = m.energyKWh * m.slav
        m.hostShutdowns = hh.shutdownCount
        (m.meanTimeBeforeHostShutdown, m.stdDevTimeBeforeHostShutdown) = meanAndSampleStdDev(hh.shutdownTimes)
        (m.meanTimeBeforeVMMigration, m.stdDevTimeBeforeVMMigration) = meanAndSampleStdDev(gh.migrationDurations)
        m.activeHostsMean = measured > 0 ? hh.activeTime / measured : 0
        m.meanActiveHostCpuUtilization = hh.activeTime > 0 ? hh.activeUtilIntegral / hh.activeTime * 100 : 0
        m.slaOverloadTimeFraction = hh.activeTime > 0 ? hh.overloadTime / hh.activeTime : 0
        m.guestsPerActiveHostMean = hh.activeTime > 0 ? hh.activeGuestIntegral / hh.activeTime : 0
        m.overallSlaViolationPercent = totalReq > 0 ? (totalReq - totalAlloc) / totalReq * 100 : 0
        m.averageSlaViolationPercent = gh.shortfallCount > 0 ? gh.shortfallRatioSum / Double(gh.shortfallCount) * 100 : 0
        m.deletedGuests = counts.deletedGuests
        m.rejectedGuests = counts.rejectedGuests
        m.guestsAliveAtEnd = guestsAlive
        let r = Double(max(counts.rounds, 1))
        m.executionTimeHostSelectionMean = counts.timeHostSelection / r
        m.executionTimeVmSelectionMean = counts.timeVmSelection / r
        m.executionTimeVmReallocationMean = counts.timeReallocation / r
        m.executionTimeTotalMean = counts.timeTotal / r
        m.consolidationRounds = counts.rounds
        m.totalSimulationTime = horizon
        return m
    }
}
