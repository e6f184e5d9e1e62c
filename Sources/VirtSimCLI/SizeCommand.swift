import Foundation
import Reports
import Scenario

/// `virtsim size`: the smallest fixed size of one host pool that keeps SLATAH under a target
/// with every guest placed (`SizingSearch`), and the curve of the sizes it ran.
enum SizeCommand {
    static let help = """
    OVERVIEW: Find how many hosts of one pool keep SLATAH under a target, with every guest placed.

    USAGE: virtsim size <scenario> --host-type <pool> --slatah-max <percent> [--variant <name>]
                        [--max-hosts <n>] [--out <dir>] [--traces <dir>]

    Runs the consolidation scenario with the named pool fixed at different sizes (every other
    pool as the scenario gives it): from the scenario's size (or 1), doubling until a size meets
    the target, then bisecting. A size meets the target when SLATAH <= the percent given and no
    guest had to wait for a host. Bisection assumes more hosts never do worse; the curve shows
    every size run. Prints the curve and the answer, and writes the curve as sizing.csv.

    OPTIONS:
      --host-type <pool>      Pool to size: a pool label (type@rack) or a type name only one pool has.
      --slatah-max <percent>  Target: SLATAH at most this percent (0 to 100).
      --variant <name>        Variant of a fleet study (default: the first non-dedicated one).
      --max-hosts <n>         Largest size tried, 1 to 100000 (default: one host per guest).
      --out <dir>             Output folder (default: out/<name>-size-<pool>).
      --traces <dir>          Trace root (default: $VIRTSIM_TRACES).
      -h, --help              Show help information.

    Exit status: 0 a size meets the target, 1 no size up to the maximum does, 2 bad usage or input.
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: ["host-type", "slatah-max", "variant", "max-hosts", "out", "traces"],
                                           flags: [], maxPositionals: 1, console: console)
        guard let parsed = p else { return early! }
        do {
            guard let file = parsed.positionals.first else { throw UsageError(message: "missing expected argument '<scenario>'") }
            guard let poolName = parsed.options["host-type"] else { throw UsageError(message: "missing '--host-type <pool>'") }
            guard let target = try parsed.number("slatah-max") else { throw UsageError(message: "missing '--slatah-max <percent>'") }
            guard target >= 0 && target <= 100 else { throw UsageError(message: "'--slatah-max' expects a percent from 0 to 100, found '\(parsed.options["slatah-max"]!)'") }
            let maxHosts = try parsed.integer("max-hosts", in: 1...100_000).map(Int.init)
            let traceRoot = resolveTraceRoot(parsed)
            let scenario = try ScenarioLoader.load(file, traceRoot: traceRoot, day: nil)
            guard case .consolidation(let study) = scenario.study else {
                throw InputError(message: "size applies to consolidation scenarios (host pools); \(file) is not one")
            }
            let pool = try SizingSearch.pool(named: poolName, in: study)
            let candidates = study.variants.filter { parsed.options["variant"] == nil ? !$0.dedicated : $0.name == parsed.options["variant"] }
            guard let variant = candidates.first, !variant.dedicated else {
                throw UsageError(message: "no consolidated variant named '\(parsed.options["variant"] ?? "")'; expected one of "
                                 + study.variants.filter { !$0.dedicated }.map { "'\($0.name)'" }.joined(separator: ", "))
            }
            let search = SizingSearch(scenario: scenario, study: study, pool: pool, slatahMaxPercent: target, variant: variant,
                                      maximum: maxHosts ?? max(study.fleet.servers, 1))
            let label = study.hostPools[pool].label
            let (answer, curve) = try search.search(context: RunContext(traceRoot: traceRoot, progress: { _ in nil }))
            var table = CSVTable(header: SizingSearch.header)
            var display = [["hosts", "SLATAH %", "energy kWh", "guests waited", "guest-hours waiting", "peak active", "meets"]]
            for point in curve {
                table.append(SizingSearch.row(point))
                display.append([String(point.hosts), NumberFormat.format(point.slatahPercent, significant: 3),
                                NumberFormat.format(point.energyKWh, significant: 4), String(point.guestsWaited),
                                NumberFormat.format(point.guestHoursWaiting, significant: 4),
                                NumberFormat.format(point.activeHostsMax), point.meets ? "yes" : "no"])
            }
            let outDir = parsed.options["out"] ?? "out/\(scenario.name)-size-\(label)"
            try OutputWriter.write([("sizing.csv", table.render())], to: outDir)
            console.out("\(scenario.name): pool \(label), target SLATAH <= \(NumberFormat.format(target)) % with every guest placed")
            console.out(TextTable.render(display))
            if let answer {
                console.out("answer: \(answer) hosts of \(label)")
                console.out("wrote \(outDir)/sizing.csv")
                return .success
            }
            console.out("no size up to \(search.maximum) hosts of \(label) meets the target")
            console.out("wrote \(outDir)/sizing.csv")
            return .verificationFailed
        } catch let e as ScenarioError {
            console.err("Error: " + e.description)
        } catch let e as UsageError {
            console.err("Error: \(e.message)\n\n" + help)
        } catch {
            console.err("Error: \(error)")
        }
        return .badInput
    }
}
