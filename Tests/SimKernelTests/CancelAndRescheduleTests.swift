import SimKernel
import Testing

/// Handles: cancel removes a pending event exactly once; reschedule re-times it in place.
@Suite("Cancel and reschedule")
struct CancelAndRescheduleTests {
    // MARK: cancel

    @Test("cancelling a pending event returns its payload and it never fires")
    func cancelPending() {
        var queue = EventQueue<String>()
        queue.schedule("a", at: 1)
        let b = queue.schedule("b", at: 2)
        queue.schedule("c", at: 3)
        #expect(queue.cancel(b) == "b")
        #expect(queue.count == 2)
        #expect(!queue.isPending(b))
        #expect(queue.key(of: b) == nil)
        #expect(queue.drain().map(\.payload) == ["a", "c"])
    }

    @Test("cancelling the same handle twice returns nil the second time and changes nothing")
    func cancelTwice() {
        var queue = EventQueue<Int>()
        let id = queue.schedule(7, at: 1)
        queue.schedule(8, at: 2)
        #expect(queue.cancel(id) == 7)
        #expect(queue.cancel(id) == nil)
        #expect(queue.count == 1)
        #expect(queue.drain().map(\.payload) == [8])
    }

    @Test("a handle of an event that already fired is stale: cancel returns nil")
    func cancelAfterFiring() {
        var queue = EventQueue<Int>()
        let id = queue.schedule(1, at: 1)
        queue.schedule(2, at: 2)
        #expect(queue.popFirst()?.id == id)
        #expect(!queue.isPending(id))
        #expect(queue.cancel(id) == nil)
        #expect(queue.count == 1)
    }

    @Test("a recycled slot does not resurrect the old handle")
    func slotReuseKeepsOldHandlesStale() {
        var queue = EventQueue<String>()
        let old = queue.schedule("old", at: 1)
        #expect(queue.cancel(old) == "old")
        let new = queue.schedule("new", at: 5)  // reuses the freed slot
        #expect(old != new)
        #expect(!queue.isPending(old))
        #expect(queue.key(of: old) == nil)
        #expect(queue.cancel(old) == nil)
        #expect(queue.reschedule(old, to: 0) == false)
        #expect(queue.isPending(new))
        #expect(queue.key(of: new)?.time == 5)
        #expect(queue.popFirst()?.payload == "new")
    }

    @Test("handles stay stale across many generations of the same slot")
    func manyGenerations() {
        var queue = EventQueue<Int>()
        var stale: [EventID] = []
        for round in 0..<500 {
            let id = queue.schedule(round, at: Double(round))
            if round.isMultiple(of: 2) { _ = queue.cancel(id) } else { _ = queue.popFirst() }
            stale.append(id)
        }
        #expect(queue.isEmpty)
        let live = queue.schedule(-1, at: 0)
        #expect(stale.allSatisfy { !queue.isPending($0) && queue.cancel($0) == nil })
        #expect(queue.isPending(live))
        #expect(queue.count == 1)
    }

    @Test("cancelling events anywhere in the heap keeps the rest in order",
          arguments: [1, 2, 3, 7])
    func cancelFromTheMiddle(stride: Int) {
        var queue = EventQueue<Int>()
        // Times in a scrambled order so cancelled events sit at all depths of the heap.
        let ids = (0..<200).map { queue.schedule($0, at: Double(($0 * 37) % 200)) }
        var kept: [Int] = []
        for (index, id) in ids.enumerated() {
            if index % stride == 0 { #expect(queue.cancel(id) == index) } else { kept.append(index) }
        }
        #expect(queue.count == kept.count)
        let fired = queue.drain()
        #expect(fired.map(\.time) == fired.map(\.time).sorted())
        #expect(fired.map(\.payload).sorted() == kept)
    }

    @Test("cancelling the earliest event exposes the next one")
    func cancelFirst() {
        var queue = EventQueue<Int>()
        let first = queue.schedule(1, at: 1)
        let second = queue.schedule(2, at: 2)
        #expect(queue.first?.id == first)
        _ = queue.cancel(first)
        #expect(queue.first?.id == second)
    }

    // MARK: reschedule

    @Test("rescheduling earlier moves the event ahead of others")
    func rescheduleEarlier() {
        var queue = EventQueue<String>()
        queue.schedule("a", at: 1)
        queue.schedule("b", at: 2)
        let c = queue.schedule("c", at: 3)
        #expect(queue.reschedule(c, to: 0.5) == true)
        #expect(queue.key(of: c)?.time == 0.5)
        #expect(queue.drain().map(\.payload) == ["c", "a", "b"])
    }

    @Test("rescheduling later moves the event behind others")
    func rescheduleLater() {
        var queue = EventQueue<String>()
        let a = queue.schedule("a", at: 1)
        queue.schedule("b", at: 2)
        queue.schedule("c", at: 3)
        #expect(queue.reschedule(a, to: 2.5) == true)
        #expect(queue.drain().map(\.payload) == ["b", "a", "c"])
    }

    @Test("a rescheduled event takes a fresh sequence number: it goes after events already waiting at the same time and priority")
    func rescheduleTakesFreshSequence() throws {
        var queue = EventQueue<String>()
        let first = queue.schedule("first", at: 5)
        queue.schedule("second", at: 5)
        let before = try #require(queue.key(of: first)).sequence
        // Same time, same priority: only the sequence changes.
        #expect(queue.reschedule(first, to: 5) == true)
        let after = try #require(queue.key(of: first)).sequence
        #expect(after > before)
        let later = queue.schedule("third", at: 5)
        #expect(try #require(queue.key(of: later)).sequence > after)
        #expect(queue.drain().map(\.payload) == ["second", "first", "third"])
    }

    @Test("reschedule keeps the priority unless a new one is given")
    func reschedulePriority() {
        var queue = EventQueue<String>()
        let a = queue.schedule("a", at: 1, priority: 5)
        queue.schedule("b", at: 1, priority: 3)
        #expect(queue.reschedule(a, to: 1) == true)
        #expect(queue.key(of: a)?.priority == 5)
        #expect(queue.drain().map(\.payload) == ["b", "a"])

        let c = queue.schedule("c", at: 1, priority: 5)
        queue.schedule("d", at: 1, priority: 3)
        #expect(queue.reschedule(c, to: 1, priority: 0) == true)
        #expect(queue.key(of: c)?.priority == 0)
        #expect(queue.drain().map(\.payload) == ["c", "d"])
    }

    @Test("a rescheduled handle stays valid: it can be cancelled and fires under the same id")
    func rescheduledHandleStaysValid() {
        var queue = EventQueue<Int>()
        let id = queue.schedule(1, at: 1)
        queue.schedule(2, at: 2)
        #expect(queue.reschedule(id, to: 3) == true)
        #expect(queue.isPending(id))
        #expect(queue.count == 2)
        #expect(queue.popFirst()?.payload == 2)
        let fired = queue.popFirst()
        #expect(fired?.id == id && fired?.payload == 1 && fired?.time == 3)
    }

    @Test("rescheduling a stale handle returns false and leaves the queue untouched")
    func rescheduleStale() {
        var queue = EventQueue<Int>()
        let gone = queue.schedule(1, at: 1)
        _ = queue.cancel(gone)
        let fired = queue.schedule(2, at: 2)
        _ = queue.popFirst()
        let waiting = queue.schedule(3, at: 4)
        #expect(queue.reschedule(gone, to: 0) == false)
        #expect(queue.reschedule(fired, to: 0) == false)
        #expect(queue.count == 1)
        #expect(queue.first?.id == waiting && queue.first?.key.time == 4)
    }

    @Test("a rescheduled event is rejected at a non-finite time")
    func rescheduleNonFiniteTraps() async {
        await #expect(processExitsWith: .failure) {
            var queue = EventQueue<Int>()
            let id = queue.schedule(0, at: 1)
            queue.reschedule(id, to: .infinity)
        }
    }
}
