import Scheduling

/// Where guests go in an availability cluster: best fit on the Scheduling module's host table and
/// suitability rule (a host takes a guest when its free cores and free memory cover the guest's
/// vCPUs and memory; reservations, no over-commit), and admission control at first placement.
struct ClusterPlacement {
    /// Capacity in cores (`totalMips` = cores, one "MIPS" per core) and memory.
    var table: HostTable
    /// Each host's kernel, when placement matches kernels (empty otherwise).
    let kernels: [KernelVersion?]
    private var scores: [Double] = []
    private var candidates: [Int] = []
    private var mask: [Bool] = []

    /// The first `count` hosts of the pool, empty.
    init(config: AvailabilityConfig, count: Int, matchKernels: Bool) {
        let specs = config.hostTypes.map { (totalMips: $0.totalMips, peMips: $0.mipsPerCore, ramMB: $0.ramMB, bandwidthMbps: $0.bandwidthMbps) }
        table = HostTable(types: config.hosts.prefix(count).map(\.type), specs: specs)
        kernels = matchKernels ? config.hosts.prefix(count).map { config.hostTypes[$0.type].kernel } : []
    }

    static func request(_ g: AvailabilityGuest) -> PlacementRequest {
        PlacementRequest(demandMips: Double(g.vcpus), coreMips: 1, ramMB: g.memoryMB, checksRam: true)
    }

    /// The host with the least CPU left after taking `g` among those `excluded` does not rule out,
    /// lowest index on ties; nil when none fits. O(hosts).
    mutating func bestFit(_ g: AvailabilityGuest, excluded: [Bool]) -> Int? {
        if let requirement = g.kernel, !kernels.isEmpty {
            // Kernel compatibility (KernelRequirement): hosts whose kernel the guest cannot run on
            // are ruled out like down ones.
            mask = excluded
            for h in mask.indices where !requirement.accepts(kernels[h]) { mask[h] = true }
            Suitability.scan(Self.request(g), in: table, excluded: mask, score: .leftover, scores: &scores, candidates: &candidates)
        } else {
            Suitability.scan(Self.request(g), in: table, excluded: excluded, score: .leftover, scores: &scores, candidates: &candidates)
        }
        var best: Int?
        for h in candidates where best == nil || Argmin.precedes(h, best!, scores: scores) { best = h }
        return best
    }

    /// Holds `g`'s cores and memory on `h`. O(1).
    mutating func reserve(_ g: AvailabilityGuest, on h: Int) {
        table.freeMips[h] -= Double(g.vcpus)
        table.ramUsedMB[h] += g.memoryMB
        table.listed[h] += 1
    }

    /// Gives them back. O(1).
    mutating func release(_ g: AvailabilityGuest, from h: Int) {
        table.freeMips[h] += Double(g.vcpus)
        table.ramUsedMB[h] -= g.memoryMB
        table.listed[h] -= 1
    }

    /// True when `h` holds no more than its capacity.
    func withinCapacity(_ h: Int) -> Bool { table.freeMips[h] >= 0 && table.freeRamMB(h) >= 0 }

    /// Guests in the order first placement considers them: higher restart priority first, then
    /// larger memory, then more vCPUs, then scenario order (best fit decreasing). O(g log g).
    static func placementOrder(_ guests: [AvailabilityGuest]) -> [Int] {
        guests.indices.sorted { a, b in
            let x = guests[a], y = guests[b]
            if x.priority != y.priority { return x.priority > y.priority }
            if x.memoryMB != y.memoryMB { return x.memoryMB > y.memoryMB }
            if x.vcpus != y.vcpus { return x.vcpus > y.vcpus }
            return a < b
        }
    }

    /// First placement on the first `count` hosts under `policy`: each guest's host, or −1 when
    /// admission control refuses it or no host fits. Returns the placement, the reserve and what
    /// the admitted guests use. O(guests × hosts).
    static func initial(config: AvailabilityConfig, count: Int, policy: AdmissionPolicy, matchKernels: Bool = true)
        -> (hostOf: [Int], placement: ClusterPlacement, reserve: (cores: Double, ramMB: Double), used: (cores: Double, ramMB: Double)) {
        var p = ClusterPlacement(config: config, count: count, matchKernels: matchKernels)
        let cores = p.table.totalMips, ram = p.table.ramMB
        let capacity = (cores: cores.reduce(0, +), ramMB: ram.reduce(0, +))
        let reserve = policy.reserve(cores: cores, ramMB: ram)
        var used = (cores: 0.0, ramMB: 0.0)
        var hostOf = [Int](repeating: -1, count: config.guests.count)
        let none = [Bool](repeating: false, count: count)
        for g in placementOrder(config.guests) {
            let guest = config.guests[g]
            guard AdmissionPolicy.admits(used: used, adding: Double(guest.vcpus), guest.memoryMB, capacity: capacity, reserve: reserve),
                  let h = p.bestFit(guest, excluded: none) else { continue }
            p.reserve(guest, on: h)
            used.cores += Double(guest.vcpus)
            used.ramMB += guest.memoryMB
            hostOf[g] = h
        }
        return (hostOf, p, reserve, used)
    }

    /// The fewest hosts from the front of the pool under which `policy` admits every guest, or the
    /// whole pool when even that is not enough. Bisection: admitting is taken to be monotone in
    /// the host count (more hosts never admit fewer guests, up to best fit's packing quirks).
    /// O(guests × hosts × log hosts).
    static func fewestHosts(config: AvailabilityConfig, policy: AdmissionPolicy, matchKernels: Bool = true) -> Int {
        func admitsAll(_ n: Int) -> Bool { !initial(config: config, count: n, policy: policy, matchKernels: matchKernels).hostOf.contains(-1) }
        var lo = 1, hi = config.hosts.count
        if !admitsAll(hi) { return hi }
        while lo < hi {
            let mid = (lo + hi) / 2
            if admitsAll(mid) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
