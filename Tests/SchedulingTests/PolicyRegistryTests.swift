import Testing
@testable import Scheduling

@Suite("Policy registry")
struct PolicyRegistryTests {
    @Test("every listed placement name resolves to a policy with that name (pabfd is an alias)",
          arguments: PolicyRegistry.allPlacementNames)
    func placements(name: String) throws {
        let p = try PolicyRegistry.placement(named: name)
        #expect(p.rawValue == (name == "pabfd" ? "power-aware-best-fit-decreasing" : name))
    }

    @Test("every detector resolves with CloudSim's default parameter (thr-sustained: THR's)", arguments: PolicyRegistry.allOverloadDetectorNames)
    func detectors(name: String) throws {
        let d = try PolicyRegistry.overloadDetector(named: name)
        #expect(d.name == name)
        let expected: [String: Double] = ["thr": 0.8, "thr-sustained": 0.8, "iqr": 1.5, "mad": 2.5, "lr": 1.2, "lrr": 1.2, "none": 0]
        #expect(d.parameter == expected[name])
        #expect(try PolicyRegistry.overloadDetector(named: name, parameter: 0.9).parameter == (name == "none" ? 0 : 0.9))
    }

    @Test("every selection name resolves", arguments: PolicyRegistry.allVmSelectionNames)
    func selections(name: String) throws {
        #expect(try PolicyRegistry.vmSelection(named: name).name == name)
    }

    @Test("unknown names are rejected with the list of known ones")
    func unknown() {
        #expect(throws: PolicyLookupError.self) { try PolicyRegistry.placement(named: "random-fit") }
        #expect(throws: PolicyLookupError.self) { try PolicyRegistry.overloadDetector(named: "thr2") }
        #expect(throws: PolicyLookupError.self) { try PolicyRegistry.vmSelection(named: "MMT") }
        #expect(throws: PolicyLookupError.self) { try PolicyRegistry.underload(named: "most-utilized") }
        #expect(throws: PolicyLookupError.self) { try PolicyRegistry.overloadDetector(named: "iqr", parameter: -1) }
        do {
            _ = try PolicyRegistry.vmSelection(named: "xyz")
        } catch {
            #expect(error.description.contains("xyz") && error.description.contains("mmt"))
        }
    }
}
