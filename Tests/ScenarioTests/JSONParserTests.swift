import Testing
@testable import Scenario

/// RFC 8259 strictness of the scenario parser (issue 8, defects 1 and 3).
@Suite("JSON parser")
struct JSONParserTests {
    func parseError(_ text: String) -> JSONSyntaxError? {
        do { _ = try JSONParser.parse(text); return nil } catch { return error }
    }

    @Test("Numbers beyond a 64-bit float are errors at their JSON path, not infinities",
          arguments: [("{\"a\": {\"b\": 1e309}}", "$.a.b"), ("[1, -1e400]", "$[1]"), ("{\"x\": [0, 1E+999]}", "$.x[1]"),
                      ("1" + String(repeating: "0", count: 400), "$")])
    func nonFinite(text: String, path: String) throws {
        let e = try #require(parseError(text))
        #expect(e.path == path)
        #expect(e.message.contains("beyond the range"))
    }

    @Test("The largest finite numbers and subnormals parse", arguments: ["1.7976931348623157e308", "-1.7976931348623157e308", "5e-324", "1e-400"])
    func finiteExtremes(text: String) throws {
        guard case .number(let x, _) = try JSONParser.parse(text) else { Issue.record("not a number"); return }
        #expect(x.isFinite)
    }

    @Test("Leading zeros, bare signs and dots are not JSON numbers",
          arguments: ["048", "-01", "00", "0123.5", "+5", ".5", "5.", "1e", "-", "01e3", "1.e3", "0x10", "NaN", "Infinity", "-Infinity"])
    func nonRFCNumbers(text: String) {
        #expect(parseError(text) != nil)
        #expect(parseError("{\"k\": \(text)}") != nil)
    }

    @Test("RFC 8259 numbers parse with their text kept", arguments: ["0", "-0", "0.5", "-0.0e0", "10", "1e5", "1E-5", "123.456e+7"])
    func rfcNumbers(text: String) throws {
        #expect(try JSONParser.parse(text) == .number(Double(text)!, text: text))
        guard case .number(_, let kept) = try JSONParser.parse(text) else { Issue.record("not a number"); return }
        #expect(kept == text)
    }

    @Test("Lone and malformed surrogate escapes are errors with a position",
          arguments: [#""a\ud800\u0041""#, #""\ud800\uffff""#, #""\ud800""#, #""\ud800x""#, #""\udc00""#, #""\udfff\ud800""#,
                      #""\ud800\ud800""#, #""\uDBFF\""#, #""\ud800\u00""#, #""\ud800\"#])
    func badSurrogates(text: String) throws {
        let e = try #require(parseError(text))
        #expect(e.line == 1 && e.column > 1)
    }

    @Test("Surrogate pairs decode to the scalar they encode")
    func surrogatePairs() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""\uD800\uDC00""#) == .string("\u{10000}"))
        #expect(try JSONParser.parse(#""\uDBFF\uDFFF""#) == .string("\u{10FFFF}"))
        #expect(try JSONParser.parse(#""\u00e9\u0041""#) == .string("éA"))
    }

    @Test("Deep nesting is an error, not a stack overflow")
    func deepNesting() throws {
        let e = try #require(parseError(String(repeating: "[", count: 100_000)))
        #expect(e.message.contains("nesting"))
        _ = try JSONParser.parse(String(repeating: "[", count: 150) + String(repeating: "]", count: 150))
    }

    @Test("Every truncation and every single-byte change of a document parses or throws (no trap)")
    func byteDamage() {
        let doc = #"{"a": [1, -2.5e3, true, null, "x\u00e9\ud83d\ude00\n"], "b": {"c": 0}}"#
        let bytes = Array(doc.utf8)
        for n in 0...bytes.count { _ = try? JSONParser.parse(String(decoding: bytes[..<n], as: UTF8.self)) }
        for i in bytes.indices {
            for b: UInt8 in [0x00, 0x22, 0x5C, 0x7B, 0x5D, 0x30, 0x65, 0x2D, 0x75, 0xFF, 0xC3] {
                var damaged = bytes
                damaged[i] = b
                _ = try? JSONParser.parse(String(decoding: damaged, as: UTF8.self))
            }
        }
    }

    @Test("A syntax error in a scenario is reported at the JSON path where it happened")
    func scenarioSyntaxPath() {
        let reader = ScenarioReader(vocabulary: vocabulary)
        let text = validConsolidation.replacingFirst("\"horizonHours\": 2", with: "\"horizonHours\": 1e309")
        do {
            _ = try reader.read(text, file: "t.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.path) == ["$.consolidation.horizonHours"])
        }
    }
}
