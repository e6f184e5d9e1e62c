import Reports
import Scenario

/// Runs every point of a sweep (in parallel; results in point order) and lays their summaries
/// out long-form: `point,seed,<one column per axis>,variant,metric,value,unit`.
enum SweepRunner {
    static func run(_ sweep: SweepSpec, points: [SweepPoint], context: RunContext) throws -> CSVTable {
        let progress = CombinedProgress(jobs: points.count, sink: context.progress("sweep"))
        // Each point runs single-threaded inside; the points share the threads.
        let outputs = try parallelMap(points.count, threads: context.threads) { i in
            let pointContext = RunContext(traceRoot: context.traceRoot,
                                          progress: { _ in progress.callback(i) },
                                          threads: 1)
            return try StudyRunner.run(points[i].scenario, context: pointContext).summary
        }
        var table = CSVTable(header: ["point", "seed"] + sweep.axes.map(\.path) + ["variant", "metric", "value", "unit"])
        for (point, rows) in zip(points, outputs) {
            let values = point.values.map(cell)
            for r in rows {
                table.append([String(point.index), String(point.seed)] + values + [r.variant, r.metric, NumberFormat.format(r.value), r.unit])
            }
        }
        return table
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
