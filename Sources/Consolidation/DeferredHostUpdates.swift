/// Deferred host updates: one `updateHost` per host per instant instead of one per migration.
///
/// Starting a round's migrations, and completing the migrations that end at one instant, used to
/// update the source and the target after every single migration: O(k) each, and a first-fit
/// target receiving dozens of guests in a round was re-updated dozens of times. Now a host is
/// *marked* when a migration touches it and updated once when the instant's batch ends.
///
/// Why the results are bit-identical: `updateHost` recomputes a host's allocation from scratch
/// (its list, the requests and the migration flags) and its history records at one time
/// overwrite each other, so only the last update at an instant survives — and the last one sees
/// the same state as the flush, because nothing touches the host afterwards in the batch.
/// What the sequence of updates did observe is the *order of commits*: the first record of a
/// host or guest at a new time commits its previous entry into floating-point sums (SLATAH,
/// PDM, migration durations) that depend on the order of addition. So marking a host does the
/// commit part right away, in exactly the order the sequential updates would have (host by host
/// in first-touch order, guests in list order), and the flush only records.
/// `hostPrevUtilMips`, the other thing repeated updates change, is read only by `fullUpdate`
/// right after its own `updateHost` overwrites it.
///
/// Energy: every caller integrates a host to `t` before its first change at `t` (as before);
/// later integrations at `t` add nothing, so deferring them changes nothing.
struct DeferredHostUpdates {
    /// Hosts marked in the current batch, in first-touch order.
    var hosts: [Int] = []
    /// `stamp[h] == epoch`: host h is marked in the current batch.
    var stamp: [UInt32]
    var epoch: UInt32 = 1
    /// The instant of the current batch (meaningful while `hosts` is not empty).
    var time = 0.0

    init(hosts count: Int) {
        stamp = Array(repeating: 0, count: count)
    }

    var isEmpty: Bool { hosts.isEmpty }
}

extension EngineState {
    /// The commit half of `updateHost(h, at: t)`: the records `updateHost` would make at `t`
    /// commit the pending entries of host `h` and of its running resident guests, in list order
    /// (guests first, then the host, as `updateHost` records them). Entries already at `t` stay.
    /// Also integrates energy to `t`, as `updateHost` does first. O(k).
    mutating func commitBeforeUpdate(_ h: Int, at t: Double) {
        integrateEnergy(h, to: t)
        var n = lists.head[h]
        while n >= 0 {
            let i = Int(n)
            if lists.kind[i] != .incoming { commitGuestBeforeRecord(Int(lists.guest[i]), at: t) }
            n = lists.next[i]
        }
        observer.hostUpdatePostponed(h, at: t, capacity: hosts.totalMips[h], cloudSimViolation: rules.cloudSimSlaFormulas)
    }

    /// The commit a record of running guest `g` at `t` would make. O(1).
    @inline(__always)
    mutating func commitGuestBeforeRecord(_ g: Int, at t: Double) {
        guard guests.phase[g] == .running else { return }
        observer.guestUpdatePostponed(g, at: t)
    }
}

extension Engine {
    /// Marks host `h` for one `updateHost` at `t` when the batch is flushed, committing what the
    /// immediate update would have committed. `arrived`: a guest just linked to `h` as a resident
    /// (its entries are committed even when `h` is already marked). O(k) on the first mark of a
    /// host in a batch, O(1) after.
    mutating func deferUpdate(_ h: Int, at t: Double, arrived: Int = -1) {
        guard deferHostUpdates else {
            s.updateHost(h, at: t)  // the reference behaviour (tests)
            return
        }
        if !deferred.hosts.isEmpty && deferred.time != t { flushDeferredUpdates() }
        deferred.time = t
        if deferred.stamp[h] != deferred.epoch {
            deferred.stamp[h] = deferred.epoch
            deferred.hosts.append(h)
            s.commitBeforeUpdate(h, at: t)
        } else if arrived >= 0 {
            s.commitGuestBeforeRecord(arrived, at: t)
        }
    }

    /// Updates every marked host once, in first-touch order. O(Σ k) over the marked hosts.
    mutating func flushDeferredUpdates() {
        guard !deferred.hosts.isEmpty else { return }
        let t = deferred.time
        for h in deferred.hosts { s.updateHost(h, at: t) }
        deferred.hosts.removeAll(keepingCapacity: true)
        deferred.epoch &+= 1
        if deferred.epoch == 0 {
            // Wrapped: clear the stamps so no host looks marked.
            for h in 0..<deferred.stamp.count { deferred.stamp[h] = 0 }
            deferred.epoch = 1
        }
    }
}
