import Foundation
import Reports
import Scenario

/// What the Slurm and Kubernetes generators share: the scenario as run, copied into the job
/// folder (so later edits of the original cannot mix versions: every shard and the merge read the
/// same bytes, and the merged run.json is the one-process run's), the shard count and the paths.
struct ClusterJob {
    var loaded: LoadedScenario
    var shards: Int
    /// Absolute job folder: scripts, `scenario.json`, `logs/`, `shards/`, `merged/`.
    var folder: String

    /// The scenario file the shards run: the resolved document, rendered canonically (it reads
    /// back to the same document, so its hash is the original's with the same overrides).
    var scenarioText: String { loaded.root.rendered() + "\n" }

    /// Shard folder of shard `index` relative to the job folder.
    func shardFolder(_ index: String) -> String { "shards/shard-\(index)-of-\(shards)" }

    /// Reads the options every generator takes: the scenario, `--shards`, `--seed`, `--day`,
    /// `--mode`, `--traces` (checked: a shard must not fail later for a missing trace file).
    static func load(_ parsed: ParsedArguments, defaultFolderSuffix: String) throws -> ClusterJob {
        guard let file = parsed.positionals.first else { throw UsageError(message: "missing expected argument '<scenario>'") }
        guard let n = try parsed.integer("shards", in: 1...10_000).map(Int.init) else { throw UsageError(message: "missing '--shards <n>'") }
        let overrides = ScenarioLoader.Overrides(seed: try parsed.integer("seed"), day: parsed.options["day"], mode: parsed.options["mode"])
        let loaded = try ScenarioLoader.loadResolved(file, overrides: overrides, traceRoot: resolveTraceRoot(parsed))
        let folder = parsed.options["out"] ?? RunCommand.defaultFolder(loaded.base.name, overrides: overrides, shard: nil) + defaultFolderSuffix
        return ClusterJob(loaded: loaded, shards: n, folder: absolute(folder))
    }

    /// Writes the job folder's files one by one, each whole or not at all (`ResultWriter.replaceFile`),
    /// into the folder, which is kept: it also holds the tasks' logs and shard folders.
    static func write(_ files: [(file: String, text: String)], into folder: String) throws {
        for f in files { try ResultWriter.standard.replaceFile(folder + "/" + f.file, with: Data(f.text.utf8)) }
    }

    static func absolute(_ path: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    /// A word for a POSIX shell, single-quoted when it holds anything but safe characters.
    static func shellQuoted(_ s: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:,@%")
        if !s.isEmpty && s.allSatisfy(safe.contains) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The path of the running `virtsim` executable (what the generated jobs call by default).
    static var currentExecutable: String {
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return link }
        return absolute(CommandLine.arguments[0])
    }
}
