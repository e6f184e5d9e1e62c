/// Guests' utilization histories (CloudSim `PowerVm`: newest first, `GuestHistory.length` values):
/// one ring of values per guest. Kept only when a policy reads them (`keep`); otherwise `push` does
/// nothing and the columns stay empty. A plain table of columns indexed by guest.
struct UtilizationHistory {
    /// Whether the histories are kept at all.
    let keep: Bool
    /// `GuestHistory.length` values per guest, the newest at `head[g]`.
    private var values: [Double]
    private var head: [UInt8]
    /// Values held per guest (up to `GuestHistory.length`).
    private(set) var count: [UInt8]

    /// Empty histories for `guests` guests (no storage when not kept). O(guests).
    init(guests: Int, keep: Bool) {
        self.keep = keep
        values = keep ? Array(repeating: 0, count: guests * GuestHistory.length) : []
        head = keep ? Array(repeating: 0, count: guests) : []
        count = keep ? Array(repeating: 0, count: guests) : []
    }

    /// Appends `u` to guest `g`'s history, dropping its oldest value when full. O(1).
    @inline(__always)
    mutating func push(_ g: Int, _ u: Double) {
        guard keep else { return }
        let L = GuestHistory.length
        let h = (Int(head[g]) + 1) % L
        head[g] = UInt8(h)
        values[g * L + h] = u
        if count[g] < UInt8(L) { count[g] += 1 }
    }

    /// Guest `g`'s i-th newest value (i < `count[g]`). O(1).
    @inline(__always)
    func value(_ g: Int, _ i: Int) -> Double {
        let L = GuestHistory.length
        return values[g * L + (Int(head[g]) - i + L) % L]
    }
}

/// Guests' utilization histories (CloudSim `PowerVm`: newest first).
enum GuestHistory {
    /// Values kept per guest (and per host in `HostLoadCache`).
    static let length = 30
}
