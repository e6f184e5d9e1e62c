import VirtModel

/// One pool of back-end threads: a FIFO service station of the request-level model.
///
/// A request queues for a free thread of the pool; a thread that was idle first wakes up
/// (`wakeupMicros`: latency, no CPU), then does its CPU work for the request. Pools are listed
/// from the guest side to the device: a request visits each pool's submission step in order,
/// then the device, then each pool's completion step in reverse order.
public struct BackendThreadPool: Sendable, Hashable {
    /// What the threads are; the kind fixes how the pool meets the device.
    public enum Kind: String, CaseIterable, Sendable, Hashable {
        /// QEMU's main-loop thread: an event loop (ioeventfd / eventfd handlers, AIO completions).
        case mainLoop = "main-loop"
        /// A QEMU IOThread (`-object iothread`): an event loop of its own for the devices bound to it.
        case iothread
        /// QEMU's thread pool for blocking I/O (`aio=threads`, util/thread-pool.c): a worker
        /// makes the blocking `preadv`/`pwritev` system call and sleeps in it until the device is
        /// done, so the pool's thread count caps the requests at the device.
        case aioPool = "aio-pool"
        /// A host-kernel vhost worker thread (drivers/vhost/vhost.c): services a virtqueue's
        /// kicks in kernel context and submits to the host's stack without blocking.
        case vhostWorker = "vhost-worker"

        /// True when a thread stays with its request for the whole device access.
        public var blocksOnDevice: Bool { self == .aioPool }

        /// How long an idle thread of this kind busy-polls before it sleeps, at most, µs: QEMU's
        /// IOThreads poll up to `poll-max-ns` = 32768 ns by default (include/system/iothread.h,
        /// IOTHREAD_POLL_MAX_NS_DEFAULT, "benchmark results from 2016 on NVMe SSD drives show max
        /// polling times around 16-32 microseconds yield IOPS improvements"); the main loop's
        /// context does not poll (util/async.c aio_context_new: poll_max_ns = 0); thread-pool
        /// workers sleep on a condition variable; vhost workers poll only when
        /// VHOST_SET_VRING_BUSYLOOP_TIMEOUT is set (default 0).
        public var defaultPollMicros: Double { self == .iothread ? 32.768 : 0 }

        public static var names: [String] { allCases.map(\.rawValue) }
    }

    public var kind: Kind
    /// Threads in the pool, ≥ 1.
    public var threads: Int
    /// Each thread serves its own queues (multi-queue virtio, one queue per vCPU: queue q is served
    /// by thread q mod `threads`); false: one shared FIFO queue, served by whichever thread frees
    /// first.
    public var perQueue: Bool
    /// The pool's own CPU per request beyond its share of the path's host work (hand-offs between
    /// threads: a semaphore post, a bottom half, an eventfd write), µs, charged at its submission step.
    public var cpuMicrosPerRequest: Double
    /// Latency before an idle thread of the pool starts a request (idle core exit and the thread's
    /// scheduling), µs; nil: the path's own host wake-up (`IORequestCost.hostWakeMicros`).
    public var wakeupMicros: Double?
    /// Adaptive polling (QEMU's AioContext): the most an idle thread busy-polls before it sleeps,
    /// µs; nil: the kind's default (`Kind.defaultPollMicros`). A request that arrives while the
    /// thread polls starts at once (no wake-up) and the polling is CPU; one that arrives later
    /// pays the wake-up after the thread polled its whole window. The window adapts per thread as
    /// util/aio-posix.c adjust_polling_time does: it starts at 4 µs and doubles while idle periods
    /// are shorter than the maximum, and drops to 0 after one longer than the maximum.
    public var pollMicros: Double?

    public init(kind: Kind, threads: Int = 1, perQueue: Bool = false, cpuMicrosPerRequest: Double = 0, wakeupMicros: Double? = nil,
                pollMicros: Double? = nil) {
        self.kind = kind
        self.threads = threads
        self.perQueue = perQueue
        self.cpuMicrosPerRequest = cpuMicrosPerRequest
        self.wakeupMicros = wakeupMicros
        self.pollMicros = pollMicros
    }

    /// The polling maximum in force, µs.
    public var effectivePollMicros: Double { pollMicros ?? kind.defaultPollMicros }
}

/// A VM path's back-end stated as thread pools: one more variant of an I/O experiment, named
/// `name`, run on `path` with its host work split over `pools`.
///
/// Which pool does which part of the path's host work (one rule, `BackendThreads.steps`):
/// a blocking pool (`aio-pool`, last in the list) makes the host I/O stack's system call (the
/// path's `hostStack` work) and holds its thread over the device access; the first pool does
/// the rest of the path's host work (notifications, back-end processing, copies, interrupt
/// injection), and the host stack too when no pool blocks (Linux AIO / io_uring submitted from
/// the event loop, vhost's direct submission). Every pool adds its own `cpuMicrosPerRequest`.
public struct IOBackend: Sendable, Hashable {
    /// Variant name in the reports (unique, not a guest kind name).
    public var name: String
    /// `IOPath` raw value: "para-user-backend", "para-kernel-backend" or "emulated".
    public var path: String
    public var pools: [BackendThreadPool]

    public init(name: String, path: String, pools: [BackendThreadPool]) {
        self.name = name
        self.path = path
        self.pools = pools
    }

    /// Paths whose host work runs on host threads of their own.
    public static let paths: [IOPath] = [.paraUserBackend, .paraKernelBackend, .emulated]
    /// Most pools in one back-end, threads in one pool, back-ends in one study.
    public static let maxPools = 8
    public static let maxThreads = 4096
    public static let maxBackends = 16

    /// The guest kind that runs this back-end's path.
    var kind: GuestKind { IOPath(rawValue: path) == .emulated ? .full : .para }

    /// Every problem, as (property below this back-end, message). O(pools).
    func problems() -> [(property: String, message: String)] {
        var out: [(String, String)] = []
        if name.isEmpty { out.append(("name", "must not be empty")) }
        if GuestKind(rawValue: name) != nil { out.append(("name", "'\(name)' is a guest kind's name; a back-end variant needs a name of its own")) }
        if let p = IOPath(rawValue: path) {
            if !IOBackend.paths.contains(p) {
                out.append(("path", "'\(path)' has no back-end threads of its own; expected one of \(IOBackend.paths.map(\.rawValue).joined(separator: ", "))"))
            }
        } else {
            out.append(("path", "unknown I/O path '\(path)'; expected one of \(IOBackend.paths.map(\.rawValue).joined(separator: ", "))"))
        }
        if pools.isEmpty { out.append(("pools", "at least one thread pool is needed")) }
        if pools.count > IOBackend.maxPools { out.append(("pools", "at most \(IOBackend.maxPools) pools")) }
        for (i, pool) in pools.enumerated() {
            if !(1...IOBackend.maxThreads).contains(pool.threads) { out.append(("pools[\(i)].threads", "must be in 1...\(IOBackend.maxThreads)")) }
            if !(pool.cpuMicrosPerRequest >= 0 && pool.cpuMicrosPerRequest <= 1e6) {
                out.append(("pools[\(i)].cpuMicrosPerRequest", "must be in [0, 1000000] µs"))
            }
            if let w = pool.wakeupMicros, !(w >= 0 && w <= 1e6) { out.append(("pools[\(i)].wakeupMicros", "must be in [0, 1000000] µs")) }
            if let q = pool.pollMicros, !(q >= 0 && q <= 1e6) { out.append(("pools[\(i)].pollMicros", "must be in [0, 1000000] µs")) }
            if pool.kind.blocksOnDevice {
                if i != pools.count - 1 {
                    out.append(("pools[\(i)].kind", "an aio-pool makes the blocking system call to the device: it must be the last pool"))
                }
                if pool.perQueue { out.append(("pools[\(i)].perQueue", "an aio-pool's workers take requests from one shared queue")) }
                if (pool.pollMicros ?? 0) > 0 { out.append(("pools[\(i)].pollMicros", "an aio-pool's workers sleep in their system call; they do not poll")) }
            }
        }
        return out.map { (property: $0.0, message: $0.1) }
    }
}

/// The back-end thread pools of one variant resolved for the pipeline: which pool does what for
/// every request class. Built once per run; the hot loop reads flat arrays.
struct BackendThreads {
    /// One station per pool, in the order a request meets them on its way to the device.
    struct Station: Sendable {
        var threads: Int
        var perQueue: Bool
        /// Holds its thread from its submission step through the device to its completion step.
        var blocking: Bool
        /// Most an idle thread polls before it sleeps, seconds (0: it sleeps at once).
        var pollMax: Double = 0
    }
    var stations: [Station]
    /// CPU seconds of each class's submission and completion step at each station, and the wake-up
    /// latency of an idle thread there; index `class × stations + station`.
    var submit: [Double]
    var complete: [Double]
    var wake: [Double]
    /// The pools' own CPU per request of each class, µs (reported as `backend` work).
    var ownMicros: [Double]

    /// `pools` doing the host work of `costs` (one per class, µs). O(classes × pools).
    static func steps(pools: [BackendThreadPool], costs: [IORequestCost]) -> BackendThreads {
        let n = pools.count
        let blocking = pools.last!.kind.blocksOnDevice ? n - 1 : -1
        var b = BackendThreads(stations: pools.map { Station(threads: $0.threads, perQueue: $0.perQueue, blocking: $0.kind.blocksOnDevice,
                                                             pollMax: $0.effectivePollMicros * 1e-6) },
                               submit: [], complete: [], wake: [], ownMicros: [])
        for c in costs {
            // The host stack's share moves to the blocking pool; everything else stays with the first.
            let stackSubmit = blocking >= 0 ? c.hostStackSubmit : 0
            let stackComplete = blocking >= 0 ? c.hostStackComplete : 0
            for (j, pool) in pools.enumerated() {
                var s = pool.cpuMicrosPerRequest, e = 0.0
                if j == 0 { s += c.hostSubmit - stackSubmit; e += c.hostComplete - stackComplete }
                if j == blocking { s += stackSubmit; e += stackComplete }
                b.submit.append(s * 1e-6)
                b.complete.append(e * 1e-6)
                b.wake.append((pool.wakeupMicros ?? c.hostWakeMicros) * 1e-6)
            }
            b.ownMicros.append(pools.reduce(0) { $0 + $1.cpuMicrosPerRequest })
        }
        return b
    }

    var totalThreads: Int { stations.reduce(0) { $0 + $1.threads } }
}
