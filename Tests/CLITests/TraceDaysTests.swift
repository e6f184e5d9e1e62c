import Foundation
import Reports
import Scenario
import Testing
import VirtModel
@testable import VirtSimCLI

/// A run reads each PlanetLab trace day once: the scenario check keeps what it read
/// (`TraceDays`), and the provenance digest and the study use those bytes.
@Suite("Trace days read once")
struct TraceDaysTests {
    /// `data/planetlab/20110303/` with three small files; the shipped LR-MMT-1.2 scenario reads it.
    static func tree() throws -> (root: String, day: String) {
        let root = try temporaryDirectory()
        let day = root + "/planetlab/20110303"
        try FileManager.default.createDirectory(atPath: day, withIntermediateDirectories: true)
        for (name, v) in [("b", 40), ("a", 10), ("c", 75)] {
            try (String(repeating: "\(v)\n", count: PlanetLabTrace.samplesPerFile)).write(toFile: day + "/" + name, atomically: true, encoding: .utf8)
        }
        return (root, day)
    }

    /// The digest as `run.json` has always defined it, from the files on disk: SHA-256 over
    /// `day/name`, the byte count and the bytes of each file, in byte order of the names.
    static func digestOnDisk(day: String, folder: String) throws -> String {
        var hash = SHA256()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let data = try #require(FileManager.default.contents(atPath: folder + "/" + name))
            hash.update("\(day)/\(name)\n\(data.count)\n")
            hash.update(data)
        }
        return "sha256:" + hash.hexDigest()
    }

    @Test("The check keeps the day it read; the digest and the study's guests come from that read, not from the folder again")
    func oneRead() throws {
        let (root, folder) = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let before = try Self.digestOnDisk(day: "20110303", folder: folder)
        let loaded = try ScenarioLoader.loadResolved(packageRoot + "/scenarios/planetlab/lr-mmt-1.2.json", traceRoot: root)
        let kept = try #require(loaded.traceDays.snapshot(root: root, day: "20110303"))
        #expect(kept.parsed.fileNames == ["a", "b", "c"])
        #expect(Array(kept.contents(ofFile: 1)) == Array(try #require(FileManager.default.contents(atPath: folder + "/b"))))
        // The folder changes after the check: the run still sees, and digests, what the check read.
        try (String(repeating: "99\n", count: PlanetLabTrace.samplesPerFile)).write(toFile: folder + "/b", atomically: true, encoding: .utf8)
        let digest = try #require(try RunProvenance.traceDigest(for: loaded, traceRoot: root))
        #expect(digest.hash == before && digest.files == 3 && digest.days == ["20110303"])
        guard case .consolidation(let study) = loaded.base.study else { Issue.record("not a consolidation study"); return }
        let context = RunContext(traceRoot: root, progress: { _ in nil }, traceDays: loaded.traceDays)
        let day = try TraceGuestsStudyRunner.readDay(study, context: context)
        #expect(day.percents[PlanetLabTrace.samplesPerFile] == 40)
        // Without the kept day (another root, or none kept), the study reads the folder as it is now.
        let fresh = try TraceGuestsStudyRunner.readDay(study, context: RunContext(traceRoot: root, progress: { _ in nil }))
        #expect(fresh.percents[PlanetLabTrace.samplesPerFile] == 99)
        #expect(try Self.digestOnDisk(day: "20110303", folder: folder) != before)
    }

    @Test("A bad file is reported by the check with its file:line, as before")
    func badFileDiagnostic() throws {
        let (root, folder) = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "12\nx\n".write(toFile: folder + "/b", atomically: true, encoding: .utf8)
        #expect {
            try ScenarioLoader.loadResolved(packageRoot + "/scenarios/planetlab/lr-mmt-1.2.json", traceRoot: root)
        } throws: { error in
            guard let e = error as? ScenarioError else { return false }
            return e.diagnostics.contains(Diagnostic(path: TraceCheck.dayPath, message: "\(folder)/b:2: expected an integer percentage, found \"x\""))
        }
    }

    @Test("SHA-256 fed in pieces of any size equals the digest of the whole", arguments: [1, 3, 63, 64, 65, 100, 1000])
    func sha256InPieces(piece: Int) {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var whole = SHA256()
        whole.update(message)
        var pieces = SHA256()
        var i = 0
        while i < message.count {
            pieces.update(message[i..<min(i + piece, message.count)])
            i += piece
        }
        var lazy = SHA256()
        lazy.update(message.lazy.map { $0 })  // not contiguous: the copying path
        let digest = whole.hexDigest()
        #expect(pieces.hexDigest() == digest)
        #expect(lazy.hexDigest() == digest)
    }
}
