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
    /// Where the base scenario's run records the wall time of its phases (nil: not measured).
    var phases: RunPhases? = nil
    /// The trace days the scenario check read (`LoadedScenario.traceDays`): the runs use them
    /// rather than reading the folders again. Empty: every run reads its day itself.
    var traceDays = TraceDays(root: nil)
}

/// Default thread count: the processors this process may use.
let defaultThreads = ProcessInfo.processInfo.activeProcessorCount
/// The most `--threads` accepts: more threads than independent runs are never used anyway.
let maximumThreads: UInt64 = 4096

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

enum ValidateCommand {
    static let help = """
    OVERVIEW: Check scenario files without running them.

    USAGE: virtsim validate <scenario> ... [--traces <dir>]

    Reports every problem at once, each with its JSON path, the value found and what was expected,
    and for a valid scenario the estimated work and peak memory of running it (README, "Limits":
    beyond them, run refuses). Writes nothing. Exit status: 0 all valid, 2 any problem.

    OPTIONS:
      --traces <dir>          PlanetLab trace root, to check that a scenario's trace files exist
                              (default: $VIRTSIM_TRACES).
      -h, --help              Show help information.
    """

    static func execute(_ args: [String], console: Console, limits: ResourceLimits = .standard) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: ["traces"], flags: [], maxPositionals: 1000, console: console)
        guard let parsed = p else { return early! }
        guard !parsed.positionals.isEmpty else {
            console.err("Error: missing expected argument '<scenario>'\n\n" + help)
            return .badInput
        }
        var status = ExitStatus.success
        for file in parsed.positionals {
            do {
                let s = try ScenarioLoader.loadWithSweep(file, traceRoot: resolveTraceRoot(parsed), day: nil, limits: limits)
                let estimate = ResourceEstimate.of(base: s.base, points: s.points)
                console.out("\(file): valid (\(s.base.name)); \(estimate.summary)")
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
           virtsim list --hardware

    OPTIONS:
      --dir <dir>             Folder to list (default: scenarios).
      --hardware              List the built-in hardware profiles and power tables instead.
      -h, --help              Show help information.
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: ["dir"], flags: ["hardware"], maxPositionals: 0, console: console)
        guard let parsed = p else { return early! }
        if parsed.flags.contains("hardware") {
            console.out(HardwareCatalogueFiles.listing())
            return .success
        }
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
