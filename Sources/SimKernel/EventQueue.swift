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

    @inlinable var lookAheadBits: UInt64 { time.bitPattern }

    /// The total order of `EventKey`: time, then priority, then sequence.
    @inlinable @inline(__always)
    func precedes(_ other: HeapEntry) -> Bool {
        if time != other.time { return time < other.time }
        if priority != other.priority { return priority < other.priority }
        return sequence < other.sequence
    }
}

/// One slot: the pending event it holds (if any), with its payload, so firing an event reads
/// and writes one record (one cache line for small payloads) besides the heap.
@usableFromInline
struct Slot<Payload> {
    /// Sequence of the slot's pending event, or `Slot.idle` when the slot holds none.
    /// A heap entry is live exactly when its sequence equals this; sequences are never reused,
    /// so an entry left behind by cancel or reschedule stays stale even after the slot is reused.
    @usableFromInline var liveSequence: UInt64
    /// The pending event's time and priority (for `key(of:)` and `reschedule`).
    @usableFromInline var time: Double
    @usableFromInline var priority: Int32
    /// Bumped each time the slot's event stops being pending, so old handles go stale.
    @usableFromInline var generation: UInt32
    /// The pending event's payload; nil when the slot is free.
    @usableFromInline var payload: Payload?
    /// When the slot is free: the next free slot (the free list runs through the slots), or -1.
    @usableFromInline var nextFree: Int32

    @usableFromInline static var idle: UInt64 { .max }

    @inlinable init(payload: Payload, time: Double, priority: Int32, sequence: UInt64) {
        liveSequence = sequence
        self.time = time
        self.priority = priority
        generation = 0
        self.payload = payload
        nextFree = -1
    }
}

/// A priority queue of value-type events with O(log n) schedule, cancel, re-time and pop.
///
/// Storage is two arrays: a 4-ary heap (`QuaternaryHeap`, the kernel's one sift code) of
/// (key, slot) entries, and the slots, each holding one pending event's payload and state in one
/// record (so firing an event touches one slot record: a separate payload array cost a second
/// cache miss per event, about 12 % of the hold model at 10⁶ events). Keys live in the heap itself
/// so sifting compares neighbouring memory; payloads stay in their slots and never move. Free
/// slots form a list threaded through the records, reused last-freed first.
///
/// Firing then scheduling (a handler that schedules its event's successor, the commonest step of
/// a simulation) costs one sift-down: `popFirst` leaves the fired entry on top, and a `schedule`
/// that follows replaces it (`QuaternaryHeap.replaceTop`); any other operation removes it first.
/// A removal then an insertion cost about 10–15 % more in the hold model.
///
/// Cancel and reschedule are lazy: they do not search the heap, they make the event's entry
/// stale (its sequence no longer matches its slot's), and stale entries are dropped when they
/// reach the top; a slot is free again as soon as its event fires or is cancelled, since an entry
/// left behind keeps its own (never reused) sequence and so stays stale. So no heap position is
/// kept per event and sifting writes nothing but the heap: a kept position cost one scattered
/// write per heap level and made the hold model run at about 0.5–0.65× a plain C binary heap
/// (KernelBench in `virtsim-bench`). Two invariants keep this cheap and bounded: the top entry is
/// live, or it is the fired one and every other entry is live (so `first` is O(1) and never
/// mutates), and
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
    @usableFromInline var slots: [Slot<Payload>] = []
    /// First free slot (the list runs through `Slot.nextFree`, last freed first), or -1.
    @usableFromInline var freeHead: Int32 = -1
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var live: Int = 0
    /// True when the top heap entry is the event `popFirst` just returned, left in place so that
    /// a `schedule` that follows (a fired event's successor: the commonest step of a simulation)
    /// replaces it with one sift-down instead of a removal and an insertion. Only set when every
    /// other entry is live, so `first` finds the next event among the top's children.
    @usableFromInline var firedTop = false

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
        let sequence = nextSequence
        nextSequence &+= 1
        let slot = freeHead
        let generation: UInt32
        if slot >= 0 {
            (generation, freeHead) = slots.withUnsafeMutableBufferPointer { slots in
                let next = slots[Int(slot)].nextFree
                slots[Int(slot)].liveSequence = sequence
                slots[Int(slot)].time = time
                slots[Int(slot)].priority = priority
                slots[Int(slot)].payload = payload
                return (slots[Int(slot)].generation, next)
            }
        } else {
            generation = 0
            slots.append(Slot(payload: payload, time: time, priority: priority, sequence: sequence))
        }
        let id = EventID(slot: slot >= 0 ? slot : Int32(slots.count - 1), generation: generation)
        live += 1
        let entry = HeapEntry(time: time, priority: priority, slot: id.slot, sequence: sequence)
        if firedTop {
            firedTop = false
            heap.replaceTop(entry)
        } else {
            heap.push(entry)
        }
        return id
    }

    /// True if `id` names an event still pending. O(1).
    @inlinable
    public func isPending(_ id: EventID) -> Bool {
        let s = Int(id.slot)
        return s >= 0 && s < slots.count && slots[s].generation == id.generation && slots[s].liveSequence != Slot<Payload>.idle
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
        settleFiredTop()
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
        settleFiredTop()
        let s = Int(id.slot)
        let sequence = nextSequence
        nextSequence &+= 1
        let newPriority = priority ?? slots[s].priority
        slots[s].liveSequence = sequence  // the old entry is stale from now on
        slots[s].time = time
        slots[s].priority = newPriority
        heap.push(HeapEntry(time: time, priority: newPriority, slot: Int32(s), sequence: sequence))
        dropStaleTop()
        compactIfMostlyStale()
        return true
    }

    /// The earliest pending event's key and handle, without removing it. O(1).
    @inlinable
    public var first: (key: EventKey, id: EventID)? {
        guard live > 0 else { return nil }
        // The top entry is live, or it is the fired one and every other entry is live.
        let entry = firedTop ? heap.earliestChildOfTop : heap.unsafeTop
        return (entry.key, EventID(slot: entry.slot, generation: slots[Int(entry.slot)].generation))
    }

    /// Removes and returns the earliest event. O(log n) amortized.
    @inlinable
    public mutating func popFirst() -> Event<Payload>? {
        guard live > 0 else { return nil }
        settleFiredTop()
        let entry = heap.unsafeTop
        let s = Int(entry.slot)
        let head = freeHead
        // Retire the slot in one visit: the hot path of every simulation.
        let (payload, generation) = slots.withUnsafeMutableBufferPointer { slots in
            let generation = slots[s].generation
            slots[s].liveSequence = Slot<Payload>.idle
            slots[s].generation = generation &+ 1
            slots[s].nextFree = head
            return (slots[s].payload.take()!, generation)
        }
        freeHead = Int32(s)
        live -= 1
        if heap.count == live &+ 1 && live > 0 {
            firedTop = true  // every other entry is live: leave the top for the next schedule
        } else {
            heap.removeTop()
            dropStaleTop()
        }
        return Event(key: entry.key, id: EventID(slot: entry.slot, generation: generation), payload: payload)
    }

    // MARK: - Heap internals

    /// Removes the fired top entry left by `popFirst`, if any.
    @inlinable @inline(__always)
    mutating func settleFiredTop() {
        guard firedTop else { return }
        firedTop = false
        heap.removeTop()
    }

    /// Ends the pending life of slot `s`'s event: takes its payload, makes its handle and its
    /// heap entry stale, and frees the slot (a stale entry naming it stays stale: sequences are
    /// never reused).
    @inlinable
    mutating func retire(_ s: Int) -> Payload? {
        let payload = slots[s].payload.take()
        slots[s].liveSequence = Slot<Payload>.idle
        slots[s].generation &+= 1
        slots[s].nextFree = freeHead
        freeHead = Int32(s)
        live -= 1
        return payload
    }

    @inlinable
    func isStale(_ entry: HeapEntry) -> Bool { slots[Int(entry.slot)].liveSequence != entry.sequence }

    /// Restores "the top entry is live". Free when nothing is stale (the common case).
    /// Precondition: no fired top.
    @inlinable
    mutating func dropStaleTop() {
        guard heap.count != live else { return }
        while let top = heap.top, isStale(top) { heap.removeTop() }
    }

    /// Rebuilds the heap from its live entries once stale ones outnumber them: O(n), and at
    /// least n/2 cancels or reschedules happened since the last rebuild, so O(1) amortized.
    /// Precondition: no fired top.
    @inlinable
    mutating func compactIfMostlyStale() {
        let stale = heap.count - live
        guard stale >= Self.staleSlack && stale > live else { return }
        var kept: [HeapEntry] = []
        kept.reserveCapacity(live)
        for entry in heap.elements where !isStale(entry) { kept.append(entry) }
        heap.rebuild(kept)
    }
}
