import Testing
import SimKernel

/// The kernel's total order on pending entries: time first, then priority class (lower first),
/// then insertion sequence (first scheduled first). Both users of the kernel's heap keep it:
/// `EventQueue` (any priority) and `SlotCalendar` (one priority class: the I/O request loop).
/// One specification, run over both: a random schedule of pushes, pops and re-timings of the
/// earliest entry (a re-timed entry takes a new sequence, as if scheduled now) must come out of
/// the queue exactly as out of a reference that sorts by (time, priority, sequence).
@Suite("Queue order")
struct QueueOrderTests {
    /// A queue under test, seen through the operations both queues have.
    protocol OrderedQueue {
        /// False when the queue has one priority class (the schedule then uses priority 0 only).
        static var hasPriorities: Bool { get }
        init()
        mutating func push(_ id: Int, at time: Double, priority: Int32)
        /// The earliest entry's (time, id), or nil when empty.
        var earliest: (time: Double, id: Int)? { get }
        mutating func pop()
        /// Moves the earliest entry to `time` (same id and priority, a new sequence).
        mutating func retimeEarliest(to time: Double)
    }

    struct Queue: OrderedQueue {
        static let hasPriorities = true
        var queue = EventQueue<Int>()
        /// The id each pending event carries (its payload; `first` gives the handle only).
        var ids: [EventID: Int] = [:]
        init() {}
        mutating func push(_ id: Int, at time: Double, priority: Int32) {
            ids[queue.schedule(id, at: time, priority: priority)] = id
        }
        var earliest: (time: Double, id: Int)? { queue.first.map { ($0.key.time, ids[$0.id]!) } }
        mutating func pop() {
            let event = queue.popFirst()!
            let id = ids.removeValue(forKey: event.id)
            #expect(id == event.payload)
        }
        /// `reschedule`: the handle stays valid, the event takes a new sequence.
        mutating func retimeEarliest(to time: Double) {
            let moved = queue.reschedule(queue.first!.id, to: time)
            #expect(moved)
        }
    }

    struct Calendar: OrderedQueue {
        static let hasPriorities = false
        var calendar = SlotCalendar(capacity: 16)
        init() {}
        mutating func push(_ id: Int, at time: Double, priority: Int32) {
            precondition(priority == 0)
            calendar.push(slot: id, at: time)
        }
        var earliest: (time: Double, id: Int)? { calendar.isEmpty ? nil : (calendar.topTime, calendar.topSlot) }
        mutating func pop() { calendar.popTop() }
        mutating func retimeEarliest(to time: Double) { calendar.replaceTop(slot: calendar.topSlot, at: time) }
    }

    /// The specification: entries sorted by (time, priority, sequence).
    struct Reference {
        var entries: [(time: Double, priority: Int32, sequence: Int, id: Int)] = []
        var nextSequence = 0
        mutating func push(_ id: Int, at time: Double, priority: Int32) {
            entries.append((time, priority, nextSequence, id))
            nextSequence += 1
        }
        var earliestIndex: Int? {
            entries.indices.min { (entries[$0].time, entries[$0].priority, entries[$0].sequence)
                < (entries[$1].time, entries[$1].priority, entries[$1].sequence) }
        }
        var earliest: (time: Double, id: Int)? { earliestIndex.map { (entries[$0].time, entries[$0].id) } }
        mutating func pop() { entries.remove(at: earliestIndex!) }
        mutating func retimeEarliest(to time: Double) {
            let e = entries.remove(at: earliestIndex!)
            push(e.id, at: time, priority: e.priority)
        }
    }

    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case eventQueue, slotCalendar
        var testDescription: String { rawValue }
    }

    /// Pushes on a coarse time grid (ties at every level are frequent), pops, and re-timings of
    /// the earliest entry by 0–3 (0: a tie with entries already there, broken by the new sequence).
    func check<Q: OrderedQueue>(_: Q.Type, seed: UInt64, operations: Int) {
        var rng = SplitMix64(seed: seed)
        var queue = Q()
        var reference = Reference()
        var popped: [(Double, Int)] = []
        var expected: [(Double, Int)] = []
        var id = 0
        for _ in 0..<operations {
            switch rng.next() % 4 {
            case 0, 1:
                let time = Double(rng.next() % 16)
                let priority = Q.hasPriorities ? Int32(rng.next() % 3) : 0
                queue.push(id, at: time, priority: priority)
                reference.push(id, at: time, priority: priority)
                id += 1
            case 2:
                if let e = queue.earliest { popped.append(e); queue.pop() }
                if let e = reference.earliest { expected.append(e); reference.pop() }
            default:
                let delay = Double(rng.next() % 4)
                if let e = queue.earliest { popped.append(e); queue.retimeEarliest(to: e.time + delay) }
                if let e = reference.earliest { expected.append(e); reference.retimeEarliest(to: e.time + delay) }
            }
        }
        while let e = queue.earliest { popped.append(e); queue.pop() }
        while let e = reference.earliest { expected.append(e); reference.pop() }
        #expect(popped.count == expected.count)
        #expect(popped.map(\.0) == expected.map(\.0))
        #expect(popped.map(\.1) == expected.map(\.1))
        #expect(expected.count > operations / 3)
    }

    @Test("pop order is (time, priority, insertion sequence) under pushes, pops and re-timings",
          arguments: Kind.allCases, specificationSeeds)
    func totalOrder(kind: Kind, seed: UInt64) {
        switch kind {
        case .eventQueue: check(Queue.self, seed: seed, operations: 3_000)
        case .slotCalendar: check(Calendar.self, seed: seed, operations: 3_000)
        }
    }
}
