import Foundation
import VirtSimCLI

/// `virtsim-bench fuzz`: a release-build campaign of the scenario fuzzer (`ScenarioFuzzer`).
///
///     virtsim-bench fuzz [--cases N] [--start K] [--seed S] [--scenarios DIR] [--timeout SECONDS]
///
/// Runs cases K ..< K+N of campaign S. Before each case it writes the case to
/// `fuzz-current.json` in the working folder, so a trap leaves the crashing input behind (a
/// driver loop restarts at the next case). A case running longer than the timeout (default
/// 30 s) is a hang: its input is saved as `fuzz-hang-<i>.json` and the campaign exits 3.
/// Prints cases, rejected, ran, failed and the wall time; exit 1 when an invariant failed.
enum FuzzCampaign {
    static func main(_ args: [String]) -> Int32 {
        var cases = 100_000, start = 0, seed: UInt64 = 1, dir = "scenarios", timeout = 30.0
        var i = 0
        while i + 1 < args.count {
            switch args[i] {
            case "--cases": cases = Int(args[i + 1]) ?? cases
            case "--start": start = Int(args[i + 1]) ?? start
            case "--seed": seed = UInt64(args[i + 1]) ?? seed
            case "--scenarios": dir = args[i + 1]
            case "--timeout": timeout = Double(args[i + 1]) ?? timeout
            default: FileHandle.standardError.write(Data("Error: unknown argument '\(args[i])'\n".utf8)); return 2
            }
            i += 2
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("virtsim-fuzz-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let fuzzer = ScenarioFuzzer(scenarioDir: dir, scratch: scratch)
        guard !fuzzer.seeds.isEmpty else { FileHandle.standardError.write(Data("Error: no scenarios under \(dir)\n".utf8)); return 2 }
        let started = Date()
        let current = Current()
        // Watchdog: a case over the timeout is a hang.
        let hangSeconds = timeout
        Thread.detachNewThread {
            while true {
                Thread.sleep(forTimeInterval: 1)
                if let (index, since, text) = current.get(), Date().timeIntervalSince(since) > hangSeconds {
                    FileManager.default.createFile(atPath: "fuzz-hang-\(index).json", contents: Data(text.utf8))
                    print("hang: case \(index) ran over \(hangSeconds) s (saved fuzz-hang-\(index).json)")
                    exit(3)
                }
            }
        }
        var rejected = 0, ran = 0, failed = 0
        for index in start..<(start + cases) {
            let c = fuzzer.makeCase(index, seed: seed)
            FileManager.default.createFile(atPath: "fuzz-current.json", contents: Data(c.text.utf8))
            current.set(index, c.text)
            switch fuzzer.check(c) {
            case .rejected: rejected += 1
            case .ran: ran += 1
            case .failed(let why):
                failed += 1
                FileManager.default.createFile(atPath: "fuzz-failed-\(index).json", contents: Data(c.text.utf8))
                print("case \(index) (\(c.seedFile): \(c.mutations.joined(separator: "; "))): \(why)")
            }
            current.set(nil, "")
            if (index - start + 1) % 5000 == 0 {
                print("… \(index - start + 1) cases, \(Int(Date().timeIntervalSince(started))) s")
            }
        }
        try? FileManager.default.removeItem(atPath: "fuzz-current.json")
        print("fuzz seed \(seed): cases \(start)..<\(start + cases): \(cases) cases, \(rejected) rejected, \(ran) ran, \(failed) failed, \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        return failed == 0 ? 0 : 1
    }

    /// The case in progress, shared with the watchdog.
    final class Current: @unchecked Sendable {
        private let lock = NSLock()
        private var value: (Int, Date, String)?
        func set(_ index: Int?, _ text: String) {
            lock.lock(); defer { lock.unlock() }
            value = index.map { ($0, Date(), text) }
        }
        func get() -> (Int, Date, String)? {
            lock.lock(); defer { lock.unlock() }
            return value
        }
    }
}
