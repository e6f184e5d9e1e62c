import Testing
@testable import Consolidation
import VirtModel

@Suite("Semantics switches")
struct SemanticsTests {
    @Test("every switch can be read and flipped by name, and the presets differ only in quirks")
    func switchesByName() {
        var s = Semantics.virtSim
        for name in Semantics.switchNames {
            let before = s[switchNamed: name]
            #expect(before != nil, "\(name)")
            s[switchNamed: name] = !(before ?? false)
            #expect(s[switchNamed: name] == !(before ?? false))
        }
        #expect(s[switchNamed: "noSuchSwitch"] == nil)
        for alias in Semantics.aliases.map(\.name) {
            #expect(s[switchNamed: alias] != nil, "\(alias)")
        }
        let differing = Semantics.switchNames.filter {
            Semantics.cloudSimCompatible[switchNamed: $0] != Semantics.virtSim[switchNamed: $0]
        }
        // The M2 CPU shares are the migration model itself, kept in both presets.
        #expect(differing.count == Semantics.switchNames.count - 1)
        #expect(!differing.contains("migrationCpuShares"))
    }

    @Test("each switch flipped alone from either preset still gives a sound run",
          arguments: Semantics.switchNames, [Semantics.virtSim, .cloudSimCompatible])
    func oneSwitchAtATime(name: String, base: Semantics) throws {
        var semantics = base
        semantics[switchNamed: name] = !(base[switchNamed: name]!)
        let config = Fixture.config(hosts: 8, guests: 20, samples: 24, semantics: semantics)
        let (result, violations) = try ConsolidationEngine.runChecked(config)
        #expect(violations.isEmpty, "\(violations.prefix(3))")
        #expect(result.metrics.energyKWh > 0)
    }

    @Test("live, pre-copy and cold migration models all complete their migrations",
          arguments: MigrationModelKind.allCases)
    func migrationModels(model: MigrationModelKind) throws {
        let policies = PolicySpec(placement: "pabfd", overload: "thr", overloadParameter: 0.7, selection: "mmt",
                                  migrationModel: model)
        var config = Fixture.config(hosts: 10, guests: 24, policies: policies)
        for i in config.guests.indices { config.guests[i].bootSeconds = 20 }  // cold migration reboots
        let (result, violations) = try ConsolidationEngine.runChecked(config)
        #expect(violations.isEmpty, "\(violations.prefix(3))")
        #expect(result.metrics.vmMigrations > 0)
        #expect(result.metrics.meanTimeBeforeVMMigration > 0)
        if model == .cold { #expect(result.metrics.pdmPercent > 0) }  // the guest is down while it moves
    }

    @Test("unknown policy names are reported, not crashed on")
    func unknownPolicies() {
        for p in [PolicySpec(placement: "nope"), PolicySpec(overload: "nope"), PolicySpec(selection: "nope")] {
            #expect(throws: EngineError.self) { try ConsolidationEngine.run(Fixture.config(policies: p)) }
        }
    }
}

extension SemanticsTests {
    @Test("the switch list names every stored switch exactly once")
    func switchListComplete() {
        let stored = Mirror(reflecting: Semantics.virtSim).children.compactMap(\.label)
        #expect(Set(stored) == Set(Semantics.switchNames))
        #expect(stored.count == Semantics.switchNames.count)
    }
}

extension SemanticsTests {
    @Test("a former switch name sets exactly the switches it controlled, and reads on only when all are on",
          arguments: Semantics.aliases.map { $0.name })
    func aliasesSetTheirSwitches(alias: String) {
        let targets = Semantics.aliases.first { $0.name == alias }!.switches
        #expect(!targets.isEmpty)
        var s = Semantics.virtSim
        s[switchNamed: alias] = true
        for name in Semantics.switchNames {
            #expect(s[switchNamed: name] == (targets.contains(name) ? true : Semantics.virtSim[switchNamed: name]), "\(name)")
        }
        #expect(s[switchNamed: alias] == true)
        if targets.count > 1 {
            s[switchNamed: targets[0]] = false
            #expect(s[switchNamed: alias] == false)
        }
        #expect(!Semantics.switchNames.contains(alias))
    }

    @Test("a preset runs the engine specialized on its constants and gives what the configured strategies give",
          arguments: [Semantics.virtSim, .cloudSimCompatible])
    func presetSpecializationMatchesConfigured(semantics: Semantics) throws {
        // The same switches through `ConfiguredStrategies` (read at run time): bit-identical results.
        let config = Fixture.config(hosts: 8, guests: 20, samples: 24, semantics: semantics)
        let reference = try ConsolidationEngine.withEngine(config, rules: ConfiguredStrategies(semantics: semantics),
                                                           ConsolidationEngine.PlainRun(progress: nil))
        let specialized = try ConsolidationEngine.run(config)
        let a = specialized.metrics, b = reference.metrics  // execution times aside (wall clock)
        #expect(a.energyKWh == b.energyKWh && a.vmMigrations == b.vmMigrations && a.slatahPercent == b.slatahPercent)
        #expect(a.pdmPercent == b.pdmPercent && a.hostShutdowns == b.hostShutdowns && a.activeHostsMean == b.activeHostsMean)
        #expect(specialized.guests == reference.guests)
    }
}
