/// A simulation clock over an `EventQueue`: the whole kernel a model needs.
///
/// Models keep their state elsewhere (arrays indexed by integer ids) and hand the scheduler a
/// closure that reacts to each event; the closure may schedule, cancel and re-time events
/// through the `inout Scheduler` it receives. Time never runs backwards.
public struct Scheduler<Payload> {
    /// Current simulated time in seconds.
    public private(set) var now: Double
    /// Pending events.
    public private(set) var queue = EventQueue<Payload>()
    /// Events fired so far.
    public private(set) var firedCount: UInt64 = 0

    public init(startTime: Double = 0) { now = startTime }

    /// Schedules `payload` after `delay` seconds from now. O(log n).
    @discardableResult
    public mutating func schedule(_ payload: Payload, after delay: Double, priority: Int32 = 0) -> EventID {
        precondition(delay >= 0, "cannot schedule into the past")
        return queue.schedule(payload, at: now + delay, priority: priority)
    }

    /// Schedules `payload` at absolute time `time` (not before now). O(log n).
    @discardableResult
    public mutating func schedule(_ payload: Payload, at time: Double, priority: Int32 = 0) -> EventID {
        precondition(time >= now, "cannot schedule into the past")
        return queue.schedule(payload, at: time, priority: priority)
    }

    /// Cancels a pending event; returns its payload, or nil if it is no longer pending.
    @discardableResult
    public mutating func cancel(_ id: EventID) -> Payload? { queue.cancel(id) }

    /// Re-times a pending event (not before now). Returns false if it is no longer pending.
    @discardableResult
    public mutating func reschedule(_ id: EventID, to time: Double, priority: Int32? = nil) -> Bool {
        precondition(time >= now, "cannot schedule into the past")
        return queue.reschedule(id, to: time, priority: priority)
    }

    /// Time of the next pending event, or nil.
    public var nextEventTime: Double? { queue.first?.key.time }

    /// Fires the next event, if any, advancing the clock to its time.
    /// Returns false when the queue was empty.
    @discardableResult
    public mutating func step(_ handle: (Event<Payload>, inout Scheduler<Payload>) throws -> Void) rethrows -> Bool {
        guard let event = queue.popFirst() else { return false }
        now = event.key.time
        firedCount &+= 1
        try handle(event, &self)
        return true
    }

    /// Fires every event with time ≤ `limit`, in order, then sets the clock to `limit`
    /// (if it is later than the last event). Events scheduled during the run at times ≤ `limit`
    /// fire in the same call.
    public mutating func run(until limit: Double, _ handle: (Event<Payload>, inout Scheduler<Payload>) throws -> Void) rethrows {
        while let next = queue.first, next.key.time <= limit {
            try step(handle)
        }
        if limit > now { now = limit }
    }

    /// Fires events until the queue is empty.
    public mutating func runToCompletion(_ handle: (Event<Payload>, inout Scheduler<Payload>) throws -> Void) rethrows {
        while try step(handle) {}
    }
}
