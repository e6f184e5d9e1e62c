import Testing
import VirtModel
@testable import Continuity

/// Failures, HA restarts, admission control and maintenance of the availability study.
@Suite("Availability simulation")
struct AvailabilitySimulationTests {
    static let power = SpecPowerModel.hpProLiantML110G5
    static let type = AvailabilityHostType(name: "t", cores: 2, ramMB: 4096, bandwidthMbps: 1000, power: power)
    static let bootSeconds = 22.0

    static func guest(kind: StartupKind = .full, vcpus: Int = 1, memoryMB: Double = 1024, priority: Int = 2, dirty: Double = 0) -> AvailabilityGuest {
        AvailabilityGuest(group: 0, kind: kind, vcpus: vcpus, memoryMB: memoryMB, utilization: 0.5, priority: priority,
                          bootSeconds: bootSeconds, dirtyRateMBps: dirty, writableWorkingSetMB: memoryMB * 0.1)
    }

    static func cluster(hosts: [FailureProcess], racks: [String]? = nil, guests: [AvailabilityGuest], horizonHours: Double = 100,
                        domains: [DomainFailures] = [], maintenance: MaintenanceSchedule? = nil, detection: Double = 15) -> AvailabilityConfig {
        let pool = hosts.enumerated().map { AvailabilityHost(type: 0, rack: racks?[$0.offset] ?? "r", powerDomain: "p", failures: $0.element) }
        return AvailabilityConfig(horizonSeconds: horizonHours * 3600, detectionSeconds: detection, hostTypes: [type], hosts: pool,
                                  domainFailures: domains, guests: guests, maintenance: maintenance)
    }

    static func variant(_ admission: AdmissionPolicy = .none, sizing: AvailabilityVariant.Sizing = .all,
                        maintenance: MaintenanceMode = .rolling) -> AvailabilityVariant {
        AvailabilityVariant(name: "v", admission: admission, sizing: sizing, maintenance: maintenance)
    }

    static func failOnce(at hours: Double, repair: Double) -> FailureProcess {
        .trace([TraceFailure(atSeconds: hours * 3600, repairSeconds: repair * 3600)])
    }

    @Test("A failed host's guests restart on a host with room after detection + boot: downtime and availability by hand")
    func restartWithRoom() {
        // Host 0 holds both guests (best fit); host 1 is empty and takes them after the failure.
        let config = Self.cluster(hosts: [Self.failOnce(at: 10, repair: 2), .none], guests: [Self.guest(), Self.guest()])
        let r = AvailabilitySimulation(config: config, variant: Self.variant(), seed: 1).run()
        #expect(r.incidents.count == 1)
        #expect(r.incidents[0].guests == 2 && r.incidents[0].restarted == 2 && r.incidents[0].lost == 0 && r.incidents[0].waited == 0)
        for g in 0..<2 { #expect(abs(r.downtimeSeconds[g] - (15 + Self.bootSeconds)) < 1e-6) }
        let a = r.availability(horizonSeconds: config.horizonSeconds)
        #expect(abs(a[0]! - (1 - (15 + Self.bootSeconds) / (100 * 3600))) < 1e-12)
        #expect(r.restarts.map(\.seconds) == [15 + Self.bootSeconds, 15 + Self.bootSeconds])
    }

    @Test("With no room the guests wait, down, until the repair, then boot: downtime = repair + boot")
    func waitForRepair() {
        // Two hosts, each full (two 1-vCPU guests on 2 cores): the failed host's guests wait.
        let guests = (0..<4).map { _ in Self.guest(memoryMB: 1500) }
        let config = Self.cluster(hosts: [Self.failOnce(at: 10, repair: 2), .none], guests: guests)
        let r = AvailabilitySimulation(config: config, variant: Self.variant(), seed: 1).run()
        let i = r.incidents[0]
        #expect(i.guests == 2 && i.waited == 2 && i.restarted == 2 && i.lost == 0)
        let down = r.downtimeSeconds.filter { $0 > 0 }
        #expect(down.count == 2)
        for d in down { #expect(abs(d - (2 * 3600 + Self.bootSeconds)) < 1e-6) }
    }

    @Test("A guest still down at the horizon counts as lost")
    func lostAtHorizon() {
        let guests = (0..<4).map { _ in Self.guest(memoryMB: 1500) }
        let config = Self.cluster(hosts: [Self.failOnce(at: 99, repair: 10), .none], guests: guests)
        let r = AvailabilitySimulation(config: config, variant: Self.variant(), seed: 1).run()
        #expect(r.incidents[0].lost == 2 && r.incidents[0].restarted == 0)
        #expect(r.metrics(horizonSeconds: config.horizonSeconds).first { $0.name == "guests_lost" }?.value == 2)
        for d in r.downtimeSeconds.filter({ $0 > 0 }) { #expect(abs(d - 3600) < 1e-6) }
    }

    @Test("Higher restart priority restarts first when room is short")
    func priorities() {
        // Best fit decreasing by priority puts guest 1 (highest) and guest 2 on host 0, guest 0 on
        // host 1, which keeps room for one more: guest 1 takes it, guest 2 waits for the repair.
        let guests = [Self.guest(memoryMB: 1500, priority: 0), Self.guest(memoryMB: 1500, priority: 4), Self.guest(memoryMB: 1500)]
        let config = Self.cluster(hosts: [Self.failOnce(at: 10, repair: 5), .none], guests: guests)
        let r = AvailabilitySimulation(config: config, variant: Self.variant(), seed: 1).run()
        let restartedFast = r.downtimeSeconds.indices.filter { abs(r.downtimeSeconds[$0] - (15 + Self.bootSeconds)) < 1e-6 }
        let waited = r.downtimeSeconds.indices.filter { abs(r.downtimeSeconds[$0] - (5 * 3600 + Self.bootSeconds)) < 1e-6 }
        #expect(restartedFast == [1] && waited == [2], "\(r.downtimeSeconds)")
    }

    static let randomCases: [(seed: UInt64, admission: AdmissionPolicy, maintenance: MaintenanceMode)] = [
        (1, .none, .rolling), (2, .hostFailures(1), .rolling), (3, .hostFailures(2), .cold),
        (4, .percentage(cpuPercent: 25, memoryPercent: 25), .rolling), (5, .none, .cold), (6, .percentage(cpuPercent: 10, memoryPercent: 30), .rolling),
    ]

    static func busyCluster(seed: UInt64) -> AvailabilityConfig {
        // Frequent host and rack failures, mixed guests and two maintenance windows: many
        // overlapping events (failures during restarts, evacuations and services).
        let hosts = (0..<12).map { _ in FailureProcess.weibull(shape: 0.7, mtbfSeconds: 200 * 3600, mttrSeconds: 6 * 3600) }
        let racks = (0..<12).map { "r\($0 / 4)" }
        var guests: [AvailabilityGuest] = []
        for i in 0..<14 {
            guests.append(Self.guest(kind: [.full, .container, .para, .microVM][i % 4], vcpus: 1 + i % 2, memoryMB: 600 + Double(i % 5) * 300,
                                     priority: i % 5, dirty: Double(i % 3) * 20))
        }
        let racksFail = DomainFailures(scope: .rack, process: .exponential(mtbfSeconds: 500 * 3600, mttrSeconds: 3 * 3600))
        return Self.cluster(hosts: hosts, racks: racks, guests: guests, horizonHours: 2000, domains: [racksFail],
                            maintenance: MaintenanceSchedule(startSeconds: [300 * 3600, 1200 * 3600], serviceSeconds: 3600, shutdownSeconds: 30))
    }

    @Test("Invariants under many failures: every failed host's guests restarted or lost, capacity never exceeded, availability = 1 − downtime/time",
          arguments: randomCases.indices)
    func invariants(_ c: Int) {
        let (seed, admission, mode) = Self.randomCases[c]
        let config = Self.busyCluster(seed: seed)
        let r = AvailabilitySimulation(config: config, variant: Self.variant(admission, maintenance: mode), seed: seed).run()
        #expect(r.hostFailures + r.domainFailures > 5)
        for i in r.incidents { #expect(i.guests == i.restarted + i.lost, "\(i)") }
        #expect(r.capacityViolations == 0)
        let a = r.availability(horizonSeconds: config.horizonSeconds)
        for g in a.indices {
            if let x = a[g] {
                #expect(x == 1 - r.downtimeSeconds[g] / config.horizonSeconds)
                #expect(x >= 0 && x <= 1)
                #expect(r.maintenanceDowntimeSeconds[g] <= r.downtimeSeconds[g] + 1e-9)
            } else { #expect(r.downtimeSeconds[g] == 0) }
        }
        let m = r.metrics(horizonSeconds: config.horizonSeconds)
        #expect(m.allSatisfy { $0.value.isFinite })
        let mean = a.compactMap { $0 }.reduce(0, +) / Double(a.compactMap { $0 }.count)
        #expect(m.first { $0.name == "availability" }!.value == mean)
    }

    @Test("Admission control never admits beyond its reserve", arguments: randomCases.indices)
    func admissionWithinReserve(_ c: Int) {
        let config = Self.busyCluster(seed: 1)
        for count in [3, 6, 12] {
            let policy = Self.randomCases[c].admission
            let start = ClusterPlacement.initial(config: config, count: count, policy: policy)
            let cores = Double(count * 2), ram = Double(count) * 4096
            let reserve = policy.reserve(cores: Array(repeating: 2, count: count), ramMB: Array(repeating: 4096, count: count))
            var used = (cores: 0.0, ram: 0.0)
            for (g, h) in start.hostOf.enumerated() where h >= 0 {
                used.cores += Double(config.guests[g].vcpus)
                used.ram += config.guests[g].memoryMB
            }
            #expect(used.cores <= cores - reserve.cores && used.ram <= ram - reserve.ramMB)
            #expect((0..<count).allSatisfy { start.placement.withinCapacity($0) })
            if case .hostFailures(let k) = policy { #expect(reserve.cores == Double(min(k, count) * 2)) }
        }
    }

    @Test("N+k admits fewer guests the larger k, and sizing 'fit' powers more hosts the larger the reserve")
    func reserveCostsHosts() {
        let guests = (0..<20).map { _ in Self.guest(memoryMB: 1500) }
        let config = Self.cluster(hosts: Array(repeating: .none, count: 20), guests: guests)
        let n0 = ClusterPlacement.fewestHosts(config: config, policy: .none)
        let n1 = ClusterPlacement.fewestHosts(config: config, policy: .hostFailures(1))
        let n2 = ClusterPlacement.fewestHosts(config: config, policy: .hostFailures(2))
        #expect(n0 == 10 && n1 == 11 && n2 == 12)
        let r = AvailabilitySimulation(config: config, variant: Self.variant(.hostFailures(1), sizing: .fit), seed: 1).run()
        #expect(r.hosts == 11 && r.hostsMinimum == 10 && r.admitted.allSatisfy { $0 })
    }

    @Test("Same seed, same results; another seed, other failures", arguments: [MaintenanceMode.rolling, .cold])
    func deterministic(_ mode: MaintenanceMode) {
        let config = Self.busyCluster(seed: 1)
        let v = Self.variant(.hostFailures(1), maintenance: mode)
        let a = AvailabilitySimulation(config: config, variant: v, seed: 7).run()
        let b = AvailabilitySimulation(config: config, variant: v, seed: 7).run()
        #expect(a.downtimeSeconds == b.downtimeSeconds && a.energyJoules == b.energyJoules && a.incidents == b.incidents && a.restarts == b.restarts)
        let c = AvailabilitySimulation(config: config, variant: v, seed: 8).run()
        #expect(c.incidents != a.incidents)
    }

    @Test("Rolling maintenance with room migrates every guest and pauses each only for its stop-and-copy; cold keeps them down for the service")
    func rollingAgainstCold() {
        let guests = (0..<6).map { _ in Self.guest(memoryMB: 1024, dirty: 20) }
        let window = MaintenanceSchedule(startSeconds: [10 * 3600], serviceSeconds: 3600, shutdownSeconds: 60)
        let config = Self.cluster(hosts: Array(repeating: .none, count: 5), guests: guests, maintenance: window)
        let rolling = AvailabilitySimulation(config: config, variant: Self.variant(maintenance: .rolling), seed: 1).run()
        #expect(rolling.maintenanceColdFallbacks == 0 && rolling.migrations >= 6)
        let plan = PreCopyMigrationModel().plan(MigrationRequest(memoryMB: 1024, linkBandwidthMbps: 1000, dirtyRateMBps: 20, writableWorkingSetMB: 102.4))
        // Each guest moves once per host it sits on while that host is serviced.
        for d in rolling.downtimeSeconds {
            let moves = (d / plan.downtimeSeconds).rounded()
            #expect(moves >= 1 && abs(d - moves * plan.downtimeSeconds) < 1e-9)
        }
        #expect(rolling.maintenanceSeconds.count == 1 && rolling.maintenanceSeconds[0] >= 5 * 3600)
        let cold = AvailabilitySimulation(config: config, variant: Self.variant(maintenance: .cold), seed: 1).run()
        for d in cold.downtimeSeconds { #expect(abs(d - (60 + 3600 + Self.bootSeconds)) < 1e-6) }
    }

    @Test("A rack failure takes all its hosts down at once")
    func rackFailure() {
        let guests = (0..<4).map { _ in Self.guest(memoryMB: 1000) }
        let rack = DomainFailures(scope: .rack, process: .trace([]), traces: [DomainTrace(domain: "a", failures: [TraceFailure(atSeconds: 3600, repairSeconds: 7200)])])
        let config = Self.cluster(hosts: Array(repeating: .none, count: 4), racks: ["a", "a", "b", "b"], guests: guests, domains: [rack])
        let r = AvailabilitySimulation(config: config, variant: Self.variant(), seed: 1).run()
        #expect(r.domainFailures == 1 && r.incidents.count == 2 && Set(r.incidents.map(\.host)) == [0, 1])
        #expect(r.incidents.allSatisfy { $0.restarted == $0.guests })
    }

    @Test("Weibull and exponential failure draws have the configured mean time between failures", arguments: [0.7, 1.0, 2.0])
    func failureMean(shape: Double) {
        var s = FailureSampler(.weibull(shape: shape, mtbfSeconds: 1000, mttrSeconds: 10), rng: .init(seed: 3))
        var total = 0.0, repairs = 0.0
        let n = 20_000
        var up = 0.0
        for _ in 0..<n {
            let f = s.next(upSince: up)!
            total += f.at - up
            repairs += f.repair
            up = f.at + f.repair
        }
        #expect(abs(total / Double(n) - 1000) < 40)
        #expect(abs(repairs / Double(n) - 10) < 0.5)
    }
}

/// Kernel-version compatibility of guests that share their host's kernel.
@Suite("Kernel compatibility")
struct KernelCompatibilityTests {
    @Test("Versions order numerically and parse strictly", arguments: [("5.4", "5.10"), ("4.19", "5.0"), ("5.15", "6.1")])
    func ordering(_ pair: (String, String)) throws {
        let a = try #require(KernelVersion(pair.0)), b = try #require(KernelVersion(pair.1))
        #expect(a < b && !(b < a))
        for bad in ["5", "5.", ".4", "5.4.1", "a.b", "+5.4", " 5.4", "12345.1"] { #expect(KernelVersion(bad) == nil, "\(bad)") }
    }

    @Test("A requirement accepts exactly the kernels in its inclusive range, never an unstated one")
    func range() {
        let r = KernelRequirement(minimum: KernelVersion("5.4"), maximum: KernelVersion("5.15"))
        #expect(r.accepts(KernelVersion("5.4")) && r.accepts(KernelVersion("5.10")) && r.accepts(KernelVersion("5.15")))
        #expect(!r.accepts(KernelVersion("4.19")) && !r.accepts(KernelVersion("6.1")) && !r.accepts(nil))
        #expect(KernelRequirement.applies(to: .container) && KernelRequirement.applies(to: .native))
        #expect(!KernelRequirement.applies(to: .full) && !KernelRequirement.applies(to: .para) && !KernelRequirement.applies(to: .containerInVM))
    }

    @Test("Constrained guests only ever run on compatible hosts, through failures and restarts")
    func placementHonoursKernels() {
        let old = AvailabilityHostType(name: "old", cores: 2, ramMB: 4096, bandwidthMbps: 1000, power: .hpProLiantML110G5, kernel: KernelVersion("4.19"))
        let new = AvailabilityHostType(name: "new", cores: 2, ramMB: 4096, bandwidthMbps: 1000, power: .hpProLiantML110G5, kernel: KernelVersion("5.15"))
        let fails = FailureProcess.exponential(mtbfSeconds: 300 * 3600, mttrSeconds: 5 * 3600)
        let hosts = (0..<8).map { AvailabilityHost(type: $0 < 4 ? 0 : 1, rack: "r", powerDomain: "p", failures: fails) }
        let modern = KernelRequirement(minimum: KernelVersion("5.10"), maximum: nil)
        let guests = (0..<6).map { i in
            AvailabilityGuest(group: 0, kind: .container, vcpus: 1, memoryMB: 1000, utilization: 0.3, priority: 2, bootSeconds: 1,
                              dirtyRateMBps: 0, writableWorkingSetMB: 0, kernel: i < 4 ? modern : nil)
        }
        let config = AvailabilityConfig(horizonSeconds: 3000 * 3600, detectionSeconds: 15, hostTypes: [old, new], hosts: hosts,
                                        domainFailures: [], guests: guests, maintenance: nil)
        let start = ClusterPlacement.initial(config: config, count: 8, policy: .none)
        for g in 0..<4 { #expect(start.hostOf[g] >= 4) }
        let ignoring = ClusterPlacement.initial(config: config, count: 8, policy: .none, matchKernels: false)
        #expect(ignoring.hostOf[0] < 4)
        // Through the run: every restart of a constrained guest lands on a new-kernel host, so its
        // downtime is detection + boot or a wait; the run keeps its invariants.
        let v = AvailabilityVariant(name: "v", admission: .none, sizing: .all, maintenance: .rolling)
        let r = AvailabilitySimulation(config: config, variant: v, seed: 3).run()
        #expect(r.hostFailures > 3 && r.capacityViolations == 0)
        for i in r.incidents { #expect(i.guests == i.restarted + i.lost) }
        #expect(ClusterPlacement.fewestHosts(config: config, policy: .none) > ClusterPlacement.fewestHosts(config: config, policy: .none, matchKernels: false))
    }
}
