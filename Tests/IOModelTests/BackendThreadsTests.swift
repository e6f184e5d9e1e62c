import Testing
import IOModel
import VirtModel

/// Back-end thread pools as FIFO stations: saturation, scaling to the device, wake-ups.
@Suite("Back-end thread pools")
struct BackendThreadsTests {
    static let hardware = "xeon-sandybridge-2012"

    /// 4 KiB random reads, `depth` in flight, on enough vCPUs that the guest is never the limit.
    /// The warm-up covers the start, when every request queues for the back-end at once.
    static func run(_ pools: [BackendThreadPool], path: String = "para-user-backend", depth: Int = 256,
                    guestCPUs: Int = 16, seed: UInt64 = 3) -> IOResultRow {
        var spec = IOExperimentSpec(hardware: hardware, kinds: ["native"], blockSizeBytes: 4096, readFraction: 1,
                                    queueDepth: depth, guestCPUs: guestCPUs,
                                    warmupSeconds: 0.03, durationSeconds: 0.2, seed: seed)
        spec.backends = [IOBackend(name: "b", path: path, pools: pools)]
        #expect(spec.validate().isEmpty)
        return IOExperiment.run(spec).rows.first { $0.variant == "b" }!
    }

    /// The path's own host CPU per 4 KiB read, µs.
    static func hostMicros(path: IOPath) -> Double {
        IORoute(path: path).cost(IORequestShape(device: .storage, direction: .read, bytes: 4096),
                                 on: HardwareProfile.named(hardware)!).hostTotal
    }

    @Test("one thread saturates at 1 / its CPU per request", arguments: [5.0, 20.0, 60.0])
    func singleThreadSaturates(ownMicros: Double) {
        // 16 in flight saturate the thread; deeper queues move in convoys (a burst of submissions,
        // then one of completions) that make a short window's count depend on its phase.
        let row = Self.run([BackendThreadPool(kind: .iothread, threads: 1, cpuMicrosPerRequest: ownMicros)], depth: 16)
        let perRequest = Self.hostMicros(path: .paraUserBackend) + ownMicros
        #expect(abs(row.requestsPerSecond * perRequest * 1e-6 - 1) < 0.01, "\(row.requestsPerSecond) req/s at \(perRequest) µs")
        #expect(row.pools[0].utilization > 0.99)
        #expect(row.deviceUtilization < 0.9, "the device is not the limit")
    }

    @Test("N threads scale until the device is the limit")
    func threadsScaleToDevice() {
        let own = 40.0
        // No polling: idle threads' CPU stays at 0 (the polling test is below).
        let rate = [1, 2, 4, 8, 32, 64].map { n in (n, Self.run([BackendThreadPool(kind: .iothread, threads: n, cpuMicrosPerRequest: own, pollMicros: 0)])) }
        let perRequest = Self.hostMicros(path: .paraUserBackend) + own
        for (n, row) in rate where n <= 8 {
            // Thread-bound: N / CPU per request.
            #expect(abs(row.requestsPerSecond * perRequest * 1e-6 / Double(n) - 1) < 0.02, "\(n) threads: \(row.requestsPerSecond)")
        }
        // 32 and 64 threads could serve 0.7 and 1.4 M requests/s; the SSD's 32 slots of ~80 µs cannot.
        let (_, r32) = rate[4], (_, r64) = rate[5]
        #expect(r64.deviceUtilization > 0.97 && r32.deviceUtilization > 0.97)
        #expect(abs(r64.requestsPerSecond / r32.requestsPerSecond - 1) < 0.02)
        #expect(r64.pools[0].utilization < 0.5, "threads wait for the device")
    }

    @Test("a blocking pool holds a thread per request at the device: N workers carry N requests at a time")
    func blockingPoolCapsDeviceConcurrency() {
        let pools = { (n: Int) in [BackendThreadPool(kind: .iothread), BackendThreadPool(kind: .aioPool, threads: n)] }
        let one = Self.run(pools(1)), four = Self.run(pools(4)), many = Self.run(pools(64))
        // One worker: each request's whole stay in the worker (stack submit + device + wake-up when
        // the system call returns + stack completion); a queued request starts with no wake-up.
        let device = 80e-6   // the SSD's mean random-read positioning (uniform ±30 %), plus the 4 KiB transfer
        let transfer = 4096 / 2800e6
        let p = HardwareProfile.named(Self.hardware)!
        let stack = (p.diskSubmitMicros.value + p.diskCompletionMicros.value + p.wakeups.idleCoreExitMicros.value) * 1e-6
        #expect(abs(one.requestsPerSecond * (device + transfer + stack) - 1) < 0.01, "\(one.requestsPerSecond)")
        #expect(four.requestsPerSecond > 3.8 * one.requestsPerSecond)
        // The stack work left the event loop: it now costs less per request than the whole path,
        // and with 64 workers the one event loop, not the workers or the SSD, is the limit.
        let loopMicros = many.pools[0].busyCores / many.requestsPerSecond * 1e6
        #expect(abs(loopMicros - (Self.hostMicros(path: .paraUserBackend) - p.diskSubmitMicros.value - p.diskCompletionMicros.value)) < 0.05)
        #expect(many.pools[0].utilization > 0.99 && many.pools[1].utilization < 0.2 && many.deviceUtilization < 0.8)
    }

    @Test("a wake-up adds latency, not CPU", arguments: [BackendThreadPool.Kind.iothread, .vhostWorker])
    func wakeupIsLatency(kind: BackendThreadPool.Kind) {
        let path = kind == .vhostWorker ? "para-kernel-backend" : "para-user-backend"
        let quiet = Self.run([BackendThreadPool(kind: kind, wakeupMicros: 0, pollMicros: 0)], path: path, depth: 1, guestCPUs: 1)
        let sleepy = Self.run([BackendThreadPool(kind: kind, wakeupMicros: 50, pollMicros: 0)], path: path, depth: 1, guestCPUs: 1)
        // One request in flight: the thread is idle at both of the request's steps. (The window then
        // holds fewer requests, so the SSD's random access times average slightly differently.)
        #expect(abs(sleepy.meanLatencyMicros - quiet.meanLatencyMicros - 100) < 2, "\(quiet.meanLatencyMicros) → \(sleepy.meanLatencyMicros)")
        #expect(sleepy.totalCPUMicrosPerRequest == quiet.totalCPUMicrosPerRequest)
        #expect(abs(sleepy.measuredPathCPUMicrosPerRequest - quiet.measuredPathCPUMicrosPerRequest) < 0.05)
        let busyPerRequest = { (r: IOResultRow) in r.pools[0].busyCores / r.requestsPerSecond }
        #expect(abs(busyPerRequest(sleepy) / busyPerRequest(quiet) - 1) < 0.005, "window edges only")
    }

    @Test("a blocking worker wakes twice: to take the request and when its system call returns")
    func blockingWorkerWakeups() {
        let pools = { (w: Double) in [BackendThreadPool(kind: .mainLoop, wakeupMicros: 0), BackendThreadPool(kind: .aioPool, threads: 4, wakeupMicros: w)] }
        let a = Self.run(pools(0), depth: 1, guestCPUs: 1), b = Self.run(pools(30), depth: 1, guestCPUs: 1)
        #expect(abs(b.meanLatencyMicros - a.meanLatencyMicros - 60) < 2)
        #expect(abs(b.measuredPathCPUMicrosPerRequest - a.measuredPathCPUMicrosPerRequest) < 0.05)
    }

    @Test("adaptive polling: idle gaps longer than the maximum leave it off; shorter ones are polled through, CPU for latency")
    func polling() {
        func pair(compute: Double, poll: Double?) -> (IOResultRow, IOResultRow) {
            var spec = IOExperimentSpec(hardware: Self.hardware, kinds: ["native"], blockSizeBytes: 4096, readFraction: 1,
                                        queueDepth: 1, computeMicrosPerRequest: compute, warmupSeconds: 0.02, durationSeconds: 0.1, seed: 2)
            spec.backends = [IOBackend(name: "loop", path: "para-user-backend", pools: [BackendThreadPool(kind: .mainLoop)]),
                             IOBackend(name: "iothread", path: "para-user-backend", pools: [BackendThreadPool(kind: .iothread, pollMicros: poll)])]
            let rows = IOExperiment.run(spec).rows
            return (rows[1], rows[2])
        }
        // 100 µs of compute and an 80 µs SSD: every idle gap exceeds QEMU's 32.768 µs, polling stays off.
        let (loopA, ioA) = pair(compute: 100, poll: nil)
        #expect(loopA.requests == ioA.requests && loopA.meanLatencyMicros == ioA.meanLatencyMicros)
        #expect(loopA.pools[0].busyCores == ioA.pools[0].busyCores)
        // A 200 µs maximum covers every gap: no wake-up (2 µs idle exit, twice per request), and the
        // thread is on the CPU the whole time.
        let (loopB, ioB) = pair(compute: 0, poll: 200)
        let saved = loopB.meanLatencyMicros - ioB.meanLatencyMicros
        #expect(saved > 3 && saved < 5, "\(saved) µs")
        #expect(ioB.pools[0].utilization > 0.98 && loopB.pools[0].utilization < 0.2)
        #expect(ioB.totalCPUMicrosPerRequest == loopB.totalCPUMicrosPerRequest, "the path's own work is unchanged")
    }

    @Test("per-queue workers: one queue per vCPU, thread q mod N serves queue q")
    func perQueueWorkers() {
        let vhost = { (n: Int, cpus: Int) in
            Self.run([BackendThreadPool(kind: .vhostWorker, threads: n, perQueue: true, cpuMicrosPerRequest: 30)],
                     path: "para-kernel-backend", depth: 64, guestCPUs: cpus)
        }
        let one = vhost(1, 4), four = vhost(4, 4), fourOneQueue = vhost(4, 1)
        #expect(four.requestsPerSecond > 3.5 * one.requestsPerSecond)
        // A single queue reaches a single worker, however many there are.
        #expect(abs(fourOneQueue.requestsPerSecond / one.requestsPerSecond - 1) < 0.05)
        #expect(fourOneQueue.pools[0].utilization < 0.3)
    }

    @Test("one pool of hostCores threads doing the path's host work is today's back-end, exactly", arguments: [1, 2])
    func singlePoolIsTheDefault(hostCores: Int) {
        var spec = IOExperimentSpec(hardware: Self.hardware, kinds: ["para", "full"], blockSizeBytes: 4096, readFraction: 0.7,
                                    queueDepth: 16, hostCores: hostCores, warmupSeconds: 0.002, durationSeconds: 0.02, seed: 5)
        spec.backends = [IOBackend(name: "vhost", path: "para-kernel-backend", pools: [BackendThreadPool(kind: .vhostWorker, threads: hostCores)]),
                         IOBackend(name: "qemu", path: "emulated", pools: [BackendThreadPool(kind: .mainLoop, threads: hostCores)])]
        let rows = IOExperiment.run(spec).rows
        for (kind, backend) in [("para", "vhost"), ("full", "qemu")] {
            let a = rows.first { $0.variant == kind }!, b = rows.first { $0.variant == backend }!
            #expect(a.requests == b.requests && a.meanLatencyMicros == b.meanLatencyMicros && a.p99LatencyMicros == b.p99LatencyMicros)
            #expect(a.hostCPUUtilization == b.hostCPUUtilization && a.path == b.path)
        }
    }

    @Test("same spec and seed, same results")
    func deterministic() {
        let pools = [BackendThreadPool(kind: .iothread, cpuMicrosPerRequest: 2, wakeupMicros: 3),
                     BackendThreadPool(kind: .aioPool, threads: 8, cpuMicrosPerRequest: 1, wakeupMicros: 3)]
        let a = Self.run(pools, depth: 32, guestCPUs: 2), b = Self.run(pools, depth: 32, guestCPUs: 2)
        #expect(a.requests == b.requests && a.meanLatencyMicros == b.meanLatencyMicros && a.p99LatencyMicros == b.p99LatencyMicros)
        #expect(a.pools.map(\.busyCores) == b.pools.map(\.busyCores))
    }

    @Test("bad back-ends are reported with their property paths")
    func validation() {
        var spec = IOExperimentSpec()
        spec.backends = [
            IOBackend(name: "para", path: "native", pools: [BackendThreadPool(kind: .aioPool, threads: 0, perQueue: true), BackendThreadPool(kind: .iothread)]),
            IOBackend(name: "x", path: "para-user-backend", pools: []),
            IOBackend(name: "x", path: "para-user-backend", pools: [BackendThreadPool(kind: .iothread, cpuMicrosPerRequest: -1, wakeupMicros: 2e6)]),
        ]
        let problems = Set(spec.validate().map(\.property))
        for p in ["backends[0].name", "backends[0].path", "backends[0].pools[0].threads", "backends[0].pools[0].kind",
                  "backends[0].pools[0].perQueue", "backends[1].pools", "backends[2].name",
                  "backends[2].pools[0].cpuMicrosPerRequest", "backends[2].pools[0].wakeupMicros"] {
            #expect(problems.contains(p), "\(p) missing from \(problems.sorted())")
        }
    }
}
