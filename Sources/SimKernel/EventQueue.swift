/// The total order on events: time first, then priority class (lower runs first), then the
/// insertion sequence. Two distinct events never compare equal, so a run is reproducible.
public struct EventKey: Comparable, Hashable, Sendable {
    /// Simulated time in seconds.
    public var time: Double
    /// Priority class at equal times; lower values run first.
    public var priority: Int32
    /// Insertion sequence, unique per queue, increasing.
    public var sequence: UInt64

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

/// A priority queue of value-type events with O(log n) schedule, cancel, re-time and pop.
///
/// Storage is struct-of-arrays indexed by slot: keys, payloads, heap positions, generations.
/// The heap holds slot numbers only, so sifting moves 4-byte integers, never payloads.
/// Nothing here knows what an event means.
public struct EventQueue<Payload> {
    @usableFromInline var heap: [Int32] = []
    @usableFromInline var keys: [EventKey] = []
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
    @discardableResult
    public mutating func schedule(_ payload: Payload, at time: Double, priority: Int32 = 0) -> EventID {
        precondition(time.isFinite, "event time must be finite")
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
        } else {
            slot = Int32(keys.count)
            keys.append(EventKey(time: 0, priority: 0, sequence: 0))
            payloads.append(nil)
            heapIndex.append(-1)
            generations.append(0)
        }
        let s = Int(slot)
        keys[s] = EventKey(time: time, priority: priority, sequence: nextSequence)
        nextSequence &+= 1
        payloads[s] = payload
        heapIndex[s] = Int32(heap.count)
        heap.append(slot)
        siftUp(heap.count - 1)
        return EventID(slot: slot, generation: generations[s])
    }

    /// True if `id` names an event still pending. O(1).
    @inlinable
    public func isPending(_ id: EventID) -> Bool {
        let s = Int(id.slot)
        return s >= 0 && s < generations.count && generations[s] == id.generation && heapIndex[s] >= 0
    }

    /// The key of a pending event, or nil. O(1).
    public func key(of id: EventID) -> EventKey? {
        isPending(id) ? keys[Int(id.slot)] : nil
    }

    /// Removes a pending event and returns its payload; nil if it already fired or was cancelled. O(log n).
    @discardableResult
    public mutating func cancel(_ id: EventID) -> Payload? {
        guard isPending(id) else { return nil }
        let s = Int(id.slot)
        let position = Int(heapIndex[s])
        removeAt(position)
        return release(s)
    }

    /// Moves a pending event to a new time (and optionally priority). The event takes a fresh
    /// sequence number, as if scheduled now, so ties resolve by when it was last (re)scheduled.
    /// Returns false if the event is not pending. O(log n).
    @discardableResult
    public mutating func reschedule(_ id: EventID, to time: Double, priority: Int32? = nil) -> Bool {
        precondition(time.isFinite, "event time must be finite")
        guard isPending(id) else { return false }
        let s = Int(id.slot)
        let old = keys[s]
        keys[s] = EventKey(time: time, priority: priority ?? old.priority, sequence: nextSequence)
        nextSequence &+= 1
        let position = Int(heapIndex[s])
        if keys[s] < old { siftUp(position) } else { siftDown(position) }
        return true
    }

    /// The earliest pending event's key and handle, without removing it. O(1).
    @inlinable
    public var first: (key: EventKey, id: EventID)? {
        guard let slot = heap.first else { return nil }
        let s = Int(slot)
        return (keys[s], EventID(slot: slot, generation: generations[s]))
    }

    /// Removes and returns the earliest event. O(log n).
    public mutating func popFirst() -> Event<Payload>? {
        guard let slot = heap.first else { return nil }
        let s = Int(slot)
        let key = keys[s]
        let id = EventID(slot: slot, generation: generations[s])
        removeAt(0)
        let payload = release(s)!
        return Event(key: key, id: id, payload: payload)
    }

    // MARK: - Heap internals

    @usableFromInline
    mutating func release(_ s: Int) -> Payload? {
        let payload = payloads[s]
        payloads[s] = nil
        heapIndex[s] = -1
        generations[s] &+= 1
        freeSlots.append(Int32(s))
        return payload
    }

    @usableFromInline
    mutating func removeAt(_ position: Int) {
        let last = heap.count - 1
        if position != last {
            swapAt(position, last)
            heap.removeLast()
            siftUp(position)
            siftDown(position)
        } else {
            heap.removeLast()
        }
    }

    @inline(__always)
    @usableFromInline
    mutating func swapAt(_ i: Int, _ j: Int) {
        heap.swapAt(i, j)
        heapIndex[Int(heap[i])] = Int32(i)
        heapIndex[Int(heap[j])] = Int32(j)
    }

    @usableFromInline
    mutating func siftUp(_ start: Int) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            if keys[Int(heap[i])] < keys[Int(heap[parent])] {
                swapAt(i, parent)
                i = parent
            } else { return }
        }
    }

    @usableFromInline
    mutating func siftDown(_ start: Int) {
        var i = start
        let n = heap.count
        while true {
            let l = 2 * i + 1
            if l >= n { return }
            var smallest = l
            let r = l + 1
            if r < n && keys[Int(heap[r])] < keys[Int(heap[l])] { smallest = r }
            if keys[Int(heap[smallest])] < keys[Int(heap[i])] {
                swapAt(i, smallest)
                i = smallest
            } else { return }
        }
    }
}
