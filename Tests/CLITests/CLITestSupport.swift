import Foundation
import Synchronization
@testable import VirtSimCLI

/// Captures what a command prints.
final class Captured: Sendable {
    let out = Mutex<[String]>([])
    let err = Mutex<[String]>([])
    var stdout: String { out.withLock { $0.joined(separator: "\n") } }
    var stderr: String { err.withLock { $0.joined(separator: "\n") } }
    var console: Console {
        Console(out: { s in self.out.withLock { $0.append(s) } },
                err: { s in self.err.withLock { $0.append(s) } },
                progressEnabled: false)
    }
}

/// Runs `virtsim ARGS` in-process.
func virtsim(_ args: [String]) -> (status: ExitStatus, out: String, err: String) {
    let c = Captured()
    let status = VirtSimMain.execute(args, console: c.console)
    return (status, c.stdout, c.stderr)
}

/// The package root (tests read shipped scenarios and results from it).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// A fresh empty folder for one test's outputs; the test removes it (`defer`) so runs leave nothing in /tmp.
func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("virtsim-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
}

func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
}

/// Trace root for tests that need the PlanetLab traces, or nil (those tests are skipped).
let traceRoot: String? = ProcessInfo.processInfo.environment["VIRTSIM_TRACES"].flatMap {
    FileManager.default.fileExists(atPath: $0) ? $0 : nil
}

/// A child process started with posix_spawn and reaped with a blocking waitpid on the caller's
/// thread. (Foundation's `Process` learns of the child's exit on the Dispatch pool, which the
/// parallel tests keep busy: a wait there took tens of seconds.)
struct Child {
    let pid: pid_t

    /// Starts `path` with `args`; stdin from /dev/null, stdout and stderr to the given descriptors
    /// (nil: /dev/null).
    init(_ path: String, _ args: [String], stdout: Int32? = nil, stderr: Int32? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (fd, target) in [(Int32(1), stdout), (Int32(2), stderr)] {
            if let target { posix_spawn_file_actions_adddup2(&actions, target, fd) } else {
                posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0)
            }
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        self.pid = pid
    }

    /// Waits for the child; its exit status, or 128 + the signal that ended it.
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
