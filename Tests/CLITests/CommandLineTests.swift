import Foundation
import Testing
import Scenario
@testable import VirtSimCLI

@Suite("Command line")
struct CommandLineTests {
    @Test("--version prints the version")
    func version() {
        let r = virtsim(["--version"])
        #expect(r.status == .success)
        #expect(r.out == VirtSimMain.version)
    }

    @Test("Every command has --help, exit 0, with a usage line",
          arguments: ["run", "validate", "list", "verify", "explain", "regenerate"])
    func help(command: String) {
        for flag in ["--help", "-h"] {
            let r = virtsim([command, flag])
            #expect(r.status == .success)
            #expect(r.out.contains("USAGE: virtsim \(command)"))
        }
        #expect(virtsim(["help", command]).out.contains("USAGE: virtsim \(command)"))
    }

    @Test("--day, like --mode, is refused for a study that has none", arguments: ["--day", "--mode"])
    func dayOnlyForPlanetLab(option: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = virtsim(["run", packageRoot + "/scenarios/seed-io-overhead.json", option, option == "--day" ? "20110303" : "virtsim",
                         "--out", dir + "/out"])
        #expect(r.status == .badInput)
        #expect(r.err.hasPrefix("Error: '\(option)' applies to PlanetLab scenarios only"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    @Test("--mode takes a semantics mode's name; another is refused with the names listed")
    func modeNames() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = virtsim(["run", packageRoot + "/scenarios/planetlab/lr-mmt-1.2.json", "--mode", "xen", "--out", dir + "/out"])
        #expect(r.status == .badInput)
        #expect(r.err.hasPrefix("Error: '--mode' expects one of virtsim, cloudsim, found 'xen'"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    @Test("run's help lists every semantics mode --mode takes, with what it is")
    func modeHelp() {
        let help = virtsim(["run", "--help"]).out
        for mode in SemanticsMode.allCases { #expect(help.contains("\(mode.rawValue): \(mode.summary)")) }
    }

    @Test("Top-level help lists every subcommand")
    func topHelp() {
        let r = virtsim(["--help"])
        #expect(r.status == .success)
        for c in VirtSimMain.commands { #expect(r.out.contains(c.name)) }
    }

    @Test("Bad usage: error on stderr, exit 2", arguments: [
        ["frobnicate"], ["run", "--sed", "3"], ["run", "a.json", "b.json"], ["run", "--seed", "minus-one"],
        ["validate"], ["verify", "--only", "Z9"], ["explain", "x.json"], ["run", "--out"],
        // Issue 8, item 5: huge or signed numbers are usage errors, not traps or silent reads.
        ["run", "--threads", "9223372036854775808"], ["run", "--threads", "0"], ["run", "--threads", "4097"],
        ["run", "--threads", "-1"], ["run", "--seed", "+5"], ["run", "--seed", "18446744073709551616"], ["run", "--seed", " 5"],
        ["explain", "x.json", "--guest", "9223372036854775808", "--time", "0"], ["explain", "x.json", "--guest", "1", "--time", "0x10"],
        ["explain", "x.json", "--guest", "1", "--time", "nan"], ["help", "bogus"],
        // Item 6: --day has the scenario's eight-digit form, checked before any file is read.
        ["run", "--day", "../../../../etc"], ["run", "--day", "2011030"], ["run", "--day", "+20110303"],
    ])
    func badUsage(args: [String]) {
        let r = virtsim(args)
        #expect(r.status == .badInput)
        #expect(r.err.hasPrefix("Error:"))
        #expect(r.out.isEmpty)
    }
}

@Suite("Scenario validation from the command line")
struct ValidateCommandTests {
    @Test("Every shipped scenario validates")
    func shippedScenariosValid() {
        let files = ScenarioLoader.scenarioFiles(in: packageRoot + "/scenarios")
        #expect(!files.isEmpty)
        for f in files {
            let r = virtsim(["validate", f, "--traces", traceRoot ?? "/nonexistent"])
            if f.contains("/planetlab/") && traceRoot == nil { continue }
            #expect(r.status == .success, "\(f): \(r.err)")
        }
    }

    @Test("The built-in default is the shipped seed-consolidation scenario")
    func builtInMatchesFile() {
        let file = read(packageRoot + "/scenarios/seed-consolidation.json")
        #expect(file?.trimmingCharacters(in: .newlines) == BuiltInScenarios.seedConsolidation)
    }

    @Test("A malformed scenario: every error with its JSON path, exit 2, nothing written")
    func malformed() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = """
        {"name": "broken", "study": "consolidation", "seed": -4,
         "consolidation": {"hardwareProfile": "pentium-9000", "horizonHours": 0,
           "hostType": {"cores": 0, "mipsPerCore": 2660, "ramMB": 4096, "power": "toaster"},
           "fleet": {"servers": 10, "meanUtilization": {"cdf": [[0, 0], [1, 1]], "source": "s"},
                     "appMemoryMB": {"cdf": [[100, 0], [200, 1]]}, "operations": "web-server"},
           "variants": [{"name": "x", "kind": "hypervisor-of-doom"}],
           "policies": {"placement": "random-walk", "overload": "thr", "selection": "mmt"},
           "colour": "blue"}}
        """
        try bad.write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        let r = virtsim(["run", dir + "/bad.json", "--out", dir + "/out"])
        #expect(r.status == .badInput)
        for path in ["$.seed", "$.consolidation.hardwareProfile", "$.consolidation.horizonHours",
                     "$.consolidation.hostType.cores", "$.consolidation.hostType.power",
                     "$.consolidation.variants[0].kind", "$.consolidation.policies.placement", "$.consolidation.colour"] {
            #expect(r.err.contains(path + ":"), "missing \(path) in:\n\(r.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
        let v = virtsim(["validate", dir + "/bad.json"])
        #expect(v.status == .badInput)
        #expect(v.err.contains("8 problems"))
    }

    @Test("Not JSON at all: one error with line and column, exit 2")
    func notJSON() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "{\"name\": \"x\",\n  oops}".write(toFile: dir + "/x.json", atomically: true, encoding: .utf8)
        let r = virtsim(["validate", dir + "/x.json"])
        #expect(r.status == .badInput)
        #expect(r.err.contains("line 2, column 3"))
    }

    @Test("A missing file is an input error")
    func missingFile() {
        let r = virtsim(["run", "/nonexistent/scenario.json"])
        #expect(r.status == .badInput)
        #expect(r.err.contains("cannot read"))
    }
}
