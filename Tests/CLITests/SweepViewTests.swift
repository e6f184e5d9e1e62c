import Foundation
import Reports
import Testing
@testable import VirtSimCLI

@Suite("Sweeps in the terminal and the report")
struct SweepViewTests {
    /// Two axes (a numeric threshold, a named device), two seeds, one variant.
    static let table: CSVTable = {
        var t = CSVTable(header: ["point", "seed", "$.x.threshold", "$.x.device", "variant", "metric", "value", "unit"])
        var point = 0
        for threshold in ["0.6", "0.9"] {
            for device in ["ide", "ahci"] {
                for seed in ["1", "2"] {
                    let base = (Double(threshold)! * 100) + (device == "ide" ? 10 : 0) + (seed == "2" ? 2 : 0)
                    t.append([String(point), seed, threshold, device, "para", "util", NumberFormat.format(base), "percent"])
                    t.append([String(point), seed, threshold, device, "para", "constant", "1", "count"])
                }
                point += 1
            }
        }
        return t
    }()

    @Test("The terminal table has a line per point, seed and variant with the headline metrics")
    func terminalTable() throws {
        let view = try #require(SweepView(Self.table))
        #expect(view.axes == ["$.x.threshold", "$.x.device"])
        let lines = view.terminalTable().split(separator: "\n")
        #expect(lines[0].hasPrefix("threshold  device  seed  variant  util (percent)"))
        #expect(lines.count == 2 + 8)
        #expect(lines[2].hasPrefix("0.6        ide     1     para     70"))
    }

    @Test("One chart per varying metric and axis; seed spread as min and max lines; the finding in words")
    func charts() throws {
        let charts = try #require(SweepView(Self.table)).charts(scenarioName: "lab")
        #expect(charts.map(\.heading) == ["util against threshold", "util against device"])   // "constant" never varies
        #expect(charts[0].svg.contains("para, device=ide (seed min)"))
        // Mean over seeds: ide at 0.6 is (70 + 72) / 2 = 71, at 0.9 (100 + 102) / 2 = 101.
        #expect(charts[0].text.contains("para, device=ide 71 → 101"), "\(charts[0].text)")
        #expect(charts[1].svg.contains("<rect"))   // a named axis is drawn as bars
    }

    @Test("run prints the sweep table and report.html draws it")
    func endToEnd() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = virtsim(["run", packageRoot + "/scenarios/labs/live-migration.json", "--out", dir])
        #expect(r.status == .success, "\(r.err)")
        #expect(r.out.contains("maximumRateMbps  variant"))
        let report = try #require(read(dir + "/report.html"))
        #expect(report.contains("migration_downtime_seconds against maximumRateMbps"))
        #expect(FileManager.default.fileExists(atPath: dir + "/sweep_1_maximumratembps.svg"))
    }
}
