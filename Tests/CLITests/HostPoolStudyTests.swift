import Foundation
import Testing
@testable import VirtSimCLI

/// A small fleet study whose hosts are `hosts` (the `hostType` or `hosts` member).
private func fleetScenario(hosts: String) -> String {
    """
    {"name": "pools", "study": "consolidation", "seed": 5,
     "consolidation": {"hardwareProfile": "xeon-sandybridge-2012", "horizonHours": 6, "reportMinutes": 60,
       \(hosts),
       "fleet": {"servers": 24, "meanUtilization": {"cdf": [[0, 0], [0.4, 1]], "source": "s"},
                 "components": [{"type": "diurnal", "amplitude": 0.5}],
                 "appMemoryMB": {"cdf": [[128, 0], [1024, 1]]}, "operations": "web-server"},
       "variants": [{"name": "dedicated", "kind": "native", "dedicated": true}, {"name": "para", "kind": "para"}],
       "policies": {"placement": "power-aware-best-fit-decreasing", "overload": "thr", "overloadParameter": 0.8, "selection": "mmt"}}}
    """
}

/// A planner study: two pools (`bigCount` 8-core hosts, 4 fixed 4-core older ones), 30 small
/// and 6 large sized guests at a constant demand from a CSV beside the scenario.
private func plannerScenario(bigCount: Int, smallPercent: Double = 30) -> (scenario: String, trace: String) {
    let scenario = """
    {"name": "planner", "study": "consolidation", "seed": 5,
     "consolidation": {"hardwareProfile": "xeon-sandybridge-2012", "horizonHours": 2, "reportMinutes": 60,
       "hosts": [
         {"type": {"name": "big", "cores": 8, "mipsPerCore": 2000, "ramMB": 32768, "power": "hp-ml110-g5"}, "count": \(bigCount), "rack": "r1"},
         {"type": {"name": "old", "cores": 4, "mipsPerCore": 1000, "ramMB": 8192, "power": "hp-ml110-g4"}, "count": 4, "rack": "r2"}
       ],
       "guests": [
         {"type": "small", "count": 30, "kind": "native", "vcpus": 2, "memoryMB": 2048,
          "workload": {"trace": {"format": "csv", "path": "small.csv"}, "operations": "web-server"}},
         {"type": "large", "count": 6, "kind": "native", "vcpus": 4, "memoryMB": 8192,
          "workload": {"meanUtilization": {"cdf": [[0.5, 0], [0.5, 1]], "source": "s"}, "operations": "web-server"}}
       ],
       "policies": {"placement": "power-aware-best-fit-decreasing", "overload": "thr", "overloadParameter": 0.8, "selection": "mmt"}}}
    """
    var rows = ["guest,timestamp_s,cpu_percent"]
    for g in 0..<3 { for k in 0..<24 { rows.append("s\(g),\(k * 300),\(smallPercent)") } }
    return (scenario, rows.joined(separator: "\n") + "\n")
}

private func summaryValue(_ csv: String, _ metric: String) -> Double? {
    csv.split(separator: "\n").first { $0.split(separator: ",")[2] == metric }.flatMap { Double($0.split(separator: ",")[3]) }
}

@Suite("Host pools, sized guests and sizing from the command line")
struct HostPoolStudyTests {
    @Test("hostType and one elastic pool in hosts give byte-identical results")
    func legacyHostTypeIsOneElasticPool() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let type = #"{"name": "g5", "cores": 2, "mipsPerCore": 2660, "ramMB": 4096, "power": "hp-ml110-g5"}"#
        try fleetScenario(hosts: "\"hostType\": \(type)").write(toFile: dir + "/a.json", atomically: true, encoding: .utf8)
        try fleetScenario(hosts: "\"hosts\": [{\"type\": \(type)}]").write(toFile: dir + "/b.json", atomically: true, encoding: .utf8)
        #expect(virtsim(["run", dir + "/a.json", "--out", dir + "/a"]).status == .success)
        #expect(virtsim(["run", dir + "/b.json", "--out", dir + "/b"]).status == .success)
        for file in ["summary.csv", "hosts.csv", "guests.csv", "host_types.csv"] {
            #expect(read(dir + "/a/" + file) == read(dir + "/b/" + file), "\(file)")
        }
        let types = try #require(read(dir + "/a/host_types.csv"))
        #expect(types.contains("para,g5,g5,,elastic,24,"))
    }

    @Test("memoryOvercommit 1 gives byte-identical results to omitting it")
    func overcommitOneIsDefault() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let type = #"{"name": "g5", "cores": 2, "mipsPerCore": 2660, "ramMB": 4096, "power": "hp-ml110-g5""#
        try fleetScenario(hosts: "\"hostType\": \(type)}").write(toFile: dir + "/a.json", atomically: true, encoding: .utf8)
        try fleetScenario(hosts: "\"hostType\": \(type), \"memoryOvercommit\": 1}").write(toFile: dir + "/b.json", atomically: true, encoding: .utf8)
        #expect(virtsim(["run", dir + "/a.json", "--out", dir + "/a"]).status == .success)
        #expect(virtsim(["run", dir + "/b.json", "--out", dir + "/b"]).status == .success)
        for file in ["summary.csv", "hosts.csv", "guests.csv", "host_types.csv"] {
            #expect(read(dir + "/a/" + file) == read(dir + "/b/" + file), "\(file)")
        }
    }

    @Test("A planner pool at memoryOvercommit 2 lets fewer guests wait than the hard pool")
    func overcommitPlannerWaitsLess() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (scenario, trace) = plannerScenario(bigCount: 1)
        try trace.write(toFile: dir + "/small.csv", atomically: true, encoding: .utf8)
        try scenario.write(toFile: dir + "/hard.json", atomically: true, encoding: .utf8)
        let soft = scenario.replacingOccurrences(of: #""ramMB": 32768,"#, with: #""ramMB": 32768, "memoryOvercommit": 2,"#)
        #expect(soft != scenario)
        try soft.write(toFile: dir + "/soft.json", atomically: true, encoding: .utf8)
        #expect(virtsim(["run", dir + "/hard.json", "--out", dir + "/hard"]).status == .success)
        let r = virtsim(["run", dir + "/soft.json", "--out", dir + "/soft"])
        #expect(r.status == .success, "\(r.err)")
        let hardSummary = try #require(read(dir + "/hard/summary.csv"))
        let softSummary = try #require(read(dir + "/soft/summary.csv"))
        let hard = try #require(summaryValue(hardSummary, "guests_waited"))
        let soft2 = try #require(summaryValue(softSummary, "guests_waited"))
        #expect(soft2 < hard, "hard \(hard), ratio 2 \(soft2)")
    }

    @Test("Sized guests on two fixed pools: demand in the guest's vCPUs, per-type peaks, racks per host, every guest placed or waiting")
    func plannerRun() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (scenario, trace) = plannerScenario(bigCount: 3)
        try trace.write(toFile: dir + "/small.csv", atomically: true, encoding: .utf8)
        try scenario.write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
        let r = virtsim(["run", dir + "/p.json", "--out", dir + "/out"])
        #expect(r.status == .success, "\(r.err)")
        let summary = try #require(read(dir + "/out/summary.csv"))
        let peak = try #require(summaryValue(summary, "active_hosts_max"))
        let p99 = try #require(summaryValue(summary, "active_hosts_p99"))
        let p95 = try #require(summaryValue(summary, "active_hosts_p95"))
        #expect(peak >= p99 && p99 >= p95 && peak <= 7)
        // Guests: a 2-vCPU guest at 30 % asks 30 % of its two vCPUs (mean_demand_percent), a vCPU
        // being one core of the slowest pool (1000 MIPS); memory as configured.
        let guests = try #require(read(dir + "/out/guests.csv")).split(separator: "\n").dropFirst()
        #expect(guests.count == 36)
        func placed(_ prefix: String) throws -> [Substring] {
            try #require(guests.first { $0.split(separator: ",")[2].hasPrefix(prefix) && $0.split(separator: ",")[7] != "-1" }).split(separator: ",")
        }
        // (Workload samples are stored at single precision: 0.3 reads back as 0.30000001.)
        let small = try placed("small-")
        #expect(abs(Double(small[4])! - 30) < 1e-5 && small[5] == "2048" && small[3] == "native", "\(small)")
        let large = try placed("large-")
        #expect(abs(Double(large[4])! - 50) < 1e-5 && large[5] == "8192", "\(large)")
        // Every guest accounted for: placed at some point, or still waiting at the end.
        let neverPlaced = guests.filter { $0.split(separator: ",")[7] == "-1" }.count
        #expect(Double(neverPlaced) == summaryValue(summary, "guests_waiting_at_end"))
        // Per pool, with racks; the inventory puts every host in its pool's rack.
        let types = try #require(read(dir + "/out/host_types.csv")).split(separator: "\n")
        #expect(types.count == 3)
        #expect(types[1].hasPrefix("planned,big@r1,big,r1,fixed,3,8,2000,32768,"))
        #expect(types[2].hasPrefix("planned,old@r2,old,r2,fixed,4,4,1000,8192,"))
        let inventory = try #require(read(dir + "/out/hosts_inventory.csv")).split(separator: "\n")
        #expect(inventory == ["variant,host,pool,type,rack", "planned,0,big@r1,big,r1", "planned,1,big@r1,big,r1", "planned,2,big@r1,big,r1",
                              "planned,3,old@r2,old,r2", "planned,4,old@r2,old,r2", "planned,5,old@r2,old,r2", "planned,6,old@r2,old,r2"])
    }

    @Test("A fixed pool too small for the guests: they wait, counted in guest-hours, and the run still completes")
    func tooSmallPoolWaits() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (scenario, trace) = plannerScenario(bigCount: 1)
        try trace.write(toFile: dir + "/small.csv", atomically: true, encoding: .utf8)
        try scenario.write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
        #expect(virtsim(["run", dir + "/p.json", "--out", dir + "/out"]).status == .success)
        let summary = try #require(read(dir + "/out/summary.csv"))
        // Memory alone: 1 × 32 GB + 4 × 8 GB hold at most 32 small guests' worth; 108 GB are asked.
        #expect(try #require(summaryValue(summary, "guests_waited")) > 0)
        #expect(try #require(summaryValue(summary, "guest_hours_waiting")) > 0)
        #expect(summaryValue(summary, "memory_headroom_at_peak_percent").map { $0 >= 0 && $0 < 100 } == true)
    }

    @Test("size bisects the pool, prints the curve, writes it; the answer meets the target and one host fewer does not")
    func sizeEndToEnd() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (scenario, trace) = plannerScenario(bigCount: 1)
        try trace.write(toFile: dir + "/small.csv", atomically: true, encoding: .utf8)
        try scenario.write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
        let r = virtsim(["size", dir + "/p.json", "--host-type", "big", "--slatah-max", "5", "--out", dir + "/size"])
        #expect(r.status == .success, "\(r.err)")
        #expect(r.err.isEmpty)
        let answer = try #require(r.out.split(separator: "\n").first { $0.hasPrefix("answer: ") })
        let n = try #require(Int(answer.split(separator: " ")[1]))
        let curve = try #require(read(dir + "/size/sizing.csv")).split(separator: "\n")
        #expect(curve.first == "pool_hosts,slatah_percent,energy_kwh,guests_waited,guest_hours_waiting,active_max_hosts,meets_target")
        let rows = curve.dropFirst().map { $0.split(separator: ",").map(String.init) }
        let atAnswer = try #require(rows.first { $0[0] == String(n) })
        #expect(atAnswer[6] == "yes" && Double(atAnswer[1])! <= 5 && atAnswer[3] == "0")
        let below = try #require(rows.first { $0[0] == String(n - 1) })
        #expect(below[6] == "no")
        // Sizes in increasing order, each run once.
        let sizes = rows.map { Int($0[0])! }
        #expect(sizes == sizes.sorted() && Set(sizes).count == sizes.count)
    }

    @Test("size: bad usage and input exit 2 with the error on stderr", arguments: [
        ["size"],
        ["size", "P", "--slatah-max", "5"],
        ["size", "P", "--host-type", "big"],
        ["size", "P", "--host-type", "nope", "--slatah-max", "5"],
        ["size", "P", "--host-type", "big", "--slatah-max", "150"],
        ["size", "P", "--host-type", "big", "--slatah-max", "five"],
        ["size", "P", "--host-type", "big", "--slatah-max", "5", "--max-hosts", "0"],
        ["size", "P", "--host-type", "big", "--slatah-max", "5", "--variant", "full"],
        ["size", "IO", "--host-type", "big", "--slatah-max", "5"],
    ])
    func sizeBadInput(args: [String]) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (scenario, trace) = plannerScenario(bigCount: 1)
        try trace.write(toFile: dir + "/small.csv", atomically: true, encoding: .utf8)
        try scenario.write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
        let resolved = args.map { $0 == "P" ? dir + "/p.json" : $0 == "IO" ? packageRoot + "/scenarios/seed-io-overhead.json" : $0 }
        let r = virtsim(resolved + ["--out", dir + "/size"])
        #expect(r.status == .badInput)
        #expect(r.out.isEmpty && r.err.hasPrefix("Error: "), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/size"))
    }

    @Test("size: no size up to --max-hosts meets the target: exit 1, the curve still written")
    func sizeUnreachable() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (scenario, trace) = plannerScenario(bigCount: 1)
        try trace.write(toFile: dir + "/small.csv", atomically: true, encoding: .utf8)
        try scenario.write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
        // Two 8-core hosts beside the old ones cannot hold 108 GB of guests: some always wait.
        let r = virtsim(["size", dir + "/p.json", "--host-type", "big@r1", "--slatah-max", "50", "--max-hosts", "2", "--out", dir + "/size"])
        #expect(r.status == .verificationFailed, "\(r.err)")
        #expect(r.out.contains("no size up to 2 hosts of big@r1 meets the target"))
        let rows = try #require(read(dir + "/size/sizing.csv")).split(separator: "\n").dropFirst()
        #expect(rows.map { $0.split(separator: ",")[0] } == ["1", "2"])
        #expect(rows.allSatisfy { $0.hasSuffix(",no") })
    }

    @Test("size --help")
    func sizeHelp() {
        let r = virtsim(["size", "--help"])
        #expect(r.status == .success && r.out.contains("USAGE: virtsim size"))
    }
}
