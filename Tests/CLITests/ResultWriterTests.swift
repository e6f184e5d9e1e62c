import Foundation
import Testing
@testable import Reports
@testable import VirtSimCLI

/// A result set of `count` small files named f0.csv, f1.csv ... with `tag` in each.
private func files(_ names: [String], tag: String) -> ResultFiles {
    var set = ResultFiles()
    for n in names { set.add(n, text: "\(n) of \(tag)\n") }
    return set
}

private func listing(_ dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
}

/// The pid of a process that has exited (spawned and reaped here).
private func deadPid() throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "exit 0"]
    try p.run()
    p.waitUntilExit()
    return p.processIdentifier
}

@Suite("Result writer: a result appears as a whole or not at all")
struct ResultWriterTests {
    @Test("A new folder gets exactly the set, its missing parents are created, no temporary remains")
    func newFolder() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try ResultWriter.standard.replaceFolder(root + "/a/b/out", with: files(["summary.csv", "x.svg"], tag: "new"))
        #expect(listing(root + "/a/b/out") == ["summary.csv", "x.svg"])
        #expect(read(root + "/a/b/out/x.svg") == "x.svg of new\n")
        #expect(listing(root + "/a/b") == ["out"])
    }

    @Test("A previous result is replaced whole: none of its files stays")
    func replacesWhole() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/out/"
        try ResultWriter.standard.replaceFolder(out, with: files(["summary.csv", "hosts.csv", "guests.csv"], tag: "old"))
        try ResultWriter.standard.replaceFolder(out, with: files(["summary.csv", "io.csv"], tag: "new"))
        #expect(listing(out) == ["io.csv", "summary.csv"])
        #expect(read(out + "summary.csv") == "summary.csv of new\n")
        #expect(listing(root) == ["out"])
    }

    @Test("A folder that is not a result (files without summary.csv, or subfolders) is left untouched")
    func refusesForeignFolder() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "mine".write(toFile: root + "/notes.txt", atomically: false, encoding: .utf8)
        #expect(throws: OutputError.self) { try ResultWriter.standard.replaceFolder(root, with: files(["summary.csv"], tag: "new")) }
        #expect(listing(root) == ["notes.txt"])
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: false)
        try "x".write(toFile: root + "/summary.csv", atomically: false, encoding: .utf8)
        do {
            try ResultWriter.standard.replaceFolder(root, with: files(["summary.csv"], tag: "new"))
            Issue.record("replaced a folder with subfolders")
        } catch {
            #expect(error.message.contains("subfolders"))
        }
        #expect(listing(root) == ["notes.txt", "sub", "summary.csv"])
    }

    @Test("A full disk: a plain sentence, the previous result intact, nothing else left behind",
          arguments: [0, 1, 2])
    func diskFull(failAtWrite: Int) throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let previous = root + "/kept"
        try ResultWriter.standard.replaceFolder(previous, with: files(["summary.csv", "hosts.csv"], tag: "old"))
        let calls = CountingFailure(failAt: failAtWrite)
        let full = ResultWriter(writeBytes: { fd, buffer in calls.write(fd, buffer) })
        for target in [previous, root + "/new/deeper/out"] {
            do {
                try full.replaceFolder(target, with: files(["summary.csv", "io.csv", "report.html"], tag: "new"))
                Issue.record("a full disk went unnoticed")
            } catch {
                #expect(error.message == "cannot write '\(target)/\(["summary.csv", "io.csv", "report.html"][failAtWrite])': the disk is full")
            }
            calls.reset()
        }
        #expect(listing(root) == ["kept"], "no temporary and no created parent left")
        #expect(listing(previous) == ["hosts.csv", "summary.csv"])
        #expect(read(previous + "/summary.csv") == "summary.csv of old\n")
        let fullAtOnce = ResultWriter(writeBytes: { _, _ in errno = ENOSPC; return -1 })
        do {
            try fullAtOnce.replaceFile(root + "/t/verify.csv", with: Data("a,b\n".utf8))
            Issue.record("a full disk went unnoticed")
        } catch {
            #expect(error.message.hasSuffix("the disk is full"))
        }
        #expect(listing(root) == ["kept"])
    }

    @Test("Unwritable targets: plain sentences, nothing created")
    func unwritable() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "x".write(toFile: root + "/file", atomically: false, encoding: .utf8)
        let long = String(repeating: "n", count: 300)
        let cases: [(String, String)] = [
            (root + "/file", "it is a file, not a folder"),
            (root + "/file/out", "is a file, not a folder"),
            (root + "/" + long, "name is too long"),
            (root + "/" + long + "/out", "name is too long"),
        ]
        for (target, expected) in cases {
            do {
                try ResultWriter.standard.replaceFolder(target, with: files(["summary.csv"], tag: "new"))
                Issue.record("wrote to \(target)")
            } catch {
                #expect(error.message.contains(expected), "\(error.message)")
                #expect(!error.message.contains("NSCocoaErrorDomain"))
            }
        }
        #expect(listing(root) == ["file"])
        do {
            try ResultWriter.standard.replaceFile(root, with: Data())
            Issue.record("wrote over a folder")
        } catch {
            #expect(error.message.contains("it is a folder, not a file"))
        }
    }

    @Test("A long name still gets a temporary within the file-name limit")
    func longName() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let name = String(repeating: "é", count: 120)   // 240 bytes
        try ResultWriter.standard.replaceFolder(root + "/" + name, with: files(["summary.csv"], tag: "new"))
        try ResultWriter.standard.replaceFolder(root + "/" + name, with: files(["summary.csv"], tag: "newer"))
        #expect(listing(root) == [name])
        #expect(read(root + "/" + name + "/summary.csv") == "summary.csv of newer\n")
    }

    @Test("Temporary names are recognised, earlier versions' too")
    func parse() {
        let own = ResultWriter.temporaryName(for: "seed.io", suffix: "new")
        #expect(ResultWriter.parseTemporary(own)?.pid == getpid())
        #expect(ResultWriter.parseTemporary(own)?.stem == "seed.io")
        #expect(ResultWriter.parseTemporary(".summary.csv.4242.tmp").map { [String($0.pid), $0.stem] } == ["4242", "summary.csv"])
        for other in ["summary.csv", ".hidden", ".x.virtsim-12-3.bak", ".x.virtsim-a-3.new", ".x.12.new", "x.virtsim-12-3.new"] {
            #expect(ResultWriter.parseTemporary(other) == nil, "\(other)")
        }
    }

    @Test("Temporaries of dead runs are removed, a moved-aside result put back; those of live processes stay")
    func staleTemporaries() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dead = try deadPid()
        let fm = FileManager.default
        for d in [".out.virtsim-\(dead)-1.new", ".res.virtsim-\(dead)-7.old", ".gone.virtsim-\(dead)-2.old", ".live.virtsim-1-1.new", "gone"] {
            try fm.createDirectory(atPath: root + "/" + d, withIntermediateDirectories: false)
        }
        try "x".write(toFile: root + "/.res.virtsim-\(dead)-7.old/summary.csv", atomically: false, encoding: .utf8)
        for f in [".verify.csv.virtsim-\(dead)-3.tmp", ".summary.csv.\(dead).tmp", ".keep.virtsim-\(getpid())-99.tmp"] {
            try "partial".write(toFile: root + "/" + f, atomically: false, encoding: .utf8)
        }
        try ResultWriter.standard.replaceFolder(root + "/out", with: files(["summary.csv"], tag: "new"))
        // .res...old: its target 'res' is missing, so it is the only copy of a result: put back.
        // .gone...old: 'gone' exists (the swap completed): removed.
        #expect(listing(root) == [".keep.virtsim-\(getpid())-99.tmp", ".live.virtsim-1-1.new", "gone", "out", "res"])
        #expect(listing(root + "/res") == ["summary.csv"])
    }

    @Test("A single file is replaced by rename; its folder is created")
    func singleFile() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try ResultWriter.standard.replaceFile(root + "/r/verify.csv", with: Data("one\n".utf8))
        try ResultWriter.standard.replaceFile(root + "/r/verify.csv", with: Data("two\n".utf8))
        #expect(read(root + "/r/verify.csv") == "two\n")
        #expect(listing(root + "/r") == ["verify.csv"])
    }
}

/// A write(2) stand-in that fails with ENOSPC at its `failAt`-th call (0-based) and writes
/// through before that.
private final class CountingFailure: @unchecked Sendable {
    let failAt: Int
    private let count = NSLock()
    private var calls = 0
    init(failAt: Int) { self.failAt = failAt }
    func reset() { count.withLock { calls = 0 } }
    func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
        let k = count.withLock { calls += 1; return calls - 1 }
        if k == failAt { errno = ENOSPC; return -1 }
        return Glibc.write(fd, buffer.baseAddress, buffer.count)
    }
}
