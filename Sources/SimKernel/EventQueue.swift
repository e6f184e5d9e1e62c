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
struct HeapEntry: HeapOrdered {
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

/// What the queue knows about one slot: the event it holds (if any) and how many heap entries
/// still point at it. 32 bytes, so one cache line serves a slot's bookkeeping.
@usableFromInline
struct SlotState {
    /// Sequence of the slot's pending event, or `SlotState.idle` when the slot holds none.
    /// A heap entry is live exactly when its sequence equals this.
    @usableFromInline var liveSequence: UInt64
    /// The pending event's time and priority (for `key(of:)` and `reschedule`).
    @usableFromInline var time: Double
    @usableFromInline var priority: Int32
    /// Bumped each time the slot's event stops being pending, so old handles go stale.
    @usableFromInline var generation: UInt32
    /// Heap entries that name this slot (the live one plus stale ones left by cancel and
    /// reschedule). The slot is recycled only when this is 0 and it holds no event.
    @usableFromInline var entries: UInt32

    @usableFromInline static var idle: UInt64 { .max }

    @inlinable init() {
        liveSequence = SlotState.idle
        time = 0
        priority = 0
        generation = 0
        entries = 0
    }
}

/// A priority queue of value-type events with O(log n) schedule, cancel, re-time and pop.
///
/// Storage is struct-of-arrays: a 4-ary heap (`QuaternaryHeap`, the kernel's one sift code) of
/// (key, slot) entries, per slot the payload and a `SlotState`. Keys live in the heap itself so
/// sifting compares neighbouring memory; payloads stay in their slots and never move.
///
/// Cancel and reschedule are lazy: they do not search the heap, they make the event's entry
/// stale (its sequence no longer matches its slot's), and stale entries are dropped when they
/// reach the top. So no heap position is kept per event and sifting writes nothing but the heap:
/// a kept position cost one scattered write per heap level and made the hold model run at about
/// 0.5–0.65× a plain C binary heap (KernelBench in `virtsim-bench`). Two invariants keep this
/// cheap and bounded: the top entry is always live (so `first` is O(1) and never mutates), and
/// when stale entries outnumber live ones (and number at least 64) the heap is rebuilt from the
/// live ones in O(n), so memory stays within about twice the pending events plus 64 and each
/// cancel or reschedule costs O(log n) amortized.
///
/// Nothing here knows what an event means. Every operation is `@inlinable`, so a model module
/// gets code specialized for its payload type; an unspecialized generic call per operation made
/// the hold model about twice as slow.
///
/// Because keys are unique (the sequence number breaks every tie), the pop order is fully
/// determined by the keys of the pending events: the heap's shape, its arity, stale entries and
/// rebuilds cannot change a simulation's results.
public struct EventQueue<Payload> {
    /// Stale entries tolerated before a rebuild, whatever the number of live events.
    @usableFromInline static var staleSlack: Int { 64 }

    @usableFromInline var heap = QuaternaryHeap<HeapEntry>()
    @usableFromInline var payloads: [Payload?] = []
    @usableFromInline var slots: [SlotState] = []
    @usableFromInline var freeSlots: [Int32] = []
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var live: Int = 0

    public init() {}

    /// Number of pending events. O(1).
    @inlinable public var count: Int { live }
    /// True when no event is pending. O(1).
    @inlinable public var isEmpty: Bool { live == 0 }

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
            slots.append(SlotState())
        }
        let sequence = nextSequence
        nextSequence &+= 1
        let generation = slots.withUnsafeMutableBufferPointer { slots in
            slots[Int(slot)].liveSequence = sequence
            slots[Int(slot)].time = time
            slots[Int(slot)].priority = priority
            slots[Int(slot)].entries &+= 1
            return slots[Int(slot)].generation
        }
        live += 1
        heap.push(HeapEntry(time: time, priority: priority, slot: slot, sequence: sequence))
        return EventID(slot: slot, generation: generation)
    }

    /// True if `id` names an event still pending. O(1).
    @inlinable
    public func isPending(_ id: EventID) -> Bool {
        let s = Int(id.slot)
        return s >= 0 && s < slots.count && slots[s].generation == id.generation && slots[s].liveSequence != SlotState.idle
    }

    /// The key of a pending event, or nil. O(1).
    @inlinable
    public func key(of id: EventID) -> EventKey? {
        guard isPending(id) else { return nil }
        let state = slots[Int(id.slot)]
        return EventKey(time: state.time, priority: state.priority, sequence: state.liveSequence)
    }

    /// Removes a pending event and returns its payload; nil if it already fired or was cancelled.
    /// O(log n) amortized (its heap entry is left stale and dropped later).
    @inlinable @discardableResult
    public mutating func cancel(_ id: EventID) -> Payload? {
        guard isPending(id) else { return nil }
        let payload = retire(Int(id.slot))
        dropStaleTop()
        compactIfMostlyStale()
        return payload
    }

    /// Moves a pending event to a new time (and optionally priority). The event takes a fresh
    /// sequence number, as if scheduled now, so ties resolve by when it was last (re)scheduled.
    /// Returns false if the event is not pending. O(log n) amortized.
    @inlinable @discardableResult
    public mutating func reschedule(_ id: EventID, to time: Double, priority: Int32? = nil) -> Bool {
        precondition(time.isFinite, "event time must be finite")
        guard isPending(id) else { return false }
        let s = Int(id.slot)
        let sequence = nextSequence
        nextSequence &+= 1
        let newPriority = priority ?? slots[s].priority
        slots[s].liveSequence = sequence  // the old entry is stale from now on
        slots[s].time = time
        slots[s].priority = newPriority
        slots[s].entries &+= 1
        heap.push(HeapEntry(time: time, priority: newPriority, slot: Int32(s), sequence: sequence))
        dropStaleTop()
        compactIfMostlyStale()
        return true
    }

    /// The earliest pending event's key and handle, without removing it. O(1).
    @inlinable
    public var first: (key: EventKey, id: EventID)? {
        guard let entry = heap.top else { return nil }  // the top entry is always live
        return (entry.key, EventID(slot: entry.slot, generation: slots[Int(entry.slot)].generation))
    }

    /// Removes and returns the earliest event. O(log n) amortized.
    @inlinable
    public mutating func popFirst() -> Event<Payload>? {
        guard let entry = heap.top else { return nil }
        let s = Int(entry.slot)
        let payload = payloads[s]!
        payloads[s] = nil
        live -= 1
        // retire(s) and entryLeft(s) in one visit of the slot: the hot path of every simulation.
        let (generation, free) = slots.withUnsafeMutableBufferPointer { slots in
            let generation = slots[s].generation
            slots[s].liveSequence = SlotState.idle
            slots[s].generation = generation &+ 1
            slots[s].entries &-= 1
            return (generation, slots[s].entries == 0)
        }
        if free { freeSlots.append(Int32(s)) }
        heap.removeTop()
        dropStaleTop()
        return Event(key: entry.key, id: EventID(slot: entry.slot, generation: generation), payload: payload)
    }

    // MARK: - Heap internals

    /// Ends the pending life of slot `s`'s event: takes its payload and makes its handle and its
    /// heap entry stale. The slot is recycled once no heap entry names it.
    @inlinable
    mutating func retire(_ s: Int) -> Payload? {
        let payload = payloads[s]
        payloads[s] = nil
        slots[s].liveSequence = SlotState.idle
        slots[s].generation &+= 1
        live -= 1
        return payload
    }

    /// Accounts for a heap entry of slot `s` leaving the heap.
    @inlinable
    mutating func entryLeft(_ s: Int) {
        slots[s].entries &-= 1
        if slots[s].entries == 0 && slots[s].liveSequence == SlotState.idle {
            freeSlots.append(Int32(s))
        }
    }

    @inlinable
    func isStale(_ entry: HeapEntry) -> Bool { slots[Int(entry.slot)].liveSequence != entry.sequence }

    /// Removes the top entry (stale) and accounts for it leaving.
    @inlinable
    mutating func dropTop() {
        let top = heap.unsafeTop
        heap.removeTop()
        entryLeft(Int(top.slot))
    }

    /// Restores "the top entry is live". Free when nothing is stale (the common case).
    @inlinable
    mutating func dropStaleTop() {
        guard heap.count != live else { return }
        while let top = heap.top, isStale(top) { dropTop() }
    }

    /// Rebuilds the heap from its live entries once stale ones outnumber them: O(n), and at
    /// least n/2 cancels or reschedules happened since the last rebuild, so O(1) amortized.
    @inlinable
    mutating func compactIfMostlyStale() {
        let stale = heap.count - live
        guard stale >= Self.staleSlack && stale > live else { return }
        var kept: [HeapEntry] = []
        kept.reserveCapacity(live)
        for entry in heap.elements {
            if isStale(entry) { entryLeft(Int(entry.slot)) } else { kept.append(entry) }
        }
        heap.rebuild(kept)
    }
}
