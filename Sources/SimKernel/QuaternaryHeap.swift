/// An element of a `QuaternaryHeap`: a strict total order (no two distinct elements tie).
///
/// Both kernel queues order by time first and break every tie by a per-queue insertion sequence
/// (`EventQueue` puts a priority class between the two), so their pop order is fully determined
/// by the keys (SimKernelTests `QueueOrderTests` checks both against `EventKey`'s order).
@usableFromInline
protocol HeapOrdered {
    /// True when `self` leaves the heap before `other`.
    func precedes(_ other: Self) -> Bool
    /// 64 bits of the element (any of its fields): what the sift-down look-ahead loads.
    var lookAheadBits: UInt64 { get }
}

/// The one sift code of the kernel: a 4-ary min-heap of inline keys, used by `EventQueue` (the
/// general event queue) and `SlotCalendar` (one pending wake-up per slot, re-timed in place).
///
/// Four children halve the depth of a binary heap and keep siblings in one or two cache lines
/// (measured faster than two, and than eight below 100k entries). Sifting moves a "hole" instead
/// of swapping. Every operation is `@inlinable` so each queue gets code specialized for its
/// element type: the generic protocol call then compiles to the element's inline comparison.
@usableFromInline
struct QuaternaryHeap<Element: HeapOrdered> {
    /// Children per node.
    @usableFromInline static var arity: Int { 4 }

    /// The heap array: `storage[0]` precedes every other element; node i's children are
    /// 4i+1 … 4i+4.
    @usableFromInline var storage: [Element] = []

    @inlinable init() {}

    @inlinable init(capacity: Int) { storage.reserveCapacity(capacity) }

    @inlinable var count: Int { storage.count }
    @inlinable var isEmpty: Bool { storage.isEmpty }
    /// The element that precedes all others. O(1).
    @inlinable var top: Element? { storage.first }
    /// The element that precedes all others. Precondition: not empty. O(1).
    @inlinable var unsafeTop: Element { storage[0] }
    /// The element that precedes all others but the top. Precondition: at least 2 elements. O(1).
    @inlinable var earliestChildOfTop: Element {
        var best = storage[1]
        for i in 2..<Swift.min(storage.count, Self.arity + 1) where storage[i].precedes(best) { best = storage[i] }
        return best
    }
    /// The elements in heap order (not sorted). O(1).
    @inlinable var elements: [Element] { storage }

    /// Adds `element`. O(log n).
    @inlinable
    mutating func push(_ element: Element) {
        storage.append(element)
        siftUp(element, from: storage.count - 1)
    }

    /// Removes the top element. Precondition: not empty. O(log n).
    @inlinable
    mutating func removeTop() {
        let last = storage.removeLast()
        if !storage.isEmpty { siftDown(last, from: 0) }
    }

    /// Replaces the top element by `element` (one sift-down instead of a pop and a push).
    /// Precondition: not empty. O(log n).
    @inlinable @inline(__always)
    mutating func replaceTop(_ element: Element) {
        siftDown(element, from: 0)
    }

    /// Replaces the contents by `elements` in heap order: Floyd's bottom-up construction. O(n).
    @inlinable
    mutating func rebuild(_ elements: [Element]) {
        storage = elements
        if storage.count > 1 {
            var node = (storage.count - 2) / Self.arity
            while node >= 0 {
                siftDown(storage[node], from: node)
                node -= 1
            }
        }
    }

    // The two sift loops work on unsafe buffers: every index is in range by construction
    // (holes < count), and dropping the checked subscripts made the 1k and 10k hold model about
    // 13% faster. Debug builds still check the bounds.

    /// Places `element` at the hole `start` or above it, moving later parents down.
    @inlinable
    mutating func siftUp(_ element: Element, from start: Int) {
        storage.withUnsafeMutableBufferPointer { heap in
            var hole = start
            while hole > 0 {
                let parent = (hole &- 1) / Self.arity
                let above = heap[parent]
                guard element.precedes(above) else { break }
                heap[hole] = above
                hole = parent
            }
            heap[hole] = element
        }
    }

    /// Heaps larger than this (entries) sift down with look-ahead (see `siftDown`): about 1.5 MB
    /// of 24-byte entries, where the heap stops fitting a 2 MB L2 cache.
    @usableFromInline static var lookAheadFrom: Int { 1 << 16 }

    /// Places `element` at the hole `start` or below it, moving the earliest child up each level.
    ///
    /// Each level's choice (a two-round tournament of selects: which sibling is earliest is a coin
    /// toss the branch predictor keeps losing) depends on the loads of the level above, so a heap
    /// that does not fit the cache pays one full memory latency per level, one level after the
    /// other. Above `lookAheadFrom` entries each level therefore also reads the first entry of
    /// every child's own family (4 loads that depend on nothing but the hole), so the family
    /// chosen next is already on its way: the hold model at 10⁶ events ran about 30 % faster,
    /// at 10³ (all in L1) 0–15 % slower, hence the threshold.
    @inlinable
    mutating func siftDown(_ element: Element, from start: Int) {
        let n = storage.count
        if n > Self.lookAheadFrom {
            lookAheadSink &+= storage.withUnsafeMutableBufferPointer { heap in
                Self.siftDown(element, from: start, in: heap, lookAhead: true)
            }
        } else {
            storage.withUnsafeMutableBufferPointer { heap in
                _ = Self.siftDown(element, from: start, in: heap, lookAhead: false)
            }
        }
    }

    /// Stores what the look-ahead loads read, so the optimizer keeps them.
    @usableFromInline var lookAheadSink: UInt64 = 0

    /// The sift-down loop over `heap`, with or without the look-ahead loads; returns the sum of
    /// what those loads read (0 without them).
    @inlinable @inline(__always)
    static func siftDown(_ element: Element, from start: Int, in heap: UnsafeMutableBufferPointer<Element>,
                         lookAhead: Bool) -> UInt64 {
        var hole = start
        let n = heap.count
        var touched: UInt64 = 0
        while true {
            let firstChild = hole &* Self.arity &+ 1
            if firstChild >= n { break }
            let best: Int
            if firstChild &+ 3 < n {
                if lookAhead {
                    let last = n &- 1
                    let grandchild = firstChild &* Self.arity &+ 1
                    touched &+= heap[Swift.min(grandchild, last)].lookAheadBits
                    touched &+= heap[Swift.min(grandchild &+ 4, last)].lookAheadBits
                    touched &+= heap[Swift.min(grandchild &+ 8, last)].lookAheadBits
                    touched &+= heap[Swift.min(grandchild &+ 12, last)].lookAheadBits
                }
                // A full family: a two-round tournament. The two first-round comparisons
                // are independent, and each pick is a select rather than a branch.
                let left = heap[firstChild &+ 1].precedes(heap[firstChild]) ? firstChild &+ 1 : firstChild
                let right = heap[firstChild &+ 3].precedes(heap[firstChild &+ 2]) ? firstChild &+ 3 : firstChild &+ 2
                best = heap[right].precedes(heap[left]) ? right : left
            } else {
                var earliest = firstChild
                var child = firstChild &+ 1
                while child < n {
                    if heap[child].precedes(heap[earliest]) { earliest = child }
                    child &+= 1
                }
                best = earliest
            }
            let bestElement = heap[best]
            guard bestElement.precedes(element) else { break }
            heap[hole] = bestElement
            hole = best
        }
        heap[hole] = element
        return touched
    }
}
