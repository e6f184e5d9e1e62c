import Foundation
import Testing
import VirtModel
@testable import Scenario

/// A fresh folder for one test's files.
private func scratchFolder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("virtsim-power-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

private func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

/// The 11 watts of the HP ProLiant ML110 G5 table (the shipped `hp-ml110-g5`) as a CSV file.
private let g5CSV = """
# SPECpower_ssj2008, HP ProLiant ML110 G5, via Beloglazov & Buyya, CCPE 2012, Table I
load_percent,watts
0,93.7
10,97
20,101
30,105
40,110
50,116
60,121
70,125
80,129
90,133
100,135

"""

@Suite("A user's SPECpower table as CSV")
struct PowerTableCSVTests {
    @Test("A CSV table reads into the same 11 watts as the shipped JSON table")
    func readsG5() throws {
        let watts = try PowerTableCSV.parse(g5CSV, file: "g5.csv").get()
        #expect(watts == SpecPowerModel.hpProLiantML110G5.watts)
    }

    @Test("Windows line ends and spaces around fields are accepted")
    func toleratesCRLF() throws {
        let text = g5CSV.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(of: ",", with: " , ")
        #expect(try PowerTableCSV.parse(text, file: "g5.csv").get() == SpecPowerModel.hpProLiantML110G5.watts)
    }

    /// Each broken file, with the `file:line` prefix and a word of the message that must appear.
    static let broken: [(text: String, expected: [String])] = [
        ("load,power\n0,1\n", ["t.csv:1: found header \"load,power\"; expected \"load_percent,watts\""]),
        ("", ["t.csv:1: empty; expected the header"]),
        (g5CSV.replacingOccurrences(of: "50,116\n", with: ""), ["t.csv:12: missing load 50 %"]),
        (g5CSV.replacingOccurrences(of: "30,105", with: "35,105"), ["t.csv:6: found load \"35\""]),
        (g5CSV.replacingOccurrences(of: "30,105", with: "30,99"), ["t.csv:6: found 99 W at 30 % after 101 W at 20 %"]),
        (g5CSV.replacingOccurrences(of: "70,125", with: "70,lots"), ["t.csv:10: found watts \"lots\""]),
        (g5CSV.replacingOccurrences(of: "90,133", with: "90,133,1"), ["t.csv:12: found 3 fields"]),
        (g5CSV.replacingOccurrences(of: "20,101", with: "10,101"), ["t.csv:5: found load 10 after 10 (line 4)"]),
        // Two problems in one file: both reported.
        (g5CSV.replacingOccurrences(of: "0,93.7", with: "0,-1").replacingOccurrences(of: "80,129", with: "80,x"),
         ["t.csv:3: found watts \"-1\"", "t.csv:11: found watts \"x\""]),
    ]

    @Test("Every problem of a broken table is reported with file and line", arguments: broken.indices)
    func reportsFileAndLine(_ i: Int) {
        let (text, expected) = Self.broken[i]
        guard case .failure(let e) = PowerTableCSV.parse(text, file: "t.csv") else {
            Issue.record("accepted a broken table")
            return
        }
        for prefix in expected {
            #expect(e.problems.contains { $0.hasPrefix(prefix) }, "\(prefix) not in \(e.problems)")
        }
        #expect(e.problems.count == expected.count, "\(e.problems)")
    }

    @Test("A scenario's host type takes its power table from a CSV file next to the scenario")
    func scenarioHostTypeReadsTable() throws {
        let dir = try scratchFolder()
        try FileManager.default.createDirectory(atPath: dir + "/tables", withIntermediateDirectories: true)
        try write(g5CSV.replacingOccurrences(of: "93.7", with: "90"), to: dir + "/tables/mine.csv")
        let power = #"{"name": "mine", "source": "my meter", "table": "tables/mine.csv", "sleepWatts": {"value": 5, "source": "m"}, "offWatts": {"value": 0, "source": "m"}}"#
        let text = validConsolidation.replacingOccurrences(of: #""power": "hp-ml110-g5""#, with: #""power": \#(power)"#)
        let s = try ScenarioReader(vocabulary: vocabulary).read(text, file: dir + "/s.json")
        guard case .consolidation(let c) = s.study else { Issue.record("wrong study"); return }
        #expect(c.hostType.power.watts.first == 90)
        #expect(c.hostType.power.watts.last == 135)
        #expect(c.hostType.power.name == "mine")
        // A sweep point reads the same file.
        let swept = text.dropLast() + #", "sweep": {"parameters": [{"path": "$.seed", "values": [1, 2]}]}}"#
        let (_, _, points) = try ScenarioReader(vocabulary: vocabulary).readWithSweep(String(swept), file: dir + "/s.json")
        for p in points {
            guard case .consolidation(let c) = p.scenario.study else { Issue.record("wrong study"); return }
            #expect(c.hostType.power.watts.first == 90)
        }
    }

    @Test("A broken or missing table is reported at its JSON path with the file's line")
    func scenarioReportsTableProblems() throws {
        let dir = try scratchFolder()
        try write(g5CSV.replacingOccurrences(of: "60,121", with: "60,100"), to: dir + "/bad.csv")
        func diagnostics(table: String, extra: String = "") -> [Diagnostic] {
            let power = #"{"name": "mine", "source": "s", "table": "\#(table)"\#(extra), "sleepWatts": {"value": 5, "source": "m"}, "offWatts": {"value": 0, "source": "m"}}"#
            let text = validConsolidation.replacingOccurrences(of: #""power": "hp-ml110-g5""#, with: #""power": \#(power)"#)
            do { _ = try ScenarioReader(vocabulary: vocabulary).read(text, file: dir + "/s.json"); return [] } catch { return error.diagnostics }
        }
        let bad = diagnostics(table: "bad.csv")
        #expect(bad.count == 1)
        #expect(bad.first?.path == "$.consolidation.hostType.power.table")
        #expect(bad.first?.message.hasPrefix(dir + "/bad.csv:9: found 100 W at 60 %") == true, "\(bad)")
        let missing = diagnostics(table: "none.csv")
        #expect(missing.first?.path == "$.consolidation.hostType.power.table")
        #expect(missing.first?.message.contains("none.csv") == true, "\(missing)")
        let both = diagnostics(table: "bad.csv", extra: #", "watts": [1, 2]"#)
        #expect(both.contains { $0.path == "$.consolidation.hostType.power.watts" && $0.message.contains("give one of them") }, "\(both)")
        #expect(diagnostics(table: "").contains { $0.path == "$.consolidation.hostType.power.table" && $0.message.hasPrefix("empty") })
    }

    @Test("A standalone power table document and a hardware document name their CSV relative to their own folder")
    func documentsResolveRelativeToTheirFolder() throws {
        let dir = try scratchFolder()
        try write(g5CSV, to: dir + "/g5.csv")
        let doc = #"{"name": "g5-csv", "source": "s", "table": "g5.csv", "sleepWatts": {"value": 10, "source": "a"}, "offWatts": {"value": 0, "source": "a"}}"#
        let table = try PowerTableDocument.read(doc, file: dir + "/g5.json")
        #expect(table.watts == SpecPowerModel.hpProLiantML110G5.watts)
        let hardware = #"{"base": "dell2650-2003", "name": "lab", "power": \#(doc)}"#
        let profile = try HardwareDocument.read(hardware, file: dir + "/lab.json")
        #expect(profile.power?.watts == SpecPowerModel.hpProLiantML110G5.watts)
    }
}
