import Foundation
import Reports
import Scenario

enum K8sCommand {
    static let help = """
    OVERVIEW: Write Kubernetes manifests that run a scenario's points as an Indexed Job of N
    shards, and the merge Job.

    USAGE: virtsim k8s <scenario> --shards <n> --image <image> [--claim <pvc>] [--cpus <c>]
                       [--out <dir>] [--seed <n>] [--day <d>] [--mode <m>] [--traces <dir>]

    Writes into the folder (default: out/<scenario name>-k8s/), as JSON (kubectl reads it as YAML):
      configmap.json  the scenario as run (overrides applied), mounted at /scenario
      job.json        Indexed Job (completionMode: Indexed, completions = parallelism = N); pod i
                      runs 'virtsim run --shard i/N' from JOB_COMPLETION_INDEX into
                      /results/<name>/shards/shard-i-of-N on the volume claim
      merge-job.json  'virtsim merge' of the N shard folders into /results/<name>/merged
      submit.sh       kubectl apply, wait for the Indexed Job to complete, then the merge Job
    The image must hold the virtsim executable on its PATH (and the PlanetLab traces under
    /traces for PlanetLab scenarios). Checked here for structure only, not against a live cluster.

    OPTIONS:
      --shards <n>            Number of indexes (1 to 10000).
      --image <image>         Container image with virtsim.
      --claim <pvc>           PersistentVolumeClaim (ReadWriteMany) for the results
                              (default: virtsim-results).
      --cpus <c>              CPU request of each pod, and its thread count (default: 1).
      --out <dir>             Folder for the manifests.
      --seed, --day, --mode   Overrides, as for 'virtsim run'.
      --traces <dir>          PlanetLab trace root on this machine, to check the scenario's days
                              (default: $VIRTSIM_TRACES); the pods read /traces.
      -h, --help              Show help information.

    Exit status: 0 success, 2 bad usage or input.
    """

    static func execute(_ args: [String], console: Console) -> ExitStatus {
        let (p, early) = VirtSimMain.parse(args, help: help, options: ["shards", "image", "claim", "cpus", "out", "seed", "day", "mode", "traces"],
                                           flags: [], maxPositionals: 1, console: console)
        guard let parsed = p else { return early! }
        do {
            guard let image = parsed.options["image"], !image.isEmpty else { throw UsageError(message: "missing '--image <image>'") }
            let job = try ClusterJob.load(parsed, defaultFolderSuffix: "-k8s")
            let cpus = try parsed.integer("cpus").map(Int.init) ?? 1
            guard cpus >= 1 else { throw UsageError(message: "'--cpus' expects a number ≥ 1") }
            let manifests = K8sManifests(job: job, image: image, claim: parsed.options["claim"] ?? "virtsim-results", cpus: cpus)
            try ClusterJob.write(manifests.files, into: job.folder)
            chmod(job.folder + "/submit.sh", 0o755)
            console.out("wrote \(job.folder)/: configmap.json, job.json (\(job.shards) indexes), merge-job.json, submit.sh")
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
}

/// The Kubernetes objects of a sharded run, as JSON documents.
struct K8sManifests {
    var job: ClusterJob
    var image: String
    var claim: String
    var cpus: Int

    /// A DNS-1123 label from the scenario name: lowercase letters, digits and '-', at most 63.
    var baseName: String {
        var s = String(("virtsim-" + job.loaded.base.name).lowercased().map { $0.isLetter && $0.isASCII || $0.isNumber ? $0 : "-" })
        while s.contains("--") { s = s.replacingOccurrences(of: "--", with: "-") }
        s = String(s.prefix(57))
        while s.hasSuffix("-") { s.removeLast() }
        return s
    }

    var files: [(file: String, text: String)] {
        [("configmap.json", configMap.rendered() + "\n"), ("job.json", indexedJob.rendered() + "\n"),
         ("merge-job.json", mergeJob.rendered() + "\n"), ("submit.sh", submit)]
    }

    private func str(_ s: String) -> JSONValue { .string(s) }
    private func num(_ n: Int) -> JSONValue { .number(Double(n), text: String(n)) }
    private var results: String { "/results/" + job.loaded.base.name }

    var configMap: JSONValue {
        .object([("apiVersion", str("v1")), ("kind", str("ConfigMap")),
                 ("metadata", .object([("name", str(baseName + "-scenario"))])),
                 ("data", .object([("scenario.json", str(job.scenarioText))]))])
    }

    private func pod(args: [String], index: Bool) -> JSONValue {
        var container: [(key: String, value: JSONValue)] = [
            ("name", str("virtsim")), ("image", str(image)), ("command", .array([str("virtsim")])),
            ("args", .array(args.map(str))),
        ]
        if index {
            // Declared so that $(SHARD_INDEX) expands in args (Kubernetes expands declared
            // variables only); the Job controller writes the index into this annotation.
            container.append(("env", .array([.object([
                ("name", str("SHARD_INDEX")),
                ("valueFrom", .object([("fieldRef", .object([("fieldPath", str("metadata.annotations['batch.kubernetes.io/job-completion-index']"))]))])),
            ])])))
        }
        container.append(("resources", .object([("requests", .object([("cpu", str(String(cpus)))]))])))
        container.append(("volumeMounts", .array([
            .object([("name", str("results")), ("mountPath", str("/results"))]),
            .object([("name", str("scenario")), ("mountPath", str("/scenario")), ("readOnly", .bool(true))]),
        ])))
        return .object([
            ("restartPolicy", str("Never")),
            ("containers", .array([.object(container)])),
            ("volumes", .array([
                .object([("name", str("results")), ("persistentVolumeClaim", .object([("claimName", str(claim))]))]),
                .object([("name", str("scenario")), ("configMap", .object([("name", str(baseName + "-scenario"))]))]),
            ])),
        ])
    }

    private var traceArgs: [String] {
        if job.loaded.base.isPlanetLab { return ["--traces", "/traces"] }
        return []
    }

    var indexedJob: JSONValue {
        let args = ["run", "/scenario/scenario.json", "--shard", "$(SHARD_INDEX)/\(job.shards)",
                    "--out", results + "/" + job.shardFolder("$(SHARD_INDEX)"), "--threads", String(cpus)] + traceArgs
        return .object([
            ("apiVersion", str("batch/v1")), ("kind", str("Job")),
            ("metadata", .object([("name", str(baseName))])),
            ("spec", .object([
                ("completionMode", str("Indexed")),
                ("completions", num(job.shards)),
                ("parallelism", num(job.shards)),
                ("backoffLimit", num(3 * job.shards)),
                ("template", .object([("spec", pod(args: args, index: true))])),
            ])),
        ])
    }

    var mergeJob: JSONValue {
        let args = ["merge"] + (0..<job.shards).map { results + "/" + job.shardFolder(String($0)) } + ["--out", results + "/merged"]
        return .object([
            ("apiVersion", str("batch/v1")), ("kind", str("Job")),
            ("metadata", .object([("name", str(baseName + "-merge"))])),
            ("spec", .object([
                ("completions", num(1)),
                ("backoffLimit", num(0)),
                ("template", .object([("spec", pod(args: args, index: false))])),
            ])),
        ])
    }

    /// Kubernetes has no dependencies between Jobs: the script waits for the Indexed Job.
    var submit: String {
        """
        #!/bin/sh
        # Applies the scenario and the Indexed Job, waits for every index to complete, then runs the merge.
        set -eu
        cd "$(dirname "$0")"
        kubectl apply -f configmap.json -f job.json
        if ! kubectl wait --for=condition=complete --timeout=24h job/\(baseName); then
          echo "the Indexed Job \(baseName) did not complete; failed indexes:" >&2
          kubectl get job \(baseName) -o jsonpath='{.status.failedIndexes}{"\\n"}' >&2 || true
          exit 1
        fi
        kubectl apply -f merge-job.json
        kubectl wait --for=condition=complete --timeout=1h job/\(baseName)-merge

        """
    }
}
