/// Exact first-fit over hosts in id order in O(log hosts) per query (typical): a segment tree
/// of maxima over free MIPS, free RAM, static-threshold headroom and core MIPS, kept once over
/// all hosts and once over non-empty hosts. A subtree whose maxima cannot satisfy the request is
/// skipped; candidate leaves are confirmed by the engine's exact acceptance test, so the answer
/// is the same host a linear scan would return.
///
/// Leaves are refreshed lazily from the engine's dirty-host list before each query.
///
/// *Masked* hosts (`mask`) read as full: a consolidation round masks the hosts its placement
/// excludes (overloaded hosts, hosts being evacuated), which the acceptance test would reject
/// anyway. Without the mask, a host relieved of its guests in the round has headroom again and
/// every later query walked down to it (and to every other excluded host before the answer) only
/// to be rejected: hundreds of rejected leaves per query at 10,000 hosts.
struct FirstFitIndex {
    let size: Int
    let hostCount: Int
    // Maxima per tree node (1-based heap layout, leaves at size ..< 2·size).
    var avail: [Double]
    var ram: [Double]
    var head: [Double]
    var pe: [Double]
    var availBusy: [Double]
    var ramBusy: [Double]
    var headBusy: [Double]
    var peBusy: [Double]
    var stack: [Int32] = []
    // The values last given to `setLeaf`, per host (a masked leaf reads -∞ in the tree).
    var leafAvail: [Double]
    var leafRam: [Double]
    var leafHead: [Double]
    var leafPe: [Double]
    var leafBusy: [Bool]
    var masked: [Bool]
    var maskedHosts: [Int32] = []

    init(hosts: Int) {
        hostCount = hosts
        var n = 1
        while n < max(hosts, 1) { n <<= 1 }
        size = n
        let none = -Double.infinity
        avail = Array(repeating: none, count: 2 * n)
        ram = avail; head = avail; pe = avail
        availBusy = avail; ramBusy = avail; headBusy = avail; peBusy = avail
        leafAvail = Array(repeating: none, count: hosts)
        leafRam = leafAvail; leafHead = leafAvail; leafPe = leafAvail
        leafBusy = Array(repeating: false, count: hosts)
        masked = Array(repeating: false, count: hosts)
    }

    /// Sets host `h`'s leaf. `busy` is false for hosts without guests. O(1); the ancestors are
    /// the caller's (`propagate` or `rebuild`).
    @inline(__always)
    mutating func setLeaf(_ h: Int, avail a: Double, ram r: Double, head hd: Double, pe p: Double, busy: Bool) {
        leafAvail[h] = a; leafRam[h] = r; leafHead[h] = hd; leafPe[h] = p; leafBusy[h] = busy
        if !masked[h] { writeLeaf(h) }
    }

    /// Copies host `h`'s stored values (or -∞ when masked) into the tree's leaf.
    @inline(__always)
    mutating func writeLeaf(_ h: Int) {
        let i = size + h
        let none = -Double.infinity
        let on = !masked[h]
        let busy = on && leafBusy[h]
        avail[i] = on ? leafAvail[h] : none
        ram[i] = on ? leafRam[h] : none
        head[i] = on ? leafHead[h] : none
        pe[i] = on ? leafPe[h] : none
        availBusy[i] = busy ? leafAvail[h] : none
        ramBusy[i] = busy ? leafRam[h] : none
        headBusy[i] = busy ? leafHead[h] : none
        peBusy[i] = busy ? leafPe[h] : none
    }

    /// Hides host `h` from queries until `unmaskAll` (its leaf keeps receiving `setLeaf`).
    /// Only for hosts every query until then rejects anyway. O(log n).
    mutating func mask(_ h: Int) {
        guard !masked[h] else { return }
        masked[h] = true
        maskedHosts.append(Int32(h))
        writeLeaf(h)
        propagate(h)
    }

    /// Shows every masked host again. O(m log n) for m masked hosts (O(n) when m is large).
    mutating func unmaskAll() {
        guard !maskedHosts.isEmpty else { return }
        let many = maskedHosts.count > hostCount / 8
        for x in maskedHosts {
            let h = Int(x)
            masked[h] = false
            writeLeaf(h)
            if !many { propagate(h) }
        }
        if many { rebuild() }
        maskedHosts.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func pull(_ i: Int) {
        let l = 2 * i, r = l + 1
        avail[i] = max(avail[l], avail[r]); ram[i] = max(ram[l], ram[r])
        head[i] = max(head[l], head[r]); pe[i] = max(pe[l], pe[r])
        availBusy[i] = max(availBusy[l], availBusy[r]); ramBusy[i] = max(ramBusy[l], ramBusy[r])
        headBusy[i] = max(headBusy[l], headBusy[r]); peBusy[i] = max(peBusy[l], peBusy[r])
    }

    /// Recomputes the ancestors of leaf `h`. O(log n).
    mutating func propagate(_ h: Int) {
        var i = (size + h) >> 1
        while i >= 1 { pull(i); i >>= 1 }
    }

    /// Recomputes every inner node. O(n).
    mutating func rebuild() {
        var i = size - 1
        while i >= 1 { pull(i); i -= 1 }
    }

    /// The lowest host index whose leaf satisfies the bounds and `accept`, or nil.
    /// `busyOnly` searches hosts with guests only.
    mutating func first(mips: Double, ramMB: Double, headroom: Double, coreMips: Double, busyOnly: Bool,
                        accept: (Int) -> Bool) -> Int? {
        @inline(__always) func fits(_ i: Int) -> Bool {
            if busyOnly {
                return availBusy[i] >= mips && ramBusy[i] >= ramMB && headBusy[i] >= headroom && peBusy[i] >= coreMips
            }
            return avail[i] >= mips && ram[i] >= ramMB && head[i] >= headroom && pe[i] >= coreMips
        }
        guard fits(1) else { return nil }
        stack.removeAll(keepingCapacity: true)
        stack.append(1)
        while let top = stack.popLast() {
            let i = Int(top)
            if i >= size {
                let h = i - size
                if h < hostCount && accept(h) { return h }
                continue
            }
            // Right pushed first so the left subtree (lower ids) is explored first.
            let l = 2 * i, r = l + 1
            if fits(r) { stack.append(Int32(r)) }
            if fits(l) { stack.append(Int32(l)) }
        }
        return nil
    }
}
