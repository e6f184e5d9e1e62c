import Foundation
import Testing
@testable import VirtSimCLI

/// The scenario fuzzer (issue 8): a few thousand seeded mutants of the shipped scenarios in
/// `swift test`; `VIRTSIM_FUZZ_CASES=N` runs N (a campaign belongs in a release build:
/// `swift test -c release --filter Fuzz`, or `virtsim-bench fuzz`).
@Suite("Scenario fuzzer")
struct FuzzTests {
    static let cases = ProcessInfo.processInfo.environment["VIRTSIM_FUZZ_CASES"].flatMap(Int.init) ?? 2_000

    @Test("Mutated scenarios never trap; problems have paths; what validates runs with finite, consistent outputs")
    func campaign() throws {
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let fuzzer = ScenarioFuzzer(scenarioDir: packageRoot + "/scenarios", scratch: scratch)
        #expect(fuzzer.seeds.count >= 20)
        var rejected = 0, ran = 0
        for i in 0..<Self.cases {
            let c = fuzzer.makeCase(i, seed: 8)
            switch fuzzer.check(c) {
            case .rejected: rejected += 1
            case .ran: ran += 1
            case .failed(let why):
                Issue.record("case \(i) (\(c.seedFile): \(c.mutations.joined(separator: "; "))): \(why)\n\(c.text.prefix(3000))")
            }
        }
        // The campaign exercises both sides: most mutants are refused, some run.
        #expect(rejected > Self.cases / 4 && ran > Self.cases / 50, "rejected \(rejected), ran \(ran)")
    }

    @Test("Minimized crashers found by the fuzzer stay fixed",
          arguments: (try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "/Tests/CLITests/FuzzCrashers"))?
              .filter { $0.hasSuffix(".json") }.sorted() ?? [])
    func crasher(name: String) throws {
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let fuzzer = ScenarioFuzzer(scenarioDir: packageRoot + "/scenarios", scratch: scratch)
        let text = try #require(read(packageRoot + "/Tests/CLITests/FuzzCrashers/" + name))
        let outcome = fuzzer.check(ScenarioFuzzer.Case(index: 0, seedFile: name, mutations: [], text: text))
        if case .failed(let why) = outcome { Issue.record("\(name): \(why)") }
    }

    @Test("The fuzzer is deterministic: same seed, same cases")
    func deterministic() throws {
        let fuzzer = ScenarioFuzzer(scenarioDir: packageRoot + "/scenarios", scratch: "/nonexistent")
        for i in 0..<50 { #expect(fuzzer.makeCase(i, seed: 3).text == fuzzer.makeCase(i, seed: 3).text) }
        #expect(fuzzer.makeCase(1, seed: 3).text != fuzzer.makeCase(1, seed: 4).text)
    }
}
