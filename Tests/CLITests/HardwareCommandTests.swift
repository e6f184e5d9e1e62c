import Foundation
import Testing
@testable import VirtSimCLI

@Suite("virtsim list --hardware and show")
struct HardwareCommandTests {
    @Test("list --hardware names every built-in profile and power table")
    func listHardware() {
        let r = virtsim(["list", "--hardware"])
        #expect(r.status == .success)
        for name in ["dell2650-2003", "xeon-sandybridge-2012", "hp-ml110-g4", "hp-ml110-g5"] { #expect(r.out.contains(name)) }
    }

    @Test("show hardware prints every number with its unit and source; --json prints the shipped document",
          arguments: ["dell2650-2003", "xeon-sandybridge-2012"])
    func showHardware(name: String) throws {
        let r = virtsim(["show", "hardware", name])
        #expect(r.status == .success)
        #expect(r.out.contains("virtualization.exitRoundTripCycles"))
        #expect(r.out.contains("Agesen et al., USENIX ATC 2012"))
        let json = virtsim(["show", "hardware", name, "--json"])
        #expect(json.out + "\n" == read(packageRoot + "/scenarios/hardware/\(name).json"))
    }

    @Test("show power prints the 11 load levels")
    func showPower() {
        let r = virtsim(["show", "power", "hp-ml110-g4"])
        #expect(r.status == .success)
        #expect(r.out.contains("100     117"))
    }

    @Test("show reads a user's document and reports its problems with JSON paths (exit 2)")
    func showUserDocument() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = dir + "/rack.json", bad = dir + "/bad.json"
        try #"{"base": "xeon-sandybridge-2012", "name": "rack", "network": {"bandwidthGbps": {"value": 25, "source": "NIC datasheet"}}}"#
            .write(toFile: good, atomically: true, encoding: .utf8)
        try #"{"base": "xeon-sandybridge-2012", "name": "rack", "network": {"bandwidthGbps": {"value": -25, "source": "x"}}}"#
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let ok = virtsim(["show", "hardware", good])
        #expect(ok.status == .success)
        #expect(ok.out.contains("NIC datasheet"))
        let r = virtsim(["show", "hardware", bad])
        #expect(r.status == .badInput)
        #expect(r.err.contains("$.network.bandwidthGbps.value"))
        #expect(virtsim(["show", "hardware", "cray-1"]).status == .badInput)
        #expect(virtsim(["show", "toaster", "x"]).status == .badInput)
    }
}
