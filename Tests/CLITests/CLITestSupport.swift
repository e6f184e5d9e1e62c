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
