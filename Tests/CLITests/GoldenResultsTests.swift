import Foundation
import Testing
@testable import VirtSimCLI

/// `results/` holds the committed outputs of the shipped scenarios (`virtsim regenerate`).
/// A fresh run must reproduce them byte for byte: a change that moves a result must regenerate
/// them and say why in its commit.
@Suite("Golden results")
struct GoldenResultsTests {
    /// Shipped scenarios whose committed results a fresh run must reproduce. PlanetLab scenarios
    /// need the traces, and a full CloudSim day per policy is long in a debug build: they are
    /// checked when VIRTSIM_TRACES is set and VIRTSIM_LONG_TESTS=1.
    static let scenarios: [String] = ScenarioLoader.scenarioFiles(in: packageRoot + "/scenarios").filter {
        !$0.contains("/planetlab/") || (traceRoot != nil && ProcessInfo.processInfo.environment["VIRTSIM_LONG_TESTS"] == "1")
    }

    @Test("A fresh run reproduces results/ byte for byte", arguments: scenarios)
    func reproduces(file: String) throws {
        let name = try ScenarioLoader.load(file, traceRoot: traceRoot, day: nil).name
        let committed = packageRoot + "/results/" + name
        // timing.json (when and where a run ran) is the one file allowed to differ; results/
        // keeps it out of git.
        let expected = try FileManager.default.contentsOfDirectory(atPath: committed).filter { $0 != "timing.json" }.sorted()
        #expect(expected.contains("summary.csv"), "no committed results for \(name): run 'virtsim regenerate'")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var args = ["run", file, "--out", dir]
        if let t = traceRoot { args += ["--traces", t] }
        let r = virtsim(args)
        #expect(r.status == .success, "\(r.err)")
        let produced = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0 != "timing.json" }.sorted()
        #expect(FileManager.default.fileExists(atPath: dir + "/timing.json"))
        #expect(produced == expected)
        for f in expected {
            let a = FileManager.default.contents(atPath: "\(committed)/\(f)")
            let b = FileManager.default.contents(atPath: "\(dir)/\(f)")
            #expect(a == b, "\(name)/\(f) differs from a fresh run")
        }
    }

    @Test("results/verify.csv is what verify computes now")
    func verifyTable() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The PlanetLab bands run a whole trace day: checked with the long tests, else left out of
        // the comparison (they are "skipped" without traces).
        let long = traceRoot != nil && ProcessInfo.processInfo.environment["VIRTSIM_LONG_TESTS"] == "1"
        var args = ["verify", "--expectations", packageRoot + "/scenarios/expectations.csv", "--out", dir + "/verify.csv"]
        args += ["--traces", long ? traceRoot! : ""]   // "": no traces, even when VIRTSIM_TRACES is set
        let r = virtsim(args)
        #expect(r.status != .badInput, "\(r.err)")
        func lines(_ text: String?) -> [Substring] {
            (text ?? "").split(separator: "\n").filter { long || !$0.contains(",planetlab/") }
        }
        let fresh = read(dir + "/verify.csv")
        #expect(fresh != nil && lines(fresh) == lines(read(packageRoot + "/results/verify.csv")))
    }
}
