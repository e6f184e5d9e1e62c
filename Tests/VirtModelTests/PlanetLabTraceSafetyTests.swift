import Foundation
import Testing
import VirtModel

/// The trace reader against hostile trees: paths out of the root, FIFOs, huge files, control
/// characters. Every case must end in an error naming the path, never a hang or a dump.
@Suite("PlanetLab traces: hostile trees")
struct PlanetLabTraceSafetyTests {
    typealias Tree = PlanetLabTraceTests.Tree
    static let good = PlanetLabTraceTests.good

    func expectError(root: String, day: String, pathSuffix: String? = nil, _ message: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try PlanetLabTrace.readDay(root: root, day: day)
            Issue.record("no error", sourceLocation: sourceLocation)
        } catch {
            #expect(error.description.contains(message), "\(error)", sourceLocation: sourceLocation)
            if let pathSuffix { #expect(error.path.hasSuffix(pathSuffix), "\(error.path)", sourceLocation: sourceLocation) }
        }
    }

    @Test("a day that is not eight digits is refused before any file is touched",
          arguments: ["../../../../etc", "..", "2011030", "201103033", "2011030a", "/etc/pas", "20110303/", "+2011030", "２０１１０３０３"])
    func dayName(day: String) throws {
        let tree = try Tree(day: "20110303", files: ["x": Self.good])
        defer { tree.remove() }
        expectError(root: tree.data, day: day, "is not eight digits")
    }

    @Test("a day folder that links out of the root is refused")
    func dayFolderLink() throws {
        let tree = try Tree(day: "20110303", files: ["x": Self.good])
        let outside = try Tree(day: "20110306", files: ["y": Self.good])
        defer { tree.remove(); outside.remove() }
        try FileManager.default.createSymbolicLink(atPath: tree.planetlab + "/20110306", withDestinationPath: outside.day("20110306"))
        expectError(root: tree.data, day: "20110306", "leaves the trace root")
        // A link inside the root is fine.
        try FileManager.default.createSymbolicLink(atPath: tree.planetlab + "/20110309", withDestinationPath: tree.day("20110303"))
        #expect(try PlanetLabTrace.readDay(root: tree.data, day: "20110309").count == 1)
    }

    @Test("a trace file that links out of the root (a file elsewhere, /dev/zero) is refused",
          arguments: ["outside", "/dev/zero", "/dev/null"])
    func fileLink(target: String) throws {
        let tree = try Tree(day: "20110303", files: ["a": Self.good])
        let outside = try Tree(day: "20110306", files: ["secret": Self.good])
        defer { tree.remove(); outside.remove() }
        let destination = target == "outside" ? outside.day("20110306") + "/secret" : target
        try FileManager.default.createSymbolicLink(atPath: tree.day("20110303") + "/b", withDestinationPath: destination)
        expectError(root: tree.data, day: "20110303", pathSuffix: "/b", "leaves the trace root")
    }

    @Test("a FIFO is refused without waiting for a writer", .timeLimit(.minutes(1)))
    func fifo() throws {
        let tree = try Tree(day: "20110303", files: ["a": Self.good])
        defer { tree.remove() }
        #expect(mkfifo(tree.day("20110303") + "/b", 0o644) == 0)
        expectError(root: tree.data, day: "20110303", pathSuffix: "/b", "not a regular file")
    }

    @Test("a file larger than the cap is refused unread")
    func huge() throws {
        let big = String(repeating: "5\n", count: PlanetLabTrace.maximumFileBytes / 2 + 1)
        let tree = try Tree(day: "20110303", files: ["a": Self.good, "b": big])
        defer { tree.remove() }
        expectError(root: tree.data, day: "20110303", pathSuffix: "/b", "more than a trace file's")
    }

    @Test("quoted content is a short printable excerpt with file:line")
    func sanitizedExcerpt() throws {
        let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[31m" + String(repeating: "A", count: 5000)
        let lines = Array(repeating: "5", count: 9) + [hostile] + Array(repeating: "5", count: 278)
        let tree = try Tree(day: "20110303", files: ["bad": lines.joined(separator: "\n") + "\n"])
        defer { tree.remove() }
        do {
            _ = try PlanetLabTrace.readDay(root: tree.data, day: "20110303")
            Issue.record("no error")
        } catch {
            #expect(error.description.hasPrefix(tree.day("20110303") + "/bad:10: expected an integer percentage"))
            #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(error)")
            #expect(error.description.count < tree.day("20110303").count + 120, "\(error)")
            #expect(error.description.hasSuffix("AAA…\""), "\(error)")
        }
    }

    @Test("CRLF line ends still parse; the CR is not quoted")
    func crlf() throws {
        let text = (Array(repeating: "5", count: 3) + ["x"] + Array(repeating: "5", count: 284)).joined(separator: "\r\n") + "\r\n"
        let tree = try Tree(day: "20110303", files: ["crlf": text])
        defer { tree.remove() }
        expectError(root: tree.data, day: "20110303", "found \"x\"")
    }
}
