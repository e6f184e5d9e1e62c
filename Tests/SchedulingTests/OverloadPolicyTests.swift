import Testing
import Scheduling

/// The typed overload policy: one validation for every name, defaults resolved once, and what
/// the engine asks of it.
@Suite("Overload policy")
struct OverloadPolicyTests {
    @Test("every registry name reads back, with its default parameter when none is given",
          arguments: PolicyRegistry.allOverloadDetectorNames)
    func namesAndDefaults(name: String) throws {
        let policy = try OverloadPolicy(name: name)
        #expect(policy.name == name)
        #expect(policy.parameter == PolicyRegistry.defaultParameter(forOverloadDetector: name))
        #expect(policy.detectsOverloads == (name != "none"))
        #expect(policy.detector(cloudSimStatistics: false).name == name)
        // Only THR is a single compare the scans can vectorize.
        #expect((policy.staticThreshold != nil) == (name == "thr"))
    }

    @Test("a given parameter and window are kept")
    func explicitValues() throws {
        #expect(try OverloadPolicy(name: "thr", parameter: 0.7) == .threshold(0.7))
        #expect(try OverloadPolicy(name: "thr", parameter: 0.7).staticThreshold == 0.7)
        #expect(try OverloadPolicy(name: "thr-sustained", parameter: 0.9, window: 4) == .sustainedThreshold(0.9, window: 4))
        #expect(try OverloadPolicy(name: "lr", parameter: 1.3) == .localRegression(safety: 1.3))
    }

    @Test("bad names, parameters and windows are refused, as the registry refuses them",
          arguments: [("nope", nil, nil), ("thr", -0.1, nil), ("iqr", Double.nan, nil), ("lr", Double.infinity, nil),
                      ("thr", nil, 3), ("thr-sustained", nil, 0)] as [(String, Double?, Int?)])
    func refused(name: String, parameter: Double?, window: Int?) {
        #expect(throws: PolicyLookupError.self) { try OverloadPolicy(name: name, parameter: parameter, window: window) }
        #expect(throws: PolicyLookupError.self) {
            try PolicyRegistry.overloadDetector(named: name, parameter: parameter, window: window)
        }
    }
}
