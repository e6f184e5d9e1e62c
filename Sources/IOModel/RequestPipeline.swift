import SimKernel
import VirtModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
    var guestWake: Double       // seconds a completion waits when the guest's CPU is idle
    var hostWake: Double        // seconds host work waits when its host core is idle
    var interruptInterval: Double  // seconds between two moderated completion interrupts (0: none)
    var stall: Double           // probability the guest's CPU is stalled for the device access
    var device: DeviceDemand
    var payloadBytes: Double
    var weight: Double          // relative frequency in the mix

    init(cost: IORequestCost, device: DeviceDemand, payloadBytes: Double, weight: Double) {
        guestSubmit = cost.guestSubmit * 1e-6
        hostSubmit = cost.hostSubmit * 1e-6
        hostComplete = cost.hostComplete * 1e-6
        guestComplete = cost.guestComplete * 1e-6
        hostOnGuestCPU = cost.hostWorkOnGuestCPU
        guestWake = cost.guestWakeMicros * 1e-6
        hostWake = cost.hostWakeMicros * 1e-6
        interruptInterval = cost.interruptIntervalMicros * 1e-6
        stall = cost.synchronousDeviceFraction
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
    /// Guests on the host, each with `guestCPUs` vCPUs of its own and its own copy of the load
    /// (closed loop: its own threads; open loop: its own arrival rate); they share the host
    /// cores, the device and the link.
    var guests: Int = 1
    /// Unequal guests: closed-loop threads and application CPU per request of each guest (one
    /// entry per guest); empty: every guest has `threads` and `computeSeconds`.
    var threadsPerGuest: [Int] = []
    var computeSecondsPerGuest: [Double] = []
    var hostCores: Int
    /// The back-end thread pools (stations) and each class's work at each; nil: one pool of
    /// `hostCores` threads doing all of each class's host work.
    var backend: BackendThreads? = nil
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
    /// Per guest: completed requests, payload bytes and summed latency (seconds) in the window.
    var completedPerGuest: [UInt64]
    var payloadBytesPerGuest: [Double]
    var latencySumPerGuest: [Double]
    var payloadBytes: Double
    var meanLatency: Double
    var p50Latency: Double
    var p99Latency: Double
    var guestBusySeconds: Double
    var hostBusySeconds: Double
    /// Busy seconds of each back-end pool (their sum is `hostBusySeconds`).
    var stationBusySeconds: [Double]
    var deviceBusySeconds: Double
    var windowSeconds: Double
    var events: UInt64
}

/// The request-level engine: guest vCPU(s) → host CPU(s) → device → host → guest, one wake-up
/// per change of server.
///
/// Queues are where real systems queue: the guest's vCPUs (application work and the guest side
/// of the I/O path compete there), the host cores that run the device model / back-end (or the
/// guest's own CPU for hosted VMMs and Xen 1.0), the device's positioning slots and its shared
/// transfer bus, or the network link.
///
/// Consecutive work on the same CPU by the same thread is one burst, as it is on a real CPU:
/// the application's compute and the system call that submits its request; for a hosted VMM or
/// Xen 1.0 also the host-side submission; and in a closed loop, the completion of one request
/// (interrupt, wake-up) followed by the thread's next compute and submission. So a request costs
/// two wake-ups when all its CPU work is on the guest's CPU (native, container, hosted VMM) and
/// four when a separate host core runs the device model or back-end. Every wake-up is processed
/// in time order (`SlotCalendar`), so FIFO servers see their arrivals in time order.
/// Cost per wake-up: O(servers) + O(log in-flight).
struct RequestPipeline {
    /// What a slot's pending wake-up means when it fires.
    private static let afterGuestBurst: UInt8 = 0
    private static let afterHostSubmit: UInt8 = 1
    private static let afterDevice: UInt8 = 2
    private static let afterHostComplete: UInt8 = 3
    private static let afterCompletion: UInt8 = 4
    /// Calendar slot of the open-loop arrival process.
    private static let arrivalSlot = SlotCalendar.maxSlots - 1

    let config: PipelineConfig
    /// Each guest's vCPUs.
    private var guestPools: [ServerPool]
    /// The default back-end: one FIFO pool of `hostCores` threads doing each class's whole host
    /// submission and completion (the classes' `hostSubmit` / `hostComplete` / `hostWake`).
    private var host: ServerPool
    /// The back-end is stated as thread pools (`PipelineConfig.backend`): the stations below
    /// serve the host steps instead of `host`. Resolved once, like `closedLoop`.
    private let usesPools: Bool
    /// The back-end's thread pools, guest side first, and each class's work at each.
    private var stations: [Station]
    private let stationCount: Int
    private let stepSubmit: [Double]
    private let stepComplete: [Double]
    private let stepWake: [Double]
    private var deviceSlots: ServerPool
    private var busFreeAt = 0.0
    private var nextDeviceSlot = 0
    private var linkFreeAt = 0.0
    /// Time of the latest scheduled (moderated) completion interrupt.
    private var lastInterruptAt = -Double.infinity
    private var deviceBusy = 0.0
    private var rng: Xoshiro256StarStar
    /// Application CPU per request, by guest.
    private let computeByGuest: [Double]
    private var cumulative: [Double]
    private let classes: [RequestClass]
    private let closedLoop: Bool

    /// In-flight request state, by slot (one array: one uniqueness check per write).
    private struct Slot {
        var submittedAt: Double
        var classIndex: UInt8
        var stage: UInt8
        /// The guest the request belongs to.
        var owner: UInt16
        /// The back-end pool of the pending host step (stages afterHostSubmit / afterHostComplete).
        var station: UInt8 = 0
        /// Its virtqueue: the guest's vCPU that submitted it (guest × vCPUs + vCPU); kept only
        /// when a pool serves per queue.
        var queue: UInt16 = 0
    }
    private var slots: [Slot] = []
    /// By slot: the thread of a blocking pool it holds (apart: only blocking pools touch it).
    private var heldThread: [UInt16] = []
    /// Some pool serves per queue: requests remember their queue.
    private let tracksQueues: Bool
    private var freeSlots: [Int32] = []

    private var calendar: SlotCalendar
    /// While a wake-up is handled: its slot, until that slot is re-timed (then the calendar's
    /// top is replaced in place) or found finished (then it is popped).
    private var handlingTop = false
    private var currentSlot = -1
    private var now = 0.0
    private var fired: UInt64 = 0

    private var histogram = LatencyHistogram()
    private var completedPerClass: [UInt64]
    private var completedPerGuest: [UInt64]
    private var payloadPerGuest: [Double]
    private var latencyPerGuest: [Double]
    private var nextOwner = 0
    private var payloadBytes = 0.0
    private let measureStart: Double
    private let measureEnd: Double

    init(_ config: PipelineConfig) {
        self.config = config
        guestPools = Array(repeating: ServerPool(servers: config.guestCPUs), count: max(1, config.guests))
        host = ServerPool(servers: config.hostCores)
        usesPools = config.backend != nil
        let backend = config.backend ?? BackendThreads(stations: [], submit: [], complete: [], wake: [], ownMicros: [])
        stations = backend.stations.map(Station.init)
        stationCount = backend.stations.count
        stepSubmit = backend.submit
        stepComplete = backend.complete
        stepWake = backend.wake
        tracksQueues = backend.stations.contains { $0.perQueue }
        precondition(config.classes.count <= Int(UInt8.max), "too many request classes")
        deviceSlots = ServerPool(servers: config.deviceParallelism)
        rng = RandomStreams(seed: config.seed, replication: config.replication).stream(config.streamName)
        let total = config.classes.reduce(0) { $0 + $1.weight }
        var acc = 0.0
        cumulative = config.classes.map { acc += $0.weight / total; return acc }
        cumulative[cumulative.count - 1] = 1
        completedPerClass = Array(repeating: 0, count: config.classes.count)
        let g = max(1, config.guests)
        completedPerGuest = Array(repeating: 0, count: g)
        payloadPerGuest = Array(repeating: 0, count: g)
        latencyPerGuest = Array(repeating: 0, count: g)
        classes = config.classes
        computeByGuest = config.computeSecondsPerGuest.count == g ? config.computeSecondsPerGuest
            : Array(repeating: config.computeSeconds, count: g)
        measureStart = config.warmupSeconds
        measureEnd = config.warmupSeconds + config.durationSeconds
        if case .closedLoop = config.arrivals { closedLoop = true } else { closedLoop = false }
        var expected = 64
        if case .closedLoop(let threads) = config.arrivals {
            expected = (config.threadsPerGuest.count == g ? config.threadsPerGuest.reduce(0, +) : max(1, threads) * g) + 1
        }
        calendar = SlotCalendar(capacity: expected)
    }

    /// Runs warm-up plus the measurement window and returns what was measured.
    mutating func run() -> PipelineMeasurement {
        switch config.arrivals {
        case .closedLoop(let threads):
            // Thread t of every guest, then thread t + 1: guest g owns slots g, g + G, g + 2G ...
            let guests = guestPools.count
            let perGuest = config.threadsPerGuest.count == guests ? config.threadsPerGuest : Array(repeating: max(1, threads), count: guests)
            let n = perGuest.reduce(0, +)
            precondition(n < SlotCalendar.maxSlots - 1, "too many threads")
            slots.reserveCapacity(n)
            for t in 0..<(perGuest.max() ?? 1) {
                for g in 0..<guests where t < perGuest[g] {
                    beginRequest(slot: newSlot(owner: g), carry: 0, previous: -1)
                }
            }
        case .openLoop(let rate):
            calendar.push(slot: Self.arrivalSlot, at: exponential(mean: 1 / (rate * Double(guestPools.count))))
        }
        let end = measureEnd
        while !calendar.isEmpty && calendar.topTime <= end {
            now = calendar.topTime
            let slot = calendar.topSlot
            fired &+= 1
            handlingTop = true
            currentSlot = slot
            if slot == Self.arrivalSlot {
                if case .openLoop(let rate) = config.arrivals {
                    wake(Self.arrivalSlot, at: now + exponential(mean: 1 / (rate * Double(guestPools.count))))
                }
                beginRequest(slot: newSlot(), carry: 0, previous: -1)
            } else {
                switch slots[slot].stage {
                case Self.afterGuestBurst: afterGuestBurst(slot)
                case Self.afterHostSubmit:
                    if usesPools { hostSubmit(slot, from: Int(slots[slot].station) + 1) } else { startDevice(slot) }
                case Self.afterDevice: afterDevice(slot)
                case Self.afterHostComplete:
                    if usesPools { afterHostComplete(slot) } else { complete(slot) }
                default: finishOpen(slot)
                }
            }
            if handlingTop {
                calendar.popTop()
                handlingTop = false
            }
        }
        return PipelineMeasurement(
            completed: histogram.count, completedPerClass: completedPerClass,
            completedPerGuest: completedPerGuest, payloadBytesPerGuest: payloadPerGuest, latencySumPerGuest: latencyPerGuest,
            payloadBytes: payloadBytes,
            meanLatency: histogram.mean, p50Latency: histogram.quantile(0.5), p99Latency: histogram.quantile(0.99),
            guestBusySeconds: guestPools.reduce(0) { $0 + $1.busySeconds },
            hostBusySeconds: usesPools ? stations.reduce(0) { $0 + $1.threads.busySeconds } : host.busySeconds,
            stationBusySeconds: usesPools ? stations.map(\.threads.busySeconds) : [host.busySeconds], deviceBusySeconds: deviceBusy,
            windowSeconds: config.durationSeconds, events: fired)
    }

    // MARK: Wake-ups

    /// Sets `slot`'s next wake-up; the slot being handled re-times the calendar's top in place.
    @inline(__always)
    private mutating func wake(_ slot: Int, at time: Double) {
        if handlingTop && slot == currentSlot {
            calendar.replaceTop(slot: slot, at: time)
            handlingTop = false
        } else {
            calendar.push(slot: slot, at: time)
        }
    }

    @inline(__always)
    private var measuring: Bool { now >= measureStart && now < measureEnd }

    /// A free slot for a new request; its owner is the next guest in turn (round robin, so every
    /// guest gets the same share of the arrivals and the closed loop's threads).
    private mutating func newSlot() -> Int {
        let owner = nextOwner
        nextOwner = nextOwner + 1 == guestPools.count ? 0 : nextOwner + 1
        return newSlot(owner: owner)
    }

    /// A free slot for a new request of guest `owner`.
    private mutating func newSlot(owner g: Int) -> Int {
        let owner = UInt16(g)
        if let s = freeSlots.popLast() {
            slots[Int(s)].owner = owner
            return Int(s)
        }
        slots.append(Slot(submittedAt: 0, classIndex: 0, stage: 0, owner: owner))
        heldThread.append(0)
        return slots.count - 1
    }

    // MARK: Stages

    /// A request begins: its guest burst is `carry` (the previous request's completion work, in a
    /// closed loop), the application's compute, the guest-side submission and, when host work
    /// runs on the guest's CPU, the host-side submission.
    @inline(__always)
    private mutating func beginRequest(slot: Int, carry: Double, previous: Int) {
        let k = pickClass()
        let c = classes[k]
        let owner = slots[slot].owner
        let pre = computeByGuest[Int(owner)]
        let service = carry + pre + c.guestSubmit + (c.hostOnGuestCPU ? c.hostSubmit : 0)
        let previousSubmitted = slots[slot].submittedAt
        if service > 0 {
            // A completion (previous ≥ 0) that finds the vCPU idle waits for it to wake.
            let wakeDelay = previous >= 0 ? classes[previous].guestWake : 0
            let done = guestPools[Int(owner)].serve(arrival: now, service: service, measuring: measuring, wake: wakeDelay)
            let start = done - service
            if previous >= 0 { record(previous, owner: owner, submitted: previousSubmitted, finished: start + carry) }
            let queue = tracksQueues ? UInt16(truncatingIfNeeded: Int(owner) * config.guestCPUs + guestPools[Int(owner)].lastServer) : 0
            slots[slot] = Slot(submittedAt: start + carry + pre, classIndex: UInt8(k), stage: Self.afterGuestBurst, owner: owner, queue: queue)
            wake(slot, at: done)
        } else {
            if previous >= 0 { record(previous, owner: owner, submitted: previousSubmitted, finished: now) }
            slots[slot] = Slot(submittedAt: now, classIndex: UInt8(k), stage: Self.afterGuestBurst, owner: owner,
                               queue: UInt16(truncatingIfNeeded: Int(owner) * config.guestCPUs))
            afterGuestBurst(slot)
        }
    }

    /// Host-side submission on the back-end's threads, or straight to the device.
    @inline(__always)
    private mutating func afterGuestBurst(_ slot: Int) {
        let c = classes[Int(slots[slot].classIndex)]
        if c.hostOnGuestCPU {
            startDevice(slot)
        } else if usesPools {
            hostSubmit(slot, from: 0)
        } else if c.hostSubmit > 0 {
            slots[slot].stage = Self.afterHostSubmit
            wake(slot, at: host.serve(arrival: now, service: c.hostSubmit, measuring: measuring, wake: c.hostWake))
        } else {
            startDevice(slot)
        }
    }

    /// The submission steps from back-end pool `first` on: the first pool with work for the
    /// request serves it (a step without CPU is skipped, except at a blocking pool, whose thread
    /// must be taken); after the last, the device.
    @inline(__always)
    private mutating func hostSubmit(_ slot: Int, from first: Int) {
        var j = first
        let base = Int(slots[slot].classIndex) * stationCount
        while j < stationCount {
            let service = stepSubmit[base + j]
            if stations[j].blocking {
                slots[slot].stage = Self.afterHostSubmit
                slots[slot].station = UInt8(j)
                if let thread = stations[j].idle.popLast() {
                    heldThread[slot] = UInt16(thread)
                    if measuring { stations[j].threads.busySeconds += service }
                    wake(slot, at: now + stepWake[base + j] + service)
                } else {
                    // Every thread is in a request: wait for one to come back (`release`).
                    // No wake-up: the handled slot leaves the calendar until then.
                    stations[j].waiting.append(Int32(slot))
                }
                return
            }
            if service > 0 {
                slots[slot].stage = Self.afterHostSubmit
                slots[slot].station = UInt8(j)
                wake(slot, at: stations[j].serve(queue: Int(slots[slot].queue), arrival: now, service: service,
                                                 measuring: measuring, wake: stepWake[base + j]))
                return
            }
            j += 1
        }
        startDevice(slot)
    }

    /// The completion steps from back-end pool `last` down to the first; then the guest. A
    /// blocking pool's thread has waited in its system call: it wakes and completes at once.
    @inline(__always)
    private mutating func hostComplete(_ slot: Int, from last: Int) {
        var j = last
        let base = Int(slots[slot].classIndex) * stationCount
        while j >= 0 {
            let service = stepComplete[base + j]
            if stations[j].blocking {
                slots[slot].stage = Self.afterHostComplete
                slots[slot].station = UInt8(j)
                if measuring { stations[j].threads.busySeconds += service }
                wake(slot, at: now + stepWake[base + j] + service)
                return
            }
            if service > 0 {
                slots[slot].stage = Self.afterHostComplete
                slots[slot].station = UInt8(j)
                wake(slot, at: stations[j].serve(queue: Int(slots[slot].queue), arrival: now, service: service,
                                                 measuring: measuring, wake: stepWake[base + j]))
                return
            }
            j -= 1
        }
        complete(slot)
    }

    /// A completion step is done: a blocking pool's thread goes to the next waiting request (or
    /// idles); the request goes on to the pool before.
    @inline(__always)
    private mutating func afterHostComplete(_ slot: Int) {
        let j = Int(slots[slot].station)
        if stations[j].blocking { release(thread: Int(heldThread[slot]), of: j) }
        hostComplete(slot, from: j - 1)
    }

    /// A blocking pool's thread is free: it takes the oldest waiting request (no wake-up: it is
    /// running) or goes idle.
    private mutating func release(thread: Int, of j: Int) {
        if let next = stations[j].waiting.popFirst() {
            let w = Int(next)
            heldThread[w] = UInt16(thread)
            let service = stepSubmit[Int(slots[w].classIndex) * stationCount + j]
            if measuring { stations[j].threads.busySeconds += service }
            calendar.push(slot: w, at: now + service)
        } else {
            stations[j].idle.append(Int32(thread))
        }
    }

    @inline(__always)
    private mutating func startDevice(_ slot: Int) {
        let c = classes[Int(slots[slot].classIndex)]
        slots[slot].stage = Self.afterDevice
        var done = serveDevice(c.device)
        if c.stall > 0 && (c.stall >= 1 || rng.nextUnit() < c.stall) {
            // A blocking host system call: the guest's CPU stands still until the device is done.
            guestPools[Int(slots[slot].owner)].stall(from: now, until: done)
        }
        if c.interruptInterval > 0 {
            // Interrupt moderation: a completion joins the interrupt already scheduled if it is
            // done by then; otherwise it gets a new one, no sooner than the interval after that
            // one. Device completions are handed out in non-decreasing order (FIFO link, shared
            // bus), so the moderation state advances in time order.
            if done > lastInterruptAt {
                lastInterruptAt = max(done, lastInterruptAt + c.interruptInterval)
            }
            done = lastInterruptAt
        }
        wake(slot, at: done)
    }

    /// Host-side completion on the back-end's threads, or straight to the guest.
    @inline(__always)
    private mutating func afterDevice(_ slot: Int) {
        let c = classes[Int(slots[slot].classIndex)]
        if c.hostOnGuestCPU {
            complete(slot)
        } else if usesPools {
            hostComplete(slot, from: stationCount - 1)
        } else if c.hostComplete > 0 {
            slots[slot].stage = Self.afterHostComplete
            wake(slot, at: host.serve(arrival: now, service: c.hostComplete, measuring: measuring, wake: c.hostWake))
        } else {
            complete(slot)
        }
    }

    /// The guest completes the request (interrupt, wake-up; plus host completion on the guest's
    /// CPU). Closed loop: the same thread goes on to its next request in the same burst.
    @inline(__always)
    private mutating func complete(_ slot: Int) {
        let k = Int(slots[slot].classIndex)
        let c = classes[k]
        let carry = c.guestComplete + (c.hostOnGuestCPU ? c.hostComplete : 0)
        if closedLoop {
            beginRequest(slot: slot, carry: carry, previous: k)
        } else if carry > 0 {
            slots[slot].stage = Self.afterCompletion
            wake(slot, at: guestPools[Int(slots[slot].owner)].serve(arrival: now, service: carry, measuring: measuring, wake: c.guestWake))
        } else {
            finishOpen(slot)
        }
    }

    /// Open loop: the request is done; its slot is recycled.
    private mutating func finishOpen(_ slot: Int) {
        record(Int(slots[slot].classIndex), owner: slots[slot].owner, submitted: slots[slot].submittedAt, finished: now)
        freeSlots.append(Int32(slot))
    }

    @inline(__always)
    private mutating func record(_ k: Int, owner: UInt16, submitted: Double, finished: Double) {
        guard finished >= measureStart && finished <= measureEnd else { return }
        histogram.record(finished - submitted)
        completedPerClass[k] &+= 1
        payloadBytes += classes[k].payloadBytes
        let g = Int(owner)
        completedPerGuest[g] &+= 1
        payloadPerGuest[g] += classes[k].payloadBytes
        latencyPerGuest[g] += finished - submitted
    }

    @inline(__always)
    private mutating func serveDevice(_ d: DeviceDemand) -> Double {
        switch d.kind {
        case .storage:
            let positioning = d.primarySeconds * (1 + d.spread * (2 * rng.nextUnit() - 1))
            // Take the slot that frees first; transfer when both positioning and bus are done.
            // Every request leaves through the shared bus, so completion times are handed out
            // in non-decreasing order: the slot that frees first is always the one used longest
            // ago, i.e. the slots are used round-robin (O(1) instead of a scan).
            let best = nextDeviceSlot
            nextDeviceSlot = best + 1 == deviceSlots.servers ? 0 : best + 1
            let begin = max(now, deviceSlots.freeAt[best])
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

    // MARK: Random draws

    @inline(__always)
    private mutating func pickClass() -> Int {
        if cumulative.count == 1 { return 0 }
        let u = rng.nextUnit()
        var k = 0
        while k < cumulative.count - 1 && u >= cumulative[k] { k += 1 }
        return k
    }

    private mutating func exponential(mean: Double) -> Double {
        -mean * log(rng.nextOpenUnit())
    }
}

/// One back-end thread pool in the pipeline. A non-blocking pool is a `ServerPool` (FIFO, start
/// known on arrival); a blocking pool keeps its idle threads and a FIFO of requests waiting for
/// one, since a thread's return depends on the device.
private struct Station {
    var threads: ServerPool
    let perQueue: Bool
    let blocking: Bool
    /// Polling pool: the maximum window and each thread's current one, seconds.
    let pollMax: Double
    var pollWindow: [Double]
    /// Blocking pool: its idle threads (the last to idle is taken first).
    var idle: [Int32]
    /// Blocking pool: requests waiting for a thread, oldest first.
    var waiting = SlotFIFO()

    init(_ s: BackendThreads.Station) {
        threads = ServerPool(servers: s.threads)
        perQueue = s.perQueue
        blocking = s.blocking
        pollMax = s.pollMax
        pollWindow = s.pollMax > 0 ? Array(repeating: 0, count: max(1, s.threads)) : []
        idle = s.blocking ? (0..<Int32(max(1, s.threads))).reversed() : []
    }

    /// A non-blocking step: on the request's queue's own thread, or the first free. O(threads).
    @inline(__always)
    mutating func serve(queue: Int, arrival now: Double, service: Double, measuring: Bool, wake: Double) -> Double {
        let t = perQueue ? queue % threads.servers : threads.earliest()
        if pollMax > 0 && threads.freeAt[t] <= now { return servePolling(t, arrival: now, service: service, measuring: measuring, wake: wake) }
        return threads.serve(server: t, arrival: now, service: service, measuring: measuring, wake: wake)
    }

    /// An idle thread that polls (QEMU's adaptive polling, util/aio-posix.c): found while polling,
    /// the request starts at once and the idle gap was CPU; found asleep, it pays the wake-up and
    /// the thread polled its whole window first. Then the window adapts to the gap (the block
    /// time): no change if the gap fit in it; 0 after a gap over the maximum; otherwise it grows
    /// (4 µs, then doubling, capped at the maximum).
    private mutating func servePolling(_ t: Int, arrival now: Double, service: Double, measuring: Bool, wake: Double) -> Double {
        let gap = now - threads.freeAt[t]
        let window = pollWindow[t]
        let polled = window > 0 && gap <= window
        let start = polled ? now : now + wake
        threads.freeAt[t] = start + service
        if measuring { threads.busySeconds += service + (polled ? gap : window) }
        if polled {
        } else if gap > pollMax {
            pollWindow[t] = 0
        } else if window < pollMax {
            pollWindow[t] = min(pollMax, window > 0 ? 2 * window : 4e-6)
        }
        return start + service
    }
}

/// A FIFO of slot numbers (a ring buffer that grows). O(1) amortized per operation.
struct SlotFIFO {
    private var items: [Int32] = []
    private var head = 0

    var isEmpty: Bool { head == items.count }

    mutating func append(_ x: Int32) {
        if head > 0 && head == items.count { items.removeAll(keepingCapacity: true); head = 0 }
        items.append(x)
    }

    mutating func popFirst() -> Int32? {
        guard head < items.count else { return nil }
        let x = items[head]
        head += 1
        if head > 1024 && head * 2 > items.count { items.removeFirst(head); head = 0 }
        return x
    }
}
