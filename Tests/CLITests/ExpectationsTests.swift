import Foundation
import Testing
@testable import VirtSimCLI

/// A small consolidation scenario for user bands.
private let tinyScenario = """
{"name": "tiny", "study": "consolidation", "seed": 3,
 "consolidation": {"hardwareProfile": "xeon-sandybridge-2012", "horizonHours": 2,
   "hostType": {"cores": 2, "mipsPerCore": 2660, "ramMB": 4096, "power": "hp-ml110-g5"},
   "fleet": {"servers": 12, "meanUtilization": {"cdf": [[0.1, 0], [0.3, 1]], "source": "test"},
             "appMemoryMB": {"cdf": [[256, 0], [512, 1]]}, "operations": "web-server"},
   "variants": [{"name": "dedicated", "kind": "native", "dedicated": true}, {"name": "para", "kind": "para"}],
   "policies": {"placement": "power-aware-best-fit-decreasing", "overload": "thr", "overloadParameter": 0.8, "selection": "mmt"}}}
"""

@Suite("verify --expectations")
struct ExpectationsTests {
    @Test("User bands in CSV: a met band and a missed one; exit 1; verify.csv carries source and note")
    func userBandsCSV() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tinyScenario.write(toFile: dir + "/tiny.json", atomically: true, encoding: .utf8)
        try """
        scenario,variant,metric,low,high,source,note
        tiny.json,dedicated,active_hosts_mean,1,12,"my plan, v2",one host per workload
        tiny.json,ratio:dedicated:para,active_hosts_mean,1,inf,consolidation must save hosts,
        tiny.json,para,energy_kwh,0,0.001,a deliberately impossible budget,
        """.write(toFile: dir + "/bands.csv", atomically: true, encoding: .utf8)
        let r = virtsim(["verify", "--expectations", dir + "/bands.csv", "--out", dir + "/verify.csv"])
        #expect(r.status == .verificationFailed, "\(r.err)")
        #expect(r.out.contains("2 of 3 checks pass; failing: para.energy_kwh"))
        let table = try #require(read(dir + "/verify.csv")).split(separator: "\n").map(String.init)
        #expect(table[0] == "figure,scenario,quantity,expected_low,expected_high,simulated,unit,status,source,note")
        #expect(table[1].hasPrefix(",tiny.json,dedicated.active_hosts_mean,1,12,"))
        #expect(table[1].hasSuffix(",hosts,pass,\"my plan, v2\",one host per workload"), "\(table[1])")
        #expect(table[2].contains("ratio:dedicated:para.active_hosts_mean,1,inf,"))
        #expect(table[2].contains(",pass,"))
        #expect(table[3].contains(",fail,a deliberately impossible budget,"))
    }

    @Test("User bands in JSON; all met gives exit 0; nothing written without --out")
    func userBandsJSON() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tinyScenario.write(toFile: dir + "/tiny.json", atomically: true, encoding: .utf8)
        try #"{"expectations": [{"figure": "P1", "scenario": "tiny.json", "variant": "para", "metric": "migrations", "low": 0, "high": "inf", "source": "sanity"}]}"#
            .write(toFile: dir + "/bands.json", atomically: true, encoding: .utf8)
        let r = virtsim(["verify", "--expectations", dir + "/bands.json"])
        #expect(r.status == .success, "\(r.err)")
        #expect(r.out.contains("1 of 1 checks pass"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["bands.json", "tiny.json"])
    }

    static let badFiles: [(name: String, text: String, says: String)] = [
        ("a.csv", "scenario,variant,metric,low,high\nx.json,a,b,1,2\n", "a.csv:1: missing column \"source\""),
        ("b.csv", "scenario,variant,metric,low,high,source,colour\n", "b.csv:1: unknown column \"colour\""),
        ("c.csv", "scenario,variant,metric,low,high,source\ntiny.json,para,migrations,lots,2,s\n", "c.csv:2: low \"lots\" is not a number"),
        ("d.csv", "scenario,variant,metric,low,high,source\ntiny.json,para,migrations,1,2,\n", "d.csv:2: source is empty"),
        ("e.csv", "scenario,variant,metric,low,high,source\ntiny.json,para,migrations,5,2,s\n", "e.csv:2: low 5.0 is above high 2.0"),
        ("f.csv", "scenario,variant,metric,low,high,source\nnone.json,para,migrations,1,2,s\n", "f.csv:2: scenario"),
        ("g.json", #"{"expectations": [{"scenario": "tiny.json", "variant": "para", "metric": "m", "low": 1, "high": 2, "source": "s", "hue": 1}]}"#, "$.expectations[0].hue"),
    ]

    @Test("Bad expectation files: file and line (or JSON path) and what was expected; exit 2", arguments: badFiles)
    func badFile(_ c: (name: String, text: String, says: String)) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tinyScenario.write(toFile: dir + "/tiny.json", atomically: true, encoding: .utf8)
        try c.text.write(toFile: dir + "/" + c.name, atomically: true, encoding: .utf8)
        let r = virtsim(["verify", "--expectations", dir + "/" + c.name])
        #expect(r.status == .badInput)
        #expect(r.err.contains(c.says), "\(r.err)")
    }

    @Test("CSV fields follow RFC 4180 quoting")
    func csvQuoting() {
        #expect(ExpectationsFile.csvFields(#"a,"b, c","say ""hi""",,d"#) == ["a", "b, c", #"say "hi""#, "", "d"])
        #expect(ExpectationsFile.csvFields(#"a,"open"#) == nil)
    }

    @Test("The shipped catalogue names a source for every band and only scenarios that exist")
    func catalogueIsSourced() throws {
        let rows = try ExpectationsFile.read(packageRoot + "/scenarios/expectations.csv")
        #expect(rows.count >= 40)
        for e in rows {
            #expect(!e.source.isEmpty && !e.figure.isEmpty)
            #expect(!e.source.contains("FIGURES.md"))
            if !e.scenario.hasPrefix("built-in:") {
                #expect(FileManager.default.fileExists(atPath: packageRoot + "/scenarios/" + e.scenario), "\(e.scenario)")
            }
        }
    }
}
