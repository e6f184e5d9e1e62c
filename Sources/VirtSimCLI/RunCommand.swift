import Foundation
import Reports
import Scenario

enum RunCommand {
    static let help = """
    OVERVIEW: Run a scenario and write its CSV results.

    USAGE: virtsim run [<scenario>] [--out <dir>] [--seed <n>] [--traces <dir>] [--day <yyyymmdd>]
                       [--mode <mode>] [--threads <n>] [--shard <i>/<n>] [--force]

    ARGUMENTS:
      <scenario>              A scenario file (JSON). Without it, the built-in default: the seed
                              consolidation scenario (figure S1).

    OPTIONS:
      --out <dir>             Output folder (default: out/<scenario name>/, with -day<d>, -seed<n>
                              and -<mode> appended for the overrides given; a shard's default is
                              out/<that name>-shards/shard-<i>-of-<n>/).
      --seed <n>              Seed of every random stream (default: the scenario's; a sweep
                              without its own seeds uses it too).
      --traces <dir>          PlanetLab trace root (default: $VIRTSIM_TRACES).
      --day <yyyymmdd>        Trace day for PlanetLab scenarios, eight digits (default: the
                              scenario's); refused for other studies, as --mode.
      --threads <n>           Threads for independent runs, 1 to 4096 (default: processor
                              count). Outputs are identical for every thread count.
      --mode <mode>           PlanetLab semantics (default: the scenario's):
    \(SemanticsMode.allCases.map { "                            \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))
      --shard <i>/<n>         Run only shard i (0 ≤ i < n) of the run's points: the base
                              scenario and the sweep's runs, split by estimated work (see README).
                              Writes a shard folder for 'virtsim merge'.
      --force                 Run even when the estimated work exceeds the limit (README,
                              "Limits"). The memory limit still applies.
      -h, --help              Show help information.

    Writes summary.csv (scenario,variant,metric,value,unit), the study's tables, sweep.csv for a
    sweep, report.html and charts, run.json (version, scenario as run and its hash, seed, trace
    hash: identical between identical runs) and timing.json (start, duration, threads, host, phases),
    all at once. Only 'virtsim regenerate' writes results/.
    Exit status: 0 success, 2 bad usage or input.
    """

    static func execute(_ args: [String], console: Console, limits: ResourceLimits = .standard) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: ["out", "seed", "traces", "day", "mode", "threads", "shard"],
                                           flags: ["force"], maxPositionals: 1, console: console)
        guard let parsed = p else { return early! }
        do {
            let start = Date()
            let phases = RunPhases()
            let traceRoot = resolveTraceRoot(parsed)
            let overrides = ScenarioLoader.Overrides(seed: try parsed.integer("seed"), day: try parsed.day(), mode: parsed.options["mode"])
            let shard = try parsed.options["shard"].map(ShardPlan.parseShard)
            let threads = try parsed.integer("threads", in: 1...maximumThreads).map(Int.init) ?? defaultThreads
            let loaded = try phases.measure("scenario") {
                try ScenarioLoader.loadResolved(parsed.positionals.first, overrides: overrides, traceRoot: traceRoot,
                                                limits: limits, force: parsed.flags.contains("force"), phases: phases)
            }
            let outDir = parsed.options["out"] ?? defaultFolder(loaded.base.name, overrides: overrides, shard: shard)
            let context = RunContext(traceRoot: traceRoot, progress: { console.progress($0) }, threads: threads, phases: phases,
                                     traceDays: loaded.traceDays)
            let traces = try phases.measure("traceDigest") { try RunProvenance.traceDigest(for: loaded, traceRoot: traceRoot) }
            if let shard {
                let message = try runShard(loaded, shard: shard, traces: traces, context: context, to: outDir, start: start)
                console.out(message)
                return .success
            }
            let output = try phases.measure("study") { try StudyRunner.run(loaded.base, context: context) }
            var sweepContext = context
            sweepContext.phases = nil
            let sweepRuns = loaded.sweep == nil ? [] : try phases.measure("sweep") {
                try SweepRunner.run(Array(loaded.points.indices), of: loaded.points, context: sweepContext)
            }
            let parts = RunAssembly.parts(output, scenario: loaded, sweepRuns: sweepRuns,
                                          provenance: RunProvenance(scenario: loaded, traces: traces))
            var files = RunAssembly.files(parts, phases: phases)
            var timing = RunTiming.measuring(threads: threads, since: start)
            timing.phases = phases.totals
            files.append(("timing.json", timing.json()))
            try phases.measure("write") { try OutputWriter.write(files, to: outDir) }
            // The folder is complete; timing.json is then replaced (atomically) by one that counts
            // the writes too, so durationSeconds is the whole run.
            timing = RunTiming.measuring(threads: threads, since: start)
            timing.phases = phases.totals
            try ResultWriter.standard.replaceFile(outDir + "/timing.json", with: Data(timing.json().utf8))
            var display = output.display
            if let sweep = loaded.sweep {
                // The sweep table, not just the base point: one line per point, seed and variant.
                var table = CSVTable(header: SweepRunner.header(sweep))
                for block in sweepRuns { for row in block { table.append(row) } }
                display += "\n\nsweep: \(loaded.points.count) runs (sweep.csv)"
                if let view = SweepView(table) { display += "\n" + view.terminalTable() }
            }
            console.out(display)
            console.out("wrote \(outDir)/: summary.csv" + parts.tables.map { ", \($0.file)" }.joined()
                        + (loaded.sweep == nil ? "" : ", sweep.csv") + ", report.html and charts, run.json, timing.json")
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

    /// `out/<name>[-day<d>][-seed<n>][-<mode>]`, and for a shard `…-shards/shard-<i>-of-<n>`.
    static func defaultFolder(_ name: String, overrides: ScenarioLoader.Overrides, shard: (index: Int, count: Int)?) -> String {
        var folder = "out/" + name
        if let d = overrides.day { folder += "-day" + d }
        if let s = overrides.seed { folder += "-seed\(s)" }
        if let m = overrides.mode { folder += "-" + m }
        if let shard { folder += "-shards/shard-\(shard.index)-of-\(shard.count)" }
        return folder
    }

    /// Runs shard `shard` of the run's points and writes its folder. Returns the line to print.
    static func runShard(_ loaded: LoadedScenario, shard: (index: Int, count: Int), traces: RunProvenance.TraceDigest?,
                         context: RunContext, to dir: String, start: Date) throws -> String {
        let plan = ShardPlan(loaded, shards: shard.count)
        let mine = plan.points(of: shard.index)
        let base = mine.first == 0 ? try StudyRunner.run(loaded.base, context: context) : nil
        let runs = mine.filter { $0 > 0 }.map { $0 - 1 }
        let blocks = loaded.sweep == nil ? [] : try SweepRunner.run(runs, of: loaded.points, context: context)
        let record = RunProvenance.ShardRecord(index: shard.index, count: shard.count, totalPoints: plan.shardOfPoint.count,
                                               points: mine, baseTables: base?.tables.map(\.file) ?? [])
        let provenance = RunProvenance(scenario: loaded, traces: traces, shard: record)
        var files = RunAssembly.shardFiles(base: base, sweepHeader: loaded.sweep.map(SweepRunner.header),
                                           sweepRuns: Array(zip(runs, blocks)).map { ($0, $1) }, provenance: provenance)
        files.append(("timing.json", RunTiming.measuring(threads: context.threads, since: start).json()))
        try OutputWriter.write(files, to: dir)
        return "shard \(shard.index)/\(shard.count): ran \(mine.count) of \(plan.shardOfPoint.count) points; wrote \(dir)/"
    }
}
