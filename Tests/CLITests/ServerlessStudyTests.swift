import Foundation
import Reports
import Testing
@testable import VirtSimCLI

@Suite("Serverless study")
struct ServerlessStudyTests {
    static func scenario(keepAlive: Double = 10, curve: String = "", storm: String = "", extraKind: String = "") -> String {
        """
        {"name": "s", "study": "serverless", "seed": 3,
         "serverless": {"hosts": 2, "hostMemoryMB": 8192, "hostDiskMBps": 400, "imageLinkMbps": 1000,
           "horizonHours": 1, "keepAliveMinutes": \(keepAlive),
           "functions": [{"name": "api", "count": 5, "arrival": {"type": "poisson", "ratePerMinute": 1},
                          "executionMs": 50, "memoryMB": 256, "imageMB": 40, "initMs": 100},
                         {"name": "burst", "count": 3, "arrival": {"type": "bursty", "ratePerMinute": 2, "onSeconds": 30, "offSeconds": 300},
                          "executionMs": 100, "memoryMB": 128, "imageMB": 80}],
           "kinds": [{"kind": "container"}, {"kind": "micro-vm"}, {"name": "vm", "kind": "full", "startSeconds": 15}\(extraKind)]
           \(curve)\(storm)}}
        """
    }

    static func run(_ text: String) throws -> (dir: String, status: VirtSimCLI.ExitStatus, err: String) {
        let dir = try temporaryDirectory()
        try text.write(toFile: dir + "/s.json", atomically: true, encoding: .utf8)
        let r = virtsim(["run", dir + "/s.json", "--out", dir + "/out", "--threads", "2"])
        return (dir, r.status, r.err)
    }

    @Test("Per-function rows add up to the summary, and the curve, storm and charts are written")
    func tablesAddUp() throws {
        let (dir, status, err) = try Self.run(Self.scenario(curve: #", "keepAliveCurveMinutes": [0, 10]"#,
                                                           storm: #", "storm": {"function": "burst", "sizes": [1, 4]}"#))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(status == .success, "\(err)")
        let out = dir + "/out"
        let summary = try CSVTable.parse(try #require(read(out + "/summary.csv")))
        let perFunction = try CSVTable.parse(try #require(read(out + "/serverless.csv")))
        let variants = try #require(perFunction.column("variant"))
        let inv = try #require(perFunction.numbers("invocations"))
        let cold = try #require(perFunction.numbers("cold_starts"))
        func metric(_ v: String, _ m: String) -> Double? {
            guard let vi = summary.columnIndex("variant"), let mi = summary.columnIndex("metric"), let xi = summary.columnIndex("value") else { return nil }
            return summary.rows.first { $0[vi] == v && $0[mi] == m }.flatMap { Double($0[xi]) }
        }
        for v in ["container", "micro-vm", "vm"] {
            let idx = variants.indices.filter { variants[$0] == v }
            let invocations: Double = idx.map { inv[$0] }.reduce(0, +)
            let colds: Double = idx.map { cold[$0] }.reduce(0, +)
            #expect(invocations == metric(v, "invocations"))
            #expect(colds == metric(v, "cold_starts"))
        }
        // Every kind sees the same invocations.
        #expect(metric("container", "invocations") == metric("vm", "invocations"))
        // The curve's point at the scenario's keep-alive is the main run.
        let curve = try CSVTable.parse(try #require(read(out + "/keepalive.csv")))
        let cv = try #require(curve.column("variant")), cm = try #require(curve.numbers("keep_alive_minutes"))
        let cc = try #require(curve.numbers("cold_starts")), ci = try #require(curve.numbers("invocations"))
        for v in ["container", "micro-vm", "vm"] {
            let at10 = try #require(cv.indices.first { cv[$0] == v && cm[$0] == 10 })
            let at0 = try #require(cv.indices.first { cv[$0] == v && cm[$0] == 0 })
            #expect(cc[at10] == metric(v, "cold_starts"))
            #expect(cc[at0] == ci[at0])      // no keep-alive: every invocation cold
        }
        let storm = try CSVTable.parse(try #require(read(out + "/storm.csv")))
        #expect(storm.rows.count == 6)
        for file in ["startup.csv", "report.html", "cold-starts.svg", "keepalive-cold-starts.svg", "boot-storm.svg"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
        }
    }

    @Test("The same seed gives byte-identical tables whatever the thread count")
    func deterministic() throws {
        let text = Self.scenario(storm: #", "storm": {"function": "api", "sizes": [2, 6]}"#)
        let (dir, status, _) = try Self.run(text)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(status == .success)
        let r = virtsim(["run", dir + "/s.json", "--out", dir + "/one", "--threads", "1"])
        #expect(r.status == .success)
        for file in ["summary.csv", "serverless.csv", "storm.csv", "startup.csv"] {
            #expect(read(dir + "/out/" + file) == read(dir + "/one/" + file), "\(file)")
        }
    }

    @Test("Serverless sections: every problem at once with its JSON path, exit 2, nothing written")
    func badSection() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = """
        {"name": "s", "study": "serverless",
         "serverless": {"hosts": 0, "hostMemoryMB": 512, "hostDiskMBps": -5, "imageLinkMbps": 1000,
           "horizonHours": 1, "keepAliveMinutes": -1,
           "functions": [{"name": "a", "arrival": {"type": "steady", "ratePerMinute": 0}, "executionMs": 5, "memoryMB": 1024, "imageMB": 1},
                         {"name": "a", "arrival": {"type": "bursty", "ratePerMinute": 1, "onSeconds": 0, "offSeconds": 5}, "executionMs": 5, "memoryMB": 128, "imageMB": 1}],
           "kinds": [{"kind": "micro-vm"}, {"kind": "unikernel"}, {"kind": "full"}],
           "storm": {"function": "nope", "sizes": [0]}}}
        """
        try bad.write(toFile: dir + "/s.json", atomically: true, encoding: .utf8)
        let r = virtsim(["validate", dir + "/s.json"])
        #expect(r.status == .badInput)
        for path in ["$.serverless.hosts", "$.serverless.hostDiskMBps", "$.serverless.keepAliveMinutes",
                     "$.serverless.functions[0].arrival.type", "$.serverless.functions[0].arrival.ratePerMinute",
                     "$.serverless.functions[1].name", "$.serverless.functions[1].arrival.onSeconds",
                     "$.serverless.kinds[1].kind", "$.serverless.storm.sizes[0]"] {
            #expect(r.err.contains(path), "\(path) missing in \(r.err)")
        }
        let run = virtsim(["run", dir + "/s.json", "--out", dir + "/out"])
        #expect(run.status == .badInput)
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    @Test("A sandbox that can never fit a host is an error before running")
    func neverFits() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = Self.scenario().replacingOccurrences(of: #""memoryMB": 256"#, with: #""memoryMB": 8100"#)
        try text.write(toFile: dir + "/s.json", atomically: true, encoding: .utf8)
        let r = virtsim(["validate", dir + "/s.json"])
        #expect(r.status == .badInput)
        // Fits as a container (5 MB) and a micro-VM (5.2 MB), not as a full VM (+158 MB).
        #expect(r.err.contains("$.serverless.functions[0].memoryMB"))
        #expect(r.err.contains("vm overhead"))
        #expect(!r.err.contains("container overhead"))
    }
}
