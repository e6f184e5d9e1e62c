/// A shared device or link that serves its transfers by processor sharing: n transfers in
/// progress each get capacity / n (TCP flows through one link, concurrent reads of one disk, to a
/// first approximation). Many starts at once therefore finish later together: a boot storm.
///
/// The channel keeps the remaining work of each transfer and the time it last brought them up to
/// date; the owner asks for the next completion time, schedules one event for it, and on that
/// event (or any arrival) calls `advance(to:)` first. Transfers are kept in arrival order, so
/// simultaneous completions come out in a deterministic order.
struct FairShareChannel {
    /// Capacity, in units of work per second (MB/s here).
    let capacity: Double
    /// Transfers in progress: owner's token and remaining work, in arrival order.
    private(set) var transfers: [(token: Int, remaining: Double)] = []
    private var updatedAt = 0.0

    init(capacity: Double) {
        precondition(capacity > 0, "a channel needs a positive capacity")
        self.capacity = capacity
    }

    var isIdle: Bool { transfers.isEmpty }

    /// Serves the transfers from the last update to `now`, each at its fair share. O(n).
    mutating func advance(to now: Double) {
        let dt = now - updatedAt
        updatedAt = now
        guard dt > 0, !transfers.isEmpty else { return }
        let served = capacity / Double(transfers.count) * dt
        for i in transfers.indices { transfers[i].remaining -= served }
    }

    /// Adds a transfer of `work` at `now` (call `advance(to: now)` first). O(1).
    mutating func add(token: Int, work: Double, now: Double) {
        precondition(work > 0, "zero-size transfers never enter a channel")
        updatedAt = now
        transfers.append((token, work))
    }

    /// Removes and returns the transfers that are done at the current update time (remaining work
    /// within a rounding tolerance of zero), in arrival order. O(n).
    mutating func takeFinished() -> [Int] {
        let tolerance = 1e-9 * capacity
        var done: [Int] = []
        transfers.removeAll { t in
            if t.remaining <= tolerance { done.append(t.token); return true }
            return false
        }
        return done
    }

    /// When the first transfer will finish if nothing else arrives, or nil when idle. O(n).
    func nextCompletion() -> Double? {
        guard let least = transfers.map(\.remaining).min() else { return nil }
        return updatedAt + max(0, least) * Double(transfers.count) / capacity
    }
}
