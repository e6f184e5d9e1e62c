import SimKernel
import Testing

/// The queue's total order: time first, then priority (lower first), then insertion sequence.
@Suite("Event order")
struct EventOrderTests {
    @Test("events come out in time order, whatever the insertion order")
    func timeOrder() {
        var queue = EventQueue<Int>()
        let times: [Double] = [5, 0.25, 3, 1e9, -2, 0, 7.5, 3.0000001, 2.9999999]
        for (index, time) in times.enumerated() { queue.schedule(index, at: time) }
        let fired = queue.drain()
        #expect(fired.map(\.time) == times.sorted())
        #expect(fired.map(\.payload) == times.indices.sorted { times[$0] < times[$1] })
    }

    @Test("at equal times a lower priority runs first, regardless of insertion order")
    func priorityBreaksTimeTies() {
        var queue = EventQueue<Int32>()
        let priorities: [Int32] = [3, -1, 0, Int32.max, 2, Int32.min]
        for priority in priorities { queue.schedule(priority, at: 10, priority: priority) }
        #expect(queue.drain().map(\.payload) == priorities.sorted())
    }

    @Test("time dominates priority: an earlier event with a high priority value still runs first")
    func timeDominatesPriority() {
        var queue = EventQueue<String>()
        queue.schedule("late-urgent", at: 2, priority: Int32.min)
        queue.schedule("early-lazy", at: 1, priority: Int32.max)
        #expect(queue.drain().map(\.payload) == ["early-lazy", "late-urgent"])
    }

    @Test("at equal time and priority, events fire in insertion order (ties are stable)",
          arguments: [2, 17, 1000])
    func tiesAreFirstInFirstOut(count: Int) {
        var queue = EventQueue<Int>()
        for index in 0..<count { queue.schedule(index, at: 4.5, priority: 1) }
        #expect(queue.drain().map(\.payload) == Array(0..<count))
    }

    @Test("ties stay stable when interleaved with other times and priorities")
    func stableTiesAmongOthers() {
        var queue = EventQueue<(group: Int, index: Int)>()
        // Three groups (time, priority), inserted round-robin so the heap scrambles them.
        let groups: [(time: Double, priority: Int32)] = [(1, 0), (1, 1), (0.5, 7)]
        for index in 0..<50 {
            for (group, g) in groups.enumerated() {
                queue.schedule((group, index), at: g.time, priority: g.priority)
            }
        }
        let fired = queue.drain().map(\.payload)
        let expectedGroupOrder = [2, 0, 1]  // (0.5, 7) < (1, 0) < (1, 1)
        var expected: [(Int, Int)] = []
        for group in expectedGroupOrder { for index in 0..<50 { expected.append((group, index)) } }
        #expect(fired.map(\.group) == expected.map(\.0))
        #expect(fired.map(\.index) == expected.map(\.1))
    }

    @Test("twenty thousand random events come out fully sorted by (time, priority, insertion)",
          arguments: specificationSeeds)
    func largeRandomQueueIsSorted(seed: UInt64) {
        var rng = Xoshiro256StarStar(seed: seed)
        var queue = EventQueue<Int>()
        var expected: [(time: Double, priority: Int32, index: Int)] = []
        for index in 0..<20_000 {
            // Coarse times and three priorities: plenty of exact ties at every level.
            let time = Double(rng.next() % 500)
            let priority = Int32(rng.next() % 3)
            queue.schedule(index, at: time, priority: priority)
            expected.append((time, priority, index))
        }
        expected.sort { ($0.time, $0.priority, $0.index) < ($1.time, $1.priority, $1.index) }
        #expect(queue.drain().map(\.payload) == expected.map(\.index))
    }

    @Test("every scheduled event takes a new, strictly increasing sequence number")
    func sequenceNumbersIncrease() throws {
        var queue = EventQueue<Int>()
        let ids = (0..<20).map { queue.schedule($0, at: Double(20 - $0)) }
        let sequences = try ids.map { try #require(queue.key(of: $0)).sequence }
        #expect(sequences == sequences.sorted())
        #expect(Set(sequences).count == sequences.count)
    }

    @Test("the key of a fired event is the key it was scheduled with")
    func firedKeyMatchesScheduledKey() throws {
        var queue = EventQueue<Int>()
        let id = queue.schedule(1, at: 3.25, priority: -4)
        let scheduled = try #require(queue.key(of: id))
        #expect(scheduled.time == 3.25 && scheduled.priority == -4)
        let popped = queue.popFirst()
        let fired = try #require(popped)
        #expect(fired.key == scheduled)
        #expect(fired.id == id)
        #expect(fired.time == 3.25)
    }

    @Test("first peeks at the earliest event without removing it")
    func firstPeeks() throws {
        var queue = EventQueue<Int>()
        #expect(queue.first == nil)
        #expect(queue.isEmpty && queue.count == 0)
        queue.schedule(1, at: 2)
        let early = queue.schedule(2, at: 1)
        let peek = try #require(queue.first)
        #expect(peek.id == early && peek.key.time == 1)
        #expect(queue.count == 2 && !queue.isEmpty)
        #expect(queue.popFirst()?.payload == 2)
        #expect(queue.count == 1)
    }

    @Test("an empty queue pops nil")
    func emptyPopsNil() {
        var queue = EventQueue<Int>()
        #expect(queue.popFirst() == nil)
        queue.schedule(0, at: 0)
        _ = queue.popFirst()
        #expect(queue.popFirst() == nil)
        #expect(queue.isEmpty)
    }

    @Test("payloads are values: mutating the original after scheduling does not change the event")
    func payloadsAreCopied() {
        var queue = EventQueue<[Int]>()
        var payload = [1, 2, 3]
        queue.schedule(payload, at: 0)
        payload.append(4)
        #expect(queue.popFirst()?.payload == [1, 2, 3])
    }

    @Test("an optional payload that is nil is still delivered as an event")
    func nilPayloadIsAnEvent() throws {
        var queue = EventQueue<Int?>()
        let id = queue.schedule(nil, at: 1)
        queue.schedule(5, at: 2)
        #expect(queue.isPending(id))
        let popped = queue.popFirst()
        let first = try #require(popped)
        #expect(first.payload == nil && first.id == id)
        #expect(queue.popFirst()?.payload == 5)
    }

    // Exit tests run in a child process and capture only encodable values; JSON cannot carry
    // inf or nan, so the time travels as its text form.
    @Test("a non-finite event time is rejected", arguments: ["inf", "-inf", "nan"])
    func nonFiniteTimeTraps(timeText: String) async {
        await #expect(processExitsWith: .failure) { [timeText] in
            var queue = EventQueue<Int>()
            queue.schedule(0, at: Double(timeText)!)
        }
    }

    @Test("a finite time is accepted (the exit-test control)")
    func finiteTimeDoesNotTrap() async {
        await #expect(processExitsWith: .success) {
            var queue = EventQueue<Int>()
            queue.schedule(0, at: -1e300)
        }
    }
}
