/// The pending wake-up of every in-flight request slot, earliest first.
///
/// A 4-ary min-heap of (time, tag) entries, where the tag packs a per-calendar insertion sequence
/// above the slot number. Order is time, then insertion sequence: the SimKernel `EventQueue`'s
/// total order with a single priority class, so runs are reproducible and ties resolve
/// first-scheduled-first.
///
/// Why not `EventQueue` itself: in the request pipeline every slot has exactly one pending
/// wake-up, and handling the earliest one almost always re-times that same slot. `replaceTop`
/// does that with one sift-down (no pop + push, no payload or handle bookkeeping), which is
/// where the request loop spends most of its time. Cancellation and handles are not needed.
struct SlotCalendar {
    /// One heap node: 16 bytes, so a node's four children share one 64-byte cache line.
    private struct Entry {
        var time: Double
        var tag: UInt64
    }

    /// Bits of the tag that hold the slot; the sequence lives above them.
    private static let slotBits: UInt64 = 24
    private static let slotMask: UInt64 = (1 << slotBits) - 1
    /// Most slots a calendar can hold.
    static let maxSlots = Int(slotMask)

    private var heap: [Entry] = []
    private var nextSequence: UInt64 = 0

    init(capacity: Int) {
        heap.reserveCapacity(capacity)
    }

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    /// Time of the earliest wake-up. Precondition: not empty. O(1).
    @inline(__always) var topTime: Double { heap[0].time }
    /// Slot of the earliest wake-up. Precondition: not empty. O(1).
    @inline(__always) var topSlot: Int { Int(heap[0].tag & Self.slotMask) }

    @inline(__always)
    private mutating func tag(_ slot: Int) -> UInt64 {
        precondition(slot >= 0 && slot < Self.maxSlots, "slot out of range")
        let t = (nextSequence << Self.slotBits) | UInt64(slot)
        nextSequence &+= 1
        return t
    }

    /// Adds a wake-up for `slot` at `time`. O(log n).
    mutating func push(slot: Int, at time: Double) {
        let entry = Entry(time: time, tag: tag(slot))
        heap.append(entry)
        var hole = heap.count - 1
        while hole > 0 {
            let parent = (hole - 1) >> 2
            guard Self.precedes(entry, heap[parent]) else { break }
            heap[hole] = heap[parent]
            hole = parent
        }
        heap[hole] = entry
    }

    /// Re-times the earliest wake-up: it becomes `slot` at `time` (≥ the current top time). O(log n).
    @inline(__always)
    mutating func replaceTop(slot: Int, at time: Double) {
        siftDown(Entry(time: time, tag: tag(slot)), from: 0)
    }

    /// Removes the earliest wake-up. O(log n).
    mutating func popTop() {
        let last = heap.removeLast()
        if !heap.isEmpty { siftDown(last, from: 0) }
    }

    @inline(__always)
    private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        a.time != b.time ? a.time < b.time : a.tag < b.tag
    }

    @inline(__always)
    private mutating func siftDown(_ entry: Entry, from start: Int) {
        heap.withUnsafeMutableBufferPointer { heap in
            let n = heap.count
            var hole = start
            while true {
                let first = hole << 2 + 1
                if first >= n { break }
                var best = first
                var bestEntry = heap[first]
                let end = min(first + 4, n)
                var child = first + 1
                while child < end {
                    let candidate = heap[child]
                    if Self.precedes(candidate, bestEntry) { best = child; bestEntry = candidate }
                    child += 1
                }
                guard Self.precedes(bestEntry, entry) else { break }
                heap[hole] = bestEntry
                hole = best
            }
            heap[hole] = entry
        }
    }
}
