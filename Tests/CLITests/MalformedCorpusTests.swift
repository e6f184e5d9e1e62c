import Foundation
import Testing
@testable import Scenario
@testable import VirtSimCLI

/// A corpus of malformed scenarios (issue 8), each with the JSON path of the error it must
/// produce. Two parts:
///
/// - every numeric key of `ScenarioKeys` just below its range, just above it, as a string, as a
///   fraction (integer keys) and as a number no double holds (`1e309`), applied to a shipped
///   scenario that uses the key: one distinct input per key and probe, each expected to fail at
///   exactly the key's path (so reader and table agree);
/// - hand-written structural mistakes over every study kind, sweeps and traces.
@Suite("Malformed scenario corpus")
struct MalformedCorpusTests {
    /// A scenario text that holds every key of the study `key` belongs to.
    static func base(for path: String) -> String {
        func edit2(_ text: String, _ edits: [(String, String)]) -> String {
            var text = text
            for (a, b) in edits { text = text.replacingFirst(a, with: b) }
            return text
        }
        func edit(_ file: String, _ edits: [(String, String)]) -> String {
            var text = shipped(file)
            for (a, b) in edits { text = text.replacingFirst(a, with: b) }
            return text
        }
        if path.hasPrefix("$.consolidation.policies.overloadWindow") { return shipped("labs/overload-window.json") }
        if path == "$.consolidation.hostType.clockGHz" {
            return edit("seed-consolidation.json", [("\"mipsPerCore\": 2660", "\"clockGHz\": 2.66")])
        }
        if path.hasPrefix("$.consolidation.hosts") || path.hasPrefix("$.consolidation.guests") {
            // The planner example, its small guests' workload synthetic with every component.
            return edit("planner-example.json", [
                ("{\"trace\": {\"format\": \"csv\", \"path\": \"planner-traces/web.csv\"}, \"operations\": \"web-server\"}",
                 "{\"meanUtilization\": {\"cdf\": [[0, 0], [0.5, 1]], \"source\": \"s\"}, \"components\": ["
                 + "{\"type\": \"diurnal\", \"amplitude\": 0.5, \"peakHour\": 14}, "
                 + "{\"type\": \"bursty\", \"ratePerHour\": 0.5, \"meanMinutes\": 15, \"multiplier\": 2}, "
                 + "{\"type\": \"heavy-tailed\", \"alpha\": 3}], \"operations\": \"web-server\"}"),
                ("\"vcpus\": 2, \"memoryMB\": 4096", "\"vcpus\": 2, \"memoryMB\": 4096, \"vcpuMips\": 2000"),
                ("\"clockGHz\": 2.45", "\"mipsPerCore\": 2450"),
            ])
        }
        if path.hasPrefix("$.consolidation.fleet.tenants") { return shipped("labs/isolation.json") }
        if path.hasPrefix("$.consolidation.traceGuests") { return shipped("planetlab/lr-mmt-1.2.json") }
        if path.hasPrefix("$.consolidation") {
            return edit("seed-consolidation.json", [
                ("\"operations\": \"web-server\"", "\"operations\": \"web-server\", \"memoryWrites\": {\"dirtyRateMBps\": 1, \"writableWorkingSetFraction\": 0.1, \"source\": \"s\"}"),
                ("\"underload\": true,", "\"underload\": true, \"underloadThreshold\": 0.5,"),
            ])
        }
        if path.hasPrefix("$.io.sweep.arrivalRate") {
            return edit("seed-io-overhead.json", [("\"queueDepth\": [1, 2, 4, 8, 16, 32]", "\"arrivalRate\": [100, 200]")])
        }
        if path.hasPrefix("$.io.guestLoads") { return shipped("labs/unequal-guests.json") }
        if path.hasPrefix("$.io.backends") { return shipped("labs/backend-threads.json") }
        if path.hasPrefix("$.io") { return shipped("seed-io-overhead.json") }
        if path == "$.migration.shutdownSeconds" || path == "$.migration.bootSeconds" {
            return edit("labs/live-migration.json", [("\"model\": \"pre-copy\",\n    \"preset\": \"xen2005\",\n    \"maximumRateMbps\": 500,", "\"model\": \"cold\","),
                                                     ("{\"path\": \"$.migration.maximumRateMbps\", \"values\": [100, 250, 500, 1000]}",
                                                      "{\"path\": \"$.migration.linkBandwidthMbps\", \"values\": [100, 1000]}")])
        }
        if path.hasPrefix("$.migration") { return shipped("labs/live-migration.json") }
        if path.hasPrefix("$.sweep") { return shipped("labs/overload-threshold.json") }
        if path.hasPrefix("$.serverless") { return shipped("labs/serverless-cold-start.json") }
        if path.hasPrefix("$.timesharing") { return shipped("labs/time-sharing.json") }
        if path.hasPrefix("$.availability") {
            // The HA lab without its sweep, plus a traced host type, a traced power domain, start-up
            // overrides, maintenance and a memory reserve: every availability key in one file.
            var text = shipped("labs/ha-admission.json")
            text = String(text[..<text.range(of: ",\n  \"sweep\"")!.lowerBound]) + "\n}\n"
            return edit2(text, [
                ("\"hostTypes\": [", "\"hostTypes\": [{\"name\": \"spare\", \"cores\": 2, \"ramMB\": 4096, \"power\": \"hp-ml110-g5\", \"failures\": {\"distribution\": \"trace\", \"events\": [{\"host\": 0, \"atHours\": 1, \"repairHours\": 1}]}},"),
                ("\"hosts\": [", "\"hosts\": [{\"type\": \"spare\", \"count\": 1, \"rack\": \"r0\", \"powerDomain\": \"pdu-a\"},"),
                ("\"domainFailures\": [", "\"domainFailures\": [{\"scope\": \"powerDomain\", \"distribution\": \"trace\", \"events\": [{\"domain\": \"pdu-a\", \"atHours\": 5, \"repairHours\": 1}]},"),
                ("\"variants\": [", "\"kinds\": [{\"kind\": \"full\", \"bootReadMB\": 200, \"startSeconds\": 20, \"memoryOverheadMB\": 100}], \"maintenance\": {\"startHours\": [100], \"serviceHours\": 1, \"shutdownSeconds\": 60}, \"variants\": ["),
                ("\"cpuPercent\": 10,", "\"cpuPercent\": 10, \"memoryPercent\": 10,"),
            ])
        }
        return shipped("seed-io-overhead.json")
    }

    /// `pattern` made concrete in `tree` (`[]` → the first element that has the next key, else
    /// 0) with `value` set there (added when the key is absent); nil when the parent is missing.
    static func setting(_ pattern: String, _ value: JSONValue, in tree: JSONValue) -> (JSONValue, String)? {
        var raw = pattern.dropFirst()  // after "$"
        var steps: [JSONValue.PathStep] = []
        var concrete = "$"
        while !raw.isEmpty {
            if raw.hasPrefix("[]") {
                raw = raw.dropFirst(2)
                let nextKey = raw.hasPrefix(".") ? String(raw.dropFirst().prefix { $0 != "." && $0 != "[" }) : nil
                var index = 0
                if case .array(let items)? = tree.value(at: steps[...]), let k = nextKey {
                    // Prefer an element that has the whole rest of the path, then one with the next key.
                    let rest = JSONValue.parsePath("$" + raw.replacingOccurrences(of: "[]", with: "[0]"))
                    index = items.firstIndex { item in rest.flatMap { item.value(at: $0[...]) } != nil }
                        ?? items.firstIndex { if case .object(let m) = $0 { return m.contains { $0.key == k } } else { return false } } ?? 0
                }
                steps.append(.index(index))
                concrete += "[\(index)]"
            } else if raw.hasPrefix("[") {
                let close = raw.firstIndex(of: "]")!
                let n = Int(raw[raw.index(after: raw.startIndex)..<close])!
                steps.append(.index(n))
                concrete += "[\(n)]"
                raw = raw[raw.index(after: close)...]
            } else {
                raw = raw.dropFirst()
                let name = raw.prefix { $0 != "." && $0 != "[" }
                steps.append(.key(String(name)))
                concrete += "." + name
                raw = raw.dropFirst(name.count)
            }
        }
        if let t = tree.replacing(steps[...], with: value) { return (t, concrete) }
        // Absent key: add it to its parent object.
        guard case .key(let k)? = steps.last, case .object(var members)? = tree.value(at: steps.dropLast()),
              let t = { members.append((k, value)); return tree.replacing(steps.dropLast(), with: .object(members)) }() else { return nil }
        return (t, concrete)
    }

    /// `validate`'s problems with a probe of `key` in `tree`. A broken function also breaks the
    /// storm that names it: a consequence, not a second mistake, so it is left out.
    static func problems(_ tree: JSONValue, key: KeyRange) -> [Diagnostic] {
        validationProblems(tree.rendered())
            .filter { !(key.path.hasPrefix("$.serverless.functions") && $0.path == "$.serverless.storm.function") }
    }

    struct RangeCase: CustomTestStringConvertible, Sendable {
        var key: KeyRange
        var probe: String
        var text: String
        var testDescription: String { "\(key.path) = \(probe)" }
    }

    static let rangeCases: [RangeCase] = ScenarioKeys.all.filter { !$0.path.contains("*") }.flatMap { key -> [RangeCase] in
        var probes = [key.exclusiveMinimum ? key.minimum : key.minimum.nextDown, key.maximum.nextUp].map { x -> String in
            x.rounded() == x && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
        }
        probes += ["\"12\"", "1e309", "null"]
        if key.kind == .integer { probes.append("\(key.minimum + 0.5)") }
        return probes.map { RangeCase(key: key, probe: $0, text: "") }
    }

    @Test("Every numeric key out of range, mistyped or non-finite is an error at exactly its path", arguments: rangeCases)
    func rangeCase(_ c: RangeCase) throws {
        let tree = try JSONParser.parse(Self.base(for: c.key.path))
        // A placeholder number carries the probe's exact text into the file.
        let value: JSONValue = c.probe.hasPrefix("\"") ? .string("12") : c.probe == "null" ? .null : .number(0, text: c.probe)
        guard let (mutated, path) = Self.setting(c.key.path, value, in: tree) else { Issue.record("cannot place \(c.key.path)"); return }
        let found = Self.problems(mutated, key: c.key)
        #expect(found.map(\.path) == [path], "\(found)")
        if c.probe != "1e309" { #expect(found.first?.message.contains(c.key.expectation) == true, "\(found)") }
    }

    /// (scenario, edits as "old|||new" pairs separated by "&&&", expected paths).
    static let handWritten: [(String, String, [String])] = [
        // Top level
        ("seed-consolidation.json", "\"study\": \"consolidation\"|||\"study\": \"consolidate\"", ["$.study"]),
        ("seed-consolidation.json", "\"study\": \"consolidation\"|||\"study\": 3", ["$.study"]),
        ("seed-consolidation.json", "\"study\": \"consolidation\",|||", ["$.study"]),
        ("seed-consolidation.json", "\"name\": \"seed-consolidation\"|||\"name\": \"../x\"", ["$.name"]),
        ("seed-consolidation.json", "\"name\": \"seed-consolidation\"|||\"name\": \"\"", ["$.name"]),
        ("seed-consolidation.json", "\"name\": \"seed-consolidation\",|||", ["$.name"]),
        ("seed-consolidation.json", "\"seed\": 2025|||\"seed\": 2025, \"sede\": 1", ["$.sede"]),
        ("seed-consolidation.json", "\"seed\": 2025|||\"seed\": 2025, \"io\": {}", ["$.io"]),
        ("seed-consolidation.json", "\"description\": |||\"description\": 5, \"x\": ", ["$.description", "$.x"]),
        ("seed-consolidation.json", "\"seed\": 2025|||\"seed\": 048", ["$.seed"]),
        ("seed-consolidation.json", "\"seed\": 2025|||\"seed\": 2025, \"seed\": 1", ["$.seed"]),
        ("seed-consolidation.json", "\"study\": \"consolidation\"|||\"study\": \"io\"", ["$.io", "$.consolidation"]),
        // Consolidation structure
        ("seed-consolidation.json", "\"hardwareProfile\": \"xeon-sandybridge-2012\"|||\"hardwareProfile\": \"pentium\"", ["$.consolidation.hardwareProfile"]),
        ("seed-consolidation.json", "\"power\": \"hp-ml110-g5\"|||\"power\": \"hp\"", ["$.consolidation.hostType.power"]),
        ("seed-consolidation.json", "\"hostType\": {|||\"hostTipe\": {", ["$.consolidation.hostType", "$.consolidation.hostTipe"]),
        ("seed-consolidation.json", "\"operations\": \"web-server\"|||\"operations\": \"webserver\"", ["$.consolidation.fleet.operations"]),
        ("seed-consolidation.json", "{\"name\": \"full\", \"kind\": \"full\"}|||{\"name\": \"full\", \"kind\": \"hvm\"}", ["$.consolidation.variants[1].kind"]),
        ("seed-consolidation.json", "{\"name\": \"para\", \"kind\": \"para\"}|||{\"name\": \"full\", \"kind\": \"para\"}", ["$.consolidation.variants[2].name"]),
        ("seed-consolidation.json", "{\"name\": \"dedicated\", \"kind\": \"native\", \"dedicated\": true}|||{\"name\": \"dedicated\", \"kind\": \"full\", \"dedicated\": true}", ["$.consolidation.variants[0].kind"]),
        ("seed-consolidation.json", "{\"name\": \"full\", \"kind\": \"full\"}|||{\"name\": \"full\", \"kind\": \"full\", \"dedicated\": 1}", ["$.consolidation.variants[1].dedicated"]),
        ("seed-consolidation.json", "{\"name\": \"full\", \"kind\": \"full\"}|||\"full\"", ["$.consolidation.variants[1]"]),
        ("seed-consolidation.json", "\"overload\": \"thr\"|||\"overload\": \"thr2\"", ["$.consolidation.policies.overload"]),
        ("seed-consolidation.json", "\"overloadParameter\": 0.8|||\"overloadParameter\": 1.2", ["$.consolidation.policies.overloadParameter"]),
        ("seed-consolidation.json", "\"overloadParameter\": 0.8|||\"overloadParameter\": 0.8, \"overloadWindow\": 3", ["$.consolidation.policies.overloadWindow"]),
        ("seed-consolidation.json", "\"selection\": \"mmt\"|||\"selection\": \"fastest\"", ["$.consolidation.policies.selection"]),
        ("seed-consolidation.json", "\"placement\": \"power-aware-best-fit-decreasing\"|||\"placement\": 1", ["$.consolidation.policies.placement"]),
        ("seed-consolidation.json", "\"migration\": \"cloudsim\"|||\"migration\": \"teleport\"", ["$.consolidation.policies.migration"]),
        ("seed-consolidation.json", "\"underload\": true|||\"underload\": \"yes\"", ["$.consolidation.policies.underload"]),
        // An unknown component type: its keys are unknown too.
        ("seed-consolidation.json", "{\"type\": \"diurnal\"|||{\"type\": \"sinus\"", ["$.consolidation.fleet.components[0].type",
            "$.consolidation.fleet.components[0].amplitude", "$.consolidation.fleet.components[0].peakHour"]),
        ("seed-consolidation.json", "\"multiplier\": 2.5,|||", ["$.consolidation.fleet.components[1].multiplier"]),
        ("seed-consolidation.json", "[[128, 0], [512, 0.5], [1024, 1.0]]|||[[128, 0], [512, 0.5], [8192, 1.0]]", ["$.consolidation.fleet.appMemoryMB"]),
        ("seed-consolidation.json", "[[128, 0], [512, 0.5], [1024, 1.0]]|||[[128, 0], [64, 0.5], [1024, 1.0]]", ["$.consolidation.fleet.appMemoryMB.cdf[1]"]),
        ("seed-consolidation.json", "[[128, 0], [512, 0.5], [1024, 1.0]]|||[[128, 0.1], [1024, 1.0]]", ["$.consolidation.fleet.appMemoryMB.cdf"]),
        ("seed-consolidation.json", "[[128, 0], [512, 0.5], [1024, 1.0]]|||[[128, 0], [512], [1024, 1.0]]", ["$.consolidation.fleet.appMemoryMB.cdf[1]"]),
        ("seed-consolidation.json", "[[128, 0], [512, 0.5], [1024, 1.0]]|||[]", ["$.consolidation.fleet.appMemoryMB.cdf", "$.consolidation.fleet.appMemoryMB.cdf"]),
        ("seed-consolidation.json", "\"migration\": \"cloudsim\"|||\"migration\": \"cloudsim\"}, \"switches\": {\"bogusSwitch\": true", ["$.consolidation.switches.bogusSwitch"]),
        ("seed-consolidation.json", "\"servers\": 400|||\"servers\": 1000000", ["$.consolidation.fleet.servers", "$.consolidation.fleet.servers"]),
        // I/O
        ("seed-io-overhead.json", "\"hardware\": \"xeon-sandybridge-2012\"|||\"hardware\": \"z80\"", ["$.io.hardware"]),
        ("seed-io-overhead.json", "\"workload\": \"fio\"|||\"workload\": \"dd\"", ["$.io.workload"]),
        ("seed-io-overhead.json", "\"workload\": \"fio\"|||\"workload\": \"fio\", \"application\": \"bogus\"", ["$.io.application"]),
        ("seed-io-overhead.json", "\"workload\": \"fio\"|||\"workload\": \"fio\", \"fullPath\": \"container-bridge\"", ["$.io.fullPath"]),
        ("seed-io-overhead.json", "\"workload\": \"fio\"|||\"workload\": \"fio\", \"paraPath\": \"warp\"", ["$.io.paraPath"]),
        ("seed-io-overhead.json", "\"workload\": \"fio\"|||\"workload\": \"fio\", \"containerPath\": \"emulated\"", ["$.io.containerPath"]),
        ("seed-io-overhead.json", "\"workload\": \"fio\"|||\"workload\": \"fio\", \"fullDiskDevice\": \"floppy\"", ["$.io.fullDiskDevice"]),
        ("seed-io-overhead.json", "\"workload\": \"fio\"|||\"workload\": \"fio\", \"fullNetworkDevice\": \"token-ring\"", ["$.io.fullNetworkDevice"]),
        ("seed-io-overhead.json", "\"workload\": \"fio\"|||\"workload\": \"fio\", \"direction\": \"sideways\"", ["$.io.direction"]),
        ("seed-io-overhead.json", "\"sequential\": false|||\"sequential\": 0", ["$.io.sequential"]),
        ("seed-io-overhead.json", "\"kinds\": [\"native\", \"full\", \"para\", \"container\"]|||\"kinds\": []", ["$.io.kinds"]),
        ("seed-io-overhead.json", "\"kinds\": [\"native\", \"full\", \"para\", \"container\"]|||\"kinds\": [\"native\", \"vm\"]", ["$.io.kinds[1]"]),
        ("seed-io-overhead.json", "\"kinds\": [\"native\", \"full\", \"para\", \"container\"]|||\"kinds\": [\"native\", 2]", ["$.io.kinds[1]"]),
        ("seed-io-overhead.json", "\"kinds\": [\"native\", \"full\", \"para\", \"container\"]|||\"kinds\": [\"para\", \"para\"]", ["$.io.kinds[1]"]),
        ("seed-io-overhead.json", "\"kinds\": [\"native\", \"full\", \"para\", \"container\"]|||\"kinds\": \"full\"", ["$.io.kinds"]),
        ("seed-io-overhead.json", "\"readFraction\": 0.7|||\"readFraktion\": 0.7", ["$.io.readFraktion"]),
        ("seed-io-overhead.json", "\"queueDepth\": [1, 2, 4, 8, 16, 32]|||\"queueDepth\": [1], \"arrivalRate\": [10]", ["$.io.sweep"]),
        ("seed-io-overhead.json", "\"queueDepth\": [1, 2, 4, 8, 16, 32]|||\"depth\": [1]", ["$.io.sweep.depth", "$.io.sweep"]),
        ("seed-io-overhead.json", "\"blockSizeBytes\": [4096, 16384, 65536, 262144, 1048576],|||", ["$.io.sweep.blockSizeBytes"]),
        ("seed-io-overhead.json", "[4096, 16384, 65536, 262144, 1048576]|||[4096, \"8k\"]", ["$.io.sweep.blockSizeBytes[1]"]),
        ("seed-io-overhead.json", "\"sweep\": {|||\"sweep\": 1, \"x\": {", ["$.io.sweep", "$.io.x"]),
        ("seed-io-overhead.json", "\"study\": \"io\"|||\"study\": \"i/o\"&&&\"guestCPUs\": 1|||\"guestCPUs\": 0", ["$.study", "$.io.guestCPUs"]),
        ("seed-io-overhead.json", "\"io\": {|||\"io\": [", []),
        // Migration
        // An unknown model: its keys are unknown too.
        ("labs/live-migration.json", "\"model\": \"pre-copy\"|||\"model\": \"post-copy\"", ["$.migration.model", "$.migration.preset", "$.migration.maximumRateMbps"]),
        ("labs/live-migration.json", "\"preset\": \"xen2005\"|||\"preset\": \"kvm\"", ["$.migration.preset"]),
        ("labs/live-migration.json", "\"linkBandwidthMbps\": 1000,|||", ["$.migration.linkBandwidthMbps"]),
        ("labs/live-migration.json", "{\"name\": \"quake3\", \"memoryMB\": 64|||{\"name\": \"specweb99\", \"memoryMB\": 64", ["$.migration.guests[1].name"]),
        ("labs/live-migration.json", "\"writableWorkingSetMB\": 2,|||\"writableWorkingSetMB\": 65,", ["$.migration.guests[1].writableWorkingSetMB"]),
        ("labs/live-migration.json", "{\"name\": \"idle\", \"memoryMB\": 512,|||{\"name\": \"idle\",", ["$.migration.guests[3].memoryMB"]),
        ("labs/live-migration.json", "{\"name\": \"idle\", \"memoryMB\": 512,|||{\"name\": \"idle\", \"memoryMB\": 512, \"sharedStorage\": \"no\",", ["$.migration.guests[3].sharedStorage"]),
        ("labs/live-migration.json", "{\"name\": \"idle\", \"memoryMB\": 512,|||{\"name\": \"idle\", \"memoryMB\": 512, \"cpu\": 1,", ["$.migration.guests[3].cpu"]),
        ("labs/live-migration.json", "\"maximumRateMbps\": 500,|||\"maximumRateMbps\": 500, \"bootSeconds\": 5,", ["$.migration.bootSeconds"]),
        ("labs/live-migration.json", "\"guests\": [|||\"guests\": [1, ", ["$.migration.guests[0]"]),
        // Sweeps
        ("labs/live-migration.json", "\"path\": \"$.migration.maximumRateMbps\"|||\"path\": \"$.migration.maximumRate\"", ["$.sweep.parameters[0].path"]),
        ("labs/live-migration.json", "\"path\": \"$.migration.maximumRateMbps\"|||\"path\": \"migration.maximumRateMbps\"", ["$.sweep.parameters[0].path"]),
        ("labs/live-migration.json", "\"path\": \"$.migration.maximumRateMbps\"|||\"path\": \"$.name\"", ["$.sweep.parameters[0].path"]),
        ("labs/live-migration.json", "\"path\": \"$.migration.maximumRateMbps\"|||\"path\": \"$.sweep\"", ["$.sweep.parameters[0].path"]),
        ("labs/live-migration.json", "\"values\": [100, 250, 500, 1000]|||\"values\": []", ["$.sweep.parameters[0].values"]),
        ("labs/live-migration.json", "\"values\": [100, 250, 500, 1000]|||\"values\": [100, 100]", ["$.sweep.parameters[0].values[1]"]),
        ("labs/live-migration.json", "\"values\": [100, 250, 500, 1000]|||\"values\": [100, 0]", ["$.migration.maximumRateMbps"]),
        ("labs/live-migration.json", "\"values\": [100, 250, 500, 1000]|||\"values\": 100", ["$.sweep.parameters[0].values"]),
        ("labs/live-migration.json", "{\"path\": \"$.migration.maximumRateMbps\", \"values\": [100, 250, 500, 1000]}|||{\"path\": \"$.migration\", \"values\": [1]}, {\"path\": \"$.migration.maximumRateMbps\", \"values\": [100]}", ["$.sweep.parameters[1].path"]),
        ("labs/live-migration.json", "{\"path\": \"$.migration.maximumRateMbps\", \"values\": [100, 250, 500, 1000]}|||{\"path\": \"$.migration.guests[0].memoryMB\", \"values\": [1], \"step\": 2}", ["$.sweep.parameters[0].step"]),
        ("labs/live-migration.json", "\"parameters\": [|||\"seeds\": [1, 1], \"parameters\": [", ["$.sweep.seeds[1]"]),
        ("labs/live-migration.json", "\"parameters\": [|||\"seeds\": [], \"parameters\": [", ["$.sweep.seeds"]),
        ("labs/live-migration.json", "\"parameters\": [|||\"seeds\": [-1], \"parameters\": [", ["$.sweep.seeds[0]"]),
        ("labs/live-migration.json", "\"parameters\": [|||\"repeat\": 2, \"parameters\": [", ["$.sweep.repeat"]),
        ("labs/overload-threshold.json", "0.95\n        ]|||1.5\n        ]", ["$.consolidation.policies.overloadParameter"]),
        ("labs/overload-threshold.json", "2,\n      3\n|||2,\n      2.5\n", ["$.sweep.seeds[2]"]),
        // PlanetLab: a consolidation study with trace guests
        ("planetlab/lr-mmt-1.2.json", "\"assign\": \"blocks\"|||\"assign\": \"random\"", ["$.consolidation.traceGuests.assign"]),
        ("planetlab/lr-mmt-1.2.json", "\"day\": \"20110303\"|||\"day\": \"2011-03-03\"", ["$.consolidation.traceGuests.trace.day"]),
        ("planetlab/lr-mmt-1.2.json", "\"day\": \"20110303\"|||\"day\": \"../../../../etc\"", ["$.consolidation.traceGuests.trace.day"]),
        ("planetlab/lr-mmt-1.2.json", "\"day\": \"20110303\"|||\"day\": 20110303", ["$.consolidation.traceGuests.trace.day"]),
        ("planetlab/lr-mmt-1.2.json", "\"format\": \"planetlab\"|||\"format\": \"azure\"", ["$.consolidation.traceGuests.trace.format"]),
        ("planetlab/lr-mmt-1.2.json", "\"semantics\": \"cloudsim\"|||\"semantics\": \"xen\"", ["$.consolidation.semantics"]),
        ("planetlab/lr-mmt-1.2.json", "\"hostOrder\": \"interleaved\"|||\"hostOrder\": \"zigzag\"", ["$.consolidation.hostOrder"]),
        ("planetlab/lr-mmt-1.2.json", "\"count\": 400}|||\"rack\": \"r1\"}", ["$.consolidation.hostOrder"]),
        ("planetlab/lr-mmt-1.2.json", "\"semantics\": \"cloudsim\",|||\"semantics\": \"cloudsim\", \"hardwareProfile\": \"dell2650-2003\",", ["$.consolidation.hardwareProfile"]),
        ("planetlab/lr-mmt-1.2.json", "\"sampleMinutes\": 5|||\"sampleMinutes\": 10", ["$.consolidation.sampleMinutes"]),
        ("planetlab/lr-mmt-1.2.json", "\"horizonHours\": 24|||\"horizonHours\": 48", ["$.consolidation.horizonHours"]),
        ("planetlab/lr-mmt-1.2.json", "\"kind\": \"para\"|||\"kind\": \"vm\"", ["$.consolidation.traceGuests.types[0].kind"]),
        ("planetlab/lr-mmt-1.2.json", "\"memoryMB\": 870|||\"memoryMB\": 5000", ["$.consolidation.traceGuests.types[0]"]),
        ("planetlab/lr-mmt-1.2.json", "\"vcpus\": 1, \"vcpuMips\": 2500|||\"vcpus\": 4, \"vcpuMips\": 2500", ["$.consolidation.traceGuests.types[0]"]),
        ("planetlab/lr-mmt-1.2.json", "\"type\": \"extra-large\"|||\"type\": \"high-cpu-medium\"", ["$.consolidation.traceGuests.types[1].type"]),
        ("planetlab/lr-mmt-1.2.json", "\"traceGuests\": {|||\"variants\": [], \"traceGuests\": {", ["$.consolidation.variants"]),
        ("planetlab/lr-mmt-1.2.json", "\"traceGuests\": {|||\"fleet\": {}, \"traceGuests\": {", ["$.consolidation.fleet"]),
        ("planetlab/lr-mmt-1.2.json", "\"assign\": \"blocks\",|||\"assign\": \"blocks\", \"sauce\": 1,", ["$.consolidation.traceGuests.sauce"]),
        ("planetlab/lr-mmt-1.2.json", "\"migration\": \"cloudsim\"}|||\"migration\": \"cloudsim\", \"powerAware\": \"no\"}", ["$.consolidation.policies.powerAware"]),
        ("planetlab/lr-mmt-1.2.json", "\"trace\": {\"format\": \"planetlab\", \"day\": \"20110303\"},|||", ["$.consolidation.traceGuests.trace"]),
        ("planetlab/lr-mmt-1.2.json", "\"study\": \"consolidation\"|||\"study\": \"planetlab\"", ["$.study"]),
    ]

    @Test("Hand-written malformed scenarios fail at the expected paths (every problem at once)",
          arguments: handWritten.indices)
    func handWrittenCase(_ i: Int) throws {
        let (file, edits, expected) = Self.handWritten[i]
        var text = shipped(file)
        for edit in edits.components(separatedBy: "&&&") {
            let parts = edit.components(separatedBy: "|||")
            #expect(text.contains(parts[0]), "case \(i): fixture lacks \(parts[0])")
            text = text.replacingFirst(parts[0], with: parts[1])
        }
        let found = validationProblems(text)
        if expected.isEmpty {
            // Syntax-level or type-level damage: some problem, each with a path.
            #expect(!found.isEmpty && found.allSatisfy { $0.path.hasPrefix("$") }, "case \(i): \(found)")
        } else {
            #expect(found.map(\.path).sorted() == expected.sorted(), "case \(i): \(found.map(\.description))")
        }
        #expect(found.allSatisfy { !$0.message.isEmpty })
    }

    @Test("The corpus holds at least 250 distinct inputs")
    func size() {
        #expect(Self.rangeCases.count + Self.handWritten.count >= 250)
    }

    @Test("PlanetLab days without traces are errors at the day, with the trace root given", .enabled(if: traceRoot != nil),
          arguments: ["20990101", "20110302"])
    func missingDay(day: String) {
        let text = shipped("planetlab/lr-mmt-1.2.json").replacingFirst("\"day\": \"20110303\"", with: "\"day\": \"\(day)\"")
        let found = validationProblems(text, traces: traceRoot)
        #expect(found.map(\.path) == ["$.consolidation.traceGuests.trace.day"], "\(found)")
    }
}
