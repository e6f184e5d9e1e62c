import VirtModel

/// Hardware profiles as JSON documents: the two built-in profiles are shipped as
/// `scenarios/hardware/<name>.json` (a test checks those files equal `text(of:)` of the compiled-in
/// profiles, and read back bit for bit), and a scenario may give its own profile inline.
///
/// Layout (every number is `{"value": x, "source": "..."}`, its unit in its key name; the keys of
/// each section are `HardwareProfile.fields`):
///
///     { "name", "summary", "base"?,
///       "cpu": {"generation", "clockGHz", "cores"?, "threads"?, "mipsPerCore"?},
///       "virtualization": {"fullVirtualization", "paraVirtualization", "nestedPaging", <cycles/µs…>},
///       "memory", "native", "measured": [{"kind", <µs…>}], "containers",
///       "storage": {"name", …}, "network": {"name", …},
///       "emulatedDisk": {"controller", "deviceModelMicros"}, "emulatedNIC": {…},
///       "paraBackend", "power"?: "<table name>" | {power table document} }
///
/// With `"base": "<built-in name>"` a document starts from that profile and gives only what
/// differs; without it every section is required.
public enum HardwareDocument {
    /// What a shipped hardware document's `$schema` names: the schema file beside it.
    public static let schemaReference = "hardware.schema.json"

    /// The document of `profile`, deterministic, ending in a newline; `schema`, when given, is its
    /// `$schema` (a file of its own; never inline). O(fields).
    public static func text(of p: HardwareProfile, schema: String? = nil) -> String {
        var sections: [(String, String)] = []
        func cited(_ c: Cited) -> String { "{\"value\": \(JSONText.number(c.value)), \"source\": \(JSONText.string(c.source))}" }
        func object(_ members: [(String, String)], indent: String) -> String {
            "{\n" + members.map { "\(indent)  \(JSONText.string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n\(indent)}"
        }
        var cpu: [(String, String)] = [("generation", JSONText.string(p.cpu.generation))]
        var bySection: [String: [(String, String)]] = [:]
        for f in HardwareProfile.fields { bySection[f.section, default: []].append((f.key, cited(p[keyPath: f.keyPath]))) }
        cpu += bySection["cpu"] ?? []
        for f in HardwareProfile.cpuCountFields { if let c = p[keyPath: f.keyPath] { cpu.append((f.key, cited(c))) } }
        if let schema { sections.append((Scenario.schemaKey, JSONText.string(schema))) }
        sections.append(("name", JSONText.string(p.name)))
        sections.append(("summary", JSONText.string(p.summary)))
        for s in HardwareProfile.sections {
            var members: [(String, String)] = []
            switch s {
            case "cpu": members = cpu
            case "virtualization":
                members = [("fullVirtualization", JSONText.string(p.fullVirtualization.rawValue)),
                           ("paraVirtualization", JSONText.string(p.paraVirtualization.rawValue)),
                           ("nestedPaging", p.nestedPaging ? "true" : "false")] + (bySection[s] ?? [])
            case "storage": members = [("name", JSONText.string(p.storage.name))] + (bySection[s] ?? [])
            case "network": members = [("name", JSONText.string(p.nic.name))] + (bySection[s] ?? [])
            case "emulatedDisk": members = [("controller", JSONText.string(p.emulatedDisk.controller))] + (bySection[s] ?? [])
            case "emulatedNIC": members = [("controller", JSONText.string(p.emulatedNIC.controller))] + (bySection[s] ?? [])
            default: members = bySection[s] ?? []
            }
            sections.append((s, object(members, indent: "  ")))
            if s == "native" {
                let items = p.measured.map { m in
                    object([("kind", JSONText.string(m.kind.rawValue))]
                           + HardwareProfile.measuredFields.map { ($0.key, cited(m[keyPath: $0.keyPath])) }, indent: "    ")
                }
                sections.append(("measured", items.isEmpty ? "[]" : "[\n    " + items.joined(separator: ",\n    ") + "\n  ]"))
            }
        }
        if let power = p.power {
            sections.append(("power", SpecPowerModel.named(power.name) == power
                ? JSONText.string(power.name) : PowerTableDocument.text(of: power, indent: "  ", newline: false)))
        }
        return object(sections, indent: "") + "\n"
    }

    /// Reads a hardware document at `path` (a whole file is `$`), logging every problem with
    /// its JSON path. Nil when there was any problem.
    public static func read(_ value: JSONValue, path: String, log: DiagnosticLog) -> HardwareProfile? {
        guard var r = ObjectReader(value, path: path, log: log) else { return nil }
        let before = log.items.count
        // A document file's root may name its JSON Schema (editor metadata).
        if path == "$" { _ = r.string(Scenario.schemaKey) }
        var base: HardwareProfile?
        if let b = r.string("base", oneOf: HardwareProfile.catalogueNames) { base = HardwareProfile.named(b) }
        let complete = base == nil
        var p = base ?? placeholder
        if let n = r.string("name", required: true) {
            if n.isEmpty || n.contains("/") { log.add(r.childPath("name"), "found \"\(n)\"; expected a non-empty name without '/'") }
            p.name = n
        }
        if let s = r.string("summary", required: complete) { p.summary = s }
        var fieldsBySection: [String: [HardwareField]] = [:]
        for f in HardwareProfile.fields { fieldsBySection[f.section, default: []].append(f) }
        for s in HardwareProfile.sections {
            if s == "native" { readMeasured(&r, into: &p, required: complete) }
            guard var o = r.object(s, required: complete) else { continue }
            switch s {
            case "cpu":
                if let g = o.string("generation", required: complete) { p.cpu.generation = g }
                for f in HardwareProfile.cpuCountFields {
                    if let c = readCited(&o, f.key, range: cpuCountRange(f.key, unit: f.unit), required: false) { p[keyPath: f.keyPath] = c }
                }
            case "virtualization":
                if let v = o.string("fullVirtualization", required: complete, oneOf: FullVirtualizationTechnique.allCases.map(\.rawValue)) {
                    p.fullVirtualization = FullVirtualizationTechnique(rawValue: v)!
                }
                if let v = o.string("paraVirtualization", required: complete, oneOf: ParaVirtualizationStyle.allCases.map(\.rawValue)) {
                    p.paraVirtualization = ParaVirtualizationStyle(rawValue: v)!
                }
                if let v = o.bool("nestedPaging", required: complete) { p.nestedPaging = v }
            case "storage": if let n = o.string("name", required: complete) { p.storage.name = n }
            case "network": if let n = o.string("name", required: complete) { p.nic.name = n }
            case "emulatedDisk":
                if let c = o.string("controller", required: complete, oneOf: EmulatedStorageController.names) {
                    p.emulatedDisk = EmulatedStorageController(rawValue: c)!.profile(deviceModelMicros: p.emulatedDisk.deviceModelMicros)
                }
            case "emulatedNIC":
                if let c = o.string("controller", required: complete, oneOf: EmulatedNetworkController.names) {
                    p.emulatedNIC = EmulatedNetworkController(rawValue: c)!.profile(deviceModelMicros: p.emulatedNIC.deviceModelMicros)
                }
            default: break
            }
            for f in fieldsBySection[s] ?? [] {
                if let c = readCited(&o, f.key, range: range(of: f), required: complete && !f.optional) {
                    p[keyPath: f.keyPath] = c
                }
            }
            o.finish()
        }
        if let v = r.raw("power") { p.power = PowerTableDocument.readNameOrTable(v, path: r.childPath("power"), log: log) }
        r.finish()
        return log.items.count == before ? p : nil
    }

    /// Parses and reads a whole hardware document file. Throws `ScenarioError` with every problem.
    public static func read(_ text: String, file: String) throws(ScenarioError) -> HardwareProfile {
        let root: JSONValue
        do { root = try JSONParser.parse(text) } catch {
            throw ScenarioError(file: file, diagnostics: [Diagnostic(path: "$", message: "not valid JSON: \(error)")])
        }
        let log = DiagnosticLog()
        guard let p = read(PowerTableDocument.resolvingTables(in: root, folder: PowerTableDocument.folder(of: file)), path: "$", log: log),
              log.isEmpty else {
            throw ScenarioError(file: file, diagnostics: log.isEmpty ? [Diagnostic(path: "$", message: "could not read the hardware document")] : log.items)
        }
        return p
    }

    /// A hardware profile by built-in name, or read inline: what a scenario's `hardware` /
    /// `hardwareProfile` key holds.
    public static func readNameOrDocument(_ value: JSONValue, path: String, log: DiagnosticLog) -> HardwareProfile? {
        if case .string(let name) = value {
            guard let p = HardwareProfile.named(name) else {
                log.add(path, "unknown hardware profile \"\(name)\"; expected one of " + HardwareProfile.catalogueNames.map { "\"\($0)\"" }.joined(separator: ", ") + ", or a hardware document object")
                return nil
            }
            return p
        }
        guard case .object = value else {
            log.add(path, "expected a hardware profile name or a hardware document object, found \(value.brief)")
            return nil
        }
        return read(value, path: path, log: log)
    }

    /// `measured`: lmbench tables per guest kind (may be empty).
    private static func readMeasured(_ r: inout ObjectReader, into p: inout HardwareProfile, required: Bool) {
        let log = r.log
        guard let items = r.array("measured", required: required) else { return }
        p.measured = []
        for (item, itemPath) in items {
            guard var m = ObjectReader(item, path: itemPath, log: log) else { continue }
            let kind = m.string("kind", required: true, oneOf: GuestKind.scenarioNames).flatMap(GuestKind.init(rawValue:))
            var costs = MeasuredOperationCosts(kind: kind ?? .native, syscall: missing, pageFault: missing,
                                               contextSwitch: missing, contextSwitchLarge: missing, fork: missing, exec: missing)
            for f in HardwareProfile.measuredFields {
                if let c = readCited(&m, f.key, range: measuredRange(f.key), required: true) {
                    costs[keyPath: f.keyPath] = c
                }
            }
            m.finish()
            if let kind {
                if p.measured.contains(where: { $0.kind == kind }) { log.add(itemPath + ".kind", "duplicate kind \"\(kind.rawValue)\": one table per guest kind") }
                p.measured.append(costs)
            }
        }
    }

    /// The range of a document number, as the `KeyRange` every scenario key uses (path from the
    /// hardware document's root, e.g. `$.cpu.clockGHz.value`), so messages and `virtsim schema`
    /// read the same bounds as `HardwareProfile.fields`.
    public static func range(of f: HardwareField) -> KeyRange {
        KeyRange("$.\(f.path).value", .number, f.range.lowerBound, exclusiveMinimum: f.positive, f.range.upperBound,
                 unit: f.unit, note: f.help)
    }

    static func measuredRange(_ key: String) -> KeyRange {
        KeyRange("$.measured[].\(key).value", .number, 0, 10_000_000, unit: "µs", note: "lmbench-style measurement inside one guest kind")
    }

    static func cpuCountRange(_ key: String, unit: String) -> KeyRange {
        KeyRange("$.cpu.\(key).value", .number, 0, exclusiveMinimum: true, 1_000_000, unit: unit, note: "documentation: the cost model prices by clock")
    }

    /// Every numeric key of a hardware document with its range (for `virtsim schema`).
    public static var keyRanges: [KeyRange] {
        HardwareProfile.fields.map(range(of:)) + HardwareProfile.measuredFields.map { measuredRange($0.key) }
            + HardwareProfile.cpuCountFields.map { cpuCountRange($0.key, unit: $0.unit) }
    }

    /// `{"value": x, "source": "..."}` with x in `range` and a non-empty source.
    static func readCited(_ o: inout ObjectReader, _ key: String, range: KeyRange, required: Bool) -> Cited? {
        guard var c = o.object(key, required: required) else { return nil }
        let value = c.number(range, required: true)
        let source = c.string("source", required: true)
        if let s = source, s.allSatisfy(\.isWhitespace) {
            o.log.add(c.childPath("source"), "empty; expected a citation or \"assumption: <why>\"")
        }
        c.finish()
        guard let value, let source, !source.allSatisfy(\.isWhitespace) else { return nil }
        return Cited(value, source)
    }

    private static let missing = Cited(.nan, "missing")

    /// Starting point of a document without `base`: every number missing (a complete document
    /// replaces them all; `read` fails otherwise).
    private static var placeholder: HardwareProfile {
        let m = missing
        return HardwareProfile(
            name: "", summary: "", clockGHz: m, fullVirtualization: .hardwareAssist, paraVirtualization: .virtioOnHardwareAssist,
            nestedPaging: true, exitRoundTripCycles: m, exitHandlingCycles: m, userSpaceExitExtraCycles: m, worldSwitchMicros: m,
            binaryTranslationTrapCycles: m, binaryTranslationPageTableUpdateCycles: m, shadowPageTableUpdateCycles: m,
            hypercallMicros: m, domainSwitchMicros: m, paraPageTableUpdateMicros: m, paraReceivePageFlipMicros: m,
            nestedWalkExtraReferences: m, cachedReferenceCycles: m, pageWalkCacheRecovery: m, nestedPagingFaultExitFraction: m,
            copyBytesPerMicro: m,
            native: NativeOperationCosts(syscall: m, pageFault: m, pageTableUpdate: m, contextSwitch: m, contextSwitchLarge: m,
                                         fork: m, exec: m, timerInterrupt: m),
            measured: [], containerSyscallMicros: m, containerPageFaultMicros: m, containerContextSwitchMicros: m,
            containerBlockAccountingMicros: m,
            containerNetwork: ContainerNetworkCosts(vethMicros: m, bridgeMicros: m, conntrackMicros: m, natMicros: m),
            storage: StorageDeviceProfile(name: "", randomReadPositioningMicros: m, randomWritePositioningMicros: m,
                                          sequentialPositioningMicros: m, positioningSpread: m, internalParallelism: m, bandwidthMBps: m),
            nic: NICProfile(name: "", bandwidthGbps: m, oneWayLatencyMicros: m, transmitPacketMicros: m, receivePacketMicros: m,
                            headerBytes: m, hostForwardingFraction: m),
            diskSubmitMicros: m, diskCompletionMicros: m,
            emulatedDisk: EmulatedStorageController.ide.profile(deviceModelMicros: m),
            emulatedNIC: EmulatedNetworkController.e1000.profile(deviceModelMicros: m),
            paraBackendRequestMicros: m, paraBackendWakeupMicros: m, binaryTranslationKernelSlowdown: m,
            cpu: CPUDescription(generation: ""))
    }
}
