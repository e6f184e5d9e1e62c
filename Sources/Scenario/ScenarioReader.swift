import Consolidation
import Continuity
import Scheduling
import VirtModel

/// Names a scenario may use, supplied by the modules that own them (policy registry, cost
/// model, power models), so that validation lists exactly what the program knows.
public struct ScenarioVocabulary: Sendable {
    public var placements: [String]
    public var overloadDetectors: [String]
    public var selections: [String]
    public var migrationModels: [String]
    public var hardwareProfiles: [String]
    public var operationProfiles: [String]
    public var powerModels: [String]
    /// Engine behaviour switch names (`Semantics.switchNames`).
    public var semanticSwitches: [String] = []

    public init(placements: [String], overloadDetectors: [String], selections: [String],
                migrationModels: [String], hardwareProfiles: [String], operationProfiles: [String],
                powerModels: [String], semanticSwitches: [String] = []) {
        self.semanticSwitches = semanticSwitches
        self.placements = placements
        self.overloadDetectors = overloadDetectors
        self.selections = selections
        self.migrationModels = migrationModels
        self.hardwareProfiles = hardwareProfiles
        self.operationProfiles = operationProfiles
        self.powerModels = powerModels
    }
}

/// Reads a scenario file and reports every problem at once (see `ScenarioError`).
public struct ScenarioReader: Sendable {
    typealias K = ScenarioKeys
    public var vocabulary: ScenarioVocabulary

    public init(vocabulary: ScenarioVocabulary) { self.vocabulary = vocabulary }

    /// Parses and checks `text` (the contents of `file`). Throws `ScenarioError` listing every
    /// problem, each with its JSON path.
    public func read(_ text: String, file: String) throws(ScenarioError) -> Scenario {
        let root: JSONValue
        do { root = try JSONParser.parse(text) } catch {
            throw ScenarioError(file: file, diagnostics: [Diagnostic(path: error.path, message: "not valid JSON: \(error)")])
        }
        let log = DiagnosticLog()
        let scenario = read(PowerTableDocument.resolvingTables(in: root, folder: PowerTableDocument.folder(of: file)), log: log)
        if !log.isEmpty || scenario == nil {
            var d = log.items
            if d.isEmpty { d = [Diagnostic(path: "$", message: "could not read the scenario")] }
            throw ScenarioError(file: file, diagnostics: d)
        }
        return scenario!
    }

    func read(_ root: JSONValue, log: DiagnosticLog) -> Scenario? {
        guard var top = ObjectReader(root, path: "$", log: log) else { return nil }
        let name = top.string("name", required: true)
        if let n = name, n.isEmpty || n.contains("/") || n.hasPrefix(".") {
            log.add("$.name", "found \"\(n)\"; expected a non-empty name without '/' (it names the results folder)")
        }
        let description = top.string("description") ?? ""
        // Editor metadata (`virtsim schema`): a string, never part of the scenario as run.
        _ = top.string(Scenario.schemaKey)
        let seed = top.integer(K.seed) ?? 1
        let studyName: String?
        if case .string(Self.formerPlanetLabStudy)? = top.raw("study") {
            // The study kind of older files: say where it went rather than only "unknown".
            log.add("$.study", "found \"\(Self.formerPlanetLabStudy)\", a study kind that no longer exists: PlanetLab runs are consolidation scenarios whose guests read the trace day (\"study\": \"consolidation\" with \"consolidation.traceGuests\"); scenarios/planetlab/ holds CloudSim's ten policy runs as examples")
            studyName = nil
        } else {
            studyName = top.string("study", required: true, oneOf: Scenario.studyNames)
        }
        // With a missing or unknown "study", every section present is still read and checked as
        // its own kind, so that one mistake does not hide the others.
        let sectionsToRead = studyName.map { [$0] } ?? Scenario.studyNames.filter { top.has($0) }
        var study: Scenario.Study?
        for section in sectionsToRead {
            let required = section == studyName
            switch section {
            case "consolidation":
                if var r = top.object(section, required: required) { study = readConsolidation(&r).map { .consolidation($0) } }
            case "io":
                if let v = top.raw(section, required: required, expected: "an object") {
                    let io = IOStudy(raw: v, path: "$.io")
                    if IOStudyReader.read(io, seed: 1, log: log) != nil { study = .io(io) }
                }
            case "migration":
                if let v = top.raw(section, required: required, expected: "an object") {
                    let migration = MigrationStudy(raw: v, path: "$.migration")
                    if MigrationStudyReader.read(migration, log: log) != nil { study = .migration(migration) }
                }
            case "serverless":
                if let v = top.raw(section, required: required, expected: "an object") {
                    let serverless = ServerlessStudy(raw: v, path: "$.serverless")
                    if ServerlessStudyReader.read(serverless, log: log) != nil { study = .serverless(serverless) }
                }
            case "timesharing":
                if let v = top.raw(section, required: required, expected: "an object") {
                    let ts = TimeSharingStudy(raw: v, path: "$.timesharing")
                    if TimeSharingStudyReader.read(ts, log: log) != nil { study = .timeSharing(ts) }
                }
            case "availability":
                if let v = top.raw(section, required: required, expected: "an object") {
                    let availability = AvailabilityStudy(raw: v, path: "$.availability")
                    if AvailabilityStudyReader.read(availability, log: log) != nil { study = .availability(availability) }
                }
            default:
                break
            }
        }
        // Sections of other study kinds are not allowed: they would be silently ignored.
        if let studyName {
            for other in Scenario.studyNames where other != studyName && top.has(other) {
                log.add("$.\(other)", "present, but \"study\" is \"\(studyName)\"; remove it or change \"study\"")
            }
        }
        top.finish()
        guard let name, studyName != nil, let study else { return nil }
        return Scenario(name: name, description: description, seed: UInt64(seed), study: study)
    }

    func readConsolidation(_ r: inout ObjectReader) -> ConsolidationStudy? {
        let log = r.log
        // A built-in profile by name, or a hardware document inline (see `HardwareDocument`).
        var profile: String?
        var inlineHardware: HardwareProfile?
        // Trace guests carry no cost-model overhead: no hardware profile is read for them.
        let traceForm = r.has("traceGuests")
        if traceForm {
            if r.has("hardwareProfile") {
                log.add(r.childPath("hardwareProfile"), "present with \"traceGuests\": trace guests take the trace as their whole demand, no hypervisor cost is added; remove it")
            }
            profile = ""
        } else if let v = r.raw("hardwareProfile", required: true, expected: "a hardware profile name or a hardware document object") {
            if case .object = v {
                inlineHardware = HardwareDocument.read(v, path: r.childPath("hardwareProfile"), log: log)
                profile = inlineHardware?.name
            } else {
                profile = r.string("hardwareProfile", oneOf: vocabulary.hardwareProfiles)
            }
        }
        let horizon = r.number(K.horizonHours, required: true)
        let sample = r.number(K.sampleMinutes) ?? 5
        let interval = r.number(K.consolidationMinutes) ?? 5
        let report = r.number(K.reportMinutes) ?? 60
        // Hosts: one elastic pool (`hostType`, as before pools existed) or pools (`hosts`).
        let pools = readPools(&r, hardwarePower: inlineHardware?.power)
        let hostOrder = r.string("hostOrder", oneOf: HostOrder.allCases.map(\.rawValue)).flatMap(HostOrder.init(rawValue:)) ?? .pools
        if hostOrder == .interleaved, let pools, pools.contains(where: { $0.count == nil }) {
            log.add(r.childPath("hostOrder"), "\"interleaved\" needs a fixed pool (\"count\") for every type; an elastic pool has no end to take turns with")
        }
        let semantics = r.string("semantics", oneOf: ScenarioReader.semanticsPresets).flatMap(SemanticsMode.init(rawValue:)) ?? .virtsim
        // Workloads: a fleet (one workload per former server, guests sized like the host) or sized guests.
        var fleet: FleetConfig?
        var guestTypes: [GuestTypeConfig] = []
        var guestsOK = true
        var traceGuests: TraceGuestsConfig?
        if traceForm {
            for key in ["fleet", "guests"] where r.has(key) {
                log.add(r.childPath(key), "present with \"traceGuests\"; give one of fleet, guests, traceGuests")
            }
            if var t = r.object("traceGuests", required: true) { traceGuests = readTraceGuests(&t) }
            guestsOK = traceGuests != nil
            if let tg = traceGuests {
                fleet = FleetConfig(servers: 0, meanDistribution: nil, meanSource: "", components: [], appMemoryMB: nil,
                                    trace: nil, operations: "", memoryWrites: nil)
                if let h = horizon, h > 24 {
                    log.add(r.childPath("horizonHours"), "found \(formatBound(h)); a PlanetLab trace day holds 24 hours of samples, expected at most 24 with \"traceGuests\"")
                }
                if sample != 5 {
                    log.add(r.childPath("sampleMinutes"), "found \(formatBound(sample)); PlanetLab traces are sampled every 5 minutes, expected 5 (or leave it out) with \"traceGuests\"")
                }
                if let pools {
                    for (i, g) in tg.types.enumerated() where !pools.contains(where: { $0.type.cores >= g.vcpus && $0.type.admittedRamMB >= g.ramMB }) {
                        log.add(r.childPath("traceGuests") + ".types[\(i)]", "a guest of \(g.vcpus) vCPUs and \(formatBound(g.ramMB)) MB fits on no host type: every pool's hosts have fewer cores or less memory")
                    }
                }
            }
        } else if r.has("guests") {
            if r.has("fleet") { log.add(r.childPath("fleet"), "present with \"guests\"; give one of them") }
            (guestTypes, guestsOK) = readGuestTypes(&r)
            if guestsOK {
                fleet = FleetConfig(servers: guestTypes.reduce(0) { $0 + $1.count }, meanDistribution: nil, meanSource: "",
                                    components: [], appMemoryMB: nil, trace: nil, operations: guestTypes[0].workload.operations,
                                    memoryWrites: nil)
            }
        } else if var f = r.object("fleet", required: true) { fleet = readFleet(&f) }
        var variants: [VariantConfig] = []
        var variantsOK = true
        if !guestTypes.isEmpty || !guestsOK || traceForm {
            // Each guest type names its kind: one variant, the datacenter as described (for trace
            // guests named after the engine's preset, as CloudSim's experiment reports it).
            let form = traceForm ? "traceGuests" : "guests"
            if r.has("variants") { log.add(r.childPath("variants"), "present with \"\(form)\": each guest type names its kind; remove \"variants\"") }
            if let first = guestTypes.first { variants = [VariantConfig(name: "planned", kind: first.kind, dedicated: false)] }
            if let first = traceGuests?.types.first { variants = [VariantConfig(name: semantics.rawValue, kind: first.kind, dedicated: false)] }
        }
        for (value, path) in (guestTypes.isEmpty && guestsOK && !traceForm ? r.array("variants", required: true, nonEmpty: true) ?? [] : []) {
            guard var v = ObjectReader(value, path: path, log: log) else { variantsOK = false; continue }
            let name = v.string("name", required: true)
            let kind = v.string("kind", required: true, oneOf: GuestKind.scenarioNames).flatMap(GuestKind.init(rawValue:))
            let dedicated = v.bool("dedicated") ?? false
            if dedicated, let k = kind, k != .native {
                log.add(v.childPath("kind"), "found \"\(k.rawValue)\"; a dedicated variant runs on bare metal, expected \"native\"")
            }
            let isolation = v.string("isolation", oneOf: IsolationConstraint.scenarioNames)
                .flatMap(IsolationConstraint.init(rawValue:)) ?? IsolationConstraint.none
            if dedicated && isolation != .none {
                log.add(v.childPath("isolation"), "found \"\(isolation.rawValue)\"; a dedicated variant gives every workload its own server, expected \"none\"")
            }
            v.finish()
            if let name, let kind {
                if variants.contains(where: { $0.name == name }) { log.add(path + ".name", "duplicate variant name \"\(name)\"") }
                variants.append(VariantConfig(name: name, kind: kind, dedicated: dedicated, isolation: isolation))
            } else { variantsOK = false }
        }
        var policies: PolicySpec?
        if var p = r.object("policies", required: true) { policies = readPolicies(&p) }
        let switches = readSwitches(&r)
        r.finish()
        let hostType = pools?.map(\.type).max { $0.admittedRamMB < $1.admittedRamMB }
        // A guest larger than every host can never be placed.
        if let h = hostType, let f = fleet, let largest = f.appMemoryMB?.points.last?.value, largest > h.admittedRamMB {
            log.add(r.childPath("fleet") + ".appMemoryMB", "largest application memory \(largest) MB exceeds the memory a host admits, \(h.admittedRamMB) MB: such a guest fits on no host")
        }
        if let pools { checkGuestsFit(guestTypes, pools: pools, path: r.childPath("guests"), log: log) }
        // With its kind's footprint (guest OS, VMM, runtime), a guest may still fit no host: say so
        // before running, per variant, instead of rejecting guests at placement.
        if variantsOK, let h = hostType, let f = fleet, let largest = f.appMemoryMB?.points.last?.value, largest <= h.admittedRamMB,
           let hardware = profile.flatMap(HardwareProfile.named) {
            let cost = CostModel(profile: hardware)
            for (i, v) in variants.enumerated() where !v.dedicated {
                let footprint = cost.memoryFootprintMB(kind: v.kind)
                if largest + footprint > h.admittedRamMB {
                    log.add(r.childPath("variants") + "[\(i)].kind", "\"\(v.kind.rawValue)\" guests need up to \(largest) MB of application memory + \(formatBound(footprint)) MB of footprint, more than the memory a host admits, \(h.admittedRamMB) MB: such a guest fits on no host")
                }
            }
        }
        guard let profile, let horizon, let pools, let fleet, let policies, variantsOK, guestsOK else { return nil }
        return ConsolidationStudy(hardwareProfile: profile, inlineHardware: inlineHardware, horizonHours: horizon, sampleMinutes: sample,
                                  consolidationMinutes: interval, reportMinutes: report, hostPools: pools,
                                  fleet: fleet, guestTypes: guestTypes, variants: variants, policies: policies, switches: switches,
                                  semantics: semantics, hostOrder: hostOrder, traceGuests: traceGuests)
    }

    /// The `study` of PlanetLab files before trace guests (now a consolidation study).
    static let formerPlanetLabStudy = "planetlab"

    /// Shapes a synthetic workload's `components` may take.
    static let componentTypes = ["diurnal", "bursty", "heavy-tailed"]
    /// Trace formats trace guests read (`traceGuests.trace.format`).
    static let traceGuestFormats = ["planetlab"]

    /// The engine presets a consolidation study may start from (`semantics`): `SemanticsMode`'s names.
    public static let semanticsPresets = SemanticsMode.names

    /// `traceGuests: {trace: {format, day}, assign, source, types: [{type, kind, vcpus, vcpuMips, memoryMB, source?}]}`.
    func readTraceGuests(_ t: inout ObjectReader) -> TraceGuestsConfig? {
        let log = t.log
        var format: String?
        var day: String?
        if var tr = t.object("trace", required: true) {
            format = tr.string("format", required: true, oneOf: Self.traceGuestFormats)
            day = tr.string("day", required: true)
            if let d = day, !PlanetLabTrace.isDayName(d) {
                log.add(tr.childPath("day"), "found \"\(d)\"; expected a trace day folder name, eight digits (yyyymmdd) such as \"20110303\"")
                day = nil
            }
            tr.finish()
        }
        let assignment = t.string("assign", required: true, oneOf: TraceGuests.Assignment.allCases.map(\.rawValue))
            .flatMap(TraceGuests.Assignment.init(rawValue:))
        let source = t.string("source", required: true)
        if let s = source, s.allSatisfy(\.isWhitespace) { log.add(t.childPath("source"), "empty; expected where the assignment rule comes from") }
        var types: [TraceGuests.GuestType] = []
        var ok = true
        for (value, path) in t.array("types", required: true, nonEmpty: true) ?? [] {
            guard var g = ObjectReader(value, path: path, log: log) else { ok = false; continue }
            let name = g.string("type", required: true)
            if let n = name, n.isEmpty || n.contains(",") || n.contains("\"") {
                log.add(g.childPath("type"), "found \"\(n)\"; expected a non-empty name without commas or quotes")
            }
            let kind = g.string("kind", required: true, oneOf: GuestKind.scenarioNames).flatMap(GuestKind.init(rawValue:))
            let vcpus = g.integer(K.traceGuestVcpus, required: true)
            let mips = g.number(K.traceGuestVcpuMips, required: true)
            let memory = g.number(K.traceGuestMemoryMB, required: true)
            _ = g.string("source")
            g.finish()
            guard let name, let kind, let vcpus, let mips, let memory else { ok = false; continue }
            if types.contains(where: { $0.name == name }) { log.add(path + ".type", "duplicate guest type \"\(name)\"") }
            types.append(TraceGuests.GuestType(name: name, kind: kind, vcpus: vcpus, mipsPerVcpu: mips, ramMB: memory))
        }
        t.finish()
        guard ok, !types.isEmpty, let format, let day, let assignment, source != nil else { return nil }
        return TraceGuestsConfig(format: format, day: day, assignment: assignment, assignmentSource: source ?? "", types: types)
    }

    /// `hostType` (one elastic pool) or `hosts: [{type, count?, rack?}]`; exactly one of them.
    func readPools(_ r: inout ObjectReader, hardwarePower: SpecPowerModel?) -> [HostPoolConfig]? {
        let log = r.log
        guard r.has("hosts") else {
            guard var h = r.object("hostType", required: true) else { return nil }
            return readHostType(&h, hardwarePower: hardwarePower).map { [HostPoolConfig(type: $0)] }
        }
        if r.has("hostType") { log.add(r.childPath("hostType"), "present with \"hosts\"; give one of them (hostType is one elastic pool)") }
        guard let items = r.array("hosts", required: true, nonEmpty: true), !items.isEmpty else { return nil }
        var pools: [HostPoolConfig] = []
        var ok = true
        for (value, path) in items {
            guard var p = ObjectReader(value, path: path, log: log) else { ok = false; continue }
            var type: HostType?
            if var t = p.object("type", required: true) { type = readHostType(&t, hardwarePower: hardwarePower, keys: .pool) }
            let count = p.integer(K.poolCount)
            let rack = p.string("rack")
            if let rack, rack.isEmpty { log.add(p.childPath("rack"), "empty; expected a rack name") }
            p.finish()
            guard let type else { ok = false; continue }
            let pool = HostPoolConfig(type: type, count: count, rack: rack)
            if pools.contains(where: { $0.label == pool.label }) {
                log.add(path, "a second pool \"\(pool.label)\"; give each pool of one type its own rack or another type name")
            }
            pools.append(pool)
        }
        return ok ? pools : nil
    }

    /// `guests: [{type, count, kind, vcpus, memoryMB, vcpuMips?, workload}]`. Returns the types
    /// read and whether every element was read.
    func readGuestTypes(_ r: inout ObjectReader) -> ([GuestTypeConfig], Bool) {
        let log = r.log
        guard let items = r.array("guests", required: true, nonEmpty: true), !items.isEmpty else { return ([], false) }
        var types: [GuestTypeConfig] = []
        var ok = true
        for (value, path) in items {
            guard var g = ObjectReader(value, path: path, log: log) else { ok = false; continue }
            let name = g.string("type", required: true)
            if let n = name, n.isEmpty || n.contains(",") || n.contains("\"") {
                log.add(g.childPath("type"), "found \"\(n)\"; expected a non-empty name without commas or quotes")
            }
            let count = g.integer(K.guestCount, required: true)
            let kind = g.string("kind", required: true, oneOf: GuestKind.scenarioNames).flatMap(GuestKind.init(rawValue:))
            let vcpus = g.integer(K.guestVcpus, required: true)
            let memory = g.number(K.guestMemoryMB, required: true)
            let mips = g.number(K.guestVcpuMips)
            var workload: FleetConfig?
            if var w = g.object("workload", required: true) { workload = readWorkload(&w, count: count ?? 1) }
            g.finish()
            guard let name, let count, let kind, let vcpus, let memory, let workload else { ok = false; continue }
            if types.contains(where: { $0.name == name }) { log.add(path + ".type", "duplicate guest type \"\(name)\"") }
            types.append(GuestTypeConfig(name: name, count: count, kind: kind, vcpus: vcpus, memoryMB: memory, vcpuMips: mips, workload: workload))
        }
        return (types, ok)
    }

    /// The optional `trace: {format, path}` of a fleet or a guest type. `measured` is true when the
    /// key is present, even if it is wrong (its errors are logged), so the caller then neither
    /// requires nor reads the synthetic keys.
    func readTrace(_ r: inout ObjectReader) -> (trace: TraceSource?, measured: Bool) {
        guard var t = r.object("trace") else { return (nil, false) }
        let format = t.string("format", required: true, oneOf: UtilizationTrace.formats)
        let path = t.string("path", required: true)
        if let p = path, p.isEmpty { r.log.add(t.childPath("path"), "empty; expected a trace file or folder") }
        t.finish()
        guard let format, let path, !path.isEmpty else { return (nil, true) }
        return (TraceSource(format: format, path: path), true)
    }

    /// A guest type's workload: `meanUtilization` + `components` (fractions of the guest's
    /// vCPUs) or `trace`, and the `operations` profile its kind's overhead is charged with.
    func readWorkload(_ w: inout ObjectReader, count: Int) -> FleetConfig? {
        let log = w.log
        let keys = ScenarioKeys.guestWorkload
        let (trace, measured) = readTrace(&w)
        var meanSource = ""
        var meanDist: EmpiricalDistribution?
        var components: [WorkloadComponent] = []
        if measured {
            for key in ["meanUtilization", "components"] where w.has(key) {
                log.add(w.childPath(key), "present with \"trace\": a trace workload's demand is the trace; remove it")
            }
        } else {
            if var m = w.object("meanUtilization", required: true) {
                meanDist = readCDF(&m, value: keys.meanValue, probability: keys.meanProbability)
                meanSource = m.string("source", required: true) ?? ""
                m.finish()
            }
            components = readComponents(&w, keys: keys)
        }
        let ops = w.string("operations", required: true, oneOf: vocabulary.operationProfiles)
        w.finish()
        guard let ops, trace != nil || !measured, trace != nil || meanDist != nil else { return nil }
        return FleetConfig(servers: count, meanDistribution: meanDist, meanSource: meanSource, components: components,
                           appMemoryMB: nil, trace: trace, operations: ops, memoryWrites: nil)
    }

    /// Every guest type must fit, alone, on at least one pool's host: as many cores as vCPUs,
    /// each core at least one vCPU's MIPS (the engine's per-core rule), memory within its RAM
    /// (a guest that fits no host would wait forever).
    func checkGuestsFit(_ types: [GuestTypeConfig], pools: [HostPoolConfig], path: String, log: DiagnosticLog) {
        for (i, g) in types.enumerated() {
            let mips = g.vcpuMips(pools: pools)
            let fits = pools.contains { $0.type.cores >= g.vcpus && $0.type.mipsPerCore >= mips && $0.type.admittedRamMB >= g.memoryMB }
            if !fits {
                log.add("\(path)[\(i)]", "a guest of \(g.vcpus) vCPUs at \(formatBound(mips)) MIPS and \(formatBound(g.memoryMB)) MB fits on no host type: every pool's hosts have fewer cores, slower cores or less memory")
            }
        }
    }

    /// `hardwarePower`: the power table of the study's inline hardware document, taken when the
    /// host type names none.
    func readHostType(_ h: inout ObjectReader, hardwarePower: SpecPowerModel? = nil, keys: HostTypeKeys = .legacy) -> HostType? {
        let name = h.string("name") ?? "host"
        if name.isEmpty || name.contains(",") || name.contains("\"") || name.contains("@") {
            h.log.add(h.childPath("name"), "found \"\(name)\"; expected a non-empty name without commas, quotes or '@'")
        }
        let cores = h.integer(keys.cores, required: true)
        // Per-core speed as MIPS, or as a clock (MIPS = MHz, the convention of CloudSim's host types).
        var mips: Double?
        if h.has("clockGHz") {
            if h.has("mipsPerCore") { h.log.add(h.childPath("clockGHz"), "present with \"mipsPerCore\"; give one of them") }
            mips = h.number(keys.clockGHz).map { $0 * 1000 }
        } else {
            mips = h.number(keys.mipsPerCore, required: true)
        }
        let ram = h.number(keys.ramMB, required: true)
        let bw = h.number(keys.bandwidthMbps) ?? 1000
        let overcommit = h.number(keys.memoryOvercommit) ?? 1
        // Where the type's numbers come from (a datasheet, a simulator's constants): documentation.
        _ = h.string("source")
        // A built-in table by name, a power table document inline, or the hardware profile's table.
        var power: SpecPowerModel?
        if let v = h.raw("power", required: hardwarePower == nil, expected: "a power table name or a power table object") {
            if case .object = v {
                power = PowerTableDocument.read(v, path: h.childPath("power"), log: h.log)
            } else {
                power = h.string("power", oneOf: vocabulary.powerModels).flatMap(SpecPowerModel.named)
            }
        } else {
            power = hardwarePower
        }
        h.finish()
        guard let cores, let mips, let ram, let power else { return nil }
        return HostType(name: name, cores: cores, mipsPerCore: mips, ramMB: ram, bandwidthMbps: bw, power: power,
                              memoryOvercommit: overcommit)
    }

    func readFleet(_ f: inout ObjectReader) -> FleetConfig? {
        let log = f.log
        // A measured fleet: workloads from a trace; no synthetic distribution or shape.
        let (trace, measured) = readTrace(&f)
        let servers = f.integer(K.servers, required: !measured)
        var meanSource = ""
        var meanDist: EmpiricalDistribution?
        if measured {
            for key in ["meanUtilization", "components"] where f.has(key) {
                log.add(f.childPath(key), "present with \"trace\": a trace fleet's demand is the trace; remove it")
            }
        } else if var m = f.object("meanUtilization", required: true) {
            meanDist = readCDF(&m, value: K.meanUtilizationValue, probability: K.meanUtilizationProbability)
            meanSource = m.string("source", required: true) ?? ""
            m.finish()
        }
        var memory: EmpiricalDistribution?
        if var m = f.object("appMemoryMB", required: !measured) {
            memory = readCDF(&m, value: K.appMemoryValue, probability: K.appMemoryProbability)
            _ = m.string("source")
            m.finish()
        }
        let components = measured ? [] : readComponents(&f, keys: .fleet)
        let ops = f.string("operations", required: true, oneOf: vocabulary.operationProfiles)
        var writes: MemoryWrites?
        if var w = f.object("memoryWrites") {
            let rate = w.number(K.fleetDirtyRateMBps, required: true)
            let fraction = w.number(K.fleetWritableFraction, required: true)
            let source = w.string("source", required: true)
            w.finish()
            if let rate, let fraction, let source {
                writes = MemoryWrites(dirtyRateMBps: rate, writableWorkingSetFraction: fraction, source: source)
            }
        }
        var tenants: TenantDistribution?
        if var t = f.object("tenants") {
            let count = t.integer(K.fleetTenantCount, required: true)
            let exponent = t.number(K.fleetTenantZipfExponent) ?? 0
            _ = t.string("source")
            t.finish()
            if let count { tenants = TenantDistribution(count: count, zipfExponent: exponent) }
        }
        f.finish()
        guard let ops, trace != nil || !measured else { return nil }
        if let trace {
            return FleetConfig(servers: servers ?? 0, meanDistribution: nil, meanSource: "", components: [], appMemoryMB: memory,
                               trace: trace, operations: ops, memoryWrites: writes, tenants: tenants)
        }
        guard let servers, let meanDist, let memory else { return nil }
        return FleetConfig(servers: servers, meanDistribution: meanDist, meanSource: meanSource,
                           components: components, appMemoryMB: memory, trace: nil, operations: ops, memoryWrites: writes,
                           tenants: tenants)
    }

    /// `components: [{type: diurnal|bursty|heavy-tailed, …}]`: the shape of a synthetic workload.
    func readComponents(_ f: inout ObjectReader, keys: WorkloadKeys) -> [WorkloadComponent] {
        var components: [WorkloadComponent] = []
        for (value, path) in f.array("components") ?? [] {
            guard var c = ObjectReader(value, path: path, log: f.log) else { continue }
            switch c.string("type", required: true, oneOf: Self.componentTypes) {
            case "diurnal":
                let a = c.number(keys.amplitude, required: true)
                let p = c.number(keys.peakHour) ?? 14
                if let a { components.append(.diurnal(amplitude: a, peakHour: p)) }
            case "bursty":
                let rate = c.number(keys.ratePerHour, required: true)
                let minutes = c.number(keys.meanMinutes, required: true)
                let mult = c.number(keys.multiplier, required: true)
                if let rate, let minutes, let mult { components.append(.bursty(ratePerHour: rate, meanMinutes: minutes, multiplier: mult)) }
            case "heavy-tailed":
                if let alpha = c.number(keys.alpha, required: true) { components.append(.heavyTailed(alpha: alpha)) }
            default: break
            }
            _ = c.string("source")
            c.finish()
        }
        return components
    }

    /// `{"cdf": [[value, probability], …]}`: both columns in their ranges and non-decreasing,
    /// probabilities from 0 to 1.
    func readCDF(_ m: inout ObjectReader, value valueRange: KeyRange, probability probabilityRange: KeyRange) -> EmpiricalDistribution? {
        let log = m.log
        guard let items = m.array("cdf", required: true, nonEmpty: true) else { return nil }
        var points: [(value: Double, probability: Double)] = []
        var ok = true
        for (value, path) in items {
            guard case .array(let pair) = value, pair.count == 2 else {
                log.add(path, "found \(value.brief); expected [value, cumulative probability]")
                ok = false
                continue
            }
            let checkedValue = valueRange.check(pair[0], path: path + "[0]", log: log)
            let checkedProbability = probabilityRange.check(pair[1], path: path + "[1]", log: log)
            guard let x = checkedValue, let p = checkedProbability else { ok = false; continue }
            if let last = points.last, x < last.value || p < last.probability {
                log.add(path, "found [\(pair[0].brief), \(pair[1].brief)] after [\(formatBound(last.value)), \(formatBound(last.probability))]; expected both columns non-decreasing")
                ok = false
            }
            points.append((x, p))
        }
        guard ok else { return nil }
        if points.count < 2 || points.first!.probability != 0 || points.last!.probability != 1 {
            log.add(m.childPath("cdf"), "expected at least two points, the first with probability 0 and the last with probability 1")
            return nil
        }
        return EmpiricalDistribution(points: points)
    }

    /// `"switches": {"name": true|false, …}`: engine behaviour switches by name.
    func readSwitches(_ r: inout ObjectReader) -> [SemanticSwitch] {
        guard let v = r.raw("switches") else { return [] }
        let path = r.childPath("switches")
        guard case .object(let members) = v else {
            r.log.add(path, "expected an object of switch names to true/false, found \(v.brief)")
            return []
        }
        var out: [SemanticSwitch] = []
        for (name, value) in members {
            let p = path + "." + name
            guard vocabulary.semanticSwitches.contains(name) else {
                r.log.add(p, "unknown switch; expected one of: " + vocabulary.semanticSwitches.joined(separator: ", "))
                continue
            }
            guard case .bool(let b) = value else {
                r.log.add(p, "expected true or false, found \(value.brief)")
                continue
            }
            out.append(SemanticSwitch(name: name, value: b))
        }
        return out
    }

    /// Overload detectors whose parameter is a utilization threshold.
    static let thresholdDetectors = ["thr", "thr-sustained"]

    func readPolicies(_ p: inout ObjectReader) -> PolicySpec? {
        let placement = p.string("placement", required: true, oneOf: vocabulary.placements)
        let overload = p.string("overload", required: true, oneOf: vocabulary.overloadDetectors)
        let parameter = p.number(K.overloadParameter)
        let window = p.integer(K.overloadWindow)
        // For the threshold detectors the parameter is a utilization: above 1 nothing is ever
        // overloaded, which is "none" under another name and surely a mistake.
        if let parameter, let overload, Self.thresholdDetectors.contains(overload), parameter > 1 {
            p.log.add(p.childPath("overloadParameter"), "found \(formatBound(parameter)); expected a utilization threshold in (0, 1] for the overload detector \"\(overload)\"")
        }
        if window != nil, let overload, overload != "thr-sustained" {
            p.log.add(p.childPath("overloadWindow"), "applies only to the overload detector \"thr-sustained\", not \"\(overload)\"")
        }
        let selection = p.string("selection", required: true, oneOf: vocabulary.selections)
        let underload = p.bool("underload") ?? true
        let underloadThreshold = p.number(K.underloadThreshold)
        let migration = p.string("migration", oneOf: vocabulary.migrationModels).flatMap(MigrationModelKind.init(rawValue:)) ?? .cloudSim
        let powerAware = p.bool("powerAware") ?? true
        p.finish()
        guard let placement, let overload, let selection else { return nil }
        // The one typed value the engine receives. The checks above reported what it would refuse
        // (ranges, a window for another detector); anything else it refuses is reported here.
        let policy: OverloadPolicy
        do {
            policy = try OverloadPolicy(name: overload, parameter: parameter,
                                        window: overload == SustainedThresholdDetector.registryName ? window : nil)
        } catch {
            p.log.add(p.childPath("overload"), error.description)
            return nil
        }
        return PolicySpec(placement: placement, overloadPolicy: policy,
                          selection: selection, underload: underload, underloadThreshold: underloadThreshold,
                          migrationModel: migration, powerAware: powerAware)
    }
}
