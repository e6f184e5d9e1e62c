import Testing
import SimKernel

/// The kernel's two queues keep one total order: time first, then first scheduled first (the
/// event queue adds a priority class, held equal here). The same random schedule, with pops and
/// re-timings of the earliest entry interleaved, must come out of both in the same order.
@Suite("Queue order")
struct QueueOrderTests {
    enum Operation { case push(slot: Int, time: Double), pop, retimeTop(delay: Double) }

    /// A random mix of pushes (times on a coarse grid, so ties are frequent), pops and re-timings.
    static func schedule(seed: UInt64, count: Int) -> [Operation] {
        var rng = SplitMix64(seed: seed)
        var ops: [Operation] = []
        var slot = 0
        for _ in 0..<count {
            switch rng.next() % 4 {
            case 0, 1:
                ops.append(.push(slot: slot, time: Double(rng.next() % 16)))
                slot += 1
            case 2: ops.append(.pop)
            default: ops.append(.retimeTop(delay: Double(rng.next() % 4)))
            }
        }
        return ops
    }

    @Test("EventQueue and SlotCalendar pop the same schedule in the same order", arguments: specificationSeeds)
    func sameOrder(seed: UInt64) {
        var queue = EventQueue<Int>()
        var calendar = SlotCalendar(capacity: 16)
        var fromQueue: [(Double, Int)] = []
        var fromCalendar: [(Double, Int)] = []
        for op in Self.schedule(seed: seed, count: 5_000) {
            switch op {
            case .push(let slot, let time):
                _ = queue.schedule(slot, at: time)
                calendar.push(slot: slot, at: time)
            case .pop:
                if let e = queue.popFirst() { fromQueue.append((e.key.time, e.payload)) }
                if !calendar.isEmpty {
                    fromCalendar.append((calendar.topTime, calendar.topSlot))
                    calendar.popTop()
                }
            case .retimeTop(let delay):
                // Handling the earliest entry and re-timing it: a pop and a push for the queue,
                // one `replaceTop` for the calendar.
                if let e = queue.popFirst() {
                    fromQueue.append((e.key.time, e.payload))
                    _ = queue.schedule(e.payload, at: e.key.time + delay)
                }
                if !calendar.isEmpty {
                    let t = calendar.topTime, s = calendar.topSlot
                    fromCalendar.append((t, s))
                    calendar.replaceTop(slot: s, at: t + delay)
                }
            }
        }
        while let e = queue.popFirst() { fromQueue.append((e.key.time, e.payload)) }
        while !calendar.isEmpty {
            fromCalendar.append((calendar.topTime, calendar.topSlot))
            calendar.popTop()
        }
        #expect(fromQueue.count == fromCalendar.count)
        #expect(fromQueue.map(\.0) == fromCalendar.map(\.0))
        #expect(fromQueue.map(\.1) == fromCalendar.map(\.1))
        #expect(fromCalendar.count > 1_000)
    }

    @Test("equal times pop first scheduled first, in both queues")
    func tiesInInsertionOrder() {
        var queue = EventQueue<Int>()
        var calendar = SlotCalendar(capacity: 4)
        for s in 0..<100 {
            _ = queue.schedule(s, at: Double(s % 3))
            calendar.push(slot: s, at: Double(s % 3))
        }
        let expected = (0..<100).sorted { ($0 % 3, $0) < ($1 % 3, $1) }
        var fromCalendar: [Int] = []
        while !calendar.isEmpty { fromCalendar.append(calendar.topSlot); calendar.popTop() }
        #expect(queue.drain().map(\.payload) == expected)
        #expect(fromCalendar == expected)
    }
}
