/// The total order on events: time first, then priority class (lower runs first), then the
/// insertion sequence. Two distinct events never compare equal, so a run is reproducible.
public struct EventKey: Comparable, Hashable, Sendable {
    /// Simulated time in seconds.
    public var time: Double
    /// Priority class at equal times; lower values run first.
    public var priority: Int32
    /// Insertion sequence, unique per queue, increasing.
    public var sequence: UInt64

    @usableFromInline
    init(time: Double, priority: Int32, sequence: UInt64) {
        self.time = time
        self.priority = priority
        self.sequence = sequence
    }

    @inlinable
    public static func < (a: EventKey, b: EventKey) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if a.priority != b.priority { return a.priority < b.priority }
        return a.sequence < b.sequence
    }
}

/// A handle to a scheduled event, valid until the event fires or is cancelled.
/// Slots are recycled; the generation tells a stale handle from a live one.
public struct EventID: Hashable, Sendable {
    @usableFromInline let slot: Int32
    @usableFromInline let generation: UInt32
    @usableFromInline init(slot: Int32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }
}

/// A fired event: its key, its handle (now stale) and its payload.
public struct Event<Payload> {
    public let key: EventKey
    public let id: EventID
    public let payload: Payload
    @usableFromInline init(key: EventKey, id: EventID, payload: Payload) {
        self.key = key
        self.id = id
        self.payload = payload
    }
    @inlinable public var time: Double { key.time }
}

extension Event: Sendable where Payload: Sendable {}

/// One heap node: the event's full key, stored inline so comparisons never leave the heap array,
/// plus the slot that holds its payload. 24 bytes; payloads never move while sifting.
@usableFromInline
struct HeapEntry {
    @usableFromInline var time: Double
    @usableFromInline var priority: Int32
    @usableFromInline var slot: Int32
    @usableFromInline var sequence: UInt64

    @inlinable
    init(time: Double, priority: Int32, slot: Int32, sequence: UInt64) {
        self.time = time
        self.priority = priority
        self.slot = slot
        self.sequence = sequence
    }

    @inlinable
    var key: EventKey { EventKey(time: time, priority: priority, sequence: sequence) }

    /// The total order of `EventKey`: time, then priority, then sequence.
    @inlinable @inline(__always)
    func precedes(_ other: HeapEntry) -> Bool {
        if time != other.time { return time < other.time }
        if priority != other.priority { return priority < other.priority }
        return sequence < other.sequence
    }
}

/// A priority queue of value-type events with O(log n) schedule, cancel, re-time and pop.
///
/// Storage is struct-of-arrays: a 4-ary heap of (key, slot) entries, and per slot the payload,
/// the entry's heap position and a generation counter. Keys live in the heap itself so sifting
/// compares neighbouring memory; payloads stay in their slots and never move. Sifting moves a
/// "hole" instead of swapping, so each level costs one entry write and one position update.
/// Nothing here knows what an event means.
///
/// Every operation is `@inlinable`, so a model module gets code specialized for its payload
/// type; an unspecialized generic call per operation made the hold model about twice as slow
/// (KernelBench in `virtsim-bench`).
///
/// Because keys are unique (the sequence number breaks every tie), the pop order is fully
/// determined by the keys: the heap's shape and arity cannot change a simulation's results.
public struct EventQueue<Payload> {
    /// Children per heap node. Four halves the depth of a binary heap and keeps siblings in one
    /// or two cache lines; measured faster than two (and than eight below 100k events).
    @usableFromInline static var arity: Int { 4 }

    @usableFromInline var heap: [HeapEntry] = []
    @usableFromInline var payloads: [Payload?] = []
    @usableFromInline var heapIndex: [Int32] = []
    @usableFromInline var generations: [UInt32] = []
    @usableFromInline var freeSlots: [Int32] = []
    @usableFromInline var nextSequence: UInt64 = 0

    public init() {}

    /// Number of pending events. O(1).
    @inlinable public var count: Int { heap.count }
    /// True when no event is pending. O(1).
    @inlinable public var isEmpty: Bool { heap.isEmpty }

    /// Schedules `payload` at `time` with `priority` (lower first at equal times). O(log n).
    /// - Precondition: `time` is finite.
    @inlinable @discardableResult
    public mutating func schedule(_ payload: Payload, at time: Double, priority: Int32 = 0) -> EventID {
        precondition(time.isFinite, "event time must be finite")
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
            payloads[Int(slot)] = payload
        } else {
            slot = Int32(payloads.count)
            payloads.append(payload)
            heapIndex.append(-1)
            generations.append(0)
        }
        let entry = HeapEntry(time: time, priority: priority, slot: slot, sequence: nextSequence)
        nextSequence &+= 1
        heap.append(entry)
        siftUp(entry, from: heap.count - 1)
        return EventID(slot: slot, generation: generations[Int(slot)])
    }

    /// True if `id` names an event still pending. O(1).
    @inlinable
    public func isPending(_ id: EventID) -> Bool {
        let s = Int(id.slot)
        return s >= 0 && s < generations.count && generations[s] == id.generation && heapIndex[s] >= 0
    }

    /// The key of a pending event, or nil. O(1).
    @inlinable
    public func key(of id: EventID) -> EventKey? {
        isPending(id) ? heap[Int(heapIndex[Int(id.slot)])].key : nil
    }

    /// Removes a pending event and returns its payload; nil if it already fired or was cancelled. O(log n).
    @inlinable @discardableResult
    public mutating func cancel(_ id: EventID) -> Payload? {
        guard isPending(id) else { return nil }
        let s = Int(id.slot)
        removeAt(Int(heapIndex[s]))
        return release(s)
    }

    /// Moves a pending event to a new time (and optionally priority). The event takes a fresh
    /// sequence number, as if scheduled now, so ties resolve by when it was last (re)scheduled.
    /// Returns false if the event is not pending. O(log n).
    @inlinable @discardableResult
    public mutating func reschedule(_ id: EventID, to time: Double, priority: Int32? = nil) -> Bool {
        precondition(time.isFinite, "event time must be finite")
        guard isPending(id) else { return false }
        let position = Int(heapIndex[Int(id.slot)])
        let old = heap[position]
        let moved = HeapEntry(time: time, priority: priority ?? old.priority, slot: old.slot, sequence: nextSequence)
        nextSequence &+= 1
        if moved.precedes(old) { siftUp(moved, from: position) } else { siftDown(moved, from: position) }
        return true
    }

    /// The earliest pending event's key and handle, without removing it. O(1).
    @inlinable
    public var first: (key: EventKey, id: EventID)? {
        guard let entry = heap.first else { return nil }
        return (entry.key, EventID(slot: entry.slot, generation: generations[Int(entry.slot)]))
    }

    /// Removes and returns the earliest event. O(log n).
    @inlinable
    public mutating func popFirst() -> Event<Payload>? {
        guard let entry = heap.first else { return nil }
        let s = Int(entry.slot)
        let id = EventID(slot: entry.slot, generation: generations[s])
        removeAt(0)
        let payload = release(s)!
        return Event(key: entry.key, id: id, payload: payload)
    }

    // MARK: - Heap internals

    /// Frees a slot whose entry has left the heap: drops the payload, bumps the generation so
    /// outstanding handles go stale, and recycles the slot.
    @inlinable
    mutating func release(_ s: Int) -> Payload? {
        let payload = payloads[s]
        payloads[s] = nil
        heapIndex[s] = -1
        generations[s] &+= 1
        freeSlots.append(Int32(s))
        return payload
    }

    /// Removes the entry at `position`, refilling the hole with the last entry.
    @inlinable
    mutating func removeAt(_ position: Int) {
        let last = heap.removeLast()
        guard position < heap.count else { return }  // the removed entry was the last one
        if position > 0 && last.precedes(heap[(position - 1) / Self.arity]) {
            siftUp(last, from: position)
        } else {
            siftDown(last, from: position)
        }
    }

    // The two sift loops work on unsafe buffers: every index is in range by construction
    // (holes < heap.count, slots < heapIndex.count), and dropping the checked subscripts made the
    // 1k and 10k hold model about 13% faster. Debug builds still check the bounds.

    /// Places `entry` at the hole `start` or above it, moving larger parents down.
    @inlinable
    mutating func siftUp(_ entry: HeapEntry, from start: Int) {
        heap.withUnsafeMutableBufferPointer { heap in
            heapIndex.withUnsafeMutableBufferPointer { heapIndex in
                var hole = start
                while hole > 0 {
                    let parent = (hole - 1) / Self.arity
                    let above = heap[parent]
                    guard entry.precedes(above) else { break }
                    heap[hole] = above
                    heapIndex[Int(above.slot)] = Int32(hole)
                    hole = parent
                }
                heap[hole] = entry
                heapIndex[Int(entry.slot)] = Int32(hole)
            }
        }
    }

    /// Places `entry` at the hole `start` or below it, moving the smallest child up each level.
    @inlinable
    mutating func siftDown(_ entry: HeapEntry, from start: Int) {
        heap.withUnsafeMutableBufferPointer { heap in
            heapIndex.withUnsafeMutableBufferPointer { heapIndex in
                var hole = start
                let n = heap.count
                while true {
                    let firstChild = hole * Self.arity + 1
                    if firstChild >= n { break }
                    var best = firstChild
                    var bestEntry = heap[firstChild]
                    var child = firstChild + 1
                    let end = min(firstChild + Self.arity, n)
                    while child < end {
                        let candidate = heap[child]
                        if candidate.precedes(bestEntry) {
                            best = child
                            bestEntry = candidate
                        }
                        child += 1
                    }
                    guard bestEntry.precedes(entry) else { break }
                    heap[hole] = bestEntry
                    heapIndex[Int(bestEntry.slot)] = Int32(hole)
                    hole = best
                }
                heap[hole] = entry
                heapIndex[Int(entry.slot)] = Int32(hole)
            }
        }
    }
}
