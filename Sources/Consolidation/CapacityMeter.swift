import Scheduling

/// Capacity answers of a run: how many hosts were on at the peak and at high percentiles, how
/// much CPU and memory the powered-on hosts had left at that peak, per host type, and how much
/// demand a fixed pool could not place.
///
/// Sampled once per tick (after the tick's update, before any consolidation round): the
/// instants at which demand changes, so every sample stands for one sample interval.
public struct CapacityMetrics: Sendable, Hashable {
    /// Powered-on hosts (hosts holding at least one guest) over the tick samples: the largest
    /// count and the type-7 percentiles (`Quantiles.type7`), so max ≥ p99 ≥ p95.
    public var activeHostsMax: Double = 0
    public var activeHostsP95: Double = 0
    public var activeHostsP99: Double = 0
    /// At the first sample with `activeHostsMax` hosts on: unused CPU (MIPS not requested) and
    /// unused memory (MB not reserved) of the powered-on hosts, percent of their capacity.
    public var cpuHeadroomAtPeakPercent: Double = 0
    public var memoryHeadroomAtPeakPercent: Double = 0
    /// Guests that found no host when they arrived and had to wait (each counted once).
    public var guestsWaited: Int = 0
    /// Most guests waiting at one sample.
    public var guestsWaitingMax: Int = 0
    /// Guests still waiting at the horizon (never placed).
    public var guestsWaitingAtEnd: Int = 0
    /// Σ over guests of the time spent waiting for a host (hours).
    public var guestHoursWaiting: Double = 0
    /// Per host type, in `EngineConfig.hostTypes` order.
    public var perType: [TypeCapacity] = []

    public init() {}

    /// One host type's share of the answer (host_types.csv).
    public struct TypeCapacity: Sendable, Hashable {
        public var name: String
        /// Hosts of this type in the datacenter.
        public var hosts: Int
        public var activeHostsMax: Double
        public var activeHostsP95: Double
        public var activeHostsP99: Double
        /// Mean over the tick samples (not time-integrated like `Metrics.activeHostsMean`).
        public var activeHostsSampledMean: Double
        /// Unused CPU and memory of this type's powered-on hosts at the datacenter's peak sample.
        public var cpuHeadroomAtPeakPercent: Double
        public var memoryHeadroomAtPeakPercent: Double
        public var energyKWh: Double
    }
}

/// Per-tick samples of the powered-on hosts, by type. O(hosts) per sample; memory O(ticks × types).
struct CapacityMeter {
    let types: Int
    /// Samples, row-major: `active[sample * types + type]`, and the same for the sums.
    var active: [Int32] = []
    var cpuCapacity: [Double] = []
    var cpuDemand: [Double] = []
    var ramCapacity: [Double] = []
    var ramUsed: [Double] = []
    var waiting: [Int32] = []

    init(types: Int) { self.types = types }

    /// Records the powered-on hosts of `s` and the guests waiting now.
    mutating func sample<Q, O>(_ s: EngineState<Q, O>, waiting count: Int) {
        let base = active.count
        active += repeatElement(0, count: types)
        cpuCapacity += repeatElement(0, count: types)
        cpuDemand += repeatElement(0, count: types)
        ramCapacity += repeatElement(0, count: types)
        ramUsed += repeatElement(0, count: types)
        for h in 0..<s.hostCount where s.hosts.listed[h] > 0 {
            let i = base + Int(s.hosts.powerType[h])
            active[i] += 1
            cpuCapacity[i] += s.hosts.totalMips[h]
            cpuDemand[i] += s.hostReqMips[h]
            ramCapacity[i] += s.hosts.ramMB[h]
            ramUsed[i] += s.hosts.ramUsedMB[h]
        }
        waiting.append(Int32(count))
    }

    /// Percent of `capacity` not used (0 with no capacity; negative when demand exceeds it).
    static func headroom(used: Double, capacity: Double) -> Double {
        capacity > 0 ? 100 * (1 - used / capacity) : 0
    }

    /// The capacity answers from the samples. O(samples · types + samples log samples).
    func metrics(names: [String], hostsPerType: [Int], energyKWhPerType: [Double]) -> CapacityMetrics {
        var m = CapacityMetrics()
        let n = waiting.count
        guard n > 0 else { return m }
        var totals = [Double](repeating: 0, count: n)
        for k in 0..<n { for t in 0..<types { totals[k] += Double(active[k * types + t]) } }
        let peakValue = totals.max()!
        let peak = totals.firstIndex(of: peakValue)!
        func sum(_ column: [Double], _ k: Int) -> Double { (0..<types).reduce(0) { $0 + column[k * types + $1] } }
        m.activeHostsMax = peakValue
        m.activeHostsP95 = Quantiles.type7(totals, 0.95)
        m.activeHostsP99 = Quantiles.type7(totals, 0.99)
        m.cpuHeadroomAtPeakPercent = Self.headroom(used: sum(cpuDemand, peak), capacity: sum(cpuCapacity, peak))
        m.memoryHeadroomAtPeakPercent = Self.headroom(used: sum(ramUsed, peak), capacity: sum(ramCapacity, peak))
        m.guestsWaitingMax = Int(waiting.max()!)
        for t in 0..<types {
            let series = (0..<n).map { Double(active[$0 * types + t]) }
            let i = peak * types + t
            m.perType.append(.init(
                name: names[t], hosts: hostsPerType[t], activeHostsMax: series.max()!,
                activeHostsP95: Quantiles.type7(series, 0.95), activeHostsP99: Quantiles.type7(series, 0.99),
                activeHostsSampledMean: series.reduce(0, +) / Double(n),
                cpuHeadroomAtPeakPercent: Self.headroom(used: cpuDemand[i], capacity: cpuCapacity[i]),
                memoryHeadroomAtPeakPercent: Self.headroom(used: ramUsed[i], capacity: ramCapacity[i]),
                energyKWh: energyKWhPerType[t]))
        }
        return m
    }
}

/// Guests that found no host, in arrival order: each is tried again at every tick until a host
/// takes it, it departs or the run ends (VirtSim; CloudSim rejects them, `Semantics.rejectUnplacedGuests`).
struct WaitingGuests {
    /// Waiting guests, first come first served.
    var queue: [Int] = []
    /// When each waiting guest started to wait (s), by guest.
    var since: [Int: Double] = [:]
    var everWaited = 0
    var waitedSeconds = 0.0

    mutating func add(_ g: Int, at t: Double) {
        queue.append(g)
        since[g] = t
        everWaited += 1
    }

    /// Stops `g`'s wait at `t` (placed, departed, or the horizon) and accounts it.
    mutating func end(_ g: Int, at t: Double) {
        guard let start = since.removeValue(forKey: g) else { return }
        waitedSeconds += max(0, t - start)
        queue.removeAll { $0 == g }
    }
}
