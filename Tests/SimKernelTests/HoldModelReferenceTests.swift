import SimKernel
import Testing

/// A deliberately naive queue with the documented semantics: entries kept sorted by the tuple
/// (time, priority, sequence); schedule and reschedule both draw the next sequence number.
/// O(n) per operation, obviously correct, and independent of the heap's code.
struct SortedArrayReference {
    struct Entry {
        var time: Double
        var priority: Int32
        var sequence: UInt64
        var handle: Int
    }
    private(set) var entries: [Entry] = []
    private var nextSequence: UInt64 = 0

    var count: Int { entries.count }
    var first: Entry? { entries.first }

    mutating func schedule(handle: Int, at time: Double, priority: Int32) {
        insert(Entry(time: time, priority: priority, sequence: nextSequence, handle: handle))
        nextSequence += 1
    }

    mutating func popFirst() -> Entry? {
        entries.isEmpty ? nil : entries.removeFirst()
    }

    mutating func cancel(handle: Int) -> Entry? {
        guard let index = entries.firstIndex(where: { $0.handle == handle }) else { return nil }
        return entries.remove(at: index)
    }

    mutating func reschedule(handle: Int, to time: Double, priority: Int32?) -> Bool {
        guard let old = cancel(handle: handle) else { return false }
        schedule(handle: handle, at: time, priority: priority ?? old.priority)
        return true
    }

    func isPending(handle: Int) -> Bool { entries.contains { $0.handle == handle } }

    private mutating func insert(_ entry: Entry) {
        let key = (entry.time, entry.priority, entry.sequence)
        let index = entries.firstIndex { key < ($0.time, $0.priority, $0.sequence) } ?? entries.count
        entries.insert(entry, at: index)
    }
}

/// The hold model with a twist: random schedule / pop / cancel / re-time / peek operations on the
/// real queue and on the naive reference, which must agree after every single operation.
@Suite("Hold model against a sorted-array reference")
struct HoldModelReferenceTests {
    @Test("thousands of random operations agree with the reference", arguments: specificationSeeds)
    func agreesWithReference(seed: UInt64) {
        var rng = Xoshiro256StarStar(seed: seed)
        var queue = EventQueue<Int>()
        var reference = SortedArrayReference()
        var handles: [EventID] = []  // every handle ever issued; payload = index here
        var now = 0.0
        var disagreements: [String] = []
        var operationsByKind = [0, 0, 0, 0, 0]
        var largestQueue = 0

        func note(_ message: @autoclosure () -> String) {
            if disagreements.count < 10 { disagreements.append(message()) }
        }
        /// Delays on a coarse grid so equal times (and equal priorities) are common.
        func delay() -> Double {
            rng.next() % 16 == 0 ? rng.nextUnit() * 1_000 : Double(rng.next() % 8) * 0.25
        }
        /// Mostly handles that are still pending, sometimes any handle (usually stale).
        func pickHandle() -> Int? {
            if reference.count > 0 && rng.next() % 4 != 0 {
                return reference.entries[Int(rng.next() % UInt64(reference.count))].handle
            }
            return handles.isEmpty ? nil : Int(rng.next() % UInt64(handles.count))
        }

        let operations = 12_000
        for step in 0..<operations {
            // Alternate growing and shrinking phases so the queue size sweeps 0…~hundreds.
            let growing = (step / 1_500).isMultiple(of: 2)
            // Cumulative thresholds out of 100: schedule, pop, cancel, reschedule; the rest peeks.
            let (scheduleEnd, popEnd, cancelEnd, rescheduleEnd): (UInt64, UInt64, UInt64, UInt64) =
                growing ? (60, 75, 83, 95) : (15, 65, 80, 95)
            let roll = rng.next() % 100
            if roll < scheduleEnd {
                operationsByKind[0] += 1
                let time = now + delay()
                let priority = Int32(rng.next() % 3) - 1
                let id = queue.schedule(handles.count, at: time, priority: priority)
                reference.schedule(handle: handles.count, at: time, priority: priority)
                handles.append(id)
            } else if roll < popEnd {
                operationsByKind[1] += 1
                let actual = queue.popFirst()
                let expected = reference.popFirst()
                if let actual, let expected {
                    if actual.payload != expected.handle || actual.id != handles[expected.handle]
                        || actual.time != expected.time || actual.key.priority != expected.priority {
                        note("step \(step): popped \(actual.payload)@\(actual.time), expected \(expected.handle)@\(expected.time)")
                    }
                    if actual.time < now { note("step \(step): time ran backwards") }
                    now = actual.time
                } else if (actual == nil) != (expected == nil) {
                    note("step \(step): pop emptiness differs")
                }
            } else if roll < cancelEnd {
                operationsByKind[2] += 1
                guard let handle = pickHandle() else { continue }
                let actual = queue.cancel(handles[handle])
                let expected = reference.cancel(handle: handle)
                if actual != expected?.handle { note("step \(step): cancel(\(handle)) gave \(String(describing: actual))") }
            } else if roll < rescheduleEnd {
                operationsByKind[3] += 1
                guard let handle = pickHandle() else { continue }
                let time = now + delay()
                let priority: Int32? = rng.next() % 2 == 0 ? nil : Int32(rng.next() % 3) - 1
                let actual = queue.reschedule(handles[handle], to: time, priority: priority)
                let expected = reference.reschedule(handle: handle, to: time, priority: priority)
                if actual != expected { note("step \(step): reschedule(\(handle)) gave \(actual)") }
            } else {
                operationsByKind[4] += 1
                guard let handle = pickHandle() else { continue }
                let pending = reference.isPending(handle: handle)
                if queue.isPending(handles[handle]) != pending { note("step \(step): isPending(\(handle)) differs") }
                if (queue.key(of: handles[handle]) != nil) != pending { note("step \(step): key(of: \(handle)) differs") }
            }
            largestQueue = max(largestQueue, queue.count)
            if queue.count != reference.count { note("step \(step): count \(queue.count) vs \(reference.count)") }
            if queue.first?.id != reference.first.map({ handles[$0.handle] }) { note("step \(step): first differs") }
        }
        // Drain what is left: the tail must agree too.
        while let expected = reference.popFirst() {
            let actual = queue.popFirst()
            if actual?.payload != expected.handle { note("drain: got \(String(describing: actual?.payload)), expected \(expected.handle)") }
        }
        #expect(queue.isEmpty)
        #expect(disagreements.isEmpty, "\(disagreements)")
        // The run exercised every operation, many times.
        #expect(operationsByKind.allSatisfy { $0 > 500 }, "\(operationsByKind)")
        #expect(handles.count > 2_000)
        #expect(largestQueue > 300, "the heap should get several levels deep")
    }

    @Test("the reference itself orders by time, then priority, then sequence")
    func referenceSanity() {
        var reference = SortedArrayReference()
        reference.schedule(handle: 0, at: 2, priority: 0)
        reference.schedule(handle: 1, at: 1, priority: 5)
        reference.schedule(handle: 2, at: 1, priority: -5)
        reference.schedule(handle: 3, at: 1, priority: 5)
        _ = reference.reschedule(handle: 1, to: 1, priority: nil)
        #expect(reference.entries.map(\.handle) == [2, 3, 1, 0])
    }
}
