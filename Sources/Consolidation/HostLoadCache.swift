/// Per-host sums the overload detectors and the planner read, cached until the host's list or
/// allocation changes (keyed by `EngineState.hostVersion`). A plain table of columns.
struct HostLoadCache {
    var version: [UInt32]
    var valid: [Bool]
    /// Σ requested host MIPS of the listed guests.
    var requested: [Double]
    /// Largest RAM among the listed guests (the longest migration).
    var maxRam: [Double]
    /// CloudSim's planner MIPS (migrating-in reservations at their full request).
    var planned: [Double]
    /// P(now) as power-aware placement reads it (`PowerIncrease.wattsNow`: the host's watts at its
    /// measured utilization, or its sleep draw when VirtSim charges for waking it). It depends on
    /// the host only (measured MIPS, listed guests), not on the guest being placed, so a round's
    /// many placements against mostly unchanged hosts compute it once per host change.
    var wattsNow: [Double]
    /// `historyVersion[h]` / `historyValid[h]`: the key of `history` and `longest`, which only the
    /// detectors that read a history need, so they are brought up to date apart from the sums
    /// (the placement scans refresh the sums of every candidate, and read no history).
    var historyVersion: [UInt32]
    var historyValid: [Bool]
    /// Longest guest history on the host.
    var longest: [Int32]
    /// The host's utilization history, `GuestHistory.length` slots per host (only when a policy needs it).
    var history: [Double]

    init(hosts: Int, keepHistory: Bool) {
        version = Array(repeating: 0, count: hosts)
        valid = Array(repeating: false, count: hosts)
        requested = Array(repeating: 0, count: hosts)
        maxRam = Array(repeating: 0, count: hosts)
        planned = Array(repeating: 0, count: hosts)
        wattsNow = Array(repeating: 0, count: hosts)
        historyVersion = Array(repeating: 0, count: hosts)
        historyValid = Array(repeating: false, count: hosts)
        longest = Array(repeating: 0, count: hosts)
        history = keepHistory ? Array(repeating: 0, count: hosts * GuestHistory.length) : []
    }
}
