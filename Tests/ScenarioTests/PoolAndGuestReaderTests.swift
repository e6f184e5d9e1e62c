import Foundation
import Testing
@testable import Scenario

/// `hosts: [{type, count?, rack?}]` and `guests: [{type, count, kind, vcpus, memoryMB, workload}]`.
@Suite("Host pools and sized guests in scenario files")
struct PoolAndGuestReaderTests {
    let reader = ScenarioReader(vocabulary: vocabulary)

    static let pools = """
    "hosts": [
      {"type": {"name": "big", "cores": 64, "clockGHz": 2.5, "ramMB": 524288, "power": "hp-ml110-g5"}, "count": 4, "rack": "r1"},
      {"type": {"name": "old", "cores": 16, "mipsPerCore": 2000, "ramMB": 131072, "power": "hp-ml110-g5"}}
    ]
    """
    static let guests = """
    "guests": [
      {"type": "small", "count": 10, "kind": "full", "vcpus": 2, "memoryMB": 4096,
       "workload": {"meanUtilization": {"cdf": [[0, 0], [0.5, 1]], "source": "s"}, "operations": "web-server"}},
      {"type": "large", "count": 2, "kind": "container", "vcpus": 8, "memoryMB": 32768, "vcpuMips": 1500,
       "workload": {"trace": {"format": "csv", "path": "db.csv"}, "operations": "web-server"}}
    ]
    """
    static func scenario(hosts: String = pools, guests: String = guests, extra: String = "") -> String {
        """
        {"name": "p", "study": "consolidation",
         "consolidation": {"hardwareProfile": "p1", "horizonHours": 2, \(hosts), \(guests), \(extra)
           "policies": {"placement": "first-fit", "overload": "thr", "overloadParameter": 0.8, "selection": "mmt"}}}
        """
    }

    func problems(_ text: String) -> [Diagnostic] {
        do { _ = try reader.read(text, file: "t.json"); return [] } catch { return error.diagnostics }
    }

    @Test("Pools read as fixed or elastic, with racks; a clock gives MIPS per core = MHz")
    func readsPools() throws {
        guard case .consolidation(let c) = try reader.read(Self.scenario(), file: "t.json").study else { Issue.record("study"); return }
        #expect(c.hostPools.map(\.type.name) == ["big", "old"])
        #expect(c.hostPools.map(\.count) == [4, nil])
        #expect(c.hostPools.map(\.rack) == ["r1", nil])
        #expect(c.hostPools.map(\.label) == ["big@r1", "old"])
        #expect(c.hostPools[0].type.mipsPerCore == 2500)
        #expect(c.hostType.name == "big")
    }

    @Test("Sized guests read with their kinds; one implicit variant; vCPU MIPS default to the slowest pool's cores")
    func readsGuests() throws {
        guard case .consolidation(let c) = try reader.read(Self.scenario(), file: "t.json").study else { Issue.record("study"); return }
        #expect(c.guestTypes.map(\.name) == ["small", "large"])
        #expect(c.guestTypes.map(\.kind) == [.full, .container])
        #expect(c.guestTypes.map { $0.vcpuMips(pools: c.hostPools) } == [2000, 1500])
        #expect(c.guestTypes[1].workload.trace == TraceSource(format: "csv", path: "db.csv"))
        #expect(c.variants.map(\.name) == ["planned"])
        #expect(c.fleet.servers == 12)
    }

    @Test("The legacy hostType is one elastic pool")
    func legacyHostType() throws {
        guard case .consolidation(let c) = try reader.read(validConsolidation, file: "t.json").study else { Issue.record("study"); return }
        #expect(c.hostPools.count == 1)
        #expect(c.hostPools[0].count == nil && c.hostPools[0].rack == nil)
        #expect(c.guestTypes.isEmpty)
    }

    @Test("Each mistake in pools and guests is reported at its path, all at once", arguments: [
        // hostType and hosts together
        (scenario(extra: "\"hostType\": {\"cores\": 2, \"mipsPerCore\": 1, \"ramMB\": 1, \"power\": \"hp-ml110-g5\"},"), ["$.consolidation.hostType"]),
        // fleet and guests together
        (scenario(extra: "\"fleet\": {},"), ["$.consolidation.fleet"]),
        // variants with guests
        (scenario(extra: "\"variants\": [{\"name\": \"v\", \"kind\": \"full\"}],"), ["$.consolidation.variants"]),
        // clock and MIPS together
        (scenario(hosts: pools.replacingOccurrences(of: "\"clockGHz\": 2.5", with: "\"clockGHz\": 2.5, \"mipsPerCore\": 2500")),
         ["$.consolidation.hosts[0].type.clockGHz"]),
        // a pool of zero hosts, an empty rack name
        (scenario(hosts: pools.replacingOccurrences(of: "\"count\": 4, \"rack\": \"r1\"", with: "\"count\": 0, \"rack\": \"\"")),
         ["$.consolidation.hosts[0].count", "$.consolidation.hosts[0].rack"]),
        // two pools with one label
        (scenario(hosts: pools.replacingOccurrences(of: "\"name\": \"old\"", with: "\"name\": \"big\"")
            .replacingOccurrences(of: "\"count\": 4, \"rack\": \"r1\"", with: "\"count\": 4")), ["$.consolidation.hosts[1]"]),
        // an empty pool list
        (scenario(hosts: "\"hosts\": []"), ["$.consolidation.hosts"]),
        // a guest type that fits no host: more memory than any host
        (scenario(guests: guests.replacingOccurrences(of: "\"memoryMB\": 32768", with: "\"memoryMB\": 1048576")), ["$.consolidation.guests[1]"]),
        // a vCPU faster than every pool's cores
        (scenario(guests: guests.replacingOccurrences(of: "\"vcpuMips\": 1500", with: "\"vcpuMips\": 3000")), ["$.consolidation.guests[1]"]),
        // more vCPUs than any host has cores
        (scenario(guests: guests.replacingOccurrences(of: "\"vcpus\": 8", with: "\"vcpus\": 128")), ["$.consolidation.guests[1]"]),
        // out-of-range sizes, unknown kind, duplicate type, missing workload pieces
        (scenario(guests: guests.replacingOccurrences(of: "\"count\": 10", with: "\"count\": 0")
            .replacingOccurrences(of: "\"kind\": \"container\"", with: "\"kind\": \"lxc\"")),
         ["$.consolidation.guests[0].count", "$.consolidation.guests[1].kind"]),
        (scenario(guests: guests.replacingOccurrences(of: "\"type\": \"large\"", with: "\"type\": \"small\"")), ["$.consolidation.guests[1].type"]),
        (scenario(guests: guests.replacingOccurrences(of: "\"memoryMB\": 4096,", with: "\"memoryMB\": 0,")), ["$.consolidation.guests[0].memoryMB"]),
        (scenario(guests: guests.replacingOccurrences(of: "{\"meanUtilization\": {\"cdf\": [[0, 0], [0.5, 1]], \"source\": \"s\"}, ", with: "{")),
         ["$.consolidation.guests[0].workload.meanUtilization"]),
        (scenario(guests: guests.replacingOccurrences(of: "\"operations\": \"web-server\"}}\n", with: "\"operations\": \"web-server\", \"meanUtilization\": {}}}\n")),
         ["$.consolidation.guests[1].workload.meanUtilization"]),
    ] as [(String, [String])])
    func mistakes(text: String, paths: [String]) {
        let found = problems(text)
        #expect(found.map(\.path).sorted() == paths.sorted(), "\(found)")
    }

    @Test("memoryOvercommit reads per host type, defaults to 1, and lets a guest larger than RAM fit within RAM × ratio")
    func readsOvercommit() throws {
        let hosts = """
        "hosts": [{"type": {"name": "a", "cores": 8, "mipsPerCore": 2000, "ramMB": 4096, "memoryOvercommit": 2, "power": "hp-ml110-g5"}},
                  {"type": {"name": "b", "cores": 8, "mipsPerCore": 2000, "ramMB": 4096, "power": "hp-ml110-g5"}}]
        """
        let guests = """
        "guests": [{"type": "big", "count": 1, "kind": "full", "vcpus": 1, "memoryMB": 6000,
          "workload": {"meanUtilization": {"cdf": [[0, 0], [0.5, 1]], "source": "s"}, "operations": "web-server"}}]
        """
        guard case .consolidation(let c) = try reader.read(Self.scenario(hosts: hosts, guests: guests), file: "t.json").study else { Issue.record("study"); return }
        #expect(c.hostPools.map(\.type.memoryOvercommit) == [2, 1])
        #expect(c.hostPools.map(\.type.admittedRamMB) == [8192, 4096])
        // Without the ratio the same guest fits no host.
        let hard = hosts.replacingOccurrences(of: #""memoryOvercommit": 2, "#, with: "")
        #expect(problems(Self.scenario(hosts: hard, guests: guests)).map(\.path) == ["$.consolidation.guests[0]"])
    }

    @Test("A memoryOvercommit outside [1, 16] is an error at its path", arguments: [
        ("\"hosts\": [{\"type\": {\"cores\": 8, \"mipsPerCore\": 2000, \"ramMB\": 65536, \"memoryOvercommit\": 0.5, \"power\": \"hp-ml110-g5\"}}]",
         "$.consolidation.hosts[0].type.memoryOvercommit"),
        ("\"hostType\": {\"cores\": 8, \"mipsPerCore\": 2000, \"ramMB\": 65536, \"memoryOvercommit\": 17, \"power\": \"hp-ml110-g5\"}",
         "$.consolidation.hostType.memoryOvercommit"),
        ("\"hostType\": {\"cores\": 8, \"mipsPerCore\": 2000, \"ramMB\": 65536, \"memoryOvercommit\": \"1.5\", \"power\": \"hp-ml110-g5\"}",
         "$.consolidation.hostType.memoryOvercommit"),
    ])
    func badOvercommit(hosts: String, path: String) {
        let guests = """
        "guests": [{"type": "s", "count": 1, "kind": "full", "vcpus": 1, "memoryMB": 1024,
          "workload": {"meanUtilization": {"cdf": [[0, 0], [0.5, 1]], "source": "s"}, "operations": "web-server"}}]
        """
        let found = problems(Self.scenario(hosts: hosts, guests: guests))
        #expect(found.map(\.path) == [path], "\(found)")
    }
}

/// `traceGuests`, `hostOrder` and `semantics`: CloudSim's PlanetLab experiment as data.
@Suite("Trace guests in scenario files")
struct TraceGuestsReaderTests {
    static let text = """
    {"name": "pl", "study": "consolidation",
     "consolidation": {"semantics": "cloudsim", "horizonHours": 24, "hostOrder": "interleaved",
       "hosts": [{"type": {"name": "g4", "cores": 2, "mipsPerCore": 1860, "ramMB": 4096, "power": "hp-ml110-g5", "source": "s"}, "count": 3},
                 {"type": {"name": "g5", "cores": 2, "mipsPerCore": 2660, "ramMB": 4096, "power": "hp-ml110-g5"}, "count": 3}],
       "traceGuests": {"trace": {"format": "planetlab", "day": "20110303"}, "assign": "blocks", "source": "createVmList",
         "types": [{"type": "a", "kind": "para", "vcpus": 1, "vcpuMips": 2500, "memoryMB": 870},
                   {"type": "b", "kind": "para", "vcpus": 2, "vcpuMips": 500, "memoryMB": 613, "source": "s"}]},
       "policies": {"placement": "first-fit", "overload": "none", "selection": "mmt", "underload": false, "powerAware": false}}}
    """

    @Test("A trace-guest study reads into typed values: one variant named after its semantics")
    func reads() throws {
        let s = try ScenarioReader(vocabulary: vocabulary).read(Self.text, file: "pl.json")
        guard case .consolidation(let c) = s.study, let tg = c.traceGuests else { Issue.record("no trace guests"); return }
        #expect(tg.day == "20110303" && tg.format == "planetlab" && tg.assignment == .blocks)
        #expect(tg.types.map(\.name) == ["a", "b"] && tg.types.map(\.mipsPerVcpu) == [2500, 500] && tg.types[1].vcpus == 2)
        #expect(c.semantics == .cloudsim && c.hostOrder == .interleaved)
        #expect(c.variants.map(\.name) == ["cloudsim"])
        #expect(c.policies.powerAware == false)
        #expect(c.hostPools.map(\.count) == [3, 3])
    }

    @Test("Defaults: semantics virtsim, host order by pools, power-aware policies")
    func defaults() throws {
        let text = Self.text.replacingOccurrences(of: #""semantics": "cloudsim", "#, with: "")
            .replacingOccurrences(of: #", "hostOrder": "interleaved""#, with: "")
            .replacingOccurrences(of: #", "powerAware": false"#, with: "")
        let s = try ScenarioReader(vocabulary: vocabulary).read(text, file: "pl.json")
        guard case .consolidation(let c) = s.study else { Issue.record("wrong study"); return }
        #expect(c.semantics == .virtsim && c.hostOrder == .pools && c.policies.powerAware && c.variants.map(\.name) == ["virtsim"])
    }

    @Test("Every mistake in the new keys is reported at once, each at its JSON path")
    func everyMistake() {
        let bad = Self.text
            .replacingOccurrences(of: #""semantics": "cloudsim""#, with: #""semantics": "java""#)
            .replacingOccurrences(of: #""hostOrder": "interleaved""#, with: #""hostOrder": "zigzag""#)
            .replacingOccurrences(of: #""day": "20110303""#, with: #""day": "March""#)
            .replacingOccurrences(of: #""assign": "blocks""#, with: #""assign": "random""#)
            .replacingOccurrences(of: #""vcpus": 1, "vcpuMips": 2500"#, with: #""vcpus": 0, "vcpuMips": 2500"#)
            .replacingOccurrences(of: #""vcpuMips": 500, "memoryMB": 613"#, with: #""vcpuMips": 500, "memoryMB": -1"#)
            .replacingOccurrences(of: #""horizonHours": 24"#, with: #""horizonHours": 25, "sampleMinutes": 1, "hardwareProfile": "p1""#)
            .replacingOccurrences(of: #""powerAware": false"#, with: #""powerAware": 0"#)
        var paths: [String] = []
        do { _ = try ScenarioReader(vocabulary: vocabulary).read(bad, file: "pl.json") } catch { paths = error.diagnostics.map(\.path) }
        let expected = ["$.consolidation.semantics", "$.consolidation.hostOrder", "$.consolidation.traceGuests.trace.day",
                        "$.consolidation.traceGuests.assign", "$.consolidation.traceGuests.types[0].vcpus",
                        "$.consolidation.traceGuests.types[1].memoryMB", "$.consolidation.hardwareProfile",
                        "$.consolidation.policies.powerAware"]
        #expect(Set(paths) == Set(expected), "\(paths)")
    }

    @Test("The horizon, sample step, fit and interleaving rules of trace guests")
    func rules() {
        func paths(_ edits: [(String, String)]) -> [String] {
            var t = Self.text
            for (a, b) in edits { t = t.replacingOccurrences(of: a, with: b) }
            do { _ = try ScenarioReader(vocabulary: vocabulary).read(t, file: "pl.json"); return [] } catch { return error.diagnostics.map(\.path) }
        }
        #expect(paths([(#""horizonHours": 24"#, #""horizonHours": 25"#)]) == ["$.consolidation.horizonHours"])
        #expect(paths([(#""horizonHours": 24"#, #""horizonHours": 24, "sampleMinutes": 1"#)]) == ["$.consolidation.sampleMinutes"])
        #expect(paths([(#""memoryMB": 870"#, #""memoryMB": 8192"#)]) == ["$.consolidation.traceGuests.types[0]"])
        #expect(paths([(#""count": 3}]"#, #""rack": "r"}]"#)]) == ["$.consolidation.hostOrder"])
        #expect(paths([(#""traceGuests": {"#, #""variants": [], "traceGuests": {"#)]) == ["$.consolidation.variants"])
    }
}
