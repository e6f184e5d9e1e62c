/// A pool of identical FIFO servers (CPU cores, device slots).
///
/// Requests are served in arrival order by the server that frees up first. Because the
/// simulation presents arrivals in time order, the completion time of a job is known the moment
/// it arrives: start = max(now, earliest free time), done = start + service. One event per job,
/// no per-job queue. O(servers) per job (pools are small).
struct ServerPool {
    /// Time each server becomes free, seconds.
    var freeAt: [Double]
    /// Busy seconds accumulated inside the measurement window.
    var busySeconds: Double = 0
    /// The server the latest `serve` used.
    private(set) var lastServer = 0

    init(servers: Int) {
        freeAt = Array(repeating: 0, count: max(1, servers))
    }

    var servers: Int { freeAt.count }

    /// Index of the server that frees first (lowest index on ties). O(servers).
    @inline(__always)
    func earliest() -> Int {
        if freeAt.count == 1 { return 0 }
        var best = 0
        var bestTime = freeAt[0]
        var i = 1
        while i < freeAt.count {
            if freeAt[i] < bestTime { bestTime = freeAt[i]; best = i }
            i += 1
        }
        return best
    }

    /// Serves a job of `service` seconds arriving at `now`; returns its completion time. When the
    /// server it gets is idle, the job first waits `wake` seconds for it to wake up (an idle core's
    /// exit, a halted vCPU's re-entry): latency, not busy time.
    @inline(__always)
    mutating func serve(arrival now: Double, service: Double, measuring: Bool, wake: Double = 0) -> Double {
        serve(server: earliest(), arrival: now, service: service, measuring: measuring, wake: wake)
    }

    /// The same on server `best` (a thread that serves only its own queue). O(1).
    @inline(__always)
    mutating func serve(server best: Int, arrival now: Double, service: Double, measuring: Bool, wake: Double = 0) -> Double {
        let bestTime = freeAt[best]
        let start = bestTime > now ? bestTime : now + wake
        let done = start + service
        freeAt[best] = done
        lastServer = best
        if measuring { busySeconds += service }
        return done
    }

    /// Holds a server from `now` until `end` without working (a stalled vCPU): the server that
    /// frees first, from when it frees, for `end - now`; not counted as busy. Work already queued
    /// on it runs before the stall (the pool assigns jobs as they arrive, so a stall cannot jump
    /// ahead of them): exact for one thread per vCPU, an approximation beyond. O(servers).
    @inline(__always)
    mutating func stall(from now: Double, until end: Double) {
        let best = earliest()
        freeAt[best] = max(freeAt[best], now) + (end - now)
    }
}
