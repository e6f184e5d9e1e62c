/// The hosts holding migration reservations (incoming nodes), each listed once.
///
/// Why it exists: CloudSim's `restoreAllocation`, after every consolidation round, puts the
/// migrating-in guests first in the list of *every* host with a reservation, whether the round
/// touched it or not. This list lets the restore (`RoundSnapshot.restore`) visit those hosts only,
/// O(reserving hosts) rather than O(hosts). The migration start adds a target; the restore drops
/// the hosts whose reservations have all completed. Engine state (reservations outlive rounds),
/// stored in `Engine` because the migration start writes it.
struct ReservedHosts {
    /// The listed hosts, in the order the restore visits them.
    private(set) var hosts: [Int] = []
    /// `listed[h]`: host h is in `hosts`.
    private var listed: [Bool]

    init(hosts: Int) {
        listed = Array(repeating: false, count: hosts)
    }

    /// A migration reserves room on host `h`. O(1).
    @inline(__always)
    mutating func add(_ h: Int) {
        if !listed[h] { listed[h] = true; hosts.append(h) }
    }

    /// Drops the hosts with no reservation left (`incoming[h] == 0`), each by a swap with the last
    /// entry: the order of the hosts kept is the one the restore has always visited them in.
    /// O(listed hosts).
    mutating func dropCompleted(incoming: [Int32]) {
        var k = 0
        while k < hosts.count {
            let h = hosts[k]
            if incoming[h] == 0 {
                listed[h] = false
                hosts.swapAt(k, hosts.count - 1)
                hosts.removeLast()
                continue
            }
            k += 1
        }
    }
}
