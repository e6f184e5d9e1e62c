import Foundation
import Testing
import VirtModel
@testable import Scenario

/// The package root, to read the shipped documents in `scenarios/hardware/`.
private let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

private func shipped(_ relative: String) throws -> String {
    let path = root + "/scenarios/hardware/" + relative
    return try #require(FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }, "missing \(path)")
}

private func diagnostics(hardware text: String) -> [Diagnostic] {
    do { _ = try HardwareDocument.read(text, file: "h.json"); return [] } catch { return error.diagnostics }
}

@Suite("Hardware and power documents")
struct HardwareDocumentTests {
    @Test("The shipped hardware documents are the compiled-in profiles, byte for byte, and read back bit for bit",
          arguments: HardwareProfile.catalogueNames)
    func shippedHardwareEqualsBuiltIn(name: String) throws {
        let builtIn = try #require(HardwareProfile.named(name))
        let text = try shipped("\(name).json")
        #expect(text == HardwareDocument.text(of: builtIn, schema: HardwareDocument.schemaReference), "regenerate with: virtsim show hardware \(name) --json > scenarios/hardware/\(name).json")
        let read = try HardwareDocument.read(text, file: name)
        #expect(read == builtIn)
        // Bit for bit, not just ==: every cited number keeps its exact Double.
        for (a, b) in zip(read.citations, builtIn.citations) {
            #expect(a.parameter == b.parameter && a.value.bitPattern == b.value.bitPattern && a.source == b.source)
        }
    }

    @Test("The shipped power tables are the compiled-in ones", arguments: SpecPowerModel.catalogue.map(\.name))
    func shippedPowerEqualsBuiltIn(name: String) throws {
        let builtIn = try #require(SpecPowerModel.named(name))
        let text = try shipped("power/\(name).json")
        #expect(text == PowerTableDocument.text(of: builtIn, schema: PowerTableDocument.schemaReference))
        #expect(try PowerTableDocument.read(text, file: name) == builtIn)
    }

    @Test("Every file in scenarios/hardware/ is a compiled-in document (no orphan the binary would not know)")
    func noOrphanDocuments() throws {
        let documents = { (name: String) in name.hasSuffix(".json") && !name.hasSuffix(".schema.json") }
        let files = try FileManager.default.contentsOfDirectory(atPath: root + "/scenarios/hardware").filter(documents)
        #expect(files.sorted() == HardwareProfile.catalogueNames.map { "\($0).json" }.sorted())
        let power = try FileManager.default.contentsOfDirectory(atPath: root + "/scenarios/hardware/power").filter(documents)
        #expect(power.sorted() == SpecPowerModel.catalogue.map { "\($0.name).json" }.sorted())
    }

    @Test("Every number of a profile has a document place, a unit and a range its built-in values satisfy")
    func fieldTableCoversProfiles() throws {
        #expect(Set(HardwareProfile.fields.map(\.path)).count == HardwareProfile.fields.count)
        for f in HardwareProfile.fields {
            #expect(HardwareProfile.sections.contains(f.section), "\(f.path)")
            #expect(!f.unit.isEmpty)
            for p in HardwareProfile.catalogue { #expect(f.accepts(p[keyPath: f.keyPath].value), "\(p.name) \(f.path)") }
        }
    }

    @Test("A document with a base gives only what differs")
    func baseAndOverride() throws {
        let text = """
        {"base": "xeon-sandybridge-2012", "name": "my-rack",
         "cpu": {"clockGHz": {"value": 3.1, "source": "datasheet"}, "cores": {"value": 64, "source": "datasheet"}},
         "network": {"name": "100 GbE", "bandwidthGbps": {"value": 100, "source": "link speed"}},
         "emulatedDisk": {"controller": "ahci"},
         "power": "hp-ml110-g4"}
        """
        let p = try HardwareDocument.read(text, file: "rack.json")
        var expected = try #require(HardwareProfile.named("xeon-sandybridge-2012"))
        expected.name = "my-rack"
        expected.clockGHz = Cited(3.1, "datasheet")
        expected.cpu.cores = Cited(64, "datasheet")
        expected.nic.name = "100 GbE"
        expected.nic.bandwidthGbps = Cited(100, "link speed")
        expected = expected.withEmulatedDisk(.ahci)
        expected.power = SpecPowerModel.named("hp-ml110-g4")
        #expect(p == expected)
        // A cycle count is priced on the document's own clock.
        #expect(p.exitMicros == (784.0 + 2240) / 3100)
    }

    @Test("A document without a base must give every section; each missing key is named")
    func completeDocumentRequired() {
        let d = diagnostics(hardware: #"{"name": "x", "summary": "s"}"#)
        let paths = Set(d.map(\.path))
        for s in HardwareProfile.sections { #expect(paths.contains("$.\(s)"), "\(s)") }
        #expect(paths.contains("$.measured"))
    }

    @Test("Bad values are reported together, each with its JSON path and range")
    func badValues() {
        let text = """
        {"base": "dell2650-2003", "name": "x",
         "cpu": {"clockGHz": {"value": 0, "source": "s"}},
         "storage": {"positioningSpread": {"value": 1.5, "source": "s"}, "bandwidthMBps": {"value": 50}},
         "virtualization": {"hypercallMicros": {"value": 1, "source": "  "}, "nestedPaging": "yes", "exitRoundTripCyles": {"value": 1, "source": "s"}},
         "emulatedNIC": {"controller": "rtl8139"},
         "measured": [{"kind": "para", "syscallMicros": {"value": 1, "source": "s"}}],
         "power": "toaster"}
        """
        let d = diagnostics(hardware: text)
        let paths = Set(d.map(\.path))
        for p in ["$.cpu.clockGHz.value", "$.storage.positioningSpread.value", "$.storage.bandwidthMBps.source",
                  "$.virtualization.hypercallMicros.source", "$.virtualization.nestedPaging",
                  "$.virtualization.exitRoundTripCyles", "$.emulatedNIC.controller", "$.measured[0].forkMicros", "$.power"] {
            #expect(paths.contains(p), "\(p) in \(d)")
        }
        #expect(d.first { $0.path == "$.cpu.clockGHz.value" }?.message.contains("GHz") == true)
        #expect(d.first { $0.path == "$.virtualization.exitRoundTripCyles" }?.message.contains("did you mean \"exitRoundTripCycles\"") == true)
    }

    @Test("A power table needs 11 non-decreasing watts and sourced standby draws")
    func badPowerTable() {
        let text = """
        {"name": "t", "source": "SPECpower_ssj2008 result x",
         "watts": [50, 60, 55, 70, 80, 90, 100, 110, 120, 130],
         "sleepWatts": {"value": 5, "source": "a"}, "offWatts": {"value": -1, "source": "b"}}
        """
        var d: [Diagnostic] = []
        do { _ = try PowerTableDocument.read(text, file: "p.json") } catch { d = error.diagnostics }
        let paths = Set(d.map(\.path))
        #expect(paths.isSuperset(of: ["$.watts", "$.watts[2]", "$.offWatts.value"]), "\(d)")
    }

    @Test("A consolidation scenario takes an inline hardware document and an inline power table")
    func inlineInScenario() throws {
        let table = PowerTableDocument.text(of: SpecPowerModel(name: "mine", watts: Array(stride(from: 100.0, through: 200, by: 10)),
                                                               sleepWatts: 8, offWatts: 1, source: "my measurement", standbySource: "meter"))
        let scenario = validConsolidation
            .replacingOccurrences(of: #""hardwareProfile": "p1""#,
                                  with: #""hardwareProfile": {"base": "dell2650-2003", "name": "lab", "power": \#(table)}"#)
            .replacingOccurrences(of: #", "power": "hp-ml110-g5""#, with: "")
        let s = try ScenarioReader(vocabulary: vocabulary).read(scenario, file: "t.json")
        guard case .consolidation(let c) = s.study else { Issue.record("wrong study"); return }
        #expect(c.hardwareProfile == "lab")
        #expect(c.inlineHardware?.clockGHz.value == 2.4)
        #expect(c.hostType.power.name == "mine")
        #expect(c.hostType.power.watts[10] == 200)
    }

    @Test("Without a power table anywhere, the host type's power is reported missing")
    func powerMissing() {
        let scenario = validConsolidation.replacingOccurrences(of: #", "power": "hp-ml110-g5""#, with: "")
        var d: [Diagnostic] = []
        do { _ = try ScenarioReader(vocabulary: vocabulary).read(scenario, file: "t.json") } catch { d = error.diagnostics }
        #expect(d.map(\.path) == ["$.consolidation.hostType.power"])
    }
}
