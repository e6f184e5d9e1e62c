import Foundation
import Testing
import VirtModel

/// The PlanetLab (CoMon) trace reader.
@Suite("PlanetLab traces")
struct PlanetLabTraceTests {
    /// A temporary trace tree `data/planetlab/<day>/` with the given files.
    struct Tree {
        let root: URL
        var data: String { root.path }
        var planetlab: String { root.appendingPathComponent("planetlab").path }
        func day(_ d: String) -> String { root.appendingPathComponent("planetlab/\(d)").path }

        init(day: String, files: [String: String]) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("plt-\(UUID().uuidString)")
            let dir = root.appendingPathComponent("planetlab/\(day)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(to: dir.appendingPathComponent(name))
            }
        }
        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    static func lines(_ values: [Int]) -> String { values.map(String.init).joined(separator: "\n") + "\n" }
    static let good = lines((0..<288).map { $0 % 100 })

    @Test("files are VMs in byte-value order of their names, spaces included")
    func byteOrder() throws {
        let tree = try Tree(day: "20110303", files: ["b": Self.good, "B c": Self.lines(Array(repeating: 7, count: 288)),
                                                     "a_x": Self.good, "Z": Self.good])
        defer { tree.remove() }
        let day = try PlanetLabTrace.readDay(root: tree.data, day: "20110303")
        #expect(day.fileNames == ["B c", "Z", "a_x", "b"])
        #expect(day.count == 4)
        #expect(day.percents.count == 4 * 288)
        #expect(day.percents[0] == 7 && day.percents[287] == 7)
        #expect(day.percents[288 + 5] == 5)
        #expect(day.utilization(ofFile: 0)[0] == 7.0 / 100.0)
    }

    @Test("the root may be the data folder, the planetlab folder or the day folder")
    func kindRoots() throws {
        let tree = try Tree(day: "20110306", files: ["x": Self.good])
        defer { tree.remove() }
        for root in [tree.data, tree.planetlab, tree.day("20110306"), tree.data + "/"] {
            let day = try PlanetLabTrace.readDay(root: root, day: "20110306")
            #expect(day.count == 1)
        }
        #expect(PlanetLabTrace.availableDays(root: tree.data) == ["20110306"])
    }

    @Test("a missing directory is an error naming it")
    func missingDirectory() throws {
        let tree = try Tree(day: "20110306", files: ["x": Self.good])
        defer { tree.remove() }
        #expect(throws: PlanetLabTraceError.self) { try PlanetLabTrace.readDay(root: tree.data, day: "20990101") }
        do {
            _ = try PlanetLabTrace.readDay(root: "/nonexistent/traces", day: "20110303")
            Issue.record("no error")
        } catch {
            #expect(error.path == "/nonexistent/traces")
            #expect(error.description.contains("does not exist"))
        }
    }

    @Test("malformed files are errors naming the file and line", arguments: [
        (Array(repeating: "5", count: 100) + ["x5"] + Array(repeating: "5", count: 187), 101, "integer"),
        (Array(repeating: "5", count: 10) + ["101"] + Array(repeating: "5", count: 277), 11, "outside"),
        (Array(repeating: "5", count: 40) + [""] + Array(repeating: "5", count: 247), 41, "integer"),
        (Array(repeating: "5", count: 287), 287, "expected 288 lines"),
        (Array(repeating: "5", count: 289), 289, "more than 288"),
    ])
    func malformed(lines: [String], badLine: Int, message: String) throws {
        let tree = try Tree(day: "20110309", files: ["ok": Self.good, "bad file": lines.joined(separator: "\n") + "\n"])
        defer { tree.remove() }
        do {
            _ = try PlanetLabTrace.readDay(root: tree.data, day: "20110309")
            Issue.record("no error for a malformed file")
        } catch {
            #expect(error.path.hasSuffix("/bad file"))
            #expect(error.line == badLine)
            #expect(error.description.contains(message), "\(error)")
        }
    }

    static let traces = ProcessInfo.processInfo.environment["VIRTSIM_TRACES"]

    @Test("the real 20110303 traces: 1,052 VMs with the published statistics",
          .enabled(if: traces != nil, "set VIRTSIM_TRACES to the data folder"))
    func realDay() throws {
        let start = Date()
        let day = try PlanetLabTrace.readDay(root: Self.traces!, day: "20110303")
        let seconds = Date().timeIntervalSince(start)
        #expect(day.count == 1052)
        let mean = day.percents.reduce(0.0) { $0 + Double($1) } / Double(day.percents.count)
        #expect(abs(mean - 12.31) < 0.005)  // reference §1 table
        #expect(seconds < 2, "reading took \(seconds) s")
    }
}
