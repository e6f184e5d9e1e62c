/// The pending wake-up of every in-flight request slot, earliest first.
///
/// A 4-ary min-heap of (time, tag) entries, where the tag packs a per-calendar insertion sequence
/// above the slot number. Order is time, then insertion sequence: the SimKernel `EventQueue`'s
/// total order with a single priority class, so runs are reproducible and ties resolve
/// first-scheduled-first.
///
/// Used by IOModel's request pipeline. Its heap is `EventQueue`'s (`QuaternaryHeap`, the
/// kernel's one sift code); SimKernelTests `QueueOrderTests` checks both queues' pop order.
///
/// Why not `EventQueue` itself: in the request pipeline every slot has exactly one pending
/// wake-up, and handling the earliest one almost always re-times that same slot. `replaceTop`
/// does that with one sift-down (no pop + push, no payload or handle bookkeeping), which is
/// where the request loop spends most of its time. Cancellation and handles are not needed.
public struct SlotCalendar {
    /// One heap node: 16 bytes, so a node's four children share one 64-byte cache line.
    @usableFromInline
    struct Entry: HeapOrdered {
        @usableFromInline var time: Double
        @usableFromInline var tag: UInt64
        @inlinable init(time: Double, tag: UInt64) {
            self.time = time
            self.tag = tag
        }

        @inlinable var lookAheadBits: UInt64 { tag }

        /// Time, then the tag, whose high bits are the insertion sequence (unique per calendar).
        @inlinable @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            time != other.time ? time < other.time : tag < other.tag
        }
    }

    /// Bits of the tag that hold the slot; the sequence lives above them.
    @usableFromInline static let slotBits: UInt64 = 24
    @usableFromInline static let slotMask: UInt64 = (1 << slotBits) - 1
    /// Most slots a calendar can hold.
    public static let maxSlots = Int(slotMask)

    @usableFromInline var heap: QuaternaryHeap<Entry>
    @usableFromInline var nextSequence: UInt64 = 0

    public init(capacity: Int) {
        heap = QuaternaryHeap(capacity: capacity)
    }

    @inlinable public var isEmpty: Bool { heap.isEmpty }
    @inlinable public var count: Int { heap.count }

    /// Time of the earliest wake-up. Precondition: not empty. O(1).
    @inlinable @inline(__always) public var topTime: Double { heap.unsafeTop.time }
    /// Slot of the earliest wake-up. Precondition: not empty. O(1).
    @inlinable @inline(__always) public var topSlot: Int { Int(heap.unsafeTop.tag & Self.slotMask) }

    @inlinable @inline(__always)
    mutating func tag(_ slot: Int) -> UInt64 {
        precondition(slot >= 0 && slot < Self.maxSlots, "slot out of range")
        let t = (nextSequence << Self.slotBits) | UInt64(slot)
        nextSequence &+= 1
        return t
    }

    /// Adds a wake-up for `slot` at `time`. O(log n).
    @inlinable
    public mutating func push(slot: Int, at time: Double) {
        heap.push(Entry(time: time, tag: tag(slot)))
    }

    /// Re-times the earliest wake-up: it becomes `slot` at `time` (≥ the current top time). O(log n).
    @inlinable @inline(__always)
    public mutating func replaceTop(slot: Int, at time: Double) {
        heap.replaceTop(Entry(time: time, tag: tag(slot)))
    }

    /// Removes the earliest wake-up. Precondition: not empty. O(log n).
    @inlinable
    public mutating func popTop() {
        heap.removeTop()
    }
}
