import Testing
import Scenario
import IOModel

@Suite("I/O study back-ends reader")
struct BackendReaderTests {
    static func read(_ text: String) -> (IOExperimentSpec?, [Diagnostic]) {
        let study = IOStudy(raw: try! JSONParser.parse(text), path: "$.io")
        let log = DiagnosticLog()
        let spec = IOStudyReader.read(study, seed: 1, log: log)?.0
        return (spec, log.items)
    }

    @Test("A back-end reads into its pools, with the kinds' defaults where a key is left out")
    func reads() throws {
        let (spec, problems) = Self.read(#"""
            {"kinds": ["native"], "backends": [
              {"name": "qemu", "path": "para-user-backend", "pools": [
                {"kind": "iothread", "cpuMicrosPerRequest": 0.5},
                {"kind": "aio-pool", "threads": 64, "wakeupMicros": 3.2}]},
              {"name": "vhost", "path": "para-kernel-backend", "pools": [{"kind": "vhost-worker", "threads": 4, "perQueue": true, "pollMicros": 10}]}]}
            """#)
        #expect(problems.isEmpty, "\(problems)")
        let s = try #require(spec)
        #expect(s.backends.map(\.name) == ["qemu", "vhost"])
        #expect(s.backends[0].pools == [BackendThreadPool(kind: .iothread, cpuMicrosPerRequest: 0.5),
                                        BackendThreadPool(kind: .aioPool, threads: 64, wakeupMicros: 3.2)])
        #expect(s.backends[0].pools[0].effectivePollMicros == 32.768)
        #expect(s.backends[1].pools == [BackendThreadPool(kind: .vhostWorker, threads: 4, perQueue: true, pollMicros: 10)])
    }

    @Test("Every problem at once, each at its JSON path")
    func problems() {
        let (spec, d) = Self.read(#"""
            {"backends": [
              {"name": "para", "path": "native", "pools": [{"kind": "thread", "threads": 0}]},
              {"name": "b", "path": "para-user-backend", "pools": [{"kind": "aio-pool", "perQueue": true, "pollMicros": 5}, {"kind": "iothread", "wakeupMicros": -1, "treads": 2}]},
              {"path": "emulated", "pools": []}]}
            """#)
        #expect(spec == nil)
        let paths = Set(d.map(\.path))
        for p in ["$.io.backends[0].path", "$.io.backends[0].pools[0].kind", "$.io.backends[0].pools[0].threads",
                  "$.io.backends[1].pools[0].kind", "$.io.backends[1].pools[0].perQueue", "$.io.backends[1].pools[0].pollMicros",
                  "$.io.backends[1].pools[1].wakeupMicros", "$.io.backends[1].pools[1].treads",
                  "$.io.backends[2].name", "$.io.backends[2].pools"] {
            #expect(paths.contains(p), "\(p) not in \(paths.sorted())")
        }
    }
}
