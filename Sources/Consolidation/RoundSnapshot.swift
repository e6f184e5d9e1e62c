/// What a consolidation round changes tentatively, so that `restoreRound` can put the hosts back
/// (CloudSim saves and restores the allocation around `optimizeAllocation`): the lists of the
/// hosts touched, the planned nodes created, and the hosts holding migration reservations.
/// A plain table of columns indexed by host, plus the round's work lists.
struct RoundSnapshot {
    /// Round in which host h was last touched (`current` means: its list is saved).
    var stamp: [UInt32]
    var current: UInt32 = 0
    var touched: [Int] = []
    /// Saved list nodes of the touched hosts, host h's at `start[h] ..< start[h] + length[h]`.
    var nodes: [Int32] = []
    var start: [Int]
    var length: [Int32]
    /// Nodes created by tentative placements this round.
    var planned: [Int] = []
    /// Hosts with migration reservations (each listed once, flagged in `hasIncoming`).
    var hostsWithIncoming: [Int] = []
    var hasIncoming: [Bool]
    /// Hosts that lost a primary node while planning this round (their order must be rebuilt).
    var lostNodes: [Bool]

    init(hosts: Int) {
        stamp = Array(repeating: 0, count: hosts)
        start = Array(repeating: 0, count: hosts)
        length = Array(repeating: 0, count: hosts)
        hasIncoming = Array(repeating: false, count: hosts)
        lostNodes = Array(repeating: false, count: hosts)
    }
}
