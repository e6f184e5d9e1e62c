import Foundation
import Testing
import Reports
import Scheduling
import VirtModel
@testable import Scenario
@testable import VirtSimCLI

/// The seed consolidation study, shrunk (fewer servers, shorter horizon) so that each run takes
/// a second or two in a debug build, then probed for how it responds to its inputs.
enum SmallStudy {
    static func scenario(servers: Int = 60, hours: Double = 12, threshold: Double = 0.8,
                         meanScale: Double = 1, seed: UInt64 = 7) throws -> Scenario {
        var s = try ScenarioLoader.load(nil, traceRoot: nil, day: nil)
        guard case .consolidation(var study) = s.study else { fatalError("the seed scenario is a consolidation study") }
        study.fleet.servers = servers
        study.horizonHours = hours
        study.policies.overloadPolicy = .success(.threshold(threshold))
        study.fleet.meanDistribution = EmpiricalDistribution(points: study.fleet.meanDistribution!.points.map {
            (min($0.value * meanScale, 1), $0.probability)
        })
        s.study = .consolidation(study)
        s.seed = seed
        return s
    }

    static func run(_ s: Scenario, threads: Int = 2) throws -> StudyOutput {
        try StudyRunner.run(s, context: RunContext(traceRoot: nil, progress: { _ in nil }, threads: threads))
    }

    static func metric(_ o: StudyOutput, _ variant: String, _ metric: String) -> Double {
        o.summary.first { $0.variant == variant && $0.metric == metric }!.value
    }
}

@Suite("Consolidation study (figure S1 mechanics)")
struct ConsolidationStudyTests {
    static let kinds = ["full", "para", "container"]

    @Test("A higher overload threshold packs hosts fuller", arguments: kinds)
    func thresholdRaisesUtilization(kind: String) throws {
        let low = try SmallStudy.run(SmallStudy.scenario(threshold: 0.6))
        let high = try SmallStudy.run(SmallStudy.scenario(threshold: 0.9))
        let u = { (o: StudyOutput) in SmallStudy.metric(o, kind, "mean_active_host_cpu_utilization") }
        #expect(u(high) > u(low) + 5, "threshold 0.6 → \(u(low)) %, 0.9 → \(u(high)) %")
        #expect(SmallStudy.metric(high, kind, "active_hosts_mean") < SmallStudy.metric(low, kind, "active_hosts_mean"))
    }

    @Test("Heavier workloads raise dedicated utilization and need more consolidated hosts")
    func workloadMeanMovesUtilization() throws {
        let light = try SmallStudy.run(SmallStudy.scenario(meanScale: 0.7))
        let heavy = try SmallStudy.run(SmallStudy.scenario(meanScale: 1.4))
        let ded = { (o: StudyOutput) in SmallStudy.metric(o, "dedicated", "mean_active_host_cpu_utilization") }
        #expect(ded(heavy) > ded(light) * 1.6)
        for kind in Self.kinds {
            #expect(SmallStudy.metric(heavy, kind, "active_hosts_mean") > SmallStudy.metric(light, kind, "active_hosts_mean"))
        }
    }

    @Test("Dedicated servers sit at the workloads' own mean; consolidation uses fewer hosts", arguments: kinds)
    func consolidationSavesHosts(kind: String) throws {
        let o = try SmallStudy.run(SmallStudy.scenario())
        let dedicated = SmallStudy.metric(o, "dedicated", "mean_active_host_cpu_utilization")
        #expect(abs(dedicated - SmallStudy.metric(o, "dedicated", "workload_mean_demand")) < 0.5)
        #expect(SmallStudy.metric(o, "dedicated", "active_hosts_mean") == 60)
        #expect(SmallStudy.metric(o, kind, "active_hosts_mean") < 30)
        #expect(SmallStudy.metric(o, kind, "energy_kwh") < SmallStudy.metric(o, "dedicated", "energy_kwh"))
        #expect(SmallStudy.metric(o, kind, "mean_active_host_cpu_utilization") > 2 * dedicated)
    }

    @Test("The cost model orders the kinds: full pays the most CPU and memory, containers the least")
    func kindOrdering() throws {
        let o = try SmallStudy.run(SmallStudy.scenario())
        let overhead = { (k: String) in SmallStudy.metric(o, k, "cpu_overhead_percent") }
        let footprint = { (k: String) in SmallStudy.metric(o, k, "guest_memory_footprint_mb") }
        #expect(overhead("full") > overhead("para"))
        #expect(overhead("para") > overhead("container"))
        #expect(footprint("full") >= footprint("para"))
        #expect(footprint("para") > footprint("container"))
        let density = { (k: String) in SmallStudy.metric(o, k, "guests_per_active_host_mean") }
        #expect(density("container") > density("full"))
    }

    @Test("Same scenario and seed: byte-identical tables, whatever the thread count")
    func deterministic() throws {
        let s = try SmallStudy.scenario(servers: 30, hours: 6)
        let a = try SmallStudy.run(s, threads: 1)
        let b = try SmallStudy.run(s, threads: 3)
        #expect(SummaryRow.table(a.summary).render() == SummaryRow.table(b.summary).render())
        #expect(a.tables.map { $0.table.render() } == b.tables.map { $0.table.render() })
        var other = s
        other.seed = 8
        let c = try SmallStudy.run(other, threads: 2)
        #expect(SummaryRow.table(a.summary).render() != SummaryRow.table(c.summary).render())
    }

    @Test("Energy does not depend on the report interval")
    func energyIndependentOfReportInterval() throws {
        var s = try SmallStudy.scenario(servers: 30, hours: 6)
        let a = try SmallStudy.run(s)
        guard case .consolidation(var study) = s.study else { return }
        study.reportMinutes = 17
        s.study = .consolidation(study)
        let b = try SmallStudy.run(s)
        for v in ["dedicated"] + Self.kinds {
            let ea = SmallStudy.metric(a, v, "energy_kwh"), eb = SmallStudy.metric(b, v, "energy_kwh")
            #expect(abs(ea - eb) <= 1e-9 * ea, "\(v): \(ea) vs \(eb)")
        }
    }

    @Test("hosts.csv adds up to the summary: time-weighted utilization of hosts while on, and energy")
    func hostTableMatchesSummary() throws {
        let o = try SmallStudy.run(SmallStudy.scenario(servers: 30, hours: 6))
        let hosts = try #require(o.tables.first { $0.file == "hosts.csv" }?.table)
        let col = { (name: String) in hosts.header.firstIndex(of: name)! }
        for v in ["dedicated"] + Self.kinds {
            let rows = hosts.rows.filter { $0[col("variant")] == v }
            let on = rows.reduce(0.0) { $0 + Double($1[col("on_hours")])! }
            let busy = rows.reduce(0.0) { $0 + Double($1[col("cpu_utilization_percent")])! * Double($1[col("on_hours")])! }
            let energy = rows.reduce(0.0) { $0 + Double($1[col("energy_kwh")])! }
            // Sums over CSV cells (exact round-trip values) differ from the summary by summation rounding only.
            #expect(abs(busy / on - SmallStudy.metric(o, v, "mean_active_host_cpu_utilization")) < 0.01, "\(v)")
            #expect(abs(energy - SmallStudy.metric(o, v, "energy_kwh")) < 1e-4 * energy, "\(v)")
            #expect(abs(on / 6 - SmallStudy.metric(o, v, "active_hosts_mean")) < 0.01, "\(v)")
        }
    }
}
