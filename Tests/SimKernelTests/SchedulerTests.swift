import SimKernel
import Testing

/// The simulation clock: events fire in order, the clock jumps to each event's time and never
/// runs backwards, and handlers may schedule, cancel and re-time events while the run is going.
@Suite("Scheduler")
struct SchedulerTests {
    /// A record of what a handler saw: the clock at firing and the payload.
    struct Firing: Equatable {
        var now: Double
        var payload: String
    }

    @Test("a new scheduler starts at its start time with nothing pending", arguments: [0.0, -5, 3600])
    func startsEmpty(startTime: Double) {
        var scheduler = Scheduler<String>(startTime: startTime)
        #expect(scheduler.now == startTime)
        #expect(scheduler.nextEventTime == nil)
        #expect(scheduler.firedCount == 0)
        #expect(scheduler.step { _, _ in Issue.record("nothing should fire") } == false)
        #expect(scheduler.now == startTime)
    }

    @Test("step fires only the earliest event and moves the clock to its time")
    func stepFiresOne() {
        var scheduler = Scheduler<String>()
        scheduler.schedule("b", at: 2)
        scheduler.schedule("a", at: 1)
        var seen: [Firing] = []
        let fired = scheduler.step { event, s in seen.append(Firing(now: s.now, payload: event.payload)) }
        #expect(fired)
        #expect(seen == [Firing(now: 1, payload: "a")])
        #expect(scheduler.now == 1)
        #expect(scheduler.firedCount == 1)
        #expect(scheduler.nextEventTime == 2)
    }

    @Test("schedule(after:) is relative to the current clock")
    func afterIsRelative() {
        var scheduler = Scheduler<String>(startTime: 10)
        let id = scheduler.schedule("x", after: 2.5)
        #expect(scheduler.queue.key(of: id)?.time == 12.5)
        scheduler.step { _, s in s.schedule("y", after: 1) }
        #expect(scheduler.nextEventTime == 13.5)
    }

    @Test("run(until:) fires every event at or before the limit, and none after it")
    func runUntilIsInclusive() {
        var scheduler = Scheduler<String>()
        for (name, time) in [("a", 1.0), ("b", 2.0), ("limit", 3.0), ("after", 3.0000001), ("late", 9.0)] {
            scheduler.schedule(name, at: time)
        }
        var seen: [String] = []
        scheduler.run(until: 3) { event, _ in seen.append(event.payload) }
        #expect(seen == ["a", "b", "limit"])
        #expect(scheduler.now == 3)
        #expect(scheduler.queue.count == 2)
        #expect(scheduler.nextEventTime == 3.0000001)
        #expect(scheduler.firedCount == 3)
    }

    @Test("run(until:) leaves the clock at the limit even when no event falls on it")
    func runUntilSetsTheClock() {
        var scheduler = Scheduler<String>()
        scheduler.schedule("a", at: 1)
        scheduler.run(until: 7.5) { _, _ in }
        #expect(scheduler.now == 7.5)
        scheduler.run(until: 8) { _, _ in }
        #expect(scheduler.now == 8)
    }

    @Test("events scheduled during a run fire in the same run when they fall within the limit")
    func eventsScheduledDuringTheRun() {
        var scheduler = Scheduler<String>()
        scheduler.schedule("start", at: 0)
        var seen: [Firing] = []
        scheduler.run(until: 10) { event, s in
            seen.append(Firing(now: s.now, payload: event.payload))
            switch event.payload {
            case "start":
                s.schedule("chained", after: 4)
                s.schedule("beyond", after: 10.5)
                s.schedule("same-instant", after: 0)
            case "chained":
                s.schedule("at-limit", at: 10)
            default:
                break
            }
        }
        #expect(seen == [
            Firing(now: 0, payload: "start"),
            Firing(now: 0, payload: "same-instant"),
            Firing(now: 4, payload: "chained"),
            Firing(now: 10, payload: "at-limit"),
        ])
        #expect(scheduler.now == 10)
        #expect(scheduler.nextEventTime == 10.5)
    }

    @Test("a zero-delay event goes after events already waiting at the same instant and priority")
    func zeroDelayIsFifo() {
        var scheduler = Scheduler<String>()
        scheduler.schedule("first", at: 1)
        scheduler.schedule("second", at: 1)
        var seen: [String] = []
        scheduler.runToCompletion { event, s in
            seen.append(event.payload)
            if event.payload == "first" {
                s.schedule("follow-up", after: 0)
                s.schedule("urgent", after: 0, priority: -1)
            }
        }
        #expect(seen == ["first", "urgent", "second", "follow-up"])
    }

    @Test("the clock never runs backwards: an earlier limit fires nothing and keeps the clock")
    func neverBackwards() {
        var scheduler = Scheduler<String>()
        scheduler.schedule("a", at: 5)
        scheduler.schedule("b", at: 6)
        scheduler.run(until: 5) { _, _ in }
        #expect(scheduler.now == 5)
        var fired = 0
        scheduler.run(until: 2) { _, _ in fired += 1 }
        #expect(fired == 0)
        #expect(scheduler.now == 5)
        #expect(scheduler.queue.count == 1)
    }

    @Test("across a random workload, handlers see a non-decreasing clock equal to each event's time",
          arguments: specificationSeeds)
    func clockIsMonotoneUnderRandomLoad(seed: UInt64) {
        var rng = Xoshiro256StarStar(seed: seed)
        var scheduler = Scheduler<Int>()
        for index in 0..<200 { scheduler.schedule(index, at: rng.nextUnit() * 100) }
        var previous = -Double.infinity
        var firings = 0
        var mismatches = 0
        scheduler.run(until: 150) { event, s in
            firings += 1
            if s.now != event.time || s.now < previous { mismatches += 1 }
            previous = s.now
            if firings < 2_000 {
                s.schedule(event.payload, after: (rng.nextUnit() * 4).rounded())  // includes zero delays
            }
        }
        #expect(mismatches == 0)
        #expect(firings > 200)
        #expect(scheduler.now == 150)
        #expect(scheduler.firedCount == UInt64(firings))
    }

    /// One fired event as a model would log it: every field of the key plus the payload.
    struct LogLine: Equatable {
        var time: Double
        var priority: Int32
        var sequence: UInt64
        var payload: Int
    }

    /// A small self-driving model: each event spawns, cancels or re-times others at random.
    static func randomModelLog(seed: UInt64) -> [LogLine] {
        var rng = RandomStreams(seed: seed).stream("kernel-determinism")
        var scheduler = Scheduler<Int>()
        var live: [EventID] = []
        for index in 0..<50 { live.append(scheduler.schedule(index, at: rng.nextUnit() * 10)) }
        var log: [LogLine] = []
        scheduler.run(until: 200) { event, s in
            log.append(LogLine(time: event.time, priority: event.key.priority, sequence: event.key.sequence, payload: event.payload))
            guard log.count < 3_000 else { return }
            let delay = (rng.nextUnit() * 8).rounded(.down) * 0.5
            live.append(s.schedule(event.payload &+ 1, after: delay, priority: Int32(rng.next() % 3)))
            let victim = live[Int(rng.next() % UInt64(live.count))]
            switch rng.next() % 4 {
            case 0: _ = s.cancel(victim)
            case 1: _ = s.reschedule(victim, to: s.now + rng.nextUnit() * 5)
            default: break
            }
        }
        return log
    }

    @Test("the same seed replays the same run event for event; another seed does not")
    func runsAreReproducible() {
        let first = Self.randomModelLog(seed: 99)
        let second = Self.randomModelLog(seed: 99)
        let other = Self.randomModelLog(seed: 100)
        #expect(first.count > 1_000)
        #expect(first == second)
        #expect(first != other)
    }

    @Test("a handler can cancel a pending event, which then never fires")
    func handlerCancels() {
        var scheduler = Scheduler<String>()
        scheduler.schedule("canceller", at: 1)
        let victim = scheduler.schedule("victim", at: 2)
        scheduler.schedule("survivor", at: 3)
        var seen: [String] = []
        var cancelled: String?
        scheduler.runToCompletion { event, s in
            seen.append(event.payload)
            if event.payload == "canceller" { cancelled = s.cancel(victim) }
        }
        #expect(cancelled == "victim")
        #expect(seen == ["canceller", "survivor"])
        #expect(scheduler.cancel(victim) == nil)
    }

    @Test("a handler can re-time a pending event, earlier or later")
    func handlerReschedules() {
        var scheduler = Scheduler<String>()
        scheduler.schedule("mover", at: 1)
        let early = scheduler.schedule("pulled-in", at: 50)
        let late = scheduler.schedule("pushed-out", at: 2)
        scheduler.schedule("fixed", at: 10)
        var seen: [Firing] = []
        scheduler.runToCompletion { event, s in
            seen.append(Firing(now: s.now, payload: event.payload))
            if event.payload == "mover" {
                _ = s.reschedule(early, to: 5)
                _ = s.reschedule(late, to: 20)
            }
        }
        #expect(seen == [
            Firing(now: 1, payload: "mover"),
            Firing(now: 5, payload: "pulled-in"),
            Firing(now: 10, payload: "fixed"),
            Firing(now: 20, payload: "pushed-out"),
        ])
    }

    @Test("runToCompletion drains the queue and leaves the clock at the last event")
    func runToCompletion() {
        var scheduler = Scheduler<Int>()
        for index in 0..<10 { scheduler.schedule(index, at: Double(index) * 1.5) }
        var seen: [Int] = []
        scheduler.runToCompletion { event, _ in seen.append(event.payload) }
        #expect(seen == Array(0..<10))
        #expect(scheduler.queue.isEmpty)
        #expect(scheduler.now == 13.5)
        #expect(scheduler.firedCount == 10)
    }

    @Test("run(until: .infinity) drains like runToCompletion and the clock stays usable")
    func runUntilInfinity() {
        var scheduler = Scheduler<Int>()
        scheduler.schedule(1, at: 4)
        scheduler.run(until: .infinity) { _, _ in }
        #expect(scheduler.queue.isEmpty)
        #expect(scheduler.now == 4)
        scheduler.schedule(2, after: 1)
        #expect(scheduler.nextEventTime == 5)
    }

    struct Stop: Error {}

    @Test("an error thrown by the handler stops the run; later events stay pending")
    func throwingHandlerStops() {
        var scheduler = Scheduler<String>()
        scheduler.schedule("ok", at: 1)
        scheduler.schedule("boom", at: 2)
        scheduler.schedule("later", at: 3)
        var seen: [String] = []
        #expect(throws: Stop.self) {
            try scheduler.run(until: 10) { event, _ in
                seen.append(event.payload)
                if event.payload == "boom" { throw Stop() }
            }
        }
        #expect(seen == ["ok", "boom"])
        #expect(scheduler.now == 2)
        #expect(scheduler.firedCount == 2)
        #expect(scheduler.nextEventTime == 3)
    }

    @Test("scheduling into the past is rejected")
    func pastTraps() async {
        await #expect(processExitsWith: .failure) {
            var scheduler = Scheduler<Int>(startTime: 10)
            scheduler.schedule(0, at: 9.999)
        }
        await #expect(processExitsWith: .failure) {
            var scheduler = Scheduler<Int>(startTime: 10)
            scheduler.schedule(0, after: -0.001)
        }
        await #expect(processExitsWith: .failure) {
            var scheduler = Scheduler<Int>(startTime: 10)
            let id = scheduler.schedule(0, at: 11)
            scheduler.reschedule(id, to: 9)
        }
    }

    @Test("scheduling at exactly now is allowed")
    func nowIsNotThePast() {
        var scheduler = Scheduler<Int>(startTime: 10)
        scheduler.schedule(0, at: 10)
        scheduler.schedule(1, after: 0)
        var seen: [Int] = []
        scheduler.runToCompletion { event, _ in seen.append(event.payload) }
        #expect(seen == [0, 1])
        #expect(scheduler.now == 10)
    }
}
