@testable import SimKernel
import Testing

/// Cancel and reschedule leave stale heap entries behind (see `EventQueue`): these tests pin the
/// bounds and the bookkeeping that make that safe.
@Suite("Lazy cancellation")
struct LazyCancellationTests {
    @Test("the top entry is always live: first and popFirst never see a cancelled event")
    func topStaysLive() {
        var queue = EventQueue<Int>()
        let ids = (0..<10).map { queue.schedule($0, at: Double($0)) }
        for id in ids.prefix(9) { queue.cancel(id) }
        #expect(queue.count == 1)
        #expect(queue.first?.key.time == 9)
        let last = queue.popFirst()
        #expect(last?.payload == 9)
        let none = queue.popFirst()
        #expect(queue.isEmpty && queue.first == nil && none == nil)
        #expect(queue.heap.isEmpty, "stale entries are gone once nothing is pending")
    }

    @Test("stale entries stay bounded: at most the live ones plus the slack, whatever the churn",
          arguments: [1, 10, 1_000])
    func staleEntriesBounded(live: Int) {
        var queue = EventQueue<Int>()
        var ids = (0..<live).map { queue.schedule($0, at: Double($0) + 1e6) }
        var rng = Xoshiro256StarStar(seed: UInt64(live))
        for step in 0..<20_000 {
            let k = Int(rng.next() % UInt64(live))
            if step % 2 == 0 {
                let moved = queue.reschedule(ids[k], to: Double(rng.next() % 1_000_000))
                #expect(moved)
            } else {
                queue.cancel(ids[k])
                ids[k] = queue.schedule(k, at: Double(rng.next() % 1_000_000))
            }
            #expect(queue.heap.count <= 2 * queue.count + EventQueue<Int>.staleSlack + 1)
        }
        #expect(queue.count == live)
        #expect(queue.slots.count <= 2 * live + EventQueue<Int>.staleSlack + 1, "slots are recycled")
        var last = -Double.infinity
        var popped = 0
        while let e = queue.popFirst() {
            #expect(e.time >= last)
            last = e.time
            popped += 1
        }
        #expect(popped == live)
    }

    @Test("a slot is reused while its stale entry is still in the heap: the new event is not dropped as stale, the old entry is")
    func slotReusedWhileReferenced() {
        var queue = EventQueue<String>()
        queue.schedule("early", at: 0)
        let a = queue.schedule("a", at: 10)
        queue.cancel(a)  // a's entry stays in the heap, stale
        let b = queue.schedule("b", at: 5)
        #expect(b.slot == a.slot, "the cancelled event's slot is free at once")
        #expect(queue.heap.count == 3, "a's stale entry is still in the heap")
        #expect(queue.isPending(b) && !queue.isPending(a))
        let c = queue.schedule("c", at: 20)
        #expect(queue.drain().map(\.payload) == ["early", "b", "c"])
        #expect(!queue.isPending(c) && queue.heap.isEmpty)
    }

    @Test("rescheduled many times then fired: fires once, at the last time, and its slot is recycled")
    func rescheduledManyTimes() {
        var queue = EventQueue<String>()
        let id = queue.schedule("x", at: 100)
        queue.schedule("y", at: 50)
        for t in stride(from: 99.0, through: 60, by: -1) { queue.reschedule(id, to: t) }
        #expect(queue.count == 2)
        #expect(queue.drain().map(\.time) == [50, 60])
        #expect(queue.heap.isEmpty)
        var free = 0
        var slot = queue.freeHead
        while slot >= 0 {
            free += 1
            slot = queue.slots[Int(slot)].nextFree
        }
        #expect(free == queue.slots.count, "every slot free again")
    }
}
