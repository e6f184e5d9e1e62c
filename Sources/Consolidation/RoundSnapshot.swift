/// What a consolidation round changes tentatively, and how it is undone.
///
/// CloudSim plans a round on the live allocation (`vmDestroy` / `vmCreate` on the hosts) and then
/// restores the allocation it saved before (`restoreAllocation`); the migrations happen later,
/// through events. This type keeps what the restore needs: the lists of the hosts the round
/// touched (saved on first touch), the planned nodes it created, and which hosts lost a node.
/// The planner (`RoundPlanner`) makes every tentative change through it.
///
/// Cost: saving a host's list is O(its guests), once per round; the restore is O(touched hosts'
/// guests + hosts with reservations). A plain table of columns indexed by host, plus the round's
/// work lists (kept, emptied, from one round to the next).
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
    /// Hosts that lost a primary node while planning this round (their order must be rebuilt).
    var lostNodes: [Bool]

    init(hosts: Int) {
        stamp = Array(repeating: 0, count: hosts)
        start = Array(repeating: 0, count: hosts)
        length = Array(repeating: 0, count: hosts)
        lostNodes = Array(repeating: false, count: hosts)
    }

    /// A new round: no host is saved yet. O(1).
    mutating func beginRound() {
        current &+= 1
    }

    /// Remembers host `h`'s list before its first change in this round. O(k) the first time, O(1) after.
    mutating func touch<Q, O>(_ h: Int, in s: EngineState<Q, O>) {
        if stamp[h] == current { return }
        stamp[h] = current
        touched.append(h)
        start[h] = nodes.count
        var count: Int32 = 0
        var n = s.lists.head[h]
        while n >= 0 {
            nodes.append(n)
            count += 1
            n = s.lists.next[Int(n)]
        }
        length[h] = count
    }

    /// `host.vmDestroy(vm)` while planning: the guest's primary node leaves its host. O(k).
    mutating func remove<Q, O>(guest g: Int, in s: inout EngineState<Q, O>) {
        let h = Int(s.lists.host[g])
        guard h >= 0 else { return }
        touch(h, in: s)
        lostNodes[h] = true
        s.unlink(g)
        s.recomputeAllocation(h)
    }

    /// `host.vmCreate(vm)` while planning: a planned node of the guest joins `h`; returns the node.
    /// O(1) amortized after the host's first touch.
    mutating func create<Q, O>(guest g: Int, on h: Int, in s: inout EngineState<Q, O>) -> Int {
        touch(h, in: s)
        let n = s.newNode(guest: g, kind: .planned)
        s.link(n, to: h)
        s.allocateAppended(n, on: h, request: s.hostDemand(g))
        planned.append(n)
        return n
    }

    /// Undoes one tentative create (a failed evacuation, or a planned guest selected again). O(k).
    mutating func undoCreate<Q, O>(node n: Int, in s: inout EngineState<Q, O>) {
        let h = Int(s.lists.host[n])
        s.unlink(n)
        s.recomputeAllocation(h)
        s.releaseNode(n)
        if let k = planned.lastIndex(of: n) { planned.remove(at: k) }
    }

    /// `restoreAllocation`: every touched host gets its saved list back, migrating-in guests first;
    /// so do the hosts with reservations the round did not touch (`reserved`, pruned here).
    mutating func restore<Q, O>(_ s: inout EngineState<Q, O>, reserved: inout ReservedHosts) {
        for n in planned where s.lists.kind[n] == .planned {
            s.unlink(n)
            s.releaseNode(n)
        }
        planned.removeAll(keepingCapacity: true)
        for h in touched { restoreList(of: h, in: &s) }
        // CloudSim's restore also puts migrating-in guests first on hosts the round did not touch.
        reserved.dropCompleted(incoming: s.lists.incoming)
        for h in reserved.hosts where stamp[h] != current { Self.moveIncomingFirst(h, in: &s) }
        touched.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
    }

    /// Touched host `h` gets its saved list back: its migrating-in guests, then its residents
    /// still unplaced, in their saved order (planned nodes are gone already). O(k).
    private mutating func restoreList<Q, O>(of h: Int, in s: inout EngineState<Q, O>) {
        // A host that only gained planned nodes is already back as it was.
        if !lostNodes[h] && s.lists.incoming[h] == 0 {
            s.recomputeAllocation(h)
            return
        }
        lostNodes[h] = false
        // Empty the list, then rebuild it from the snapshot.
        var n = s.lists.head[h]
        while n >= 0 {
            let next = s.lists.next[Int(n)]
            s.unlink(Int(n))
            n = next
        }
        let saved = start[h] ..< start[h] + Int(length[h])
        for k in saved {
            let node = Int(nodes[k])
            if s.lists.kind[node] == .incoming { s.link(node, to: h) }
        }
        for k in saved {
            let node = Int(nodes[k])
            if s.lists.kind[node] == .primary && s.lists.host[node] < 0 { s.link(node, to: h) }
        }
        s.recomputeAllocation(h)
    }

    /// Host `h`'s migrating-in guests move to the front of its list (order kept otherwise), when
    /// one stands behind another guest. O(k).
    private static func moveIncomingFirst<Q, O>(_ h: Int, in s: inout EngineState<Q, O>) {
        var sawOther = false
        var needed = false
        var x = s.lists.head[h]
        while x >= 0 {
            if s.lists.kind[Int(x)] == .incoming { if sawOther { needed = true; break } } else { sawOther = true }
            x = s.lists.next[Int(x)]
        }
        guard needed else { return }
        let list = s.nodes(of: h)
        for n in list { s.unlink(n) }
        for n in list where s.lists.kind[n] == .incoming { s.link(n, to: h) }
        for n in list where s.lists.kind[n] != .incoming { s.link(n, to: h) }
        s.recomputeAllocation(h)
    }
}
