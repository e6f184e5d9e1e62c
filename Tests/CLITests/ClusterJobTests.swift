import Foundation
import Scenario
import Testing
@testable import VirtSimCLI

@Suite("Cluster jobs: Slurm and Kubernetes")
struct ClusterJobTests {
    static let lab = packageRoot + "/scenarios/labs/live-migration.json"

    @Test("slurm: a job array of N tasks, a merge job, scripts that parse, the scenario as run")
    func slurmFolder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = virtsim(["slurm", Self.lab, "--shards", "4", "--partition", "short", "--time", "0:10:00", "--cpus", "2",
                         "--out", dir + "/job", "--virtsim", "/opt/virtsim/bin/virtsim", "--seed", "5"])
        #expect(r.status == .success, "\(r.err)")
        let array = try #require(read(dir + "/job/array.sbatch"))
        for line in ["#SBATCH --array=0-3", "#SBATCH --partition=short", "#SBATCH --time=0:10:00", "#SBATCH --cpus-per-task=2",
                     "#SBATCH --output=\(dir)/job/logs/shard-%a.out", "SLURM_ARRAY_TASK_ID",
                     "/opt/virtsim/bin/virtsim run \"$JOB/scenario.json\" --shard \"$I/$N\" --out \"$JOB/shards/shard-$I-of-$N\""] {
            #expect(array.contains(line), "array.sbatch lacks \(line)")
        }
        let merge = try #require(read(dir + "/job/merge.sbatch"))
        #expect(merge.contains("#SBATCH --kill-on-invalid-dep=yes"))
        for i in 0..<4 { #expect(merge.contains("\"$JOB/shards/shard-\(i)-of-4\"")) }
        #expect(merge.contains("--out \"$JOB/merged\""))
        let submit = try #require(read(dir + "/job/submit.sh"))
        #expect(submit.contains("sbatch --parsable --dependency=\"afterok:$array\" \"$JOB/merge.sbatch\""))
        for script in ["array.sbatch", "merge.sbatch", "submit.sh", "status.sh"] {
            let check = Process()
            check.executableURL = URL(fileURLWithPath: "/bin/sh")
            check.arguments = ["-n", dir + "/job/" + script]
            try check.run()
            check.waitUntilExit()
            #expect(check.terminationStatus == 0, "\(script) is not valid shell")
            #expect(FileManager.default.isExecutableFile(atPath: dir + "/job/" + script))
        }
        // The copy the tasks read is the scenario as run: same document, same hash as `run --seed 5`.
        let copy = try ScenarioLoader.loadResolved(dir + "/job/scenario.json", traceRoot: nil)
        let direct = try ScenarioLoader.loadResolved(Self.lab, overrides: .init(seed: 5), traceRoot: nil)
        #expect(copy.hash == direct.hash && copy.base.seed == 5)
        #expect(FileManager.default.fileExists(atPath: dir + "/job/logs"))
    }

    @Test("slurm: bad options are refused before anything is written")
    func slurmUsage() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(virtsim(["slurm", Self.lab, "--out", dir + "/a"]).status == .badInput, "--shards required")
        #expect(virtsim(["slurm", Self.lab, "--shards", "0", "--out", dir + "/a"]).status == .badInput)
        #expect(virtsim(["slurm", Self.lab, "--shards", "+2", "--out", dir + "/a"]).status == .badInput, "digits only, as --shard")
        #expect(virtsim(["slurm", Self.lab, "--shards", "2", "--time", "1 h", "--out", dir + "/a"]).status == .badInput)
        #expect(virtsim(["slurm", dir + "/missing.json", "--shards", "2", "--out", dir + "/a"]).status == .badInput)
        #expect(!FileManager.default.fileExists(atPath: dir + "/a"))
        #expect(virtsim(["slurm", "--help"]).status == .success)
    }

    @Test("k8s: an Indexed Job with the fields Kubernetes requires, and a merge Job")
    func k8sManifests() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = virtsim(["k8s", Self.lab, "--shards", "3", "--image", "registry.example/virtsim:0.1", "--out", dir + "/k"])
        #expect(r.status == .success, "\(r.err)")
        let job = try JSONParser.parse(try #require(read(dir + "/k/job.json")))
        #expect(job.value(at: "$.apiVersion") == .string("batch/v1"))
        #expect(job.value(at: "$.kind") == .string("Job"))
        guard case .string(let name)? = job.value(at: "$.metadata.name") else { Issue.record("no name"); return }
        #expect(name.count <= 63 && name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && name.first!.isLetter)
        #expect(job.value(at: "$.spec.completionMode") == .string("Indexed"))
        #expect(job.value(at: "$.spec.completions") == .number(3, text: "3"))
        #expect(job.value(at: "$.spec.parallelism") == .number(3, text: "3"))
        #expect(job.value(at: "$.spec.template.spec.restartPolicy") == .string("Never"), "a Job's pods must not restart Always")
        #expect(job.value(at: "$.spec.template.spec.containers[0].image") == .string("registry.example/virtsim:0.1"))
        #expect(job.value(at: "$.spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath")
                == .string("metadata.annotations['batch.kubernetes.io/job-completion-index']"))
        guard case .array(let args)? = job.value(at: "$.spec.template.spec.containers[0].args") else { Issue.record("no args"); return }
        #expect(args.contains(.string("$(SHARD_INDEX)/3")))
        // Every volume mounted is declared.
        guard case .array(let mounts)? = job.value(at: "$.spec.template.spec.containers[0].volumeMounts"),
              case .array(let volumes)? = job.value(at: "$.spec.template.spec.volumes") else { Issue.record("no volumes"); return }
        let declared = volumes.compactMap { $0.value(at: "$.name") }
        for m in mounts { #expect(declared.contains(m.value(at: "$.name")!)) }
        let merge = try JSONParser.parse(try #require(read(dir + "/k/merge-job.json")))
        #expect(merge.value(at: "$.kind") == .string("Job"))
        #expect(merge.value(at: "$.spec.completionMode") == nil)
        guard case .array(let mergeArgs)? = merge.value(at: "$.spec.template.spec.containers[0].args") else { Issue.record("no args"); return }
        #expect(mergeArgs.first == .string("merge") && mergeArgs.count == 1 + 3 + 2)
        let config = try JSONParser.parse(try #require(read(dir + "/k/configmap.json")))
        guard case .object(let data)? = config.value(at: "$.data"),
              case .string(let scenarioText)? = data.first(where: { $0.key == "scenario.json" })?.value else {
            Issue.record("no scenario in the ConfigMap")
            return
        }
        #expect(try JSONParser.parse(scenarioText) == withoutSchemaKey(JSONParser.parse(try #require(read(Self.lab)))))
        #expect(virtsim(["k8s", Self.lab, "--shards", "3", "--out", dir + "/x"]).status == .badInput, "--image required")
    }
}
