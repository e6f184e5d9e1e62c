import Foundation
import Testing
@testable import VirtSimCLI

/// The built binary against failing standard streams (issue 8, item 5): no trap, whatever happens
/// to stdout and stderr.
@Suite("Standard streams that fail")
struct StandardStreamTests {
    /// Runs `sh -c SCRIPT` with `$0` the virtsim binary (the script `exec`s it, so the status seen
    /// is virtsim's own); returns how it ended and what it wrote to stderr when that is captured.
    func shell(_ script: String) throws -> (reason: Process.TerminationReason, status: Int32, err: String) {
        let exe = try #require(virtsimExecutable, "the virtsim executable is built with the tests")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script, exe]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationReason, p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("stdout on a full disk: exit 2 with one sentence on stderr")
    func stdoutFull() throws {
        let r = try shell(#"exec "$0" --version >/dev/full"#)
        #expect(r.reason == .exit)
        #expect(r.status == 2)
        #expect(r.err == "Error: cannot write to standard output: no space left on device\n")
    }

    @Test("stderr full or closed, stdout closed: the exit status is the command's own", arguments: [
        (#"exec "$0" bogus 2>/dev/full"#, 2), (#"exec "$0" bogus 2>&-"#, 2), (#"exec "$0" --version 2>&- >/dev/full"#, 2),
        (#"exec "$0" --help 2>&-"#, 0), (#"exec "$0" --version 2>&- >&-"#, 0), (#"exec "$0" --version >&-"#, 0),
    ] as [(String, Int32)])
    func stderrFails(script: String, status: Int32) throws {
        let r = try shell(script)
        #expect(r.reason == .exit, "\(script)")
        #expect(r.status == status, "\(script)")
    }

    @Test("a reader that went away (broken pipe): a quiet end, no trap")
    func brokenPipe() throws {
        let exe = try #require(virtsimExecutable)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])   // nobody will ever read
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["list", "--dir", packageRoot + "/scenarios"]
        p.standardOutput = FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
        let err = Pipe()
        p.standardError = err
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit)
        #expect(p.terminationStatus == 0)
        #expect(text.isEmpty, "\(text)")
    }
}
