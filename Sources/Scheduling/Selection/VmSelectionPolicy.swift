import SimKernel

/// A guest that may be selected for migration off an overloaded host (guests already migrating are
/// not candidates; the engine filters them, as CloudSim's `getMigratableVms`).
public struct SelectionCandidate: Sendable, Hashable {
    public var id: Int
    /// Nominal RAM (MB): the migration-time proxy of MMT.
    public var ramMB: Double
    /// Current utilization as a fraction of the guest's own MIPS (MU's metric).
    public var utilization: Double
    /// Current requested MIPS (u · MIPS).
    public var mips: Double
    /// The guest's utilization history, newest first (CloudSim `PowerVm` keeps 30 values). MC only.
    public var history: [Double]

    public init(id: Int, ramMB: Double, utilization: Double, mips: Double, history: [Double] = []) {
        self.id = id
        self.ramMB = ramMB
        self.utilization = utilization
        self.mips = mips
        self.history = history
    }
}

/// A selection with its reasons.
public struct SelectionDecision: Sendable, Hashable, CustomStringConvertible {
    public var policy: String
    /// Index into the candidate list, nil when the list is empty.
    public var chosenIndex: Int?
    /// The chosen guest's id.
    public var chosenID: Int?
    /// Per-candidate metric in candidate order (RAM, utilization, R², or empty for RS).
    public var scores: [Double]
    public var scoreName: String
    /// True when MC fell back to MMT (regression impossible).
    public var usedFallback: Bool
    public var note: String

    public init(policy: String, chosenIndex: Int?, chosenID: Int?, scores: [Double], scoreName: String,
                usedFallback: Bool = false, note: String = "") {
        self.policy = policy
        self.chosenIndex = chosenIndex
        self.chosenID = chosenID
        self.scores = scores
        self.scoreName = scoreName
        self.usedFallback = usedFallback
        self.note = note
    }

    public var description: String {
        var s = "\(policy): " + (chosenID.map { "guest \($0)" } ?? "no candidate")
        if !scores.isEmpty { s += " (\(scoreName): \(scores.map { "\($0)" }.joined(separator: ", ")))" }
        if usedFallback { s += " [fallback]" }
        if !note.isEmpty { s += " — \(note)" }
        return s
    }
}

/// VM selection (Beloglazov & Buyya, CCPE 2012, §6.3): which guest to move off an overloaded host.
/// The engine calls it repeatedly, tentatively removing each chosen guest, until the host is no longer
/// overloaded or no candidate is left.
public protocol VmSelectionPolicy: Sendable {
    /// Registry name ("mmt", "mc", "mu", "rs").
    var name: String { get }
    /// True when the policy reads `SelectionCandidate.history`.
    var needsHistory: Bool { get }
    /// Picks one candidate. `random` is used only by RS (reproducible: VirtSim seeds it). O(candidates),
    /// MC O(k³·m) for k candidates with m history values.
    func select(from candidates: [SelectionCandidate], random: inout Xoshiro256StarStar) -> SelectionDecision
}

/// Arg-min with CloudSim's strict `<` from a running minimum of +∞ (`Double.MAX_VALUE`): the first
/// candidate wins ties.
@usableFromInline
func firstMinimumIndex(_ values: [Double]) -> Int? {
    var best = Double.greatestFiniteMagnitude
    var index: Int? = nil
    for (i, v) in values.enumerated() where v < best {
        best = v
        index = i
    }
    // CloudSim starts at Double.MAX_VALUE: a metric equal to it (or +∞/NaN everywhere) selects nothing;
    // VirtSim returns the first candidate then, so a non-empty list always yields a guest.
    return index ?? (values.isEmpty ? nil : 0)
}
