import Foundation
import Reports
import Scenario

/// A run's results before they are laid out as files: the base scenario's summary and tables,
/// the sweep's row blocks, and the provenance. Every part is a table of text cells, so parts read
/// back from shard folders are the same values as parts computed in this process.
struct RunParts {
    var scenarioName: String
    var summary: CSVTable
    /// The study's tables after `summary.csv`, in the order the study writes them.
    var tables: [(file: String, table: CSVTable)]
    /// `sweep.csv`'s header, when the scenario has a sweep.
    var sweepHeader: [String]?
    /// One block of `sweep.csv` rows per sweep run, in run order.
    var sweepRuns: [[[String]]] = []
    var provenance: RunProvenance?
}

/// The one place where a run's files are laid out: a one-process `run` and `merge` of shards
/// both call `files(_:)`, so a merged folder is the one-process folder byte for byte by
/// construction (given that CSV text reads back to the same cells, which the tests check).
enum RunAssembly {
    /// Name of a shard's sweep rows: `sweep.csv`'s columns after a leading `run` column.
    static let shardSweepFile = "sweep_runs.csv"

    /// Every file of a finished run except `timing.json`, in write order: `summary.csv`, the
    /// study's tables, `sweep.csv`, `report.html` and the charts, `run.json`.
    /// Charts are drawn from the summary as read back from its CSV text, whichever way the parts
    /// were obtained. O(total size).
    /// `phases`, when given, records the CSV rendering as `csv` and the charts and page as `charts`.
    static func files(_ parts: RunParts, phases: RunPhases? = nil) -> [(file: String, text: String)] {
        var tables = parts.tables
        if let header = parts.sweepHeader {
            var sweep = CSVTable(header: header)
            for block in parts.sweepRuns { for row in block { sweep.append(row) } }
            tables.append(("sweep.csv", sweep))
        }
        var files: [(file: String, text: String)] = phases.measure("csv") {
            [("summary.csv", parts.summary.render())] + tables.map { ($0.file, $0.table.render()) }
        }
        files += phases.measure("charts") {
            RunCharts.render(summary: SummaryRow.rows(from: parts.summary), tables: tables, scenarioName: parts.scenarioName,
                             provenance: parts.provenance?.reportLines ?? [])
        }
        if let p = parts.provenance { files.append(("run.json", p.json())) }
        return files
    }

    /// The parts of a one-process run from the study's output and the sweep's blocks.
    static func parts(_ output: StudyOutput, scenario: LoadedScenario, sweepRuns: [[[String]]], provenance: RunProvenance?) -> RunParts {
        RunParts(scenarioName: scenario.base.name, summary: SummaryRow.table(output.summary), tables: output.tables,
                 sweepHeader: scenario.sweep.map(SweepRunner.header), sweepRuns: sweepRuns, provenance: provenance)
    }

    /// A shard folder's files (except `timing.json`): the base point's `summary.csv` and tables
    /// when the shard ran point 0, its sweep runs' rows in `sweep_runs.csv` (prefixed with the run),
    /// and `run.json` with the shard record.
    static func shardFiles(base: StudyOutput?, sweepHeader: [String]?, sweepRuns: [(run: Int, rows: [[String]])],
                           provenance: RunProvenance) -> [(file: String, text: String)] {
        var files: [(file: String, text: String)] = []
        if let base {
            files.append(("summary.csv", SummaryRow.table(base.summary).render()))
            files += base.tables.map { ($0.file, $0.table.render()) }
        }
        if let header = sweepHeader {
            var t = CSVTable(header: ["run"] + header)
            for (run, rows) in sweepRuns { for row in rows { t.append([String(run)] + row) } }
            files.append((shardSweepFile, t.render()))
        }
        files.append(("run.json", provenance.json()))
        return files
    }
}

/// Writes a run's files into its folder.
enum OutputWriter {
    /// Replaces the folder `dir` with exactly `files` (names relative to `dir`), as a whole or not
    /// at all: `ResultWriter` (a kill leaves the previous result or the new one; a failure leaves
    /// nothing behind and throws an `OutputError` sentence).
    static func write(_ files: [(file: String, text: String)], to dir: String) throws(OutputError) {
        var set = ResultFiles()
        for f in files { set.add(f.file, text: f.text) }
        try ResultWriter.standard.replaceFolder(dir, with: set)
    }
}
