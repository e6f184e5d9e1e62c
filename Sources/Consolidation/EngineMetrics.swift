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

/// Per-guest streaming SLA accounting (CloudSim `getSlaMetrics`, `getTimesBeforeVmMigration`).
struct GuestHistoryAccumulator {
    var prevTime: [Double]
    var prevAlloc: [Double]
    var prevReq: [Double]
    var prevMig: [Bool]
    var pendTime: [Double]
    var pendAlloc: [Double]
    var pendReq: [Double]
    var pendMig: [Bool]
    var trackMig: [Bool]
    var lastMigStart: [Double]
    var firstTime: [Double]

    var totalAllocated: [Double]
    var totalRequested: [Double]
    var underAllocatedDueToMigration: [Double]
    var shortfallRatioSum = 0.0
    var shortfallCount = 0
    var migrationDurationSum = 0.0
    var migrationDurationSumSq = 0.0
    var migrationDurations: [Double] = []

    init(guests: Int) {
        prevTime = Array(repeating: -1, count: guests)
        prevAlloc = Array(repeating: 0, count: guests)
        prevReq = Array(repeating: 0, count: guests)
        prevMig = Array(repeating: false, count: guests)
        pendTime = Array(repeating: -1, count: guests)
        pendAlloc = Array(repeating: 0, count: guests)
        pendReq = Array(repeating: 0, count: guests)
        pendMig = Array(repeating: false, count: guests)
        trackMig = Array(repeating: false, count: guests)
        lastMigStart = Array(repeating: 0, count: guests)
        firstTime = Array(repeating: -1, count: guests)
        totalAllocated = Array(repeating: 0, count: guests)
        totalRequested = Array(repeating: 0, count: guests)
        underAllocatedDueToMigration = Array(repeating: 0, count: guests)
    }

    @inline(__always)
    mutating func record(_ g: Int, time: Double, alloc: Double, req: Double, inMigration: Bool) {
        if pendTime[g] != time && pendTime[g] >= 0 { commit(g) }
        if firstTime[g] < 0 { firstTime[g] = time }
        pendTime[g] = time
        pendAlloc[g] = alloc
        pendReq[g] = req
        pendMig[g] = inMigration
    }

    mutating func commit(_ g: Int) {
        let t = pendTime[g]
        if t < 0 { return }
        if prevTime[g] >= 0 {
            let dt = t - prevTime[g]
            let a = prevAlloc[g], r = prevReq[g]
            totalAllocated[g] += a * dt
            totalRequested[g] += r * dt
            if a < r {
                shortfallRatioSum += (r - a) / r
                shortfallCount += 1
                if prevMig[g] { underAllocatedDueToMigration[g] += (r - a) * dt }
            }
        }
        let mig = pendMig[g]
        if trackMig[g] && !mig {
            let d = t - lastMigStart[g]
            migrationDurationSum += d
            migrationDurationSumSq += d * d
            migrationDurations.append(d)
        }
        if !trackMig[g] && mig { lastMigStart[g] = t }
        trackMig[g] = mig
        prevTime[g] = t
        prevAlloc[g] = pendAlloc[g]
        prevReq[g] = pendReq[g]
        prevMig[g] = mig
        pendTime[g] = -1
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
