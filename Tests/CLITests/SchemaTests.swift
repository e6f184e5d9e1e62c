import Foundation
import Testing
@testable import Scenario
@testable import VirtSimCLI

/// The problems a JSON Schema finds in `value`, as JSON paths; only the keywords
/// `ScenarioSchema` emits (type, properties, items, prefixItems, maxItems, minimum,
/// exclusiveMinimum, maximum) are implemented.
func schemaProblems(_ value: JSONValue, _ schema: JSONValue, path: String = "$") -> [String] {
    guard case .object(let s) = schema else { return [] }  // `true`
    func get(_ k: String) -> JSONValue? { s.first { $0.key == k }?.value }
    var out: [String] = []
    switch get("type") {
    case .string("object")?:
        guard case .object(let members) = value else { return [path] }
        if case .object(let props)? = get("properties") {
            for (k, sub) in props { if let v = members.first(where: { $0.key == k })?.value { out += schemaProblems(v, sub, path: path + "." + k) } }
        }
    case .string("array")?:
        guard case .array(let items) = value else { return [path] }
        if case .number(let max, _)? = get("maxItems"), Double(items.count) > max { out.append(path) }
        var tuple: [JSONValue] = []
        if case .array(let t)? = get("prefixItems") { tuple = t }
        for (i, v) in items.enumerated() {
            if i < tuple.count { out += schemaProblems(v, tuple[i], path: path + "[\(i)]") }
            else if let itemSchema = get("items") { out += schemaProblems(v, itemSchema, path: path + "[\(i)]") }
        }
    case .string(let t)? where t == "number" || t == "integer":
        guard case .number(let x, _) = value, t == "number" || x.rounded() == x else { return [path] }
        if case .number(let lo, _)? = get("minimum"), !(x >= lo) { return [path] }
        if case .number(let lo, _)? = get("exclusiveMinimum"), !(x > lo) { return [path] }
        if case .number(let hi, _)? = get("maximum"), !(x <= hi) { return [path] }
    default: break
    }
    return out
}

@Suite("virtsim schema")
struct SchemaTests {
    let schema = ScenarioSchema.document()

    @Test("schema prints a draft 2020-12 schema that parses back")
    func prints() throws {
        let r = virtsim(["schema"])
        #expect(r.status == .success)
        let doc = try JSONParser.parse(r.out)
        guard case .object(let top) = doc else { Issue.record("not an object"); return }
        #expect(top.first?.value == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(doc == schema)
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

    @Test("Every shipped scenario satisfies the schema")
    func shipped() throws {
        for file in ScenarioLoader.scenarioFiles(in: packageRoot + "/scenarios") {
            #expect(schemaProblems(try JSONParser.parse(read(file)!), schema).isEmpty, "\(file)")
        }
    }
}
