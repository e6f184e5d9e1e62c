import Foundation

enum RegenerateCommand {
    static let help = """
    OVERVIEW: Re-run every shipped scenario and rewrite the reference outputs under results/.

    USAGE: virtsim regenerate [--dir <dir>] [--traces <dir>]

    Runs each scenario under scenarios/ into results/<name>/ (the only command that writes
    results/; timing.json there is git-ignored) and then `verify` into
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
            let scenario = try? ScenarioLoader.load(file, traceRoot: nil, day: nil, checkTraces: false)
            if traceRoot == nil, scenario?.isPlanetLab == true {
                console.err("skipped \(file): no PlanetLab traces (--traces or VIRTSIM_TRACES)")
                continue
            }
            console.err("running \(file)")
            var runArgs = [file]
            // The one command that writes results/ (a plain `run` writes under out/).
            if let name = scenario?.name { runArgs += ["--out", "results/" + name] }
            if let t = traceRoot { runArgs += ["--traces", t] }
            let status = RunCommand.execute(runArgs, console: console)
            if status != .success { return status }
        }
        var verifyArgs = ["--out", "results/verify.csv"]
        if let t = traceRoot { verifyArgs += ["--traces", t] }
        return VerifyCommand.execute(verifyArgs, console: console)
    }
}

enum ExplainCommand {
    static let help = """
    OVERVIEW: Explain a placement decision the engine took for one guest.

    USAGE: virtsim explain <scenario> --guest <id> --time <seconds> [--variant <name>] [--traces <dir>]

    Runs the scenario and records the first placement decision the engine takes for the guest at
    or after the given time (its initial placement, or a migration planned by a consolidation
    round), and prints every host's verdict as the engine saw it then: rejected and why, or
    acceptable with its score, and the host chosen. When the engine takes no decision for the guest
    after that time, it prints a what-if instead: where the scenario's placement policy would move
    the guest, on the hosts as the run left them at that time.

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
            guard let guest = try parsed.integer("guest", in: 0...UInt64(Int.max)) else { throw UsageError(message: "missing '--guest <id>'") }
            guard let time = try parsed.number("time") else { throw UsageError(message: "missing '--time <seconds>'") }
            let traceRoot = resolveTraceRoot(parsed)
            // The replay takes the trace day the check read: it is read once.
            let loaded = try ScenarioLoader.loadResolved(file, traceRoot: traceRoot)
            let text = try ExplainRunner.explain(loaded.base, guest: Int(guest), time: time, variant: parsed.options["variant"],
                                                 context: RunContext(traceRoot: traceRoot, progress: { _ in nil }, traceDays: loaded.traceDays))
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
