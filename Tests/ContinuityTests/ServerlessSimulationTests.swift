import Testing
import VirtModel
@testable import Continuity

/// The serverless platform: cold starts, keep-alive, boot storms, capacity.
@Suite("Serverless simulation")
struct ServerlessSimulationTests {
    static let cost = CostModel(profile: HardwareProfile.catalogue[0])

    static func variant(_ kind: StartupKind) -> SandboxVariant {
        SandboxVariant(name: kind.rawValue, profile: StartupCatalogue.profile(kind, cost: cost))
    }

    static func app(_ arrival: FunctionSpec.Arrival, count: Int = 1, imageMB: Double = 50, memoryMB: Double = 128) -> FunctionSpec {
        FunctionSpec(name: "f", count: count, arrival: arrival, executionSeconds: 0.1, memoryMB: memoryMB,
                     imageMB: imageMB, initSeconds: 0.2)
    }

    static func platform(hosts: Int = 4, memoryMB: Double = 16_384, keepAlive: Double = 600, horizon: Double = 3600,
                         functions: [FunctionSpec]) -> ServerlessConfig {
        ServerlessConfig(hosts: hosts, hostMemoryMB: memoryMB, hostDiskMBps: 200, imageLinkMBps: 125,
                         horizonSeconds: horizon, keepAliveSeconds: keepAlive, applicationReadFraction: 0.064,
                         functions: functions)
    }

    @Test("a lone start takes the profile's uncontended time plus the application's init", arguments: StartupKind.allCases)
    func loneStart(kind: StartupKind) {
        let v = Self.variant(kind)
        let config = Self.platform(functions: [Self.app(.atStart)])
        let result = ServerlessSimulation(config: config, variant: v, seed: 1).run()
        let expected = v.profile.uncontendedReadySeconds(applicationImageMB: 50, applicationReadMB: 50 * 0.064,
                                                         linkMBps: 125, diskMBps: 200) + 0.2
        #expect(result.coldStarts == 1)
        #expect(abs(result.coldStartDelaySeconds[0] - expected) < 1e-9)
        #expect(abs(result.responseSeconds[0] - expected - 0.1) < 1e-9)
    }

    @Test("a storm on one host: N starts share the link and the disk and become ready together", arguments: [1, 5, 40])
    func stormSharesLinkAndDisk(size: Int) {
        let v = Self.variant(.container)     // no base image: only the N application images
        let config = Self.platform(hosts: 1, functions: [])
        let ready = BootStorm.readySeconds(config: config, variant: v, size: size, application: Self.app(.atStart), seed: 1)
        let n = Double(size)
        let expected = n * 50 / 125 + n * 50 * 0.064 / 200 + v.profile.startSeconds.value + 0.2
        #expect(ready.count == size)
        for r in ready { #expect(abs(r - expected) < 1e-6) }
    }

    @Test("a bigger storm is never faster, for every kind", arguments: StartupKind.allCases)
    func stormMonotone(kind: StartupKind) {
        let config = Self.platform(functions: [])
        var last = 0.0
        for size in [1, 4, 16, 64] {
            let ready = BootStorm.readySeconds(config: config, variant: Self.variant(kind), size: size, application: Self.app(.atStart), seed: 1)
            let worst = ready.max()!
            #expect(worst >= last - 1e-9)
            last = worst
        }
    }

    @Test("without keep-alive every invocation is cold; with a long one only the first few are")
    func keepAlive() {
        let f = Self.app(.poisson(ratePerSecond: 0.5))
        let none = ServerlessSimulation(config: Self.platform(keepAlive: 0, functions: [f]), variant: Self.variant(.microVM), seed: 3).run()
        let long = ServerlessSimulation(config: Self.platform(keepAlive: 3600, functions: [f]), variant: Self.variant(.microVM), seed: 3).run()
        #expect(none.invocations == long.invocations)
        #expect(none.coldStarts == none.invocations)
        #expect(long.coldStarts <= long.peakSandboxes)
        #expect(long.coldStarts < none.coldStarts / 10)
        #expect(long.idleMemoryMBSeconds > none.idleMemoryMBSeconds)
    }

    @Test("longer keep-alive: never more cold starts", arguments: [StartupKind.container, .microVM, .full])
    func keepAliveMonotone(kind: StartupKind) {
        let fs = [Self.app(.poisson(ratePerSecond: 1.0 / 300), count: 20),
                  Self.app(.bursty(ratePerSecond: 0.05, onSeconds: 60, offSeconds: 900), count: 5)]
        var last = Int.max
        for keep in [0.0, 60, 300, 1200] {
            let r = ServerlessSimulation(config: Self.platform(keepAlive: keep, horizon: 4 * 3600, functions: fs), variant: Self.variant(kind), seed: 7).run()
            #expect(r.coldStarts <= last)
            last = r.coldStarts
        }
    }

    @Test("every invocation completes, and sandboxes never exceed the platform's memory")
    func conservationAndCapacity() {
        // A small platform under a burst: sandboxes are evicted and invocations wait.
        let f = Self.app(.bursty(ratePerSecond: 0.2, onSeconds: 30, offSeconds: 300), count: 30, memoryMB: 512)
        let config = Self.platform(hosts: 2, memoryMB: 4096, keepAlive: 600, horizon: 2 * 3600, functions: [f])
        let v = Self.variant(.full)
        let r = ServerlessSimulation(config: config, variant: v, seed: 11).run()
        #expect(r.responseSeconds.count == r.invocations)
        #expect(r.coldStartDelaySeconds.count == r.coldStarts)
        let perSandbox = 512 + v.profile.memoryOverheadMB.value
        #expect(Double(r.peakSandboxes) * perSandbox <= 2 * 4096 + 1e-9)
        #expect(r.queuedForCapacity > 0)
        #expect(r.sandboxesEvicted > 0)
        #expect(r.functions.map(\.invocations).reduce(0, +) == r.invocations)
    }

    @Test("the same seed gives the same run; another seed another run")
    func deterministic() {
        let fs = [Self.app(.bursty(ratePerSecond: 0.1, onSeconds: 60, offSeconds: 600), count: 10)]
        let config = Self.platform(functions: fs)
        let a = ServerlessSimulation(config: config, variant: Self.variant(.container), seed: 5).run()
        let b = ServerlessSimulation(config: config, variant: Self.variant(.container), seed: 5).run()
        let c = ServerlessSimulation(config: config, variant: Self.variant(.container), seed: 6).run()
        #expect(a.responseSeconds == b.responseSeconds)
        #expect(a.coldStarts == b.coldStarts)
        #expect(a.responseSeconds != c.responseSeconds)
    }

    @Test("arrival streams keep their long-run mean rate", arguments: [
        FunctionSpec.Arrival.poisson(ratePerSecond: 0.2), .bursty(ratePerSecond: 0.2, onSeconds: 120, offSeconds: 600)])
    func arrivalRate(arrival: FunctionSpec.Arrival) {
        let config = Self.platform(horizon: 48 * 3600, functions: [Self.app(arrival, count: 4)])
        let r = ServerlessSimulation(config: config, variant: Self.variant(.native), seed: 2).run()
        let expected = 0.2 * 48 * 3600 * 4
        #expect(abs(Double(r.invocations) - expected) / expected < 0.1)
    }

    @Test("every catalogue number has a source, and the micro-VM's are Firecracker's")
    func catalogueSources() {
        for kind in StartupKind.allCases {
            let p = StartupCatalogue.profile(kind, cost: Self.cost)
            for c in [p.baseImageMB, p.bootReadMB, p.startSeconds, p.memoryOverheadMB] { #expect(!c.source.isEmpty) }
        }
        let m = StartupCatalogue.profile(.microVM, cost: Self.cost)
        #expect(m.startSeconds.value <= 0.125 + 0.060)
        #expect(m.memoryOverheadMB.value <= 5 * 1.048576)
        #expect(!m.startSeconds.isAssumption)
    }
}
