import Foundation
import Reports
import Testing
@testable import Scenario
@testable import VirtSimCLI

@Suite("Availability study")
struct AvailabilityStudyTests {
    static func scenario(variants: String = #"{"name": "none"}, {"name": "n+1", "admission": "host-failures", "hostFailures": 1, "sizing": "fit"}, {"name": "cold", "maintenance": "cold"}"#,
                         guestsExtra: String = "", hostFailures: String = #""failures": {"distribution": "exponential", "mtbfHours": 300, "mttrHours": 5}"#) -> String {
        """
        {"name": "a", "study": "availability", "seed": 4,
         "availability": {"horizonHours": 2000, "hostDiskMBps": 100,
           "hostTypes": [{"name": "s", "cores": 4, "ramMB": 8192, "power": "hp-ml110-g5", \(hostFailures)}],
           "hosts": [{"type": "s", "count": 4, "rack": "a"}, {"type": "s", "count": 4, "rack": "b"}],
           "domainFailures": [{"scope": "rack", "mtbfHours": 700, "mttrHours": 2}],
           "guests": [{"type": "vm", "count": 8, "kind": "full", "vcpus": 2, "memoryMB": 3000, "utilization": 0.4,
                       "memoryWrites": {"dirtyRateMBps": 10, "writableWorkingSetFraction": 0.1}},
                      {"type": "ct", "count": 6, "kind": "container", "vcpus": 1, "memoryMB": 1000, "restartPriority": "high"}\(guestsExtra)],
           "maintenance": {"startHours": [500], "serviceHours": 1, "shutdownSeconds": 30},
           "variants": [\(variants)]}}
        """
    }

    static func run(_ text: String, threads: String) throws -> (dir: String, status: VirtSimCLI.ExitStatus, err: String) {
        let dir = try temporaryDirectory()
        try text.write(toFile: dir + "/a.json", atomically: true, encoding: .utf8)
        let r = virtsim(["run", dir + "/a.json", "--out", dir + "/out", "--threads", threads])
        return (dir, r.status, r.err)
    }

    @Test("Runs, writes its tables and charts, and gives the same bytes whatever the thread count")
    func runsDeterministically() throws {
        let (a, s1, e1) = try Self.run(Self.scenario(), threads: "1")
        let (b, s2, e2) = try Self.run(Self.scenario(), threads: "3")
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        #expect(s1 == .success && s2 == .success, "\(e1) \(e2)")
        for file in ["summary.csv", "availability.csv", "incidents.csv", "availability_guests.csv", "report.html", "availability-nines.svg",
                     "ha-hosts.svg", "restart-p99.svg", "maintenance-downtime.svg"] {
            let x = read(a + "/out/" + file), y = read(b + "/out/" + file)
            #expect(x != nil && x == y, "\(file)")
        }
        let summary = try CSVTable.parse(try #require(read(a + "/out/summary.csv")))
        let rows = SummaryRow.rows(from: summary)
        func value(_ v: String, _ m: String) -> Double? { rows.first { $0.variant == v && $0.metric == m }?.value }
        #expect((value("none", "host_failures") ?? 0) > 0)
        #expect(value("n+1", "hosts") == (value("n+1", "hosts_minimum") ?? 0) + (value("n+1", "ha_reserved_hosts") ?? -1))
        #expect((value("cold", "maintenance_downtime_seconds_mean") ?? 0) > 3600)
        #expect((value("none", "maintenance_downtime_seconds_mean") ?? 3600) < 60)
        // Per-guest rows: availability is 1 − downtime / horizon.
        let guests = try CSVTable.parse(try #require(read(a + "/out/availability_guests.csv")))
        let down = try #require(guests.numbers("downtime_seconds")), avail = try #require(guests.column("availability"))
        for (d, x) in zip(down, avail) where !x.isEmpty { #expect(Double(x)! == 1 - d / (2000 * 3600)) }
    }

    @Test("Every problem at once with its path, before running: N+k beyond the pool, a guest no host holds, unknown names, a trace host out of range")
    func badInput() {
        let text = Self.scenario(
            variants: #"{"name": "n+8", "admission": "host-failures", "hostFailures": 8}, {"name": "p", "admission": "percentage"}, {"name": "x", "admission": "none", "cpuPercent": 5}"#,
            guestsExtra: #", {"type": "huge", "kind": "full", "vcpus": 8, "memoryMB": 9000}, {"type": "odd", "kind": "vm", "vcpus": 1, "memoryMB": 10}"#,
            hostFailures: #""failures": {"distribution": "trace", "events": [{"host": 8, "atHours": 1, "repairHours": 1}]}"#)
        let paths = Set(validationProblems(text).map(\.path))
        #expect(paths == ["$.availability.variants[0].hostFailures", "$.availability.variants[1].cpuPercent", "$.availability.variants[2].cpuPercent",
                          "$.availability.guests[2].vcpus", "$.availability.guests[2].memoryMB", "$.availability.guests[3].kind",
                          "$.availability.hostTypes[0].failures.events[0].host"], "\(validationProblems(text))")
        let dir = try? temporaryDirectory()
        if let dir {
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try? text.write(toFile: dir + "/a.json", atomically: true, encoding: .utf8)
            let r = virtsim(["run", dir + "/a.json", "--out", dir + "/out"])
            #expect(r.status == .badInput && !FileManager.default.fileExists(atPath: dir + "/out"))
        }
    }

    @Test("Kernel requirements: on a VM kind, out of order, unmet by every host type, or malformed are errors at their paths")
    func kernelErrors() {
        let text = Self.scenario(guestsExtra: #", {"type": "k1", "kind": "full", "vcpus": 1, "memoryMB": 10, "kernel": {"minimum": "5.4"}}, {"type": "k2", "kind": "container", "vcpus": 1, "memoryMB": 10, "kernel": {"minimum": "6.1", "maximum": "5.4"}}, {"type": "k3", "kind": "container", "vcpus": 1, "memoryMB": 10, "kernel": {"minimum": "9.0"}}, {"type": "k4", "kind": "container", "vcpus": 1, "memoryMB": 10, "kernel": {"maximum": "five"}}"#)
            .replacingOccurrences(of: #""power": "hp-ml110-g5","#, with: #""power": "hp-ml110-g5", "kernel": "5.15","#)
        let paths = validationProblems(text).map(\.path)
        #expect(paths == ["$.availability.guests[2].kernel", "$.availability.guests[3].kernel", "$.availability.guests[4].kernel",
                          "$.availability.guests[5].kernel.maximum"], "\(validationProblems(text))")
    }
}
