/// A simulation clock over an `EventQueue`: the whole kernel a model needs.
///
/// Models keep their state elsewhere (arrays indexed by integer ids) and hand the scheduler a
/// closure that reacts to each event; the closure may schedule, cancel and re-time events
/// through the `inout Scheduler` it receives. Time never runs backwards.
///
/// Every method is `@inlinable` so that model modules get code specialized for their payload
/// type; an unspecialized generic call per event costs several times the queue operation itself.
public struct Scheduler<Payload> {
    @usableFromInline var clock: Double
    @usableFromInline var pending = EventQueue<Payload>()
    @usableFromInline var fired: UInt64 = 0

    /// Current simulated time in seconds.
    @inlinable public var now: Double { clock }
    /// Pending events (read-only view).
    @inlinable public var queue: EventQueue<Payload> { pending }
    /// Events fired so far.
    @inlinable public var firedCount: UInt64 { fired }

    @inlinable
    public init(startTime: Double = 0) { clock = startTime }

    /// Schedules `payload` after `delay` seconds from now. O(log n).
    @inlinable @discardableResult
    public mutating func schedule(_ payload: Payload, after delay: Double, priority: Int32 = 0) -> EventID {
        precondition(delay >= 0, "cannot schedule into the past")
        return pending.schedule(payload, at: clock + delay, priority: priority)
    }

    /// Schedules `payload` at absolute time `time` (not before now). O(log n).
    @inlinable @discardableResult
    public mutating func schedule(_ payload: Payload, at time: Double, priority: Int32 = 0) -> EventID {
        precondition(time >= clock, "cannot schedule into the past")
        return pending.schedule(payload, at: time, priority: priority)
    }

    /// Cancels a pending event; returns its payload, or nil if it is no longer pending. O(log n).
    @inlinable @discardableResult
    public mutating func cancel(_ id: EventID) -> Payload? { pending.cancel(id) }

    /// Re-times a pending event (not before now). Returns false if it is no longer pending. O(log n).
    @inlinable @discardableResult
    public mutating func reschedule(_ id: EventID, to time: Double, priority: Int32? = nil) -> Bool {
        precondition(time >= clock, "cannot schedule into the past")
        return pending.reschedule(id, to: time, priority: priority)
    }

    /// Time of the next pending event, or nil. O(1).
    @inlinable public var nextEventTime: Double? { pending.first?.key.time }

    /// Fires the next event, if any, advancing the clock to its time. O(log n).
    /// Returns false when the queue was empty.
    @inlinable @discardableResult
    public mutating func step(_ handle: (Event<Payload>, inout Scheduler<Payload>) throws -> Void) rethrows -> Bool {
        guard let event = pending.popFirst() else { return false }
        clock = event.key.time
        fired &+= 1
        try handle(event, &self)
        return true
    }

    /// Fires every event with time ≤ `limit`, in order, then sets the clock to `limit`
    /// (if it is later than the last event). Events scheduled during the run at times ≤ `limit`
    /// fire in the same call. With an infinite limit the run drains the queue and the clock stays
    /// at the last event (an infinite clock could never schedule again).
    @inlinable
    public mutating func run(until limit: Double, _ handle: (Event<Payload>, inout Scheduler<Payload>) throws -> Void) rethrows {
        while let next = pending.first, next.key.time <= limit {
            try step(handle)
        }
        if limit > clock && limit.isFinite { clock = limit }
    }

    /// Fires events until the queue is empty.
    @inlinable
    public mutating func runToCompletion(_ handle: (Event<Payload>, inout Scheduler<Payload>) throws -> Void) rethrows {
        while try step(handle) {}
    }
}
