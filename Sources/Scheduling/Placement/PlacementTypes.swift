/// What a placement policy needs to know about the guest it places.
public struct PlacementGuest: Sendable, Hashable {
    /// The engine's guest id (reported in explanations, never interpreted).
    public var id: Int
    /// Total MIPS the guest requests now (CloudSim: u · VM MIPS after t = 0, full MIPS at creation).
    public var mips: Double
    /// Largest per-PE request (CloudSim `getCurrentRequestedMaxMips`), compared with the host's PE MIPS.
    public var maxPeMips: Double
    public var peCount: Int
    public var ramMB: Double
    public var bandwidthMbps: Double

    public init(id: Int, mips: Double, maxPeMips: Double? = nil, peCount: Int = 1, ramMB: Double = 0, bandwidthMbps: Double = 0) {
        self.id = id
        self.mips = mips
        self.maxPeMips = maxPeMips ?? (mips / Double(max(peCount, 1)))
        self.peCount = peCount
        self.ramMB = ramMB
        self.bandwidthMbps = bandwidthMbps
    }
}

/// Why a host was not chosen.
public enum PlacementRejection: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Excluded by the caller (overloaded this round, being evacuated, the guest's own host …).
    case excluded
    /// Host is off or failed.
    case notAcceptingGuests
    /// A PE of the host is slower than the guest's per-PE request.
    case peTooSlow
    case notEnoughMips
    case notEnoughRam
    case notEnoughBandwidth
    /// The overload detector says the host would be overloaded with the guest.
    case wouldBeOverloaded
    /// Projected utilization above 1: CloudSim's power model throws there.
    case utilizationAboveOne

    public var description: String {
        switch self {
        case .excluded: "excluded this round"
        case .notAcceptingGuests: "host is off or failed"
        case .peTooSlow: "PE MIPS below the guest's per-PE request"
        case .notEnoughMips: "not enough free MIPS"
        case .notEnoughRam: "not enough free RAM"
        case .notEnoughBandwidth: "not enough free bandwidth"
        case .wouldBeOverloaded: "would be overloaded with the guest"
        case .utilizationAboveOne: "projected utilization above 100 %"
        }
    }
}

/// One host as a policy saw it while placing one guest.
public struct CandidateVerdict: Sendable, Hashable {
    public var host: Int
    /// nil when the host was a valid candidate.
    public var rejection: PlacementRejection?
    /// The policy's score for valid candidates (lower is better for every policy; see its `scoreName`).
    public var score: Double?
    public init(host: Int, rejection: PlacementRejection?, score: Double?) {
        self.host = host
        self.rejection = rejection
        self.score = score
    }
}

/// A placement decision that explains itself: every host, why it was rejected or its score, and the winner.
public struct PlacementExplanation: Sendable, Hashable, CustomStringConvertible {
    public var policy: String
    public var guest: PlacementGuest
    /// What `score` means, e.g. "power increase (W)".
    public var scoreName: String
    /// One verdict per host, in host order.
    public var candidates: [CandidateVerdict]
    public var chosenHost: Int?
    /// How ties are broken and any mode notes.
    public var notes: [String]

    public init(policy: String, guest: PlacementGuest, scoreName: String, candidates: [CandidateVerdict], chosenHost: Int?, notes: [String]) {
        self.policy = policy
        self.guest = guest
        self.scoreName = scoreName
        self.candidates = candidates
        self.chosenHost = chosenHost
        self.notes = notes
    }

    /// Number of hosts rejected for each reason.
    public var rejectionCounts: [(PlacementRejection, Int)] {
        PlacementRejection.allCases.compactMap { reason in
            let n = candidates.reduce(0) { $0 + ($1.rejection == reason ? 1 : 0) }
            return n > 0 ? (reason, n) : nil
        }
    }

    public var description: String {
        var lines = ["\(policy): guest \(guest.id) requesting \(guest.mips) MIPS, \(guest.ramMB) MB"]
        for c in candidates {
            let mark = c.host == chosenHost ? "*" : " "
            if let r = c.rejection {
                lines.append("\(mark) host \(c.host): rejected, \(r)")
            } else if let s = c.score {
                lines.append("\(mark) host \(c.host): \(scoreName) = \(s)")
            }
        }
        lines.append(chosenHost.map { "chosen: host \($0)" } ?? "chosen: none (no host qualifies)")
        lines += notes
        return lines.joined(separator: "\n")
    }
}

/// Per-call inputs of a placement beyond the host table.
public struct PlacementContext {
    /// "Would `host` be overloaded if `guest` were added?" The engine answers it with the active
    /// detector on the host's guests plus the new one (history-based detectors need engine data).
    /// nil: no overload check.
    public var wouldBeOverloaded: ((_ host: Int, _ guest: PlacementGuest) -> Bool)?
    /// Reusable score buffer (grown on demand) so scans over 100k hosts do not allocate per call.
    public var scratchScores: [Double] = []
    /// Use the SIMD kernels (true) or the scalar references (false); results are identical.
    public var useSIMD: Bool

    public init(wouldBeOverloaded: ((_ host: Int, _ guest: PlacementGuest) -> Bool)? = nil, useSIMD: Bool = true) {
        self.wouldBeOverloaded = wouldBeOverloaded
        self.useSIMD = useSIMD
    }
}

/// A placement policy: chooses a host for one guest, places batches, and explains a choice.
public protocol PlacementPolicy: Sendable {
    /// Registry name, e.g. "power-aware-best-fit-decreasing".
    var name: String { get }
    /// True when `placeBatch` orders guests by decreasing requested MIPS (stable) before placing.
    var sortsByDecreasingDemand: Bool { get }
    /// The host for `guest`, or nil. Does not modify the table. O(hosts) (SIMD), plus overload checks.
    func chooseHost(for guest: PlacementGuest, in table: HostTable, context: inout PlacementContext) -> Int?
    /// The same decision with every host's verdict. O(hosts) overload checks: for `explain`, not the hot path.
    func explain(for guest: PlacementGuest, in table: HostTable, context: inout PlacementContext) -> PlacementExplanation
}

extension PlacementPolicy {
    /// Places `guests` one after another (sorted by decreasing MIPS first when the policy says so),
    /// tentatively adding each placed guest to `table` so later choices see it.
    /// Returns (guest id, host or nil) in placement order.
    public func placeBatch(_ guests: [PlacementGuest], in table: inout HostTable,
                           context: inout PlacementContext) -> [(guest: Int, host: Int?)] {
        let order = sortsByDecreasingDemand ? PlacementOrder.decreasingMips(guests) : Array(guests.indices)
        var result: [(guest: Int, host: Int?)] = []
        result.reserveCapacity(guests.count)
        for i in order {
            let g = guests[i]
            let host = chooseHost(for: g, in: table, context: &context)
            if let host { table.tentativelyPlace(g, on: host) }
            result.append((g.id, host))
        }
        return result
    }
}

/// Orderings used by the "decreasing" policies.
public enum PlacementOrder {
    /// Indices of `guests` by decreasing `mips`; equal requests keep their input order (a stable sort,
    /// as Java's `Collections.sort` in CloudSim's `PowerVmList.sortByCpuUtilization`). O(n log n).
    public static func decreasingMips(_ guests: [PlacementGuest]) -> [Int] {
        Array(guests.indices).sorted { a, b in
            let ma = guests[a].mips, mb = guests[b].mips
            return ma != mb ? ma > mb : a < b
        }
    }
}
