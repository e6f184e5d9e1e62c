import Foundation
import Reports
import Scenario

enum SlurmCommand {
    static let help = """
    OVERVIEW: Write a Slurm job array that runs a scenario's points as N shards, and the merge job.

    USAGE: virtsim slurm <scenario> --shards <n> [--partition <p>] [--time <t>] [--cpus <c>]
                         [--out <dir>] [--virtsim <path>] [--seed <n>] [--day <d>] [--mode <m>]
                         [--traces <dir>] [--submit]

    Writes into the job folder (default: out/<scenario name>-slurm/):
      scenario.json   the scenario as run (overrides applied); every task reads this copy
      array.sbatch    the job array (--array=0-(N-1)); task i runs 'virtsim run --shard i/N'
                      from SLURM_ARRAY_TASK_ID into shards/shard-i-of-N/, log logs/shard-i.out
      merge.sbatch    'virtsim merge' of the N shard folders into merged/ (log logs/merge.out);
                      cancelled by Slurm if an array task fails (--kill-on-invalid-dep=yes)
      submit.sh       submits both: the merge with --dependency=afterok:<array job>
      status.sh       states and exit codes of the tasks; names each failed task and its log
    merged/ then holds exactly what 'virtsim run <scenario>' writes in one process.

    OPTIONS:
      --shards <n>            Number of array tasks (1 to 10000).
      --partition <p>         Slurm partition (default: the cluster's default).
      --time <t>              Time limit of each task, in sbatch's syntax (default: 1:00:00).
      --cpus <c>              CPUs per task; each task runs its points on as many threads
                              (default: 1).
      --out <dir>             Job folder, on a file system every node sees.
      --virtsim <path>        The virtsim executable the nodes run (default: this one).
      --seed, --day, --mode   Overrides, as for 'virtsim run'.
      --traces <dir>          PlanetLab trace root, passed to the tasks (default: $VIRTSIM_TRACES).
      --submit                Submit with sbatch and print the job ids.
      -h, --help              Show help information.

    Exit status: 0 success, 2 bad usage or input (or sbatch refused a job).
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help,
                                           options: ["shards", "partition", "time", "cpus", "out", "virtsim", "seed", "day", "mode", "traces"],
                                           flags: ["submit"], maxPositionals: 1, console: console)
        guard let parsed = p else { return early! }
        do {
            let job = try ClusterJob.load(parsed, defaultFolderSuffix: "-slurm")
            let cpus = try parsed.integer("cpus").map(Int.init) ?? 1
            guard cpus >= 1 else { throw UsageError(message: "'--cpus' expects a number ≥ 1") }
            let settings = Settings(partition: parsed.options["partition"], time: parsed.options["time"] ?? "1:00:00", cpus: cpus,
                                    virtsim: ClusterJob.absolute(parsed.options["virtsim"] ?? ClusterJob.currentExecutable),
                                    traces: resolveTraceRoot(parsed).map(ClusterJob.absolute))
            for (name, value) in [("partition", settings.partition ?? ""), ("time", settings.time)] where value.contains(where: { $0.isWhitespace }) {
                throw UsageError(message: "'--\(name)' cannot hold spaces, found '\(value)'")
            }
            let files = SlurmScripts(job: job, settings: settings).files
            try ClusterJob.write(files, into: job.folder)
            for dir in ["logs", "shards"] { try FileManager.default.createDirectory(atPath: job.folder + "/" + dir, withIntermediateDirectories: true) }
            for script in ["array.sbatch", "merge.sbatch", "submit.sh", "status.sh"] {
                chmod(job.folder + "/" + script, 0o755)
            }
            console.out("wrote \(job.folder)/: array.sbatch (\(job.shards) tasks), merge.sbatch, submit.sh, status.sh, scenario.json")
            guard parsed.flags.contains("submit") else {
                console.out("submit with: \(ClusterJob.shellQuoted(job.folder + "/submit.sh"))")
                return .success
            }
            let array = try sbatch(["--parsable", job.folder + "/array.sbatch"])
            let merge = try sbatch(["--parsable", "--dependency=afterok:\(array)", job.folder + "/merge.sbatch"])
            try ClusterJob.write([("job-ids", "\(array)\n\(merge)\n")], into: job.folder)
            console.out("array job \(array) (\(job.shards) tasks), merge job \(merge) (after every task succeeds)")
            return .success
        } catch let e as UsageError {
            console.err("Error: \(e.message)\n\n" + help)
        } catch let e as ScenarioError {
            console.err("Error: " + e.description)
        } catch {
            console.err("Error: \(error)")
        }
        return .badInput
    }

    struct Settings {
        var partition: String?
        var time: String
        var cpus: Int
        var virtsim: String
        var traces: String?
    }

    /// Runs `sbatch ARGS` and returns the job id it prints (`--parsable`: `id[;cluster]`).
    static func sbatch(_ args: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sbatch"] + args
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw InputError(message: "cannot run sbatch: \(error)") }
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let id = output.split(separator: "\n").first.map { String($0.split(separator: ";")[0]) } ?? ""
        guard process.terminationStatus == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw InputError(message: "sbatch \(args.joined(separator: " ")) failed (status \(process.terminationStatus)): \(errors)")
        }
        return id
    }
}

/// The text of the Slurm job folder's files.
struct SlurmScripts {
    var job: ClusterJob
    var settings: SlurmCommand.Settings

    var files: [(file: String, text: String)] {
        [("scenario.json", job.scenarioText), ("array.sbatch", array), ("merge.sbatch", merge), ("submit.sh", submit), ("status.sh", status)]
    }

    private var q: (String) -> String { ClusterJob.shellQuoted }
    private var name: String { job.loaded.base.name }

    var array: String {
        var s = "#!/bin/bash\n"
        s += "# VirtSim \(VirtSimMain.version): scenario \(name) (\(job.loaded.hash)) as \(job.shards) shards.\n"
        s += "# Generated by 'virtsim slurm'; submit with submit.sh (it adds the merge job).\n"
        s += "#SBATCH --job-name=virtsim-\(name)\n"
        s += "#SBATCH --array=0-\(job.shards - 1)\n"
        s += "#SBATCH --ntasks=1\n"
        s += "#SBATCH --cpus-per-task=\(settings.cpus)\n"
        s += "#SBATCH --time=\(settings.time)\n"
        if let p = settings.partition { s += "#SBATCH --partition=\(p)\n" }
        s += "#SBATCH --output=\(job.folder)/logs/shard-%a.out\n"
        s += "set -u\n"
        s += "JOB=\(q(job.folder))\n"
        s += "N=\(job.shards)\n"
        s += "I=\"${SLURM_ARRAY_TASK_ID:?this script runs as a Slurm array task (sbatch array.sbatch)}\"\n"
        s += "\(q(settings.virtsim)) run \"$JOB/scenario.json\" --shard \"$I/$N\" --out \"$JOB/shards/shard-$I-of-$N\" \\\n"
        s += "    --threads \"${SLURM_CPUS_PER_TASK:-1}\"" + (settings.traces.map { " --traces " + q($0) } ?? "") + "\n"
        s += "status=$?\n"
        s += "if [ \"$status\" -ne 0 ]; then\n"
        s += "  echo \"virtsim: shard $I/$N (array task ${SLURM_ARRAY_JOB_ID:-?}_$I on $(hostname)) failed with exit status $status\" >&2\n"
        s += "fi\n"
        s += "exit \"$status\"\n"
        return s
    }

    var merge: String {
        var s = "#!/bin/bash\n"
        s += "# Merges the \(job.shards) shard folders of scenario \(name) into merged/ (after every array task succeeded).\n"
        s += "#SBATCH --job-name=virtsim-\(name)-merge\n"
        s += "#SBATCH --ntasks=1\n"
        s += "#SBATCH --cpus-per-task=1\n"
        s += "#SBATCH --time=\(settings.time)\n"
        if let p = settings.partition { s += "#SBATCH --partition=\(p)\n" }
        s += "#SBATCH --kill-on-invalid-dep=yes\n"
        s += "#SBATCH --output=\(job.folder)/logs/merge.out\n"
        s += "set -u\n"
        s += "JOB=\(q(job.folder))\n"
        s += "exec \(q(settings.virtsim)) merge"
        for i in 0..<job.shards { s += " \\\n    \"$JOB/\(job.shardFolder(String(i)))\"" }
        s += " \\\n    --out \"$JOB/merged\"\n"
        return s
    }

    var submit: String {
        """
        #!/bin/sh
        # Submits the job array, then the merge job, which runs only if every array task succeeds.
        set -eu
        JOB=\(q(job.folder))
        mkdir -p "$JOB/logs" "$JOB/shards"
        array=$(sbatch --parsable "$JOB/array.sbatch")
        array=${array%%;*}
        merge=$(sbatch --parsable --dependency="afterok:$array" "$JOB/merge.sbatch")
        merge=${merge%%;*}
        printf '%s\\n%s\\n' "$array" "$merge" > "$JOB/job-ids"
        echo "array job $array (\(job.shards) tasks), merge job $merge (after every task succeeds)"

        """
    }

    /// Reads the job ids `submit.sh` saved and reports every task; exit 1 when a task failed.
    var status: String {
        """
        #!/bin/sh
        # States of the array tasks and of the merge job; names every failed task and its log.
        # Exit status: 0 all done, 1 a task or the merge failed, 3 still running.
        set -u
        JOB=\(q(job.folder))
        array=$(sed -n 1p "$JOB/job-ids")
        merge=$(sed -n 2p "$JOB/job-ids")
        failed=0
        running=0
        for i in $(seq 0 \(job.shards - 1)); do
          line=$(scontrol -o show job "${array}_$i" 2>/dev/null | head -n 1)
          state=$(printf '%s\\n' "$line" | sed -n 's/.*JobState=\\([A-Z_]*\\).*/\\1/p')
          code=$(printf '%s\\n' "$line" | sed -n 's/.* ExitCode=\\([0-9:]*\\).*/\\1/p')
          if [ -z "$state" ]; then
            if [ -f "$JOB/\(job.shardFolder("$i"))/run.json" ]; then state=COMPLETED; else state=UNKNOWN; fi
          fi
          echo "task $i (job ${array}_$i): $state, exit code ${code:-?}"
          case "$state" in
            COMPLETED) ;;
            PENDING|RUNNING|CONFIGURING|COMPLETING|REQUEUED|RESIZING|SUSPENDED) running=1 ;;
            *) failed=1; echo "  FAILED: array task $i of job $array; log $JOB/logs/shard-$i.out" ;;
          esac
        done
        line=$(scontrol -o show job "$merge" 2>/dev/null | head -n 1)
        state=$(printf '%s\\n' "$line" | sed -n 's/.*JobState=\\([A-Z_]*\\).*/\\1/p')
        reason=$(printf '%s\\n' "$line" | sed -n 's/.* Reason=\\([^ ]*\\).*/\\1/p')
        if [ -z "$state" ] && [ -f "$JOB/merged/run.json" ]; then state=COMPLETED; fi
        echo "merge (job $merge): ${state:-UNKNOWN}${reason:+ ($reason)}"
        case "$state" in
          COMPLETED) ;;
          PENDING|RUNNING|CONFIGURING|COMPLETING) [ "$failed" = 1 ] || running=1 ;;
          *) failed=1 ;;
        esac
        if [ "$failed" = 1 ]; then exit 1; fi
        if [ "$running" = 1 ]; then exit 3; fi
        exit 0

        """
    }
}
