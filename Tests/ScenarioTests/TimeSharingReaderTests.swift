import Testing
import Scenario
import IOModel

@Suite("Time-sharing study reader")
struct TimeSharingReaderTests {
    static func read(_ text: String) -> [Diagnostic] {
        let study = TimeSharingStudy(raw: try! JSONParser.parse(text), path: "$.timesharing")
        return TimeSharingStudyReader.problems(study)
    }

    @Test("Every problem at once, each at its path")
    func problems() {
        let d = Self.read(#"{"cores": 0, "sliceMicros": 1000, "schedulers": ["fifo"], "refilMicros": 3}"#)
        let paths = Set(d.map(\.path))
        #expect(paths.contains("$.timesharing.cores"))
        #expect(paths.contains("$.timesharing.guestsPerCore"))
        #expect(paths.contains("$.timesharing.schedulers[0]"))
        #expect(paths.contains("$.timesharing.refilMicros"))
    }

    @Test("A complete section reads; both schedulers by default; the profile's inputs unless given")
    func reads() throws {
        let study = TimeSharingStudy(raw: try JSONParser.parse(#"{"cores": 2, "guestsPerCore": 3, "sliceMicros": 500}"#), path: "$.timesharing")
        let spec = try #require(TimeSharingStudyReader.read(study, log: DiagnosticLog()))
        #expect(spec.configs.map { $0.scheduler.rawValue } == ["round-robin", "credit"])
        #expect(spec.configs[0].cpuBoundGuests == 6)
        #expect(spec.configs[0].switchMicros > 0 && spec.configs[0].refillMicros > 0)
    }
}
