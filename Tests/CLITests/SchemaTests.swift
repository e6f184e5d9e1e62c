import Foundation
import Testing
import VirtModel
@testable import Scenario
@testable import VirtSimCLI

/// The problems a JSON Schema finds in `value`, as JSON paths; only the keywords
/// `ScenarioSchema` emits are implemented: type, properties, required, additionalProperties,
/// propertyNames (enum), items, prefixItems, minItems, maxItems, uniqueItems, enum, const, minLength,
/// minimum, exclusiveMinimum, maximum, anyOf, oneOf and `$ref` to `#/$defs/…` of `root`.
func schemaProblems(_ value: JSONValue, _ schema: JSONValue, root: JSONValue? = nil, path: String = "$") -> [String] {
    let root = root ?? schema
    guard case .object(let s) = schema else { return schema == .bool(false) ? [path] : [] }
    func get(_ k: String) -> JSONValue? { s.first { $0.key == k }?.value }
    if case .string(let ref)? = get("$ref") {
        guard let target = SchemaPaths.definition(ref, in: root) else { return [path] }
        return schemaProblems(value, target, root: root, path: path)
    }
    if case .array(let forms)? = get("anyOf") {
        return forms.contains { schemaProblems(value, $0, root: root, path: path).isEmpty } ? [] : [path]
    }
    if case .array(let forms)? = get("oneOf") {
        // Forms told apart by a constant key (a component's type): the problems of the form the
        // value names, at their own paths, as an editor shows them.
        if case .object(let members) = value,
           let form = forms.first(where: { f in
               guard case .object(let props)? = SchemaPaths.member(f, "properties") else { return false }
               return props.contains { p in SchemaPaths.member(p.value, "const").map { c in members.contains { $0.key == p.key && $0.value == c } } ?? false }
           }) {
            return schemaProblems(value, form, root: root, path: path)
        }
        return forms.filter { schemaProblems(value, $0, root: root, path: path).isEmpty }.count == 1 ? [] : [path]
    }
    if let c = get("const"), c != value { return [path] }
    if case .array(let names)? = get("enum"), !names.contains(value) { return [path] }
    var out: [String] = []
    switch get("type") {
    case .string("object")?:
        guard case .object(let members) = value else { return [path] }
        var props: [(key: String, value: JSONValue)] = []
        if case .object(let p)? = get("properties") { props = p }
        if case .array(let required)? = get("required") {
            for case .string(let k) in required where !members.contains(where: { $0.key == k }) { out.append(path) }
        }
        for (k, v) in members {
            let p = SchemaPaths.child(path, k)
            if let sub = props.first(where: { $0.key == k })?.value {
                out += schemaProblems(v, sub, root: root, path: p)
                continue
            }
            if case .object(let names)? = get("propertyNames"), case .array(let allowed)? = names.first(where: { $0.key == "enum" })?.value,
               !allowed.contains(.string(k)) {
                out.append(p)
                continue
            }
            if let extra = get("additionalProperties") { out += schemaProblems(v, extra, root: root, path: p) }
        }
    case .string("array")?:
        guard case .array(let items) = value else { return [path] }
        if case .number(let max, _)? = get("maxItems"), Double(items.count) > max { out.append(path) }
        if case .number(let min, _)? = get("minItems"), Double(items.count) < min { out.append(path) }
        if get("uniqueItems") == .bool(true), Set(items.map { $0.rendered() }).count != items.count { out.append(path) }
        var tuple: [JSONValue] = []
        if case .array(let t)? = get("prefixItems") { tuple = t }
        for (i, v) in items.enumerated() {
            if i < tuple.count { out += schemaProblems(v, tuple[i], root: root, path: path + "[\(i)]") }
            else if let itemSchema = get("items") { out += schemaProblems(v, itemSchema, root: root, path: path + "[\(i)]") }
        }
    case .string(let t)? where t == "number" || t == "integer":
        guard case .number(let x, _) = value, t == "number" || x.rounded() == x else { return [path] }
        if case .number(let lo, _)? = get("minimum"), !(x >= lo) { return [path] }
        if case .number(let lo, _)? = get("exclusiveMinimum"), !(x > lo) { return [path] }
        if case .number(let hi, _)? = get("maximum"), !(x <= hi) { return [path] }
    case .string("string")?:
        guard case .string(let text) = value else { return [path] }
        if case .number(let min, _)? = get("minLength"), Double(text.count) < min { return [path] }
    case .string("boolean")?:
        guard case .bool = value else { return [path] }
    default: break
    }
    return out
}

/// `document` without its top-level `$schema`: the scenario as run (run.json, cluster jobs).
func withoutSchemaKey(_ document: JSONValue) -> JSONValue {
    guard case .object(let members) = document else { return document }
    return .object(members.filter { $0.key != Scenario.schemaKey })
}

/// JSON paths as the readers write them (`$.a.b[2]`, `$["$schema"]`) and the schema places
/// they lead to.
enum SchemaPaths {
    enum Step: Equatable { case key(String), index(Int) }

    static func child(_ path: String, _ key: String) -> String {
        key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) ? "\(path).\(key)" : "\(path)[\"\(key)\"]"
    }

    static func steps(_ path: String) -> [Step] {
        var out: [Step] = []
        var rest = Substring(path.dropFirst())
        while !rest.isEmpty {
            if rest.hasPrefix("[\"") {
                let close = rest.range(of: "\"]")!
                out.append(.key(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound])))
                rest = rest[close.upperBound...]
            } else if rest.hasPrefix("[") {
                let close = rest.firstIndex(of: "]")!
                out.append(.index(Int(rest[rest.index(after: rest.startIndex)..<close])!))
                rest = rest[rest.index(after: close)...]
            } else {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                out.append(.key(String(name)))
                rest = rest.dropFirst(name.count)
            }
        }
        return out
    }

    /// The parent and the key of a path ending in a key.
    static func splitLast(_ path: String) -> (parent: String, key: String)? {
        if path.hasSuffix("\"]"), let open = path.range(of: "[\"", options: .backwards) {
            return (String(path[..<open.lowerBound]), String(path[open.upperBound..<path.index(path.endIndex, offsetBy: -2)]))
        }
        guard !path.hasSuffix("]"), let dot = path.lastIndex(of: ".") else { return nil }
        return (String(path[..<dot]), String(path[path.index(after: dot)...]))
    }

    /// `$.a[3].b[0][1]` → `$.a[].b[][]`: every array position alike.
    static func pattern(_ path: String) -> String {
        var out = ""
        var inIndex = false
        for c in path {
            if c == "[" { inIndex = true; out.append(c); continue }
            if inIndex && c.isNumber { continue }
            inIndex = false
            out.append(c)
        }
        return out
    }

    static func definition(_ ref: String, in root: JSONValue) -> JSONValue? {
        guard ref.hasPrefix("#/$defs/") else { return nil }
        return member(member(root, "$defs"), String(ref.dropFirst(8)))
    }

    static func member(_ v: JSONValue?, _ k: String) -> JSONValue? {
        guard case .object(let m)? = v else { return nil }
        return m.first { $0.key == k }?.value
    }

    /// The forms a schema node stands for: `$ref` followed, `anyOf` and `oneOf` spread.
    static func forms(_ node: JSONValue, root: JSONValue) -> [JSONValue] {
        if case .string(let ref)? = member(node, "$ref"), let d = definition(ref, in: root) { return forms(d, root: root) }
        if case .array(let list)? = member(node, "anyOf") { return list.flatMap { forms($0, root: root) } }
        if case .array(let list)? = member(node, "oneOf") { return list.flatMap { forms($0, root: root) } }
        return [node]
    }

    /// Every schema node (a form) at the concrete `path`.
    static func resolve(_ path: String, in root: JSONValue) -> [JSONValue] {
        var nodes = forms(root, root: root)
        for step in steps(path) {
            nodes = nodes.flatMap { n -> [JSONValue] in
                switch step {
                case .key(let k):
                    if let p = member(member(n, "properties"), k) { return forms(p, root: root) }
                    if case .array(let names)? = member(member(n, "propertyNames"), "enum"), names.contains(.string(k)),
                       let v = member(n, "additionalProperties") { return forms(v, root: root) }
                    return []
                case .index(let i):
                    if case .array(let tuple)? = member(n, "prefixItems") { return i < tuple.count ? forms(tuple[i], root: root) : [] }
                    if let items = member(n, "items") { return forms(items, root: root) }
                    return []
                }
            }
        }
        return nodes
    }

    /// Every place of a document (objects, arrays and leaves), as concrete paths.
    static func places(_ v: JSONValue, _ path: String = "$") -> [String] {
        switch v {
        case .object(let m): return [path] + m.flatMap { places($0.value, child(path, $0.key)) }
        case .array(let items): return [path] + items.enumerated().flatMap { places($0.element, path + "[\($0.offset)]") }
        default: return [path]
        }
    }

    /// A leaf of a published schema: its pattern and node. Definitions (`$ref`) are not entered:
    /// each is the root of its own document's schema. A map (`propertyNames`) yields one leaf
    /// per name.
    static func leaves(_ node: JSONValue, _ path: String = "$") -> [(path: String, node: JSONValue)] {
        if member(node, "$ref") != nil { return [] }
        if case .array(let list)? = member(node, "anyOf") { return list.flatMap { leaves($0, path) } }
        if case .array(let list)? = member(node, "oneOf") { return list.flatMap { leaves($0, path) } }
        if case .object(let props)? = member(node, "properties") { return props.flatMap { leaves($0.value, child(path, $0.key)) } }
        if case .array(let names)? = member(member(node, "propertyNames"), "enum"), let v = member(node, "additionalProperties") {
            return names.flatMap { n -> [(path: String, node: JSONValue)] in
                guard case .string(let k) = n else { return [] }
                return leaves(v, child(path, k))
            }
        }
        if case .array(let tuple)? = member(node, "prefixItems") {
            return tuple.enumerated().flatMap { leaves($0.element, path + "[\($0.offset)]") }
        }
        if let items = member(node, "items"), member(node, "type") == .string("array") { return leaves(items, path + "[]") }
        return [(path, node)]
    }
}

/// A document read with the recorder on: where it comes from, its tree, and what the reader
/// asked for.
struct Witness: Sendable {
    var label: String
    var kind: ScenarioSchema.Document
    var tree: JSONValue
    var file: String

    /// The diagnostics of reading `tree`, and what the reader asked for.
    func read(_ tree: JSONValue? = nil) -> ([Diagnostic], ReadRecorder) {
        let recorder = ReadRecorder()
        let text = (tree ?? self.tree).rendered()
        let diagnostics: [Diagnostic] = ReadRecorder.$current.withValue(recorder) {
            do {
                switch kind {
                case .scenario: _ = try ScenarioReader(vocabulary: Vocabulary.current).readWithSweep(text, file: file)
                case .hardware: _ = try HardwareDocument.read(text, file: file)
                case .power: _ = try PowerTableDocument.read(text, file: file)
                }
                return []
            } catch let e as ScenarioError { return e.diagnostics } catch { return [Diagnostic(path: "?", message: "\(error)")] }
        }
        return (diagnostics, recorder)
    }
}

@Suite("virtsim schema")
struct SchemaTests {
    static let vocabulary = Vocabulary.current
    static let schemas: [ScenarioSchema.Document: JSONValue] = Dictionary(uniqueKeysWithValues: ScenarioSchema.Document.allCases.map {
        ($0, ScenarioSchema.document($0, vocabulary: vocabulary))
    })
    let schema = SchemaTests.schemas[.scenario]!

    /// Keys no shipped file uses, set (added when absent) in a base document, so that every key
    /// of the schema is in some document that reads cleanly: (kind, base text, [(path, JSON)]).
    static let extraWitnesses: [(ScenarioSchema.Document, String, [(String, String)])] = {
        let base = MalformedCorpusTests.base(for:)
        return [
            (.scenario, shipped("seed-consolidation.json"), [("$.consolidation.hostType.source", "\"datasheet\""),
                                                              ("$.consolidation.switches", "{}")]),
            (.scenario, shipped("seed-consolidation.json"), [("$.consolidation.fleet", "{\"trace\": {\"format\": \"csv\", \"path\": \"planner-traces/web.csv\"}, \"operations\": \"web-server\"}")]),
            (.scenario, base("$.consolidation.guests[].count"), [("$.consolidation.guests[].workload.components[].source", "\"s\"")]),
            (.scenario, shipped("seed-io-overhead.json"), [("$.io.fullPath", "\"hosted\""), ("$.io.paraPath", "\"para-kernel-backend\""),
                                                          ("$.io.fullNetworkDevice", "\"\(EmulatedNetworkController.names[0])\"")]),
            (.scenario, base("$.migration.shutdownSeconds"), [("$.migration.shutdownSeconds", "60"), ("$.migration.bootSeconds", "30"),
                                                              ("$.migration.suspendResume", "true")]),
            (.scenario, base("$.availability.horizonHours"), [("$.availability.domainFailures[1].distribution", "\"weibull\""),
                                                              ("$.availability.domainFailures[1].shape", "1.5"),
                                                              ("$.availability.kinds[0].source", "\"s\""),
                                                              ("$.availability.guests[0].memoryWrites.source", "\"s\"")]),
            (.scenario, shipped("labs/serverless-cold-start.json"), [("$.serverless.kinds[0].name", "\"c\"")]),
            // Inline documents, read through the schema's $defs: a hardware profile on a base with
            // its own power table, a host type's power table, an I/O study's hardware profile.
            (.scenario, shipped("seed-consolidation.json"), [
                ("$.consolidation.hardwareProfile", "{\"base\": \"xeon-sandybridge-2012\", \"name\": \"mine\", \"cpu\": {\"clockGHz\": {\"value\": 3, \"source\": \"s\"}}, \"power\": \(inlinePower)}"),
                ("$.consolidation.hostType.power", inlinePower)]),
            (.scenario, shipped("seed-io-overhead.json"), [("$.io.hardware", "{\"base\": \"xeon-sandybridge-2012\", \"name\": \"mine\", \"network\": {\"name\": \"nic\"}}")]),
            (.hardware, "{\"base\": \"dell2650-2003\", \"name\": \"mine\", \"power\": \"hp-ml110-g4\"}",
             [("$.cpu", "{\"mipsPerCore\": {\"value\": 3000, \"source\": \"s\"}}")]),
            (.power, "{\"name\": \"t\", \"source\": \"s\", \"table\": \"\(powerCSV)\", \"sleepWatts\": {\"value\": 1, \"source\": \"s\"}, \"offWatts\": {\"value\": 0, \"source\": \"s\"}}", []),
        ]
    }()

    /// A power table document given inline.
    static let inlinePower = "{\"name\": \"t\", \"source\": \"s\", \"watts\": [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200], \"sleepWatts\": {\"value\": 1, \"source\": \"s\"}, \"offWatts\": {\"value\": 0, \"source\": \"s\"}}"

    /// A power table CSV the extra power witness names. Written under the package's `.build/`
    /// (ignored by git, removed with the build) so that test runs leave nothing in the temporary folder.
    static let powerCSV: String = {
        let folder = packageRoot + "/.build/test-fixtures"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/schema-witness-power.csv"
        let rows = PowerTableCSV.loads.map { "\($0),\(100 + $0)" }
        try? ([PowerTableCSV.header] + rows).joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }()

    /// Every shipped scenario, hardware and power document, the malformed corpus's bases (one per
    /// numeric key) and `extraWitnesses`: documents that read without a problem.
    static let witnesses: [Witness] = {
        var out: [Witness] = []
        var seen: Set<String> = []
        func add(_ label: String, _ kind: ScenarioSchema.Document, _ text: String, file: String) {
            guard seen.insert(text).inserted, let tree = try? JSONParser.parse(text) else { return }
            out.append(Witness(label: label, kind: kind, tree: tree, file: file))
        }
        let root = packageRoot + "/scenarios"
        for f in ScenarioLoader.scenarioFiles(in: root) { add(f, .scenario, read(f)!, file: f) }
        for name in HardwareProfile.catalogueNames { add(name, .hardware, shipped("hardware/\(name).json"), file: root + "/hardware/\(name).json") }
        for m in SpecPowerModel.catalogue { add(m.name, .power, shipped("hardware/power/\(m.name).json"), file: root + "/hardware/power/\(m.name).json") }
        for key in ScenarioKeys.all { add("base for " + key.path, .scenario, MalformedCorpusTests.base(for: key.path), file: root + "/base.json") }
        for (i, (kind, text, sets)) in extraWitnesses.enumerated() {
            var tree = try! JSONParser.parse(text)
            for (path, value) in sets { tree = MalformedCorpusTests.setting(path, try! JSONParser.parse(value), in: tree)!.0 }
            add("extra witness \(i)", kind, tree.rendered(), file: root + "/" + kind.file)
        }
        return out
    }()

    @Test("schema prints a draft 2020-12 schema that parses back; --hardware and --power theirs")
    func prints() throws {
        for (flags, kind) in [([String](), ScenarioSchema.Document.scenario), (["--hardware"], .hardware), (["--power"], .power)] {
            let r = virtsim(["schema"] + flags)
            #expect(r.status == .success)
            let doc = try JSONParser.parse(r.out)
            guard case .object(let top) = doc else { Issue.record("not an object"); return }
            #expect(top.first?.value == .string("https://json-schema.org/draft/2020-12/schema"))
            #expect(doc == Self.schemas[kind])
        }
        #expect(virtsim(["schema", "--hardware", "--power"]).status == .badInput)
    }

    @Test("The committed schema files are virtsim schema's output (VIRTSIM_WRITE_SCHEMA=1 rewrites them)", arguments: ScenarioSchema.Document.allCases)
    func committed(_ kind: ScenarioSchema.Document) throws {
        let path = packageRoot + "/scenarios/" + kind.file
        let expected = ScenarioSchema.text(kind, vocabulary: Self.vocabulary)
        if read(path) != expected && ProcessInfo.processInfo.environment["VIRTSIM_WRITE_SCHEMA"] == "1" {
            try expected.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(read(path) == expected, "\(kind.file) is stale: run the tests with VIRTSIM_WRITE_SCHEMA=1")
    }

    @Test("Every shipped file names its schema with a relative $schema and satisfies it")
    func shippedFilesNameTheirSchema() throws {
        for w in Self.witnesses where !w.label.hasPrefix("base for") && !w.label.hasPrefix("extra witness") {
            let folder = URL(fileURLWithPath: w.file).deletingLastPathComponent().path
            let schemaFile = URL(fileURLWithPath: packageRoot + "/scenarios/" + w.kind.file).standardizedFileURL.path
            guard case .string(let ref)? = SchemaPaths.member(w.tree, "$schema") else {
                Issue.record("\(w.label) has no $schema"); continue
            }
            #expect(!ref.hasPrefix("/"), "\(w.label)")
            #expect(URL(fileURLWithPath: folder + "/" + ref).standardizedFileURL.path == schemaFile, "\(w.label): \(ref)")
            #expect(schemaProblems(w.tree, Self.schemas[w.kind]!).isEmpty, "\(w.label): \(schemaProblems(w.tree, Self.schemas[w.kind]!))")
        }
    }

    @Test("$schema is accepted when a string, rejected otherwise, and left out of run.json's scenario")
    func schemaKeyIsMetadata() throws {
        let text = shipped("seed-consolidation.json")
        #expect(text.contains("\"$schema\": \"scenario.schema.json\""))
        let bad = text.replacingFirst("\"$schema\": \"scenario.schema.json\"", with: "\"$schema\": 3")
        #expect(validationProblems(bad).map(\.path) == ["$[\"$schema\"]"])
        let loaded = try ScenarioLoader.loadResolved(text: text, label: "t.json", overrides: .init(), traceRoot: nil, checkTraces: false)
        #expect(SchemaPaths.member(loaded.root, "$schema") == nil)
        // The hash is the one of the file without the key: adding the key changes no result.
        let without = text.replacingFirst("\"$schema\": \"scenario.schema.json\",", with: "")
        #expect(try ScenarioLoader.loadResolved(text: without, label: "t.json", overrides: .init(), traceRoot: nil, checkTraces: false).hash == loaded.hash)
        let hardware = shipped("hardware/dell2650-2003.json").replacingFirst("\"$schema\": \"hardware.schema.json\"", with: "\"$schema\": false")
        #expect((try? HardwareDocument.read(hardware, file: "h.json")) == nil)
    }

    @Test("Every witness reads without a problem (the reader → schema checks rest on them)")
    func witnessesAreClean() {
        for w in Self.witnesses { #expect(w.read().0.isEmpty, "\(w.label): \(w.read().0)") }
    }

    /// Whether `node` (a form) is what `kind` asks for.
    static func matches(_ node: JSONValue, _ kind: ReadRecorder.Kind) -> Bool {
        let type = SchemaPaths.member(node, "type")
        switch kind {
        case .number(let range):
            var bounds = SchemaPaths.member(node, range.exclusiveMinimum ? "exclusiveMinimum" : "minimum") == ScenarioSchema.number(range.minimum)
            bounds = bounds && SchemaPaths.member(node, range.exclusiveMinimum ? "minimum" : "exclusiveMinimum") == nil
            return type == .string(range.kind.rawValue) && bounds && SchemaPaths.member(node, "maximum") == ScenarioSchema.number(range.maximum)
        case .string(let names):
            return type == .string("string") && SchemaPaths.member(node, "enum") == names.map { .array($0.map { .string($0) }) }
        case .bool: return type == .string("boolean")
        case .object: return type == .string("object")
        case .array(let nonEmpty):
            return type == .string("array") && (!nonEmpty || SchemaPaths.member(node, "minItems").map { if case .number(let n, _) = $0 { n >= 1 } else { false } } == true)
        case .raw: return true
        }
    }

    @Test("Reader → schema: every key a reader asks for is in the schema with the same type, vocabulary, range and requiredness")
    func readerToSchema() {
        var requiredByPattern: [String: (reads: Int, required: [String: Int], kind: ScenarioSchema.Document)] = [:]
        // Each problem once, by pattern, with the first document that shows it.
        var problems: [String] = []
        var seen: Set<String> = []
        func problem(_ w: Witness, _ text: String) {
            let p = SchemaPaths.pattern(text)
            if seen.insert(p).inserted { problems.append("\(p) (\(w.label.replacingOccurrences(of: packageRoot + "/", with: "")))") }
        }
        for w in Self.witnesses {
            let schema = Self.schemas[w.kind]!
            let (_, recorder) = w.read()
            if recorder.accesses.isEmpty || recorder.objects.isEmpty { problem(w, "\(w.label): nothing recorded") }
            for a in recorder.accesses {
                let nodes = SchemaPaths.resolve(a.path, in: schema)
                if nodes.isEmpty { problem(w, "\(a.path) is not in the schema"); continue }
                // The key that selects a form: one constant per form, together the reader's list.
                let constants = nodes.compactMap { SchemaPaths.member($0, "const") }
                if case .string(let names?) = a.kind, constants.count == nodes.count, Set(constants.map { $0.rendered() }) == Set(names.map { JSONValue.string($0).rendered() }), constants.count == names.count { continue }
                if !nodes.contains(where: { Self.matches($0, a.kind) }) { problem(w, "\(a.path) asked as \(a.kind), schema has \(nodes.map { $0.rendered().filter { !$0.isWhitespace && !$0.isNewline }.prefix(160) })") }
            }
            for o in recorder.objects {
                var nodes = SchemaPaths.resolve(o.path, in: schema).filter { SchemaPaths.member($0, "type") == .string("object") }
                // Of several forms, the one the document's object is.
                if nodes.count > 1, let steps = JSONValue.parsePath(o.path), let value = w.tree.value(at: steps[...]) {
                    nodes = nodes.filter { schemaProblems(value, $0, root: schema).isEmpty }
                    if nodes.isEmpty { problem(w, "object \(o.path) is read, but matches none of the schema's forms"); continue }
                }
                guard let node = nodes.first else { problem(w, "object \(o.path) is not in the schema"); continue }
                var declared: [String] = []
                if case .object(let p)? = SchemaPaths.member(node, "properties") { declared = p.map(\.key) }
                if case .array(let n)? = SchemaPaths.member(SchemaPaths.member(node, "propertyNames"), "enum") {
                    declared = n.compactMap { if case .string(let s) = $0 { s } else { nil } }
                } else if SchemaPaths.member(node, "additionalProperties") != .bool(false) {
                    problem(w, "\(o.path) rejects unknown keys, the schema does not")
                }
                for k in Set(o.accepted) where !declared.contains(k) { problem(w, "\(o.path).\(k) is accepted, not in the schema") }
                var required: [String] = []
                if case .array(let r)? = SchemaPaths.member(node, "required") { required = r.compactMap { if case .string(let s) = $0 { s } else { nil } } }
                for k in required where !o.required.contains(k) { problem(w, "\(o.path).\(k) is required by the schema, not by the reader") }
                let pattern = SchemaPaths.pattern(o.path)
                var entry = requiredByPattern[pattern] ?? (0, [:], w.kind)
                entry.reads += 1
                for k in Set(o.required) { entry.required[k, default: 0] += 1 }
                requiredByPattern[pattern] = entry
            }
        }
        // The inline documents were read, through the schema's $defs.
        #expect(requiredByPattern["$.consolidation.hardwareProfile.cpu"] != nil && requiredByPattern["$.consolidation.hostType.power"] != nil
                && requiredByPattern["$.io.hardware"] != nil)
        // A key the reader requires every time it reads the object is required by the schema, or
        // the schema says when (a key required in some forms of the object only).
        for (pattern, entry) in requiredByPattern.sorted(by: { $0.key < $1.key }) {
            let concrete = pattern.replacingOccurrences(of: "[]", with: "[0]")
            guard let node = SchemaPaths.resolve(concrete, in: Self.schemas[entry.kind]!).first(where: { SchemaPaths.member($0, "type") == .string("object") }) else { continue }
            var required: [JSONValue] = []
            if case .array(let r)? = SchemaPaths.member(node, "required") { required = r }
            for (k, n) in entry.required.sorted(by: { $0.key < $1.key }) where n == entry.reads && !required.contains(.string(k)) {
                let description = SchemaPaths.member(SchemaPaths.member(SchemaPaths.member(node, "properties"), k), "description")
                guard case .string(let d)? = description, d.contains("Required ") else {
                    problems.append("\(pattern).\(k): always required by the reader, optional in the schema")
                    continue
                }
            }
        }
        #expect(problems.isEmpty, Comment(rawValue: "\(problems.count) problems:\n" + problems.prefix(60).joined(separator: "\n")))
    }

    @Test("Schema → reader: every key of the schema is in a document that reads cleanly, every name of every list reads without a problem at its place, every non-empty string is one the reader requires non-empty")
    func schemaToReader() throws {
        var problems: [String] = []
        for kind in ScenarioSchema.Document.allCases {
            let witnesses = Self.witnesses.filter { $0.kind == kind }
            var byPattern: [String: [(witness: Int, path: String)]] = [:]
            for (i, w) in witnesses.enumerated() {
                for p in SchemaPaths.places(w.tree) { byPattern[SchemaPaths.pattern(p), default: []].append((i, p)) }
            }
            for leaf in SchemaPaths.leaves(Self.schemas[kind]!) {
                let pattern = SchemaPaths.pattern(leaf.path)
                #expect(SchemaPaths.member(leaf.node, "description") != nil, "\(leaf.path) has no description")
                guard let places = byPattern[pattern] else {
                    // A key no document uses (a map's names): set to a value its node accepts in a
                    // document that has its parent.
                    if let (parent, key) = SchemaPaths.splitLast(pattern), let (i, p) = byPattern[parent]?.first, let value = Self.validValue(leaf.node) {
                        guard case .object(var m)? = witnesses[i].tree.value(at: p) else { problems.append("\(pattern): parent is no object"); continue }
                        m.append((key, value))
                        let tree = witnesses[i].tree.setting(p, to: .object(m))!
                        let found = witnesses[i].read(tree).0.filter { $0.path == SchemaPaths.child(p, key) }
                        if !found.isEmpty { problems.append("\(pattern) = \(value.rendered()): \(found)") }
                    } else {
                        problems.append("\(pattern) is in no witness document")
                    }
                    continue
                }
                // A string the schema wants non-empty: the reader rejects "" at every place.
                if SchemaPaths.member(leaf.node, "minLength") != nil {
                    for place in places.prefix(12) {
                        let tree = witnesses[place.witness].tree.setting(place.path, to: .string(""))!
                        if !witnesses[place.witness].read(tree).0.contains(where: { $0.path == place.path }) {
                            problems.append("\(place.path) = \"\" is accepted by the reader (\(witnesses[place.witness].label)), rejected by the schema")
                        }
                    }
                }
                let names: [JSONValue]
                if case .array(let list)? = SchemaPaths.member(leaf.node, "enum") { names = list }
                else if let c = SchemaPaths.member(leaf.node, "const") { names = [c] }
                else { continue }
                for name in names {
                    let accepted = places.prefix(12).contains { place in
                        guard let tree = witnesses[place.witness].tree.setting(place.path, to: name) else { return false }
                        return !witnesses[place.witness].read(tree).0.contains { $0.path == place.path }
                    }
                    if !accepted { problems.append("\(pattern) = \(name.rendered()) is rejected at its place in every witness") }
                }
            }
        }
        #expect(problems.isEmpty, Comment(rawValue: "\(problems.count) problems:\n" + problems.prefix(60).joined(separator: "\n")))
    }

    /// A value a number or boolean leaf accepts: 1 when in range (a map's one range covers
    /// rates, sizes and fractions that `validate` narrows per name; 1 is valid for each), else
    /// the range's lower bound, or its upper one when the lower is excluded.
    static func validValue(_ node: JSONValue) -> JSONValue? {
        switch SchemaPaths.member(node, "type") {
        case .string("boolean")?: return .bool(true)
        case .string(let t)? where t == "number" || t == "integer":
            guard case .number(let hi, _)? = SchemaPaths.member(node, "maximum") else { return nil }
            if case .number(let lo, _)? = SchemaPaths.member(node, "minimum") { return .number(lo <= 1 && 1 <= hi ? 1 : lo, text: formatBound(lo <= 1 && 1 <= hi ? 1 : lo)) }
            if case .number(let lo, _)? = SchemaPaths.member(node, "exclusiveMinimum"), lo < 1, 1 <= hi { return .number(1, text: "1") }
            return .number(hi, text: formatBound(hi))
        default: return nil
        }
    }

    @Test("The scenario schema's hardware and power definitions are the documents' own schemas")
    func definitionsAreTheDocumentSchemas() {
        func strip(_ v: JSONValue?) -> JSONValue? {
            guard case .object(let m)? = v else { return v }
            return .object(m.filter { !["$schema", "$id", "title", "$defs"].contains($0.key) }.map { e in
                guard e.key == "properties", case .object(let p) = e.value else { return e }
                return (e.key, .object(p.filter { $0.key != "$schema" }))
            })
        }
        #expect(strip(SchemaPaths.definition("#/$defs/hardware", in: schema)) == strip(Self.schemas[.hardware]))
        #expect(strip(SchemaPaths.definition("#/$defs/powerTable", in: schema)) == strip(Self.schemas[.power]))
    }

    @Test("Every key of the table is in the schema with its bounds")
    func everyKey() throws {
        // Keys under a map wildcard (`*`) are not placeable by the corpus helper.
        for key in ScenarioKeys.all where !key.path.contains("*") {
            let mutated = try #require(MalformedCorpusTests.setting(key.path, .number(key.maximum.nextUp, text: "\(key.maximum.nextUp)"),
                                                                    in: JSONParser.parse(MalformedCorpusTests.base(for: key.path))))
            #expect(schemaProblems(mutated.0, schema) == [mutated.1], "\(key.path)")
        }
    }

    @Test("Reader and schema agree on every range case of the corpus", arguments: MalformedCorpusTests.rangeCases.filter { $0.probe != "1e309" })
    func agree(_ c: MalformedCorpusTests.RangeCase) throws {
        let tree = try JSONParser.parse(MalformedCorpusTests.base(for: c.key.path))
        let value: JSONValue = c.probe.hasPrefix("\"") ? .string("12") : c.probe == "null" ? .null : .number(Double(c.probe)!, text: c.probe)
        let (mutated, path) = try #require(MalformedCorpusTests.setting(c.key.path, value, in: tree))
        #expect(schemaProblems(mutated, schema) == [path])
        #expect(MalformedCorpusTests.problems(mutated, key: c.key).map(\.path) == [path])
    }

    @Test("A scenario the schema rejects is one validate rejects: unknown keys, wrong names, missing required keys, another form's keys, empty names")
    func rejects() throws {
        let base = shipped("seed-consolidation.json")
        for (a, b) in [("\"seed\": 2025", "\"seed\": 2025, \"sede\": 1"), ("\"kind\": \"full\"", "\"kind\": \"hvm\""),
                       ("\"overload\": \"thr\"", "\"overload\": \"thr2\""), ("\"study\": \"consolidation\",", ""),
                       // A key of another form: a Pareto shape on a diurnal component, a burst without its rate.
                       ("{\"type\": \"diurnal\", \"amplitude\": 0.5,", "{\"type\": \"diurnal\", \"alpha\": 3, \"amplitude\": 0.5,"),
                       ("{\"type\": \"bursty\", \"ratePerHour\": 0.5,", "{\"type\": \"bursty\","),
                       ("\"name\": \"seed-consolidation\"", "\"name\": \"\"")] {
            let text = base.replacingFirst(a, with: b)
            #expect(!schemaProblems(try JSONParser.parse(text), schema).isEmpty, "\(b)")
            #expect(!validationProblems(text).isEmpty, "\(b)")
        }
    }
}
