import Testing
@testable import SimKernel

/// Queues larger than `QuaternaryHeap.lookAheadFrom` sift down with look-ahead loads; these runs
/// hold ~100k entries so that path (and, for `EventQueue`, the fired top replaced by the next
/// schedule) keeps the (time, priority, insertion sequence) order of `QueueOrderTests`.
@Suite("Queue order above the look-ahead size")
struct LargeQueueOrderTests {
    /// An independent reference: a textbook binary heap of (time, priority, sequence, id) tuples,
    /// swapping as it sifts.
    struct ReferenceHeap {
        typealias Item = (time: Double, priority: Int32, sequence: Int, id: Int)
        var items: [Item] = []
        var nextSequence = 0
        static func before(_ a: Item, _ b: Item) -> Bool {
            (a.time, a.priority, a.sequence) < (b.time, b.priority, b.sequence)
        }
        mutating func push(_ id: Int, at time: Double, priority: Int32) {
            items.append((time, priority, nextSequence, id))
            nextSequence += 1
            var i = items.count - 1
            while i > 0, Self.before(items[i], items[(i - 1) / 2]) {
                items.swapAt(i, (i - 1) / 2)
                i = (i - 1) / 2
            }
        }
        mutating func pop() -> Item? {
            guard let top = items.first else { return nil }
            items.swapAt(0, items.count - 1)
            items.removeLast()
            var i = 0
            while true {
                var m = i
                for c in [2 * i + 1, 2 * i + 2] where c < items.count && Self.before(items[c], items[m]) { m = c }
                if m == i { break }
                items.swapAt(i, m)
                i = m
            }
            return top
        }
    }

    static let size = QuaternaryHeap<HeapEntry>.lookAheadFrom + 30_000

    @Test("EventQueue: fill, hold (pop then schedule a successor), drain; same order as the reference")
    func eventQueue() {
        var rng = SplitMix64(seed: 9)
        var queue = EventQueue<Int>()
        var reference = ReferenceHeap()
        var id = 0
        func push(at time: Double) {
            let priority = Int32(rng.next() % 3)
            queue.schedule(id, at: time, priority: priority)
            reference.push(id, at: time, priority: priority)
            id += 1
        }
        for _ in 0..<Self.size { push(at: Double(rng.next() % 4_096)) }
        var mismatches = 0
        for _ in 0..<40_000 {
            let actual = queue.popFirst()!
            let expected = reference.pop()!
            if actual.payload != expected.id || actual.time != expected.time { mismatches += 1 }
            push(at: actual.time + Double(rng.next() % 4))  // ties with pending entries are common
        }
        #expect(queue.count == Self.size)
        while let expected = reference.pop() {
            if queue.popFirst()?.payload != expected.id { mismatches += 1 }
        }
        #expect(queue.isEmpty && mismatches == 0)
    }

    @Test("SlotCalendar: fill, re-time the earliest, drain; same order as the reference")
    func slotCalendar() {
        var rng = SplitMix64(seed: 10)
        var calendar = SlotCalendar(capacity: Self.size)
        var reference = ReferenceHeap()
        for slot in 0..<Self.size {
            let time = Double(rng.next() % 4_096)
            calendar.push(slot: slot, at: time)
            reference.push(slot, at: time, priority: 0)
        }
        var mismatches = 0
        for _ in 0..<40_000 {
            let expected = reference.pop()!
            if calendar.topSlot != expected.id || calendar.topTime != expected.time { mismatches += 1 }
            let time = calendar.topTime + Double(rng.next() % 4)
            calendar.replaceTop(slot: calendar.topSlot, at: time)
            reference.push(expected.id, at: time, priority: 0)
        }
        while let expected = reference.pop() {
            if calendar.isEmpty || calendar.topSlot != expected.id { mismatches += 1 }
            if !calendar.isEmpty { calendar.popTop() }
        }
        #expect(calendar.isEmpty && mismatches == 0)
    }
}
