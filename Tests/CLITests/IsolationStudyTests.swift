import Foundation
import Reports
import Testing
@testable import VirtSimCLI

@Suite("Isolation in consolidation studies")
struct IsolationStudyTests {
    static let lab = packageRoot + "/scenarios/labs/isolation.json"

    func value(_ summary: CSVTable, _ variant: String, _ metric: String) -> Double? {
        guard let vi = summary.columnIndex("variant"), let mi = summary.columnIndex("metric"), let xi = summary.columnIndex("value") else { return nil }
        return summary.rows.first { $0[vi] == variant && $0[mi] == metric }.flatMap { Double($0[xi]) }
    }

    @Test("The isolation lab: constraints leave one tenant per boundary and cost hosts; boundaries add up")
    func lab() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = virtsim(["run", Self.lab, "--out", dir])
        #expect(r.status == .success, "\(r.err)")
        let summary = try CSVTable.parse(try #require(read(dir + "/summary.csv")))
        for v in ["full-tenant-per-host", "container-tenant-per-kernel"] {
            #expect(value(summary, v, "tenants_per_boundary_max") == 1)
            #expect(value(summary, v, "tenants_exposed_mean") == 0)
        }
        #expect(value(summary, "container-in-vm", "tenants_per_boundary_max") == 1)
        #expect(try #require(value(summary, "container", "tenants_per_boundary_max")) > 1)
        #expect(try #require(value(summary, "full-tenant-per-host", "active_hosts_mean")) > #require(value(summary, "full", "active_hosts_mean")))
        #expect(try #require(value(summary, "container-tenant-per-kernel", "energy_kwh")) > #require(value(summary, "container", "energy_kwh")))
        // isolation.csv: the innermost boundaries of each variant hold all its placed guests (a
        // workload whose demand is always 0 is never placed and has final host -1).
        let guestsTable = try CSVTable.parse(try #require(read(dir + "/guests.csv")))
        let gv = try #require(guestsTable.column("variant")), finalHost = try #require(guestsTable.numbers("final_host"))
        let isolation = try CSVTable.parse(try #require(read(dir + "/isolation.csv")))
        let v = try #require(isolation.column("variant")), kind = try #require(isolation.column("boundary"))
        let guests = try #require(isolation.numbers("guests"))
        for variant in ["full", "container", "container-in-vm"] {
            let inner = variant == "container-in-vm" ? "guest-kernel" : (variant == "full" ? "hypervisor" : "host-kernel")
            let total = v.indices.filter { v[$0] == variant && kind[$0] == inner }.map { guests[$0] }.reduce(0, +)
            let placed = gv.indices.filter { gv[$0] == variant && finalHost[$0] >= 0 }.count
            #expect(total == Double(placed))
            #expect(placed >= 95)
        }
        #expect(FileManager.default.fileExists(atPath: dir + "/blast-radius.svg"))
        #expect(FileManager.default.fileExists(atPath: dir + "/isolation-tenants.svg"))
    }

    @Test("Isolation keys: bad values with their JSON paths; a guest that fits no host is an error before running")
    func badInput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var text = try #require(read(Self.lab))
        text = text.replacingOccurrences(of: #""isolation": "tenant-per-host""#, with: #""isolation": "tenant-per-rack""#)
        text = text.replacingOccurrences(of: #""count": 20"#, with: #""count": 0"#)
        text = text.replacingOccurrences(of: #""dedicated": true"#, with: #""dedicated": true, "isolation": "tenant-per-host""#)
        text = text.replacingOccurrences(of: #""ramMB": 4096"#, with: #""ramMB": 1100"#)
        try text.write(toFile: dir + "/i.json", atomically: true, encoding: .utf8)
        let r = virtsim(["validate", dir + "/i.json"])
        #expect(r.status == .badInput)
        for path in ["$.consolidation.variants[2].isolation", "$.consolidation.fleet.tenants.count",
                     "$.consolidation.variants[0].isolation", "$.consolidation.variants[1].kind"] {
            #expect(r.err.contains(path + ":"), "missing \(path) in:\n\(r.err)")
        }
    }
}
