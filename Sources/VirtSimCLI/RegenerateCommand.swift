import Foundation

enum RegenerateCommand {
    static let help = """
    OVERVIEW: Re-run every shipped scenario and rewrite the reference outputs under results/.

    USAGE: virtsim regenerate [--dir <dir>] [--traces <dir>]

    Runs each scenario under scenarios/ into results/<name>/ and then `verify` into
    results/verify.csv. PlanetLab scenarios need the traces (--traces or $VIRTSIM_TRACES) and are
    skipped, with a note, without them. Outputs are deterministic: a second run rewrites the same
    bytes.

    OPTIONS:
      --dir <dir>             Scenario folder (default: scenarios).
      --traces <dir>          PlanetLab trace root (default: $VIRTSIM_TRACES).
      -h, --help              Show help information.
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: ["dir", "traces"], flags: [], maxPositionals: 0, console: console)
        guard let parsed = p else { return early! }
        let traceRoot = resolveTraceRoot(parsed)
        for file in ScenarioLoader.scenarioFiles(in: parsed.options["dir"] ?? "scenarios") {
            if traceRoot == nil, (try? ScenarioLoader.load(file, traceRoot: nil, day: nil, checkTraces: false))
                .map({ if case .planetLab = $0.study { return true } else { return false } }) == true {
                console.err("skipped \(file): no PlanetLab traces (--traces or VIRTSIM_TRACES)")
                continue
            }
            console.err("running \(file)")
            var runArgs = [file]
            if let t = traceRoot { runArgs += ["--traces", t] }
            let status = RunCommand.execute(runArgs, console: console)
            if status != .success { return status }
        }
        var verifyArgs: [String] = []
        if let t = traceRoot { verifyArgs += ["--traces", t] }
        return VerifyCommand.execute(verifyArgs, console: console)
    }
}

enum ExplainCommand {
    static let help = """
    OVERVIEW: Explain where the placement policy would move one guest at one time.

    USAGE: virtsim explain <scenario> --guest <id> --time <seconds> [--variant <name>] [--traces <dir>]

    Replays the scenario up to the first consolidation round at or after the given time, then asks
    the scenario's placement policy where the guest would go if it migrated then, and prints every
    host's verdict: rejected and why, or its score, and the winner. It is a what-if on the hosts as
    the run left them; the engine's own moves are counted in guests.csv.

    OPTIONS:
      --guest <id>            Guest index (0-based, as in guests.csv).
      --time <seconds>        Simulated time of the decision.
      --variant <name>        Variant of a consolidation study (default: the first non-dedicated).
      --traces <dir>          PlanetLab trace root (default: $VIRTSIM_TRACES).
      -h, --help              Show help information.
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: ["guest", "time", "variant", "traces"], flags: [],
                                           maxPositionals: 1, console: console)
        guard let parsed = p else { return early! }
        do {
            guard let file = parsed.positionals.first else { throw UsageError(message: "missing expected argument '<scenario>'") }
            guard let guest = try parsed.integer("guest") else { throw UsageError(message: "missing '--guest <id>'") }
            guard let time = try parsed.number("time") else { throw UsageError(message: "missing '--time <seconds>'") }
            let scenario = try ScenarioLoader.load(file, traceRoot: resolveTraceRoot(parsed), day: nil)
            let text = try ExplainRunner.explain(scenario, guest: Int(guest), time: time, variant: parsed.options["variant"],
                                                 context: RunContext(traceRoot: resolveTraceRoot(parsed), progress: { _ in nil }))
            console.out(text)
            return .success
        } catch let e as UsageError {
            console.err("Error: \(e.message)\n\n" + help)
        } catch {
            console.err("Error: \(error)")
        }
        return .badInput
    }
}
