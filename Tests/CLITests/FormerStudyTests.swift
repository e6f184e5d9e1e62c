import Testing
@testable import VirtSimCLI

@Suite("Files of older study kinds")
struct FormerStudyTests {
    @Test("\"study\": \"planetlab\" says PlanetLab runs are consolidation scenarios with traceGuests, and where the examples are")
    func planetLabStudy() {
        let text = shipped("planetlab/lr-mmt-1.2.json").replacingFirst("\"study\": \"consolidation\"", with: "\"study\": \"planetlab\"")
        let found = validationProblems(text)
        #expect(found.map(\.path) == ["$.study"])
        #expect(found.first?.message.contains("traceGuests") == true && found.first?.message.contains("scenarios/planetlab/") == true, "\(found)")
    }
}
