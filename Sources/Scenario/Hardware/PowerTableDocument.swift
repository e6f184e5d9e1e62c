import VirtModel

/// A server's SPECpower table as a JSON document (`scenarios/hardware/power/<name>.json`, inline
/// in a host type's `power`, or in a hardware document's `power`):
///
///     { "name": "hp-ml110-g4",
///       "source": "<SPECpower_ssj2008 result id and page, or the paper that reprints it>",
///       "watts": [w0, w10, …, w100],          // average active power at 0 (active idle), 10 … 100 % target load, W
///       // or "table": "<file>.csv"           // the same 11 watts in a CSV file (`PowerTableCSV`), path relative to the document
///       "sleepWatts": {"value": 10, "source": "…"},
///       "offWatts": {"value": 0, "source": "…"} }
///
/// `watts` are the 11 "Average Active Power (W)" entries of a SPECpower_ssj2008 result, from
/// active idle up to 100 %, copied exactly; they must not decrease. The draws asleep and off are
/// not part of SPECpower, hence their own source.
public enum PowerTableDocument {
    /// What a shipped power table document's `$schema` names: the schema file beside it.
    public static let schemaReference = "power.schema.json"

    /// The document of `model`, deterministic. `indent` prefixes every line after the first;
    /// `schema`, when given, is its `$schema` (a file of its own; never inline).
    public static func text(of m: SpecPowerModel, indent: String = "", newline: Bool = true, schema: String? = nil) -> String {
        let members = (schema.map { [(Scenario.schemaKey, JSONText.string($0))] } ?? []) + [
            ("name", JSONText.string(m.name)),
            ("source", JSONText.string(m.source)),
            ("watts", "[" + m.watts.map(JSONText.number).joined(separator: ", ") + "]"),
            ("sleepWatts", "{\"value\": \(JSONText.number(m.sleepWatts)), \"source\": \(JSONText.string(m.standbySource))}"),
            ("offWatts", "{\"value\": \(JSONText.number(m.offWatts)), \"source\": \(JSONText.string(m.standbySource))}"),
        ]
        return "{\n" + members.map { "\(indent)  \(JSONText.string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n\(indent)}"
            + (newline ? "\n" : "")
    }

    /// Reads a power table document at `path`, logging every problem. Nil on any problem.
    public static func read(_ value: JSONValue, path: String, log: DiagnosticLog) -> SpecPowerModel? {
        guard var r = ObjectReader(value, path: path, log: log) else { return nil }
        let before = log.items.count
        // A document file's root may name its JSON Schema (editor metadata).
        if path == "$" { _ = r.string(Scenario.schemaKey) }
        let name = r.string("name", required: true)
        let source = r.string("source", required: true)
        if let s = source, s.allSatisfy(\.isWhitespace) { log.add(r.childPath("source"), "empty; expected the SPECpower result or the publication the table comes from") }
        var watts: [Double] = []
        // The 11 watts inline, or a CSV file of them (`PowerTableCSV`), never both.
        if r.has("table") {
            if r.has("watts") { log.add(r.childPath("watts"), "present with \"table\"; give one of them") }
            if let file = r.string("table", required: true) {
                if file.isEmpty {
                    log.add(r.childPath("table"), "empty; expected a CSV file of the SPECpower table (\(PowerTableCSV.header)), relative to the document's folder")
                } else {
                    switch PowerTableCSV.read(file) {
                    case .success(let w): watts = w
                    case .failure(let e): for p in e.problems { log.add(r.childPath("table"), p) }
                    }
                }
            }
        } else if let items = r.array("watts", required: true) {
            if items.count != 11 {
                log.add(r.childPath("watts"), "found \(items.count) values; expected 11 (W at 0, 10, …, 100 % load)")
            }
            for (v, p) in items {
                guard case .number(let x, _) = v, wattsRange.contains(x) else {
                    log.add(p, "found \(v.brief); expected watts, a number in [0, 1000000]")
                    continue
                }
                if let last = watts.last, x < last {
                    log.add(p, "found \(v.brief) after \(JSONText.number(last)); expected watts that do not decrease with load")
                }
                watts.append(x)
            }
        }
        var standbySource: String?
        func standby(_ key: String) -> Double? {
            guard let c = HardwareDocument.readCited(&r, key, range: standbyRange(key), required: true) else { return nil }
            if let s = standbySource, s != c.source {
                log.add(r.childPath(key) + ".source", "differs from sleepWatts.source; VirtSim keeps one source for both standby draws")
            }
            standbySource = c.source
            return c.value
        }
        let sleep = standby("sleepWatts")
        let off = standby("offWatts")
        r.finish()
        guard log.items.count == before, let name, let source, watts.count == 11, let sleep, let off, let standbySource else { return nil }
        return SpecPowerModel(name: name, watts: watts, sleepWatts: sleep, offWatts: off, source: source, standbySource: standbySource)
    }

    /// `root` with every relative power table file (`"power": {"table": "x.csv", …}` anywhere in
    /// the document, or the document's own `table` when it is a power table) joined to `folder`,
    /// the folder of the document's file (`folder(of:)`), so a table is found wherever the
    /// document is read from. O(size of the document).
    public static func resolvingTables(in root: JSONValue, folder: String) -> JSONValue {
        guard !folder.isEmpty else { return root }
        func join(_ v: JSONValue) -> JSONValue {
            guard case .object(var members) = v, let i = members.firstIndex(where: { $0.key == "table" }),
                  case .string(let file) = members[i].value, !file.isEmpty, !file.hasPrefix("/") else { return v }
            members[i].value = .string(folder + file)
            return .object(members)
        }
        func walk(_ v: JSONValue) -> JSONValue {
            switch v {
            case .array(let items): return .array(items.map(walk))
            case .object(let members):
                return .object(members.map { m in (key: m.key, value: m.key == "power" ? join(walk(m.value)) : walk(m.value)) })
            default: return v
            }
        }
        return walk(root)
    }

    /// The folder part of a document's file name, with its trailing `/` ("" for a bare name).
    public static func folder(of file: String) -> String {
        file.lastIndex(of: "/").map { String(file[...$0]) } ?? ""
    }

    /// The range of each of the 11 `watts`.
    static let wattsRange = KeyRange("$.watts[]", .number, 0, 1_000_000, unit: "W", note: "at 0, 10, …, 100 % load, non-decreasing")

    /// The range of a standby draw (`sleepWatts`, `offWatts`), as the other scenario keys state theirs.
    static func standbyRange(_ key: String) -> KeyRange {
        KeyRange("$.\(key).value", .number, 0, 1_000_000, unit: "W", note: "not measured by SPECpower; needs its own source")
    }

    /// A built-in table by name, or a table document inline.
    public static func readNameOrTable(_ value: JSONValue, path: String, log: DiagnosticLog) -> SpecPowerModel? {
        if case .string(let name) = value {
            guard let m = SpecPowerModel.named(name) else {
                log.add(path, "unknown power table \"\(name)\"; expected one of " + SpecPowerModel.catalogue.map { "\"\($0.name)\"" }.joined(separator: ", ") + ", or a power table object")
                return nil
            }
            return m
        }
        guard case .object = value else {
            log.add(path, "expected a power table name or a power table object, found \(value.brief)")
            return nil
        }
        return read(value, path: path, log: log)
    }

    /// Parses and reads a whole power table file. Throws `ScenarioError` with every problem.
    public static func read(_ text: String, file: String) throws(ScenarioError) -> SpecPowerModel {
        let root: JSONValue
        do { root = try JSONParser.parse(text) } catch {
            throw ScenarioError(file: file, diagnostics: [Diagnostic(path: "$", message: "not valid JSON: \(error)")])
        }
        let log = DiagnosticLog()
        // A standalone power table document: its own `table` is relative to its folder.
        let resolved = resolvingTables(in: .object([("power", root)]), folder: folder(of: file))
        guard case .object(let wrapped) = resolved, let document = wrapped.first?.value,
              let m = read(document, path: "$", log: log), log.isEmpty else {
            throw ScenarioError(file: file, diagnostics: log.isEmpty ? [Diagnostic(path: "$", message: "could not read the power table")] : log.items)
        }
        return m
    }
}
