import Reports
import Scenario

/// Runs sweep points (in parallel; results in point order) and lays their summaries out
/// long-form: `point,seed,<one column per axis>,variant,metric,value,unit`, one block of rows per
/// sweep run. `RunAssembly` joins the blocks into `sweep.csv`, whether they come from this
/// process or from shards.
enum SweepRunner {
    /// The header of `sweep.csv`.
    static func header(_ sweep: SweepSpec) -> [String] {
        ["point", "seed"] + sweep.axes.map(\.path) + ["variant", "metric", "value", "unit"]
    }

    /// The row blocks of the sweep runs `runs` (indices into `points`), in that order.
    static func run(_ runs: [Int], of points: [SweepPoint], context: RunContext) throws -> [[[String]]] {
        let progress = CombinedProgress(jobs: runs.count, sink: context.progress("sweep"))
        // Each point runs single-threaded inside; the points share the threads.
        let outputs = try parallelMap(runs.count, threads: context.threads) { i in
            let pointContext = RunContext(traceRoot: context.traceRoot,
                                          progress: { _ in progress.callback(i) },
                                          threads: 1, traceDays: context.traceDays)
            return try StudyRunner.run(points[runs[i]].scenario, context: pointContext).summary
        }
        return zip(runs, outputs).map { run, rows in
            let point = points[run]
            let values = point.values.map(cell)
            return rows.map { r in
                [String(point.index), String(point.seed)] + values + [r.variant, r.metric, NumberFormat.format(r.value), r.unit]
            }
        }
    }

    /// A swept value as a cell: numbers and strings as written, anything else as JSON-ish text.
    static func cell(_ v: JSONValue) -> String {
        switch v {
        case .number(_, let text): return text
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        default: return v.brief
        }
    }
}
