import Continuity
import VirtModel

/// An availability study (`"study": "availability"`): a pool of hosts in racks and power domains,
/// guests with sizes, kinds and restart priorities, failures, maintenance windows, and the
/// variants to compare (admission control, sizing, maintenance mode). Each variant sees the same
/// failures of the same hosts.
///
/// ```json
/// "availability": {"horizonHours": 8760, "detectionSeconds": 15, "hostDiskMBps": 500,
///   "hostTypes": [{"name": "2u", "cores": 32, "ramMB": 262144, "bandwidthMbps": 10000, "power": "hp-ml110-g5",
///                  "failures": {"distribution": "weibull", "shape": 0.7, "mtbfHours": 105000, "mttrHours": 4}}],
///   "hosts": [{"type": "2u", "count": 8, "rack": "r1", "powerDomain": "pdu-a"}],
///   "domainFailures": [{"scope": "rack", "distribution": "exponential", "mtbfHours": 21900, "mttrHours": 3.5}],
///   "guests": [{"type": "web", "count": 60, "kind": "full", "vcpus": 4, "memoryMB": 16384, "utilization": 0.3,
///               "restartPriority": "high", "memoryWrites": {"dirtyRateMBps": 20, "writableWorkingSetFraction": 0.1}}],
///   "kinds": [{"kind": "full", "startSeconds": 30}],
///   "maintenance": {"startHours": [2000], "serviceHours": 1, "shutdownSeconds": 60},
///   "variants": [{"name": "n+1", "admission": "host-failures", "hostFailures": 1, "sizing": "fit"}]}
/// ```
///
/// `hosts` and `guests` use the keys of the consolidation study's host pools (`type`, `count`,
/// `rack`; `type`, `count`, `kind`, `vcpus`, `memoryMB`). A host type without `failures` fails as
/// `FailureCatalogue` says (Weibull, cited rates); `"distribution": "none"` never fails.
public enum AvailabilityStudyReader {
    typealias K = ScenarioKeys

    public struct Spec: Sendable {
        public var config: AvailabilityConfig
        public var variants: [AvailabilityVariant]
        /// Per guest group: its `type` name and guest count, in scenario order.
        public var groups: [(name: String, count: Int)]
        /// Expected events of one variant's run (failures, repairs, restarts, maintenance steps),
        /// for the resource estimate.
        public var expectedEvents: Double
    }

    static let priorities = ["lowest", "low", "medium", "high", "highest"]
    /// `variants[].kernels`: whether placement matches guests' kernel requirements.
    static let kernelModes = ["match", "ignore"]
    static let distributions = ["none"] + FailureProcess.distributionNames

    /// Every problem of the section, with JSON paths.
    public static func problems(_ study: AvailabilityStudy) -> [Diagnostic] {
        let log = DiagnosticLog()
        _ = read(study, log: log)
        return log.items
    }

    /// The paths of one failure object's keys (hosts' or domains').
    struct FailureKeys {
        var mtbf: KeyRange, mttr: KeyRange, shape: KeyRange, at: KeyRange, repair: KeyRange
        var defaultMTBF: Cited, defaultMTTR: Cited
    }

    /// A failure process object; trace events come back with their target (`host` index or
    /// `domain` name) for the caller to split.
    static func readFailures(_ f: inout ObjectReader, keys: FailureKeys, targetKey: String, defaultDistribution: String)
        -> (process: FailureProcess, events: [(target: JSONValue?, failure: TraceFailure, path: String)])? {
        let dist = f.string("distribution", oneOf: distributions) ?? defaultDistribution
        let mtbf = f.number(keys.mtbf) ?? keys.defaultMTBF.value
        let mttr = f.number(keys.mttr) ?? keys.defaultMTTR.value
        let shape = f.number(keys.shape)
        var events: [(JSONValue?, TraceFailure, String)] = []
        var ok = true
        for (value, path) in f.array("events", required: dist == "trace") ?? [] {
            guard var e = ObjectReader(value, path: path, log: f.log) else { ok = false; continue }
            let target = e.raw(targetKey, required: true, expected: targetKey == "host" ? "a host index" : "a domain name")
            let at = e.number(keys.at, required: true)
            let repair = e.number(keys.repair, required: true)
            e.finish()
            if let at, let repair, target != nil {
                events.append((target, TraceFailure(atSeconds: at * 3600, repairSeconds: repair * 3600), path))
            } else { ok = false }
        }
        if dist != "trace" && f.has("events") { f.log.add(f.childPath("events"), "present, but \"distribution\" is \"\(dist)\"; expected \"trace\" or no events") }
        if dist != "weibull", shape != nil { f.log.add(f.childPath("shape"), "applies only to \"distribution\": \"weibull\"") }
        _ = f.string("source")
        f.finish()
        guard ok else { return nil }
        switch dist {
        case "none": return (.none, [])
        case "exponential": return (.exponential(mtbfSeconds: mtbf * 3600, mttrSeconds: mttr * 3600), [])
        case "weibull":
            return (.weibull(shape: shape ?? FailureCatalogue.hostWeibullShape.value, mtbfSeconds: mtbf * 3600, mttrSeconds: mttr * 3600), [])
        default: return (.trace([]), events)
        }
    }

    /// The spec, or nil when there were problems (logged), including constraints no run could meet.
    public static func read(_ study: AvailabilityStudy, log: DiagnosticLog) -> Spec? {
        guard var r = ObjectReader(study.raw, path: study.path, log: log) else { return nil }
        let before = log.items.count
        let profileName = r.string("hardwareProfile", oneOf: HardwareProfile.catalogueNames) ?? HardwareProfile.catalogueNames[0]
        let cost = CostModel(profile: HardwareProfile.named(profileName) ?? HardwareProfile.catalogue[0])
        let horizon = r.number(K.avHorizonHours, required: true)
        let detection = r.number(K.avDetectionSeconds) ?? FailureCatalogue.detectionSeconds.value
        let disk = r.number(K.avHostDiskMBps, required: true)

        // Host types.
        var types: [AvailabilityHostType] = []
        var typeFailures: [(process: FailureProcess, events: [(target: JSONValue?, failure: TraceFailure, path: String)])] = []
        var typeNames: [String] = []
        var typesOK = true
        let hostKeys = FailureKeys(mtbf: K.avHostMTBFHours, mttr: K.avHostMTTRHours, shape: K.avHostShape, at: K.avHostTraceAt,
                                   repair: K.avHostTraceRepair, defaultMTBF: FailureCatalogue.hostMTBFHours, defaultMTTR: FailureCatalogue.hostMTTRHours)
        for (value, path) in r.array("hostTypes", required: true, nonEmpty: true) ?? [] {
            guard var t = ObjectReader(value, path: path, log: log) else { typesOK = false; continue }
            let name = t.string("name", required: true)
            let cores = t.integer(K.avTypeCores, required: true)
            let ram = t.number(K.avTypeRamMB, required: true)
            let bw = t.number(K.avTypeBandwidthMbps) ?? 1000
            var power: SpecPowerModel?
            if let v = t.raw("power", required: true, expected: "a power table name or a power table object") {
                if case .object = v { power = PowerTableDocument.read(v, path: t.childPath("power"), log: log) }
                else { power = t.string("power", oneOf: SpecPowerModel.catalogue.map(\.name)).flatMap(SpecPowerModel.named) }
            }
            let kernel = t.string("kernel").flatMap { text -> KernelVersion? in
                if let k = KernelVersion(text) { return k }
                log.add(t.childPath("kernel"), "found \"\(text)\"; expected a kernel version major.minor, such as \"5.15\"")
                return nil
            }
            var failures: (process: FailureProcess, events: [(target: JSONValue?, failure: TraceFailure, path: String)])?
            if var f = t.object("failures") {
                failures = readFailures(&f, keys: hostKeys, targetKey: "host", defaultDistribution: "weibull")
            } else {
                failures = (.weibull(shape: FailureCatalogue.hostWeibullShape.value, mtbfSeconds: FailureCatalogue.hostMTBFHours.value * 3600,
                                     mttrSeconds: FailureCatalogue.hostMTTRHours.value * 3600), [])
            }
            t.finish()
            if let name, typeNames.contains(name) { log.add(path + ".name", "duplicate host type name \"\(name)\"") }
            guard let name, let cores, let ram, let power, let failures else { typesOK = false; continue }
            typeNames.append(name)
            types.append(AvailabilityHostType(name: name, cores: cores, ramMB: ram, bandwidthMbps: bw, power: power, kernel: kernel))
            typeFailures.append(failures)
        }

        // The host pool, expanded in order.
        var hosts: [AvailabilityHost] = []
        var hostsOK = true
        for (entry, (value, path)) in (r.array("hosts", required: true, nonEmpty: true) ?? []).enumerated() {
            guard var h = ObjectReader(value, path: path, log: log) else { hostsOK = false; continue }
            let type = h.string("type", required: true)
            let count = h.integer(K.avHostCount) ?? 1
            // Without names, each entry of the pool is a rack and a power domain of its own.
            let rack = h.string("rack") ?? "rack-\(entry)"
            let domain = h.string("powerDomain") ?? "power-\(entry)"
            h.finish()
            guard let type else { hostsOK = false; continue }
            guard let t = typeNames.firstIndex(of: type) else {
                if typesOK { log.add(path + ".type", "unknown host type \"\(type)\"; expected one of: \(typeNames.joined(separator: ", "))") }
                hostsOK = false
                continue
            }
            if hosts.count + count > 10_000 { log.add(path + ".count", "the pool would hold more than 10000 hosts"); hostsOK = false; continue }
            for _ in 0..<count { hosts.append(AvailabilityHost(type: t, rack: rack, powerDomain: domain, failures: typeFailures[t].process)) }
        }
        // A type's trace: event `host` k is the k-th host of that type in pool order.
        if hostsOK && typesOK {
            for (t, tf) in typeFailures.enumerated() {
                guard case .trace = tf.process else { continue }
                let members = hosts.indices.filter { hosts[$0].type == t }
                var perHost = [[TraceFailure]](repeating: [], count: members.count)
                for e in tf.events {
                    guard let target = e.target else { continue }
                    if let k = K.avHostTraceHost.check(target, path: e.path + ".host", log: log).map({ Int($0) }) {
                        if k < members.count { perHost[k].append(e.failure) }
                        else { log.add(e.path + ".host", "found \(k); the pool has \(members.count) host\(members.count == 1 ? "" : "s") of type \"\(typeNames[t])\" (0…\(members.count - 1))") }
                    }
                }
                for (k, h) in members.enumerated() { hosts[h].failures = .trace(perHost[k].sorted { $0.atSeconds < $1.atSeconds }) }
            }
        }

        // Correlated failures.
        var domainFailures: [DomainFailures] = []
        for (value, path) in r.array("domainFailures") ?? [] {
            guard var d = ObjectReader(value, path: path, log: log) else { continue }
            let scope = d.string("scope", required: true, oneOf: DomainFailures.Scope.allCases.map(\.rawValue)).flatMap(DomainFailures.Scope.init(rawValue:))
            let rack = scope != .powerDomain
            let keys = FailureKeys(mtbf: K.avDomainMTBFHours, mttr: K.avDomainMTTRHours, shape: K.avDomainShape, at: K.avDomainTraceAt,
                                   repair: K.avDomainTraceRepair,
                                   defaultMTBF: rack ? FailureCatalogue.rackMTBFHours : FailureCatalogue.powerDomainMTBFHours,
                                   defaultMTTR: rack ? FailureCatalogue.rackMTTRHours : FailureCatalogue.powerDomainMTTRHours)
            guard let failures = readFailures(&d, keys: keys, targetKey: "domain", defaultDistribution: "exponential"), let scope else { continue }
            let names = hosts.map { scope == .rack ? $0.rack : $0.powerDomain }
            var traces: [DomainTrace] = []
            for e in failures.events {
                guard case .string(let name)? = e.target else { log.add(e.path + ".domain", "found \(e.target?.brief ?? "nothing"); expected a \(scope == .rack ? "rack" : "power domain") name"); continue }
                if hostsOK && !names.contains(name) {
                    log.add(e.path + ".domain", "unknown \(scope == .rack ? "rack" : "power domain") \"\(name)\"; no host of the pool is in it")
                    continue
                }
                if let i = traces.firstIndex(where: { $0.domain == name }) { traces[i].failures.append(e.failure) }
                else { traces.append(DomainTrace(domain: name, failures: [e.failure])) }
            }
            for i in traces.indices { traces[i].failures.sort { $0.atSeconds < $1.atSeconds } }
            domainFailures.append(DomainFailures(scope: scope, process: failures.process, traces: traces))
        }

        // Start-up overrides per kind.
        var profiles = StartupKind.allCases.map { StartupCatalogue.profile($0, cost: cost) }
        for (value, path) in r.array("kinds") ?? [] {
            guard var k = ObjectReader(value, path: path, log: log) else { continue }
            let kind = k.string("kind", required: true, oneOf: StartupKind.scenarioNames).flatMap(StartupKind.init(rawValue:))
            let bootRead = k.number(K.avKindBootReadMB)
            let start = k.number(K.avKindStartSeconds)
            let overhead = k.number(K.avKindMemoryOverheadMB)
            _ = k.string("source")
            k.finish()
            guard let kind, let i = StartupKind.allCases.firstIndex(of: kind) else { continue }
            if let v = bootRead { profiles[i].bootReadMB = Cited(v, "scenario file") }
            if let v = start { profiles[i].startSeconds = Cited(v, "scenario file") }
            if let v = overhead { profiles[i].memoryOverheadMB = Cited(v, "scenario file") }
        }

        // Guests.
        var guests: [AvailabilityGuest] = []
        var groups: [(name: String, count: Int)] = []
        let largestCores = types.map(\.cores).max() ?? 0
        let largestRam = types.map(\.ramMB).max() ?? 0
        for (value, path) in r.array("guests", required: true, nonEmpty: true) ?? [] {
            guard var g = ObjectReader(value, path: path, log: log) else { continue }
            let name = g.string("type", required: true)
            let count = g.integer(K.avGuestCount) ?? 1
            let kind = g.string("kind", required: true, oneOf: StartupKind.scenarioNames).flatMap(StartupKind.init(rawValue:))
            let vcpus = g.integer(K.avGuestVcpus, required: true)
            let memory = g.number(K.avGuestMemoryMB, required: true)
            let utilization = g.number(K.avGuestUtilization) ?? 0
            let priority = g.string("restartPriority", oneOf: priorities).flatMap { priorities.firstIndex(of: $0) } ?? 2
            var requirement: KernelRequirement?
            if var k = g.object("kernel") {
                func version(_ key: String) -> KernelVersion? {
                    guard let text = k.string(key) else { return nil }
                    if let v = KernelVersion(text) { return v }
                    log.add(k.childPath(key), "found \"\(text)\"; expected a kernel version major.minor, such as \"5.15\"")
                    return nil
                }
                requirement = KernelRequirement(minimum: version("minimum"), maximum: version("maximum"))
                k.finish()
                if let kind, !KernelRequirement.applies(to: kind.guestKind) {
                    log.add(path + ".kernel", "a \(kind.rawValue) guest runs its own kernel; a kernel requirement applies to kinds that share the host's (container, native)")
                    requirement = nil
                } else if let r = requirement, let lo = r.minimum, let hi = r.maximum, hi < lo {
                    log.add(path + ".kernel", "found minimum \(lo) above maximum \(hi)")
                    requirement = nil
                } else if let r = requirement, typesOK, !types.isEmpty, !types.contains(where: { r.accepts($0.kernel) }) {
                    // No host could ever take the guest: say so before running.
                    log.add(path + ".kernel", "no host type runs a kernel in this range (host kernels: \(types.map { $0.kernel?.description ?? "not stated" }.joined(separator: ", ")))")
                    requirement = nil
                }
            }
            var dirty = 0.0, fraction = 1.0
            if var w = g.object("memoryWrites") {
                dirty = w.number(K.avGuestDirtyRateMBps, required: true) ?? 0
                fraction = w.number(K.avGuestWritableFraction, required: true) ?? 1
                _ = w.string("source")
                w.finish()
            }
            _ = g.string("source")
            g.finish()
            if let name, groups.contains(where: { $0.name == name }) { log.add(path + ".type", "duplicate guest type \"\(name)\"") }
            guard let name, let kind, let vcpus, let memory else { continue }
            let profile = profiles[StartupKind.allCases.firstIndex(of: kind)!]
            let held = memory + profile.memoryOverheadMB.value
            // A guest no host type can hold would wait for ever: say so before running.
            if typesOK && !types.isEmpty {
                if vcpus > largestCores { log.add(path + ".vcpus", "found \(vcpus) vCPUs; expected at most the largest host type's \(largestCores) cores (no over-commit)") }
                if held > largestRam {
                    log.add(path + ".memoryMB", "found \(formatBound(memory)) MB + \(formatBound(profile.memoryOverheadMB.value)) MB of \(kind.rawValue) overhead; expected at most the largest host type's \(formatBound(largestRam)) MB")
                }
            }
            if guests.count + count > 100_000 { log.add(path + ".count", "the study would hold more than 100000 guests"); continue }
            groups.append((name, count))
            let guest = AvailabilityGuest(group: groups.count - 1, kind: kind, vcpus: vcpus, memoryMB: held, utilization: utilization,
                                          priority: priority, bootSeconds: profile.bootSeconds(applicationReadMB: 0, diskMBps: disk ?? 1),
                                          dirtyRateMBps: dirty, writableWorkingSetMB: fraction * held, kernel: requirement)
            guests += Array(repeating: guest, count: count)
        }

        // Maintenance.
        var maintenance: MaintenanceSchedule?
        if var m = r.object("maintenance") {
            var starts: [Double] = []
            for (value, path) in m.array("startHours", required: true, nonEmpty: true) ?? [] {
                if let x = K.avMaintenanceStartHours.check(value, path: path, log: log) { starts.append(x * 3600) }
            }
            let service = m.number(K.avMaintenanceServiceHours, required: true)
            let shutdown = m.number(K.avMaintenanceShutdownSeconds) ?? 0
            _ = m.string("source")
            m.finish()
            if let service { maintenance = MaintenanceSchedule(startSeconds: starts.sorted(), serviceSeconds: service * 3600, shutdownSeconds: shutdown) }
        }

        // Variants.
        var variants: [AvailabilityVariant] = []
        for (value, path) in r.array("variants", required: true, nonEmpty: true) ?? [] {
            guard var v = ObjectReader(value, path: path, log: log) else { continue }
            let name = v.string("name", required: true)
            let admissionName = v.string("admission", oneOf: AdmissionPolicy.scenarioNames) ?? "none"
            let kGiven = v.has(K.avVariantHostFailures.key)
            let k = v.integer(K.avVariantHostFailures)
            let cpu = v.number(K.avVariantCpuPercent)
            let memory = v.number(K.avVariantMemoryPercent)
            let sizing = v.string("sizing", oneOf: AvailabilityVariant.Sizing.allCases.map(\.rawValue)).flatMap(AvailabilityVariant.Sizing.init(rawValue:)) ?? .all
            let mode = v.string("maintenance", oneOf: MaintenanceMode.allCases.map(\.rawValue)).flatMap(MaintenanceMode.init(rawValue:)) ?? .rolling
            let kernels = v.string("kernels", oneOf: kernelModes) ?? "match"
            v.finish()
            if k != nil && admissionName != "host-failures" { log.add(path + ".hostFailures", "applies only to \"admission\": \"host-failures\"") }
            if (cpu != nil || memory != nil) && admissionName != "percentage" {
                log.add(path + (cpu != nil ? ".cpuPercent" : ".memoryPercent"), "applies only to \"admission\": \"percentage\"")
            }
            var admission: AdmissionPolicy?
            switch admissionName {
            case "host-failures":
                let n = k ?? 1
                // N+k on a pool of k hosts or fewer reserves everything: no guest could ever start.
                if kGiven && k == nil {
                    break  // out of range, already said
                } else if hostsOK && typesOK && n >= hosts.count {
                    log.add(path + ".hostFailures", "found \(n); tolerating \(n) host failure\(n == 1 ? "" : "s") needs more than \(n) hosts, the pool has \(hosts.count)")
                } else { admission = .hostFailures(n) }
            case "percentage":
                if cpu == nil && memory == nil { log.add(path + ".cpuPercent", "missing; expected the share of CPU to reserve (and optionally memoryPercent)") }
                else { admission = .percentage(cpuPercent: cpu ?? memory!, memoryPercent: memory ?? cpu!) }
            default: admission = AdmissionPolicy.none
            }
            if let name, variants.contains(where: { $0.name == name }) { log.add(path + ".name", "duplicate variant name \"\(name)\"") }
            guard let name, let admission else { continue }
            variants.append(AvailabilityVariant(name: name, admission: admission, sizing: sizing, maintenance: mode, matchKernels: kernels == "match"))
        }
        r.finish()
        guard log.items.count == before, let horizon, disk != nil else { return nil }
        let config = AvailabilityConfig(horizonSeconds: horizon * 3600, detectionSeconds: detection, hostTypes: types, hosts: hosts,
                                        domainFailures: domainFailures, guests: guests, maintenance: maintenance)
        return Spec(config: config, variants: variants, groups: groups, expectedEvents: expectedEvents(config))
    }

    /// Failures expected over the horizon (hosts and domains, each a failure and a repair, each
    /// touching every guest of a host) plus maintenance steps and first placement.
    static func expectedEvents(_ c: AvailabilityConfig) -> Double {
        var failures = c.hosts.reduce(0.0) { $0 + $1.failures.expectedFailures(horizonSeconds: c.horizonSeconds) }
        for d in c.domainFailures {
            let names = Set(c.hosts.map { d.scope == .rack ? $0.rack : $0.powerDomain })
            failures += Double(names.count) * d.process.expectedFailures(horizonSeconds: c.horizonSeconds)
                + d.traces.reduce(0.0) { $0 + Double($1.failures.count) }
        }
        let windows = Double(c.maintenance?.startSeconds.count ?? 0)
        return 2 * failures + windows * Double(c.hosts.count + c.guests.count) + Double(c.guests.count)
    }
}
