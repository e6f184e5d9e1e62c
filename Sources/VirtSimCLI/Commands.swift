import Foundation
import Reports
import Scenario

/// Options shared by commands that run simulations.
struct RunContext: Sendable {
    /// Root of the PlanetLab traces (`--traces`, else `VIRTSIM_TRACES`).
    var traceRoot: String?
    var progress: @Sendable (String) -> (@Sendable (Double) -> Void)?
    /// Threads for independent runs (variants); results never depend on it.
    var threads: Int = defaultThreads
}

/// Default thread count: the processors this process may use.
let defaultThreads = ProcessInfo.processInfo.activeProcessorCount

/// What a study produces: tidy summary rows, extra tables by file name, and a short text table.
struct StudyOutput {
    var summary: [SummaryRow]
    var tables: [(file: String, table: CSVTable)]
    var display: String
}

/// Errors of a run that are the input's fault (exit 2), as opposed to bugs.
struct InputError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

func resolveTraceRoot(_ parsed: ParsedArguments) -> String? {
    parsed.options["traces"] ?? ProcessInfo.processInfo.environment["VIRTSIM_TRACES"]
}

enum RunCommand {
    static let help = """
    OVERVIEW: Run a scenario and write its CSV results.

    USAGE: virtsim run [<scenario>] [--out <dir>] [--seed <n>] [--traces <dir>] [--day <yyyymmdd>]
                       [--mode <mode>] [--threads <n>]

    ARGUMENTS:
      <scenario>              A scenario file (JSON). Without it, the built-in default: the seed
                              consolidation scenario (figure S1).

    OPTIONS:
      --out <dir>             Output folder (default: results/<scenario name>/).
      --seed <n>              Seed of every random stream (default: the scenario's).
      --traces <dir>          PlanetLab trace root (default: $VIRTSIM_TRACES).
      --day <yyyymmdd>        Trace day for PlanetLab scenarios (default: the scenario's).
      --threads <n>           Threads for independent runs (default: processor count). Outputs
                              are identical for every thread count.
      --mode <mode>           PlanetLab semantics: cloudsim (CloudSim 3.0.3, quirks included) or
                              virtsim (intended behaviour) (default: the scenario's).
      -h, --help              Show help information.

    Writes summary.csv (scenario,variant,metric,value,unit) and the study's tables, atomically.
    Exit status: 0 success, 2 bad usage or input.
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: ["out", "seed", "traces", "day", "mode", "threads"], flags: [],
                                           maxPositionals: 1, console: console)
        guard let parsed = p else { return early! }
        do {
            let seed = try parsed.integer("seed")
            let traceRoot = resolveTraceRoot(parsed)
            let loaded = try ScenarioLoader.loadWithSweep(parsed.positionals.first, traceRoot: traceRoot, day: parsed.options["day"])
            var scenario = loaded.base
            if let seed { scenario.seed = seed }
            if let mode = parsed.options["mode"] {
                guard case .planetLab(var study) = scenario.study else {
                    throw UsageError(message: "'--mode' applies to PlanetLab scenarios only")
                }
                guard ["cloudsim", "virtsim"].contains(mode) else {
                    throw UsageError(message: "'--mode' expects cloudsim or virtsim, found '\(mode)'")
                }
                study.mode = mode
                scenario.study = .planetLab(study)
            }
            let outDir = parsed.options["out"] ?? "results/\(scenario.name)"
            let threads = try parsed.integer("threads").map(Int.init) ?? defaultThreads
            guard threads >= 1 else { throw UsageError(message: "'--threads' expects a number ≥ 1") }
            let context = RunContext(traceRoot: traceRoot, progress: { console.progress($0) }, threads: threads)
            var output = try StudyRunner.run(scenario, context: context)
            if let sweep = loaded.sweep {
                output.tables.append(("sweep.csv", try SweepRunner.run(sweep, points: loaded.points, context: context)))
                output.display += "\nsweep: \(loaded.points.count) runs written to sweep.csv"
            }
            try writeOutput(output, scenarioName: scenario.name, to: outDir)
            console.out(output.display)
            console.out("wrote \(outDir)/: summary.csv" + output.tables.map { ", \($0.file)" }.joined() + ", report.html and charts")
            return .success
        } catch let e as ScenarioError {
            console.err("Error: " + e.description)
        } catch let e as UsageError {
            console.err("Error: \(e.message)\n\n" + help)
        } catch {
            console.err("Error: \(error)")
        }
        return .badInput
    }

    static func writeOutput(_ output: StudyOutput, scenarioName: String, to dir: String) throws {
        var files = [(path: "\(dir)/summary.csv", text: SummaryRow.table(output.summary).render())]
        files += output.tables.map { ("\(dir)/\($0.file)", $0.table.render()) }
        files += renderCharts(for: output, scenarioName: scenarioName).map { ("\(dir)/\($0.file)", $0.text) }
        try AtomicFile.writeAll(files)
    }
}

enum ValidateCommand {
    static let help = """
    OVERVIEW: Check scenario files without running them.

    USAGE: virtsim validate <scenario> ... [--traces <dir>]

    Reports every problem at once, each with its JSON path, the value found and what was expected.
    Writes nothing. Exit status: 0 all valid, 2 any problem.

    OPTIONS:
      --traces <dir>          PlanetLab trace root, to check that a scenario's trace files exist
                              (default: $VIRTSIM_TRACES).
      -h, --help              Show help information.
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: ["traces"], flags: [], maxPositionals: 1000, console: console)
        guard let parsed = p else { return early! }
        guard !parsed.positionals.isEmpty else {
            console.err("Error: missing expected argument '<scenario>'\n\n" + help)
            return .badInput
        }
        var status = ExitStatus.success
        for file in parsed.positionals {
            do {
                let s = try ScenarioLoader.load(file, traceRoot: resolveTraceRoot(parsed), day: nil)
                console.out("\(file): valid (\(s.name))")
            } catch let e as ScenarioError {
                console.err(e.description)
                status = .badInput
            } catch {
                console.err("\(file): \(error)")
                status = .badInput
            }
        }
        return status
    }
}

enum ListCommand {
    static let help = """
    OVERVIEW: List the shipped scenarios with one line each.

    USAGE: virtsim list [--dir <dir>]

    OPTIONS:
      --dir <dir>             Folder to list (default: scenarios).
      -h, --help              Show help information.
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: ["dir"], flags: [], maxPositionals: 0, console: console)
        guard let parsed = p else { return early! }
        let dir = parsed.options["dir"] ?? "scenarios"
        let files = ScenarioLoader.scenarioFiles(in: dir)
        if files.isEmpty {
            console.err("Error: no scenario files under '\(dir)'")
            return .badInput
        }
        let width = files.map(\.count).max() ?? 0
        var status = ExitStatus.success
        for f in files {
            do {
                let s = try ScenarioLoader.load(f, traceRoot: nil, day: nil, checkTraces: false)
                console.out(f.padding(toLength: width + 2, withPad: " ", startingAt: 0) + s.description)
            } catch {
                console.out(f.padding(toLength: width + 2, withPad: " ", startingAt: 0) + "(invalid: run 'virtsim validate \(f)')")
                status = .badInput
            }
        }
        return status
    }
}
