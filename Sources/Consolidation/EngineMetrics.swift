/// Streaming accumulators for CloudSim's state histories (reference §3.10).
///
/// CloudSim keeps, per host and per VM, a list of entries (time, allocated, requested, flag) and
/// overwrites the last entry when a new one has the same time; its metrics walk consecutive
/// pairs. Here each entity keeps only its *pending* entry and its last *committed* entry: a new
/// entry at a different time commits the pending one, which accounts the interval from the
/// committed entry to it. Memory is O(entities), not O(entities × updates).
struct HostHistoryAccumulator {
    // Committed entry.
    var prevTime: [Double]
    var prevAlloc: [Double]
    var prevReq: [Double]
    var prevActive: [Bool]
    var prevOverload: [Bool]
    var prevGuests: [Int32]
    // Pending entry.
    var pendTime: [Double]
    var pendAlloc: [Double]
    var pendReq: [Double]
    var pendActive: [Bool]
    var pendOverload: [Bool]
    var pendGuests: [Int32]
    // Shutdown tracking (CloudSim `getTimesBeforeHostShutdown`: previousIsActive starts true).
    var trackActive: [Bool]
    var lastSwitchedOn: [Double]

    var activeTime = 0.0
    var violationTime = 0.0
    var overloadTime = 0.0
    var activeUtilIntegral = 0.0   // Σ (alloc / capacity) · Δt over active intervals
    var activeGuestIntegral = 0.0  // Σ guests · Δt over active intervals
    var shutdownCount = 0
    var shutdownSum = 0.0
    var shutdownSumSq = 0.0
    var shutdownTimes: [Double] = []

    init(hosts: Int) {
        prevTime = Array(repeating: -1, count: hosts)
        prevAlloc = Array(repeating: 0, count: hosts)
        prevReq = Array(repeating: 0, count: hosts)
        prevActive = Array(repeating: false, count: hosts)
        prevOverload = Array(repeating: false, count: hosts)
        prevGuests = Array(repeating: 0, count: hosts)
        pendTime = Array(repeating: -1, count: hosts)
        pendAlloc = Array(repeating: 0, count: hosts)
        pendReq = Array(repeating: 0, count: hosts)
        pendActive = Array(repeating: false, count: hosts)
        pendOverload = Array(repeating: false, count: hosts)
        pendGuests = Array(repeating: 0, count: hosts)
        trackActive = Array(repeating: true, count: hosts)
        lastSwitchedOn = Array(repeating: 0, count: hosts)
    }

    /// Records an entry for host `h`; `capacity` converts allocated MIPS to utilization.
    /// `violation` is CloudSim's "allocated < requested" or VirtSim's "demand ≥ capacity" test,
    /// decided by the caller. O(1).
    @inline(__always)
    mutating func record(_ h: Int, time: Double, alloc: Double, req: Double, active: Bool,
                         overload: Bool, guests: Int32, capacity: Double, cloudSimViolation: Bool) {
        if pendTime[h] != time && pendTime[h] >= 0 {
            commit(h, capacity: capacity, cloudSimViolation: cloudSimViolation)
        }
        pendTime[h] = time
        pendAlloc[h] = alloc
        pendReq[h] = req
        pendActive[h] = active
        pendOverload[h] = overload
        pendGuests[h] = guests
    }

    /// Commits host `h`'s pending entry: accounts [committed, pending] and the shutdown test.
    mutating func commit(_ h: Int, capacity: Double, cloudSimViolation: Bool) {
        let t = pendTime[h]
        if t < 0 { return }
        if prevTime[h] >= 0 && prevActive[h] {
            let dt = t - prevTime[h]
            activeTime += dt
            let violated = cloudSimViolation ? (prevAlloc[h] < prevReq[h]) : prevOverload[h]
            if violated { violationTime += dt }
            if prevOverload[h] { overloadTime += dt }
            activeUtilIntegral += min(prevAlloc[h] / capacity, 1) * dt
            activeGuestIntegral += Double(prevGuests[h]) * dt
        }
        // Shutdown statistics over committed entries in order.
        let active = pendActive[h]
        if trackActive[h] && !active {
            let d = t - lastSwitchedOn[h]
            shutdownCount += 1
            shutdownSum += d
            shutdownSumSq += d * d
            shutdownTimes.append(d)
        }
        if !trackActive[h] && active { lastSwitchedOn[h] = t }
        trackActive[h] = active
        prevTime[h] = t
        prevAlloc[h] = pendAlloc[h]
        prevReq[h] = pendReq[h]
        prevActive[h] = active
        prevOverload[h] = pendOverload[h]
        prevGuests[h] = pendGuests[h]
        pendTime[h] = -1
    }
}

/// One guest's streaming SLA state, kept together so an update touches one or two cache lines
/// (guests are visited in host order, i.e. at random; array-of-structs beats struct-of-arrays here).
struct GuestAccount {
    var prevTime = -1.0
    var prevAlloc = 0.0
    var prevReq = 0.0
    var pendTime = -1.0
    var pendAlloc = 0.0
    var pendReq = 0.0
    var totalAllocated = 0.0
    var totalRequested = 0.0
    var underAllocatedDueToMigration = 0.0
    var lastMigStart = 0.0
    var firstTime = -1.0
    var prevMig = false
    var pendMig = false
    var trackMig = false
}

/// Per-guest streaming SLA accounting (CloudSim `getSlaMetrics`, `getTimesBeforeVmMigration`).
struct GuestHistoryAccumulator {
    var accounts: [GuestAccount]
    var shortfallRatioSum = 0.0
    var shortfallCount = 0
    var migrationDurations: [Double] = []

    init(guests: Int) {
        accounts = Array(repeating: GuestAccount(), count: guests)
    }

    var prevTime: [Double] { accounts.map(\.prevTime) }
    var firstTime: [Double] { accounts.map(\.firstTime) }

    @inline(__always)
    mutating func record(_ g: Int, time: Double, alloc: Double, req: Double, inMigration: Bool) {
        var acc = accounts[g]
        if acc.pendTime != time && acc.pendTime >= 0 { commit(&acc) }
        if acc.firstTime < 0 { acc.firstTime = time }
        acc.pendTime = time
        acc.pendAlloc = alloc
        acc.pendReq = req
        acc.pendMig = inMigration
        accounts[g] = acc
    }

    mutating func commit(_ g: Int) {
        var acc = accounts[g]
        commit(&acc)
        accounts[g] = acc
    }

    /// Accounts the interval [committed, pending] and makes the pending entry the committed one.
    @inline(__always)
    mutating func commit(_ acc: inout GuestAccount) {
        let t = acc.pendTime
        if t < 0 { return }
        if acc.prevTime >= 0 {
            let dt = t - acc.prevTime
            let a = acc.prevAlloc, r = acc.prevReq
            acc.totalAllocated += a * dt
            acc.totalRequested += r * dt
            if a < r {
                shortfallRatioSum += (r - a) / r
                shortfallCount += 1
                if acc.prevMig { acc.underAllocatedDueToMigration += (r - a) * dt }
            }
        }
        let mig = acc.pendMig
        if acc.trackMig && !mig { migrationDurations.append(t - acc.lastMigStart) }
        if !acc.trackMig && mig { acc.lastMigStart = t }
        acc.trackMig = mig
        acc.prevTime = t
        acc.prevAlloc = acc.pendAlloc
        acc.prevReq = acc.pendReq
        acc.prevMig = mig
        acc.pendTime = -1
    }
}

/// Mean and sample standard deviation (n − 1) of a list, NaN when undefined (CloudSim `MathUtil`).
func meanAndSampleStdDev(_ xs: [Double]) -> (Double, Double) {
    if xs.isEmpty { return (.nan, .nan) }
    var sum = 0.0
    for x in xs { sum += x }
    let mean = sum / Double(xs.count)
    if xs.count < 2 { return (mean, .nan) }
    var ss = 0.0
    for x in xs { ss += (x - mean) * (x - mean) }
    return (mean, (ss / Double(xs.count - 1)).squareRoot())
}
