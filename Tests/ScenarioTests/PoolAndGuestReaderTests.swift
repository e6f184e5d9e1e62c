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
