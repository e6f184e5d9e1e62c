/// The per-host guest lists as intrusive doubly-linked lists over node indices (a plain table of
/// columns; `EngineState` links and unlinks, since that also updates the host columns).
///
/// Node `g` is guest g's primary node (where it runs); extra nodes, allocated from `free`, stand
/// for incoming migrations and tentative placements. Insertion order, which CloudSim's
/// tie-breaking depends on, is kept, and append / remove are O(1).
struct NodeLists {
    // Per node.
    var guest: [Int32]
    var host: [Int32]
    var next: [Int32]
    var prev: [Int32]
    var kind: [NodeKind]
    /// The request the node was allocated with, and its allocation (MIPS).
    var request: [Double]
    var allocation: [Double]
    /// Released extra nodes, reused before the columns grow.
    var free: [Int32] = []

    // Per host.
    var head: [Int32]
    var tail: [Int32]
    /// Migration reservations (incoming nodes) on each host.
    var incoming: [Int32]

    /// Empty lists for `hosts` hosts and the primary nodes of `guests` guests. O(hosts + guests).
    init(hosts H: Int, guests G: Int) {
        guest = (0..<G).map { Int32($0) }
        guest.reserveCapacity(G + max(16, G / 8))
        host = Array(repeating: -1, count: G)
        next = Array(repeating: -1, count: G)
        prev = Array(repeating: -1, count: G)
        kind = Array(repeating: .primary, count: G)
        request = Array(repeating: 0, count: G)
        allocation = Array(repeating: 0, count: G)
        head = Array(repeating: -1, count: H)
        tail = Array(repeating: -1, count: H)
        incoming = Array(repeating: 0, count: H)
    }
}
