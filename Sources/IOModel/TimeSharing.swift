import SimKernel
import VirtModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// vCPUs time-sharing physical cores: the CPU side of several guests on one host.
///
/// `cpuBoundGuests` vCPUs are always runnable (a compute loop each); an optional interactive
/// vCPU computes a short burst, then sleeps for an exponential think time, and measures how long
/// it waits for a core once woken. Each dispatch of a vCPU onto a core costs the core
/// `switchMicros` (the running vCPU exits to the host scheduler, the host switches threads, the
/// next vCPU is entered) and the dispatched vCPU `refillMicros` of slowed start while it refills
/// the caches and TLB its predecessor evicted (not paid when the core resumes the vCPU it ran
/// last). A CPU-bound vCPU runs for one time slice, then goes to the tail of the run queue.
///
/// Schedulers:
/// - `roundRobin`: a woken vCPU joins the tail of the run queue and waits for a free core.
/// - `credit`: fair share with a boost for waking vCPUs, as Xen's credit scheduler does: a vCPU
///   that has used less than its fair share of CPU (elapsed × cores / vCPUs) when it wakes is
///   UNDER and preempts a running vCPU that is not boosted; otherwise it queues as in round robin.
///   (Xen credit scheduler: 30 ms slice, BOOST for waking UNDER vCPUs; Ongaro, Cox & Rixner,
///   VEE 2008, "Scheduling I/O in virtual machine monitors".)
///
/// Deterministic for a seed (only the think times are drawn). O(events × cores).
public struct TimeSharingConfig: Sendable, Hashable {
    public enum Scheduler: String, Sendable, CaseIterable {
        case roundRobin = "round-robin"
        case credit
    }

    public var cores: Int
    public var cpuBoundGuests: Int
    public var interactive: Bool
    public var interactiveBurstMicros: Double
    public var interactiveThinkMicros: Double
    public var sliceMicros: Double
    public var switchMicros: Double
    public var refillMicros: Double
    public var scheduler: Scheduler
    public var warmupSeconds: Double
    public var durationSeconds: Double
    public var seed: UInt64

    public init(cores: Int, cpuBoundGuests: Int, interactive: Bool = true, interactiveBurstMicros: Double = 50,
                interactiveThinkMicros: Double = 1000, sliceMicros: Double, switchMicros: Double, refillMicros: Double,
                scheduler: Scheduler, warmupSeconds: Double = 0.05, durationSeconds: Double = 1, seed: UInt64 = 1) {
        self.cores = cores
        self.cpuBoundGuests = cpuBoundGuests
        self.interactive = interactive
        self.interactiveBurstMicros = interactiveBurstMicros
        self.interactiveThinkMicros = interactiveThinkMicros
        self.sliceMicros = sliceMicros
        self.switchMicros = switchMicros
        self.refillMicros = refillMicros
        self.scheduler = scheduler
        self.warmupSeconds = warmupSeconds
        self.durationSeconds = durationSeconds
        self.seed = seed
    }

    /// The per-switch inputs of a hardware profile, with where they come from: the direct cost is
    /// one VM exit + entry with its handling (`exitMicros`, or a world switch on a hosted VMM)
    /// plus one host context switch; the refill is lmbench's 16p/64K minus its 2p/0K context
    /// switch (refilling a 64 KiB working set).
    public static func switchInputs(_ p: HardwareProfile) -> (switchMicros: Double, refillMicros: Double, source: String) {
        let entry = p.fullVirtualization == .hostedBinaryTranslation ? 2 * p.worldSwitchMicros.value : p.exitMicros
        let direct = entry + p.native.contextSwitch.value
        let refill = max(0, p.native.contextSwitchLarge.value - p.native.contextSwitch.value)
        return (direct, refill, "switch: VM exit + entry (\(p.exitRoundTripCycles.source)) + host context switch (\(p.native.contextSwitch.source)); refill: context switch 16p/64K − 2p/0K (\(p.native.contextSwitchLarge.source))")
    }
}

/// What one time-sharing run measured (inside the window).
public struct TimeSharingResult: Sendable {
    /// Useful CPU-seconds per second of each CPU-bound vCPU.
    public var cpuBoundWork: [Double]
    /// Core-seconds per second spent switching and refilling.
    public var overheadCoreSeconds: Double
    /// Core-seconds per second of useful work (all vCPUs).
    public var usefulCoreSeconds: Double
    public var switchesPerSecond: Double
    /// The interactive vCPU's wait after waking until its own work begins (queueing, the switch
    /// and the refill), µs, one per wake-up.
    public var wakeDelaysMicros: [Double]
    /// The interactive vCPU's wake-to-burst-done time, µs.
    public var responsesMicros: [Double]

    /// Share of the cores' busy time lost to switches and refills, percent.
    public var overheadPercent: Double {
        let busy = overheadCoreSeconds + usefulCoreSeconds
        return busy > 0 ? 100 * overheadCoreSeconds / busy : 0
    }
    /// Sum of the CPU-bound vCPUs' useful work, CPU-seconds per second.
    public var cpuBoundThroughput: Double { cpuBoundWork.reduce(0, +) }
}

public enum TimeSharingSimulation {
    /// Runs warm-up plus the window. Preconditions: cores ≥ 1, slice > 0, the inputs ≥ 0.
    public static func run(_ c: TimeSharingConfig) -> TimeSharingResult {
        var sim = Engine(c)
        return sim.run()
    }

    private struct Engine {
        let c: TimeSharingConfig
        let n: Int                 // vCPUs; the interactive one (if any) is the last
        let interactiveID: Int
        var rng: Xoshiro256StarStar
        // Cores.
        var running: [Int]         // vCPU on the core, -1 idle
        var lastRan: [Int]         // vCPU the core ran last (no refill when it comes back)
        var eventAt: [Double]      // when the core's current dispatch ends (slice end or burst done)
        var usefulFrom: [Double]   // when useful work of the current dispatch began
        var boosted: [Bool]
        // vCPUs.
        var queue: [Int] = []      // FIFO run queue (head index `head`)
        var head = 0
        var used: [Double]         // CPU-seconds of useful work since time 0 (fair-share accounting)
        var work: [Double]         // useful work inside the window
        var wakeAt = Double.infinity
        var wokeAt = 0.0
        var waiting = false        // the interactive vCPU is runnable but not running
        var now = 0.0
        let start: Double, end: Double
        var overhead = 0.0, switches = 0
        var delays: [Double] = [], responses: [Double] = []

        init(_ c: TimeSharingConfig) {
            self.c = c
            n = c.cpuBoundGuests + (c.interactive ? 1 : 0)
            interactiveID = c.interactive ? c.cpuBoundGuests : -1
            rng = RandomStreams(seed: c.seed, replication: 0).stream("timesharing")
            running = Array(repeating: -1, count: c.cores)
            lastRan = Array(repeating: -1, count: c.cores)
            eventAt = Array(repeating: .infinity, count: c.cores)
            usefulFrom = Array(repeating: 0, count: c.cores)
            boosted = Array(repeating: false, count: c.cores)
            used = Array(repeating: 0, count: max(1, n))
            work = Array(repeating: 0, count: max(1, n))
            start = c.warmupSeconds
            end = c.warmupSeconds + c.durationSeconds
        }

        /// Seconds of [a, b) inside the window.
        func inWindow(_ a: Double, _ b: Double) -> Double { max(0, min(b, end) - max(a, start)) }

        mutating func run() -> TimeSharingResult {
            for v in 0..<c.cpuBoundGuests { queue.append(v) }
            if c.interactive { wakeAt = think() }
            for core in 0..<c.cores { dispatch(core) }
            while true {
                var core = -1
                var t = wakeAt
                for k in 0..<c.cores where eventAt[k] < t { t = eventAt[k]; core = k }
                if t > end { break }
                now = t
                if core < 0 { wake() } else { endDispatch(core) }
            }
            // Account the dispatches still running at the end of the window.
            for k in 0..<c.cores where running[k] >= 0 { account(k, until: end) }
            let w = c.durationSeconds
            return TimeSharingResult(
                cpuBoundWork: (0..<c.cpuBoundGuests).map { work[$0] / w },
                overheadCoreSeconds: overhead / w, usefulCoreSeconds: work.reduce(0, +) / w,
                switchesPerSecond: Double(switches) / w, wakeDelaysMicros: delays, responsesMicros: responses)
        }

        mutating func think() -> Double { now + (-c.interactiveThinkMicros * 1e-6 * log(rng.nextOpenUnit())) }

        /// Useful work of core `k`'s dispatch up to `t`, to its vCPU.
        mutating func account(_ k: Int, until t: Double) {
            let v = running[k]
            let from = usefulFrom[k]
            guard t > from else { return }
            used[v] += t - from
            work[v] += inWindow(from, t)
            usefulFrom[k] = t
        }

        /// Puts the next queued vCPU on idle core `k`.
        mutating func dispatch(_ k: Int) {
            if head > 1024 { queue.removeFirst(head); head = 0 }
            guard head < queue.count else {
                running[k] = -1
                eventAt[k] = .infinity
                return
            }
            let v = queue[head]
            head += 1
            start(v, on: k, boost: false)
        }

        mutating func start(_ v: Int, on k: Int, boost: Bool) {
            let cost = (lastRan[k] == v ? 0 : c.switchMicros + c.refillMicros) * 1e-6
            if cost > 0 {
                if now >= start && now < end { switches += 1 }
                overhead += inWindow(now, now + cost)
            }
            running[k] = v
            lastRan[k] = v
            boosted[k] = boost
            usefulFrom[k] = now + cost
            if v == interactiveID {
                waiting = false
                if wokeAt >= start { delays.append((now + cost - wokeAt) * 1e6) }   // until its own work begins
                eventAt[k] = now + cost + c.interactiveBurstMicros * 1e-6
            } else {
                eventAt[k] = now + max(cost, c.sliceMicros * 1e-6)
            }
        }

        mutating func endDispatch(_ k: Int) {
            let v = running[k]
            account(k, until: now)
            if v == interactiveID {
                if wokeAt >= start { responses.append((now - wokeAt) * 1e6) }
                wakeAt = think()
            } else if head == queue.count {
                // Nobody else wants the core: the vCPU keeps it for another slice, no switch.
                eventAt[k] = now + c.sliceMicros * 1e-6
                boosted[k] = false
                return
            } else {
                queue.append(v)
            }
            dispatch(k)
        }

        /// The interactive vCPU wakes.
        mutating func wake() {
            wokeAt = now
            wakeAt = .infinity
            let v = interactiveID
            if let idle = running.firstIndex(of: -1) {
                start(v, on: idle, boost: false)
                return
            }
            if c.scheduler == .credit {
                let elapsed = now
                let share = elapsed * Double(c.cores) / Double(n)
                if used[v] < share, let victim = (0..<c.cores).first(where: { !boosted[$0] }) {
                    // BOOST: preempt a running vCPU that is not boosted; it goes back to the tail.
                    account(victim, until: now)
                    queue.append(running[victim])
                    start(v, on: victim, boost: true)
                    return
                }
            }
            waiting = true
            queue.append(v)
        }
    }
}
