import MetricCatalogue
import SimKernel
import Scheduling
import VirtModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What one run of a serverless platform measured, per sandbox kind.
public struct ServerlessResult: Sendable {
    public struct PerFunction: Sendable {
        public var name: String
        public var invocations = 0
        public var coldStarts = 0
        /// Response time of each completed invocation (arrival → completion), seconds.
        public var responseSeconds: [Double] = []
    }

    public var invocations = 0
    public var coldStarts = 0
    /// Invocations that found no memory for a new sandbox and waited for one to be freed.
    public var queuedForCapacity = 0
    /// Arrival → completion of every invocation, seconds, in completion order.
    public var responseSeconds: [Double] = []
    /// Arrival → handler start of the cold invocations (the cold-start delay), seconds.
    public var coldStartDelaySeconds: [Double] = []
    /// Memory held by idle (kept-alive) sandboxes, integrated over [0, horizon], MB·s.
    public var idleMemoryMBSeconds = 0.0
    /// Memory held by all sandboxes, integrated over [0, horizon], MB·s.
    public var memoryMBSeconds = 0.0
    public var peakSandboxes = 0
    /// Data fetched from the image store, MB.
    public var imageFetchedMB = 0.0
    public var sandboxesEvicted = 0
    public var functions: [PerFunction] = []
    /// Time the last invocation completed, seconds.
    public var lastCompletion = 0.0
}

/// A serverless platform as discrete events on the kernel's event queue: function invocations
/// arrive (seeded streams, one per function), each runs in a sandbox of its function; a warm idle
/// sandbox serves it at once, otherwise a new one is started (scale from zero): the kind's base
/// image and the function's image are fetched over the shared image link (once per host, then
/// cached), boot reads go through the host's disk, then the kind's start time and the function's
/// initialization run. A sandbox serves one invocation at a time, stays idle for the keep-alive
/// time and is freed. When no host has memory for a new sandbox, idle sandboxes are evicted
/// (longest idle first); failing that the invocation waits, first come first served.
///
/// Deterministic: arrays indexed by integer ids, events ordered by (time, priority, sequence).
/// Cost: O(events × (hosts + transfers in flight)).
public struct ServerlessSimulation {
    public let config: ServerlessConfig
    public let variant: SandboxVariant
    public let seed: UInt64

    public init(config: ServerlessConfig, variant: SandboxVariant, seed: UInt64) {
        self.config = config
        self.variant = variant
        self.seed = seed
    }

    // MARK: - State

    private enum EventKind {
        case arrival(function: Int)
        case burstToggle(function: Int)
        case channel(index: Int, version: Int)
        case ready(sandbox: Int)
        case finished(sandbox: Int)
        case expire(sandbox: Int, generation: Int)
    }

    private enum SandboxState { case fetching, reading, starting, busy, idle, gone }

    private struct Sandbox {
        var function: Int
        var host: Int
        var memoryMB: Double
        var state: SandboxState
        var pendingImages: Int
        var idleSince = 0.0
        var generation = 0
        /// Invocation being served (or started for).
        var invocation: Int
    }

    private struct Invocation {
        var function: Int
        var arrival: Double
        var cold = false
    }

    /// An image on a host: absent, being fetched (with the sandboxes waiting for it), or cached.
    private enum ImageState { case absent, fetching([Int]), cached }

    /// A concrete function (a spec's `count` expanded).
    private struct Function {
        var spec: Int
        var name: String
        var stream: Xoshiro256StarStar
        var on = true
    }

    /// Runs the platform to the horizon and until every invocation has completed. O(events · hosts).
    public func run() -> ServerlessResult {
        var sim = Run(config: config, variant: variant, seed: seed)
        sim.execute()
        return sim.result
    }

    private struct Run {
        let config: ServerlessConfig
        let profile: StartupProfile
        var queue = EventQueue<EventKind>()
        var now = 0.0
        var functions: [Function] = []
        var sandboxes: [Sandbox] = []
        var invocations: [Invocation] = []
        var hostFreeMB: [Double]
        /// images[host][image]: image 0 is the kind's base image, 1 + f is function f's.
        var images: [[ImageState]]
        /// Fetch transfers on the link: (host, image) by token.
        var fetches: [(host: Int, image: Int)] = []
        /// channels[0] is the image link, channels[1 + h] host h's disk.
        var channels: [FairShareChannel]
        var channelVersion: [Int]
        /// Idle sandboxes of each function, most recently idle last.
        var idleByFunction: [[Int]]
        var waiting: [Int] = []
        var waitingHead = 0
        var live = 0
        var idleMB = 0.0
        var liveMB = 0.0
        var accountedUntil = 0.0
        var result = ServerlessResult()

        init(config: ServerlessConfig, variant: SandboxVariant, seed: UInt64) {
            self.config = config
            self.profile = variant.profile
            let streams = RandomStreams(seed: seed)
            for (s, spec) in config.functions.enumerated() {
                for k in 0..<spec.count {
                    let name = spec.count == 1 ? spec.name : "\(spec.name)-\(k + 1)"
                    functions.append(Function(spec: s, name: name, stream: streams.stream("serverless/\(spec.name)/\(k)")))
                }
            }
            hostFreeMB = Array(repeating: config.hostMemoryMB, count: config.hosts)
            images = Array(repeating: Array(repeating: .absent, count: functions.count + 1), count: config.hosts)
            channels = [FairShareChannel(capacity: config.imageLinkMBps)]
                + Array(repeating: FairShareChannel(capacity: config.hostDiskMBps), count: config.hosts)
            channelVersion = Array(repeating: 0, count: config.hosts + 1)
            idleByFunction = Array(repeating: [], count: functions.count)
            result.functions = functions.map { ServerlessResult.PerFunction(name: $0.name) }
        }

        func spec(_ f: Int) -> FunctionSpec { config.functions[functions[f].spec] }

        mutating func execute() {
            for f in functions.indices { scheduleFirstArrival(f) }
            while let event = queue.popFirst() {
                account(until: event.time)
                now = event.time
                switch event.payload {
                case .arrival(let f): arrive(f)
                case .burstToggle(let f): toggleBurst(f)
                case .channel(let c, let version): if version == channelVersion[c] { channelEvent(c) }
                case .ready(let s): ready(s)
                case .finished(let s): finish(s)
                case .expire(let s, let generation): expire(s, generation: generation)
                }
            }
        }

        /// Integrates memory held up to `t` (clipped to the horizon).
        mutating func account(until t: Double) {
            let end = min(t, config.horizonSeconds)
            if end > accountedUntil {
                result.idleMemoryMBSeconds += idleMB * (end - accountedUntil)
                result.memoryMBSeconds += liveMB * (end - accountedUntil)
                accountedUntil = end
            }
        }

        // MARK: Arrivals

        mutating func scheduleFirstArrival(_ f: Int) {
            switch spec(f).arrival {
            case .atStart:
                queue.schedule(.arrival(function: f), at: 0)
            case .poisson:
                scheduleNextArrival(f)
            case .bursty(_, let on, _):
                // Start in the on state with a fresh on period (memoryless, so no bias).
                queue.schedule(.burstToggle(function: f), at: exponential(&functions[f].stream, mean: on))
                scheduleNextArrival(f)
            }
        }

        mutating func scheduleNextArrival(_ f: Int) {
            let rate: Double
            switch spec(f).arrival {
            case .atStart: return
            case .poisson(let r): rate = r
            case .bursty(let r, let on, let off):
                guard functions[f].on else { return }
                rate = r * (on + off) / on
            }
            let t = now + exponential(&functions[f].stream, mean: 1 / rate)
            if t < config.horizonSeconds { queue.schedule(.arrival(function: f), at: t) }
        }

        mutating func toggleBurst(_ f: Int) {
            guard case .bursty(_, let on, let off) = spec(f).arrival, now < config.horizonSeconds else { return }
            functions[f].on.toggle()
            let next = now + exponential(&functions[f].stream, mean: functions[f].on ? on : off)
            queue.schedule(.burstToggle(function: f), at: next)
            // An arrival pending from the on period is cancelled by the stale-state check in
            // `arrive`; a new on period starts its own arrivals.
            if functions[f].on { scheduleNextArrival(f) }
        }

        mutating func arrive(_ f: Int) {
            if case .bursty = spec(f).arrival, !functions[f].on { return }  // drawn before the period ended
            let id = invocations.count
            invocations.append(Invocation(function: f, arrival: now))
            result.invocations += 1
            result.functions[f].invocations += 1
            scheduleNextArrival(f)
            // First come, first served: while others wait, so does this one.
            if waitingHead < waiting.count || !dispatch(id) {
                waiting.append(id)
                result.queuedForCapacity += 1
            }
        }

        // MARK: Dispatch

        /// Serves invocation `id` by a warm sandbox, or starts a new one. False when no host has
        /// room even after evicting every idle sandbox.
        mutating func dispatch(_ id: Int) -> Bool {
            let f = invocations[id].function
            if let s = idleByFunction[f].popLast() {
                idleMB -= sandboxes[s].memoryMB
                sandboxes[s].generation += 1
                sandboxes[s].state = .busy
                sandboxes[s].invocation = id
                run(s)
                return true
            }
            let need = spec(f).memoryMB + profile.memoryOverheadMB.value
            guard need <= config.hostMemoryMB else { return false }
            while true {
                if let h = chooseHost(function: f, needMB: need) {
                    startSandbox(function: f, host: h, memoryMB: need, invocation: id)
                    return true
                }
                guard evictLongestIdle() else { return false }
            }
        }

        /// A host with room: one that already caches the function's image if any (locality),
        /// else the one with the most free memory; ties to the lowest index. O(hosts).
        func chooseHost(function f: Int, needMB: Double) -> Int? {
            var best: Int?
            var bestCached = false
            for h in 0..<config.hosts where hostFreeMB[h] >= needMB {
                let cached: Bool
                if case .cached = images[h][1 + f] { cached = true } else { cached = false }
                if let b = best {
                    if cached != bestCached { if cached { best = h; bestCached = true }; continue }
                    if hostFreeMB[h] > hostFreeMB[b] { best = h }
                } else {
                    best = h
                    bestCached = cached
                }
            }
            return best
        }

        /// Frees the sandbox idle the longest. O(functions). False when none is idle.
        mutating func evictLongestIdle() -> Bool {
            var victim: (sandbox: Int, function: Int, position: Int)?
            for f in idleByFunction.indices {
                guard let s = idleByFunction[f].first else { continue }   // oldest idle of f is first
                if victim == nil || sandboxes[s].idleSince < sandboxes[victim!.sandbox].idleSince {
                    victim = (s, f, 0)
                }
            }
            guard let v = victim else { return false }
            idleByFunction[v.function].remove(at: v.position)
            result.sandboxesEvicted += 1
            free(v.sandbox)
            return true
        }

        mutating func free(_ s: Int) {
            if sandboxes[s].state == .idle { idleMB -= sandboxes[s].memoryMB }
            sandboxes[s].state = .gone
            sandboxes[s].generation += 1
            hostFreeMB[sandboxes[s].host] += sandboxes[s].memoryMB
            liveMB -= sandboxes[s].memoryMB
            live -= 1
        }

        mutating func startSandbox(function f: Int, host h: Int, memoryMB: Double, invocation id: Int) {
            let s = sandboxes.count
            sandboxes.append(Sandbox(function: f, host: h, memoryMB: memoryMB, state: .fetching, pendingImages: 0, invocation: id))
            hostFreeMB[h] -= memoryMB
            liveMB += memoryMB
            live += 1
            result.peakSandboxes = max(result.peakSandboxes, live)
            invocations[id].cold = true
            result.coldStarts += 1
            result.functions[f].coldStarts += 1
            for (image, size) in [(0, profile.baseImageMB.value), (1 + f, spec(f).imageMB)] where size > 0 {
                switch images[h][image] {
                case .cached: continue
                case .fetching(var waiters):
                    waiters.append(s)
                    images[h][image] = .fetching(waiters)
                case .absent:
                    images[h][image] = .fetching([s])
                    let token = fetches.count
                    fetches.append((h, image))
                    result.imageFetchedMB += size
                    addTransfer(channel: 0, token: token, work: size)
                }
                sandboxes[s].pendingImages += 1
            }
            if sandboxes[s].pendingImages == 0 { beginBootRead(s) }
        }

        // MARK: Channels

        mutating func addTransfer(channel c: Int, token: Int, work: Double) {
            channels[c].advance(to: now)
            channels[c].add(token: token, work: work, now: now)
            reschedule(channel: c)
        }

        mutating func reschedule(channel c: Int) {
            channelVersion[c] += 1
            if let t = channels[c].nextCompletion() {
                queue.schedule(.channel(index: c, version: channelVersion[c]), at: max(t, now))
            }
        }

        mutating func channelEvent(_ c: Int) {
            channels[c].advance(to: now)
            let done = channels[c].takeFinished()
            reschedule(channel: c)
            for token in done {
                if c == 0 { fetched(token) } else { bootReadDone(token) }
            }
        }

        mutating func fetched(_ token: Int) {
            let (h, image) = fetches[token]
            guard case .fetching(let waiters) = images[h][image] else { return }
            images[h][image] = .cached
            for s in waiters {
                sandboxes[s].pendingImages -= 1
                if sandboxes[s].pendingImages == 0 { beginBootRead(s) }
            }
        }

        mutating func beginBootRead(_ s: Int) {
            sandboxes[s].state = .reading
            let f = sandboxes[s].function
            let read = profile.bootReadMB.value + spec(f).imageMB * config.applicationReadFraction
            if read > 0 {
                addTransfer(channel: 1 + sandboxes[s].host, token: s, work: read)
            } else {
                bootReadDone(s)
            }
        }

        mutating func bootReadDone(_ s: Int) {
            sandboxes[s].state = .starting
            let delay = profile.startSeconds.value + spec(sandboxes[s].function).initSeconds
            queue.schedule(.ready(sandbox: s), at: now + delay)
        }

        // MARK: Serving

        mutating func ready(_ s: Int) {
            let id = sandboxes[s].invocation
            result.coldStartDelaySeconds.append(now - invocations[id].arrival)
            sandboxes[s].state = .busy
            run(s)
        }

        mutating func run(_ s: Int) {
            queue.schedule(.finished(sandbox: s), at: now + spec(sandboxes[s].function).executionSeconds)
        }

        mutating func finish(_ s: Int) {
            let id = sandboxes[s].invocation
            let f = sandboxes[s].function
            let response = now - invocations[id].arrival
            result.responseSeconds.append(response)
            result.functions[f].responseSeconds.append(response)
            result.lastCompletion = now
            sandboxes[s].state = .idle
            sandboxes[s].idleSince = now
            idleMB += sandboxes[s].memoryMB
            idleByFunction[f].append(s)
            if config.keepAliveSeconds > 0 {
                queue.schedule(.expire(sandbox: s, generation: sandboxes[s].generation), at: now + config.keepAliveSeconds)
                drainWaiting()
            } else {
                drainWaiting()
                // Scale to zero at once: a sandbox nobody took is freed now.
                if sandboxes[s].state == .idle {
                    idleByFunction[f].removeAll { $0 == s }
                    free(s)
                    drainWaiting()
                }
            }
        }

        mutating func expire(_ s: Int, generation: Int) {
            guard sandboxes[s].state == .idle, sandboxes[s].generation == generation else { return }
            idleByFunction[sandboxes[s].function].removeAll { $0 == s }
            free(s)
            drainWaiting()
        }

        /// Serves waiting invocations in arrival order while possible. O(waiting served · hosts).
        mutating func drainWaiting() {
            while waitingHead < waiting.count {
                guard dispatch(waiting[waitingHead]) else { return }
                waitingHead += 1
            }
        }
    }
}

/// An exponential variate of mean `mean` by inversion. O(1).
func exponential(_ rng: inout Xoshiro256StarStar, mean: Double) -> Double {
    -mean * log(rng.nextOpenUnit())
}

extension ServerlessResult {
    /// The summary rows of a run: (metric, value, unit). Percentiles are type 7 (`Quantiles`);
    /// empty samples give 0. O(n log n).
    public func metrics(horizonSeconds: Double) -> [MetricValue] {
        func q(_ xs: [Double], _ p: Double) -> Double { xs.isEmpty ? 0 : Quantiles.type7(xs, p) }
        func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }
        let ms = 1000.0
        return [
            MetricValue(.invocations, Double(invocations)),
            MetricValue(.coldStarts, Double(coldStarts)),
            MetricValue(.coldStartPercent, invocations == 0 ? 0 : 100 * Double(coldStarts) / Double(invocations)),
            MetricValue(.responseMsMean, mean(responseSeconds) * ms),
            MetricValue(.responseMsP50, q(responseSeconds, 0.5) * ms),
            MetricValue(.responseMsP99, q(responseSeconds, 0.99) * ms),
            MetricValue(.coldStartDelayMsMean, mean(coldStartDelaySeconds) * ms),
            MetricValue(.coldStartDelayMsP99, q(coldStartDelaySeconds, 0.99) * ms),
            MetricValue(.queuedForCapacity, Double(queuedForCapacity)),
            MetricValue(.sandboxesEvicted, Double(sandboxesEvicted)),
            MetricValue(.sandboxesPeak, Double(peakSandboxes)),
            MetricValue(.sandboxMemoryGBMean, memoryMBSeconds / horizonSeconds / 1024),
            MetricValue(.idleMemoryGBHours, idleMemoryMBSeconds / 1024 / 3600),
            MetricValue(.imageFetchedGB, imageFetchedMB / 1024),
        ]
    }
}

/// A boot storm: `size` sandboxes of distinct applications started at the same instant on the
/// platform of `config` (empty caches), each finished as soon as it is ready.
public enum BootStorm {
    /// Request → ready (application initialized) of each start, seconds, in the order they became
    /// ready. O(size · (hosts + size)).
    public static func readySeconds(config: ServerlessConfig, variant: SandboxVariant, size: Int,
                                    application: FunctionSpec, seed: UInt64) -> [Double] {
        var c = config
        var app = application
        app.count = size
        app.arrival = .atStart
        app.executionSeconds = 0
        c.functions = [app]
        c.horizonSeconds = max(c.horizonSeconds, 1)
        return ServerlessSimulation(config: c, variant: variant, seed: seed).run().coldStartDelaySeconds
    }
}
