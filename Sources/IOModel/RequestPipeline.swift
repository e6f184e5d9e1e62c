import SimKernel
import VirtModel

/// What one class of request asks of the device.
struct DeviceDemand: Sendable {
    enum Kind: Sendable { case storage, link }
    var kind: Kind
    /// Storage: mean positioning seconds; link: serialization seconds on the wire.
    var primarySeconds: Double
    /// Storage: half-width of the uniform positioning spread (fraction of the mean); link: 0.
    var spread: Double
    /// Storage: transfer seconds on the shared bus; link: fixed propagation delay (data + ACK).
    var secondarySeconds: Double
}

/// One class of request (e.g. "8 KiB random read on the emulated path"): its CPU phases,
/// where the host phases run, and its device demand. Plain values only (no arrays), so the hot
/// loop reads it without reference counting; the µs accounting stays with the builder.
struct RequestClass: Sendable {
    var guestSubmit: Double     // seconds on the guest vCPU before the device
    var hostSubmit: Double      // seconds on the host (device model / back-end) before the device
    var hostComplete: Double    // seconds on the host after the device
    var guestComplete: Double   // seconds on the guest vCPU after the device
    var hostOnGuestCPU: Bool    // host phases run on the guest's CPU (hosted VMM, Xen 1.0)
    var device: DeviceDemand
    var payloadBytes: Double
    var weight: Double          // relative frequency in the mix

    init(cost: IORequestCost, device: DeviceDemand, payloadBytes: Double, weight: Double) {
        guestSubmit = cost.guestSubmit * 1e-6
        hostSubmit = cost.hostSubmit * 1e-6
        hostComplete = cost.hostComplete * 1e-6
        guestComplete = cost.guestComplete * 1e-6
        hostOnGuestCPU = cost.hostWorkOnGuestCPU
        self.device = device
        self.payloadBytes = payloadBytes
        self.weight = weight
    }
}

/// How requests are generated.
enum Arrivals: Sendable {
    /// `threads` independent loops, each: compute on the vCPU, then one request, repeat.
    case closedLoop(threads: Int)
    /// Poisson arrivals at `rate` per second, each: compute, then one request.
    case openLoop(rate: Double)
}

/// Configuration of one pipeline run.
struct PipelineConfig: Sendable {
    var classes: [RequestClass]
    var arrivals: Arrivals
    /// Guest application CPU per request (seconds), run on the vCPU before the request.
    var computeSeconds: Double
    var guestCPUs: Int
    var hostCores: Int
    var deviceParallelism: Int
    var warmupSeconds: Double
    var durationSeconds: Double
    var seed: UInt64
    var replication: UInt64
    /// Name of the random stream (stable per variant, so variants do not share draws).
    var streamName: String
}

/// What one pipeline run measured.
struct PipelineMeasurement: Sendable {
    var completed: UInt64
    var completedPerClass: [UInt64]
    var payloadBytes: Double
    var meanLatency: Double
    var p50Latency: Double
    var p99Latency: Double
    var guestBusySeconds: Double
    var hostBusySeconds: Double
    var deviceBusySeconds: Double
    var windowSeconds: Double
    var events: UInt64
}

/// The SimKernel event queue plus a clock: the scheduler's semantics (time order, then
/// priority, then insertion sequence; time never runs backwards), driven inline so the
/// compiler specializes the queue for this payload type in the hot loop.
struct Clock {
    var queue = EventQueue<Int32>()
    var now = 0.0
    var firedCount: UInt64 = 0

    @inline(__always)
    mutating func schedule(_ payload: Int32, at time: Double) {
        precondition(time >= now, "cannot schedule into the past")
        queue.schedule(payload, at: time)
    }

    @inline(__always)
    mutating func schedule(_ payload: Int32, after delay: Double) {
        schedule(payload, at: now + delay)
    }
}

/// The request-level engine: guest vCPU(s) → host CPU(s) → device → host → guest, on the
/// SimKernel event queue, one event per stage.
///
/// Queues are where real systems queue: the guest's vCPUs (application work and the guest side
/// of the I/O path compete there), the host cores that run the device model / back-end (or the
/// guest's own CPU for hosted VMMs and Xen 1.0), the device's positioning slots and its shared
/// transfer bus, or the network link. Cost per stage is O(servers) + O(log events).
struct RequestPipeline {
    private static let stageCompute: UInt8 = 0
    private static let stageGuestSubmit: UInt8 = 1
    private static let stageHostSubmit: UInt8 = 2
    private static let stageDevice: UInt8 = 3
    private static let stageHostComplete: UInt8 = 4
    private static let stageGuestComplete: UInt8 = 5
    private static let arrivalEvent: Int32 = -1

    let config: PipelineConfig
    private var guest: ServerPool
    private var host: ServerPool
    private var deviceSlots: ServerPool
    private var busFreeAt = 0.0
    private var linkFreeAt = 0.0
    private var deviceBusy = 0.0
    private var rng: Xoshiro256StarStar
    private var cumulative: [Double]

    /// In-flight request state, indexed by slot (one array: one uniqueness check per write).
    private struct Slot {
        var submittedAt: Double
        var classIndex: Int32
        var stage: UInt8
    }
    private var slots: [Slot] = []
    private var freeSlots: [Int32] = []
    private let classes: [RequestClass]

    private var histogram = LatencyHistogram()
    private var completedPerClass: [UInt64]
    private var payloadBytes = 0.0
    private var measureStart: Double
    private var measureEnd: Double

    init(_ config: PipelineConfig) {
        self.config = config
        guest = ServerPool(servers: config.guestCPUs)
        host = ServerPool(servers: config.hostCores)
        deviceSlots = ServerPool(servers: config.deviceParallelism)
        rng = RandomStreams(seed: config.seed, replication: config.replication).stream(config.streamName)
        let total = config.classes.reduce(0) { $0 + $1.weight }
        var acc = 0.0
        cumulative = config.classes.map { acc += $0.weight / total; return acc }
        cumulative[cumulative.count - 1] = 1
        completedPerClass = Array(repeating: 0, count: config.classes.count)
        classes = config.classes
        measureStart = config.warmupSeconds
        measureEnd = config.warmupSeconds + config.durationSeconds
    }

    /// Runs warm-up plus the measurement window and returns what was measured.
    mutating func run() -> PipelineMeasurement {
        var scheduler = Clock()
        switch config.arrivals {
        case .closedLoop(let threads):
            for _ in 0..<max(1, threads) {
                let s = newSlot()
                start(slot: s, now: 0, &scheduler)
            }
        case .openLoop(let rate):
            scheduler.schedule(RequestPipeline.arrivalEvent, after: exponential(mean: 1 / rate))
        }
        let end = measureEnd
        while let next = scheduler.queue.first, next.key.time <= end {
            let event = scheduler.queue.popFirst()!
            scheduler.now = event.key.time
            scheduler.firedCount &+= 1
            handle(event.payload, &scheduler)
        }
        let window = config.durationSeconds
        return PipelineMeasurement(
            completed: histogram.count, completedPerClass: completedPerClass, payloadBytes: payloadBytes,
            meanLatency: histogram.mean, p50Latency: histogram.quantile(0.5), p99Latency: histogram.quantile(0.99),
            guestBusySeconds: guest.busySeconds, hostBusySeconds: host.busySeconds, deviceBusySeconds: deviceBusy,
            windowSeconds: window, events: scheduler.firedCount)
    }

    // MARK: Events

    @inline(__always)
    private mutating func handle(_ payload: Int32, _ s: inout Clock) {
        let now = s.now
        if payload == RequestPipeline.arrivalEvent {
            if case .openLoop(let rate) = config.arrivals {
                s.schedule(RequestPipeline.arrivalEvent, after: exponential(mean: 1 / rate))
            }
            start(slot: newSlot(), now: now, &s)
            return
        }
        let slot = Int(payload)
        let st = slots[slot].stage
        if st == RequestPipeline.stageGuestComplete {
            finish(slot: slot, now: now, &s)
        } else {
            advance(slot: slot, from: st &+ 1, now: now, &s)
        }
    }

    private mutating func newSlot() -> Int32 {
        if let s = freeSlots.popLast() { return s }
        slots.append(Slot(submittedAt: 0, classIndex: 0, stage: 0))
        return Int32(slots.count - 1)
    }

    /// A thread (closed loop) or an arrival (open loop) begins: pick a class, compute first.
    private mutating func start(slot: Int32, now: Double, _ s: inout Clock) {
        let i = Int(slot)
        slots[i].classIndex = pickClass()
        advance(slot: i, from: RequestPipeline.stageCompute, now: now, &s)
    }

    /// Starts stage `first` (skipping stages with no work) and schedules its completion.
    @inline(__always)
    private mutating func advance(slot i: Int, from first: UInt8, now: Double, _ s: inout Clock) {
        let c = classes[Int(slots[i].classIndex)]
        var submitted = -1.0
        let measuring = now >= measureStart && now < measureEnd
        var st = first
        while true {
            var done = -1.0
            switch st {
            case RequestPipeline.stageCompute:
                if config.computeSeconds > 0 {
                    done = guest.serve(arrival: now, service: config.computeSeconds, measuring: measuring)
                }
            case RequestPipeline.stageGuestSubmit:
                submitted = now
                if c.guestSubmit > 0 { done = guest.serve(arrival: now, service: c.guestSubmit, measuring: measuring) }
            case RequestPipeline.stageHostSubmit:
                if c.hostSubmit > 0 { done = serveHost(c, now: now, service: c.hostSubmit, measuring: measuring) }
            case RequestPipeline.stageDevice:
                done = serveDevice(c.device, now: now, measuring: measuring)
            case RequestPipeline.stageHostComplete:
                if c.hostComplete > 0 { done = serveHost(c, now: now, service: c.hostComplete, measuring: measuring) }
            default:
                if c.guestComplete > 0 {
                    done = guest.serve(arrival: now, service: c.guestComplete, measuring: measuring)
                } else {
                    if submitted >= 0 { slots[i].submittedAt = submitted }
                    slots[i].stage = RequestPipeline.stageGuestComplete
                    finish(slot: i, now: now, &s)
                    return
                }
            }
            if done >= 0 {
                if submitted >= 0 {
                    slots[i].submittedAt = submitted
                }
                slots[i].stage = st
                s.schedule(Int32(i), at: done)
                return
            }
            st &+= 1
        }
    }

    @inline(__always)
    private mutating func serveHost(_ c: RequestClass, now: Double, service: Double, measuring: Bool) -> Double {
        c.hostOnGuestCPU
            ? guest.serve(arrival: now, service: service, measuring: measuring)
            : host.serve(arrival: now, service: service, measuring: measuring)
    }

    @inline(__always)
    private mutating func serveDevice(_ d: DeviceDemand, now: Double, measuring: Bool) -> Double {
        switch d.kind {
        case .storage:
            let positioning = d.primarySeconds * (1 + d.spread * (2 * rng.nextUnit() - 1))
            // Take the slot that frees first; transfer when both positioning and bus are done.
            var best = 0
            var bestTime = deviceSlots.freeAt[0]
            for k in 1..<deviceSlots.freeAt.count where deviceSlots.freeAt[k] < bestTime {
                bestTime = deviceSlots.freeAt[k]; best = k
            }
            let begin = max(now, bestTime)
            let transferStart = max(begin + positioning, busFreeAt)
            let done = transferStart + d.secondarySeconds
            busFreeAt = done
            deviceSlots.freeAt[best] = done
            if measuring { deviceBusy += done - begin }
            return done
        case .link:
            let begin = max(now, linkFreeAt)
            linkFreeAt = begin + d.primarySeconds
            if measuring { deviceBusy += d.primarySeconds }
            return linkFreeAt + d.secondarySeconds
        }
    }

    /// The request is complete: record it, then loop (closed) or free the slot (open).
    private mutating func finish(slot i: Int, now: Double, _ s: inout Clock) {
        if now >= measureStart && now <= measureEnd {
            let k = Int(slots[i].classIndex)
            histogram.record(now - slots[i].submittedAt)
            completedPerClass[k] &+= 1
            payloadBytes += classes[k].payloadBytes
        }
        switch config.arrivals {
        case .closedLoop:
            start(slot: Int32(i), now: now, &s)
        case .openLoop:
            freeSlots.append(Int32(i))
        }
    }

    // MARK: Random draws

    @inline(__always)
    private mutating func pickClass() -> Int32 {
        if cumulative.count == 1 { return 0 }
        let u = rng.nextUnit()
        var k = 0
        while k < cumulative.count - 1 && u >= cumulative[k] { k += 1 }
        return Int32(k)
    }

    private mutating func exponential(mean: Double) -> Double {
        -mean * log(rng.nextOpenUnit())
    }
}
