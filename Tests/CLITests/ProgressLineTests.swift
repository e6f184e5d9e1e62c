import Foundation
import Synchronization
import Testing
@testable import VirtSimCLI

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    let now = Mutex<Double>(100)
    func advance(_ s: Double) { now.withLock { $0 += s } }
    var read: @Sendable () -> Double { { self.now.withLock { $0 } } }
}

@Suite("Progress line")
struct ProgressLineTests {
    @Test("10,000 updates over 3 simulated seconds draw at most 4 lines a second, then one clearing line")
    func throttled() {
        let clock = ManualClock()
        let lines = Mutex<[String]>([])
        let line = ProgressLine(label: "run", clock: clock.read, sink: { s in lines.withLock { $0.append(s) } })
        for k in 0..<10_000 {
            line.update(Double(k) / 10_000)
            clock.advance(3.0 / 10_000)
        }
        line.update(1)
        line.update(1)
        let drawn = lines.withLock { $0 }
        // 3 s at one line per 0.25 s (the first at once): 12 or 13 lines; then the clearing line, once.
        #expect((12...13).contains(drawn.count - 1), "\(drawn.count) lines")
        #expect(drawn.last == "\r\u{1B}[K")
        #expect(drawn.dropLast().allSatisfy { $0.hasPrefix("\rrun  ") && $0.hasSuffix("\u{1B}[K") })
    }

    @Test("Elapsed time and a linear ETA")
    func text() {
        #expect(ProgressLine.text(label: "sweep", fraction: 0.25, elapsed: 30) == "sweep  25%  0:30 elapsed, about 1:30 left")
        #expect(ProgressLine.text(label: "x", fraction: 0.005, elapsed: 2) == "x  0%  0:02 elapsed")
        #expect(ProgressLine.text(label: "x", fraction: 0.5, elapsed: 4000) == "x  50%  1:06:40 elapsed, about 1:06:40 left")
        #expect(ProgressLine.text(label: "x", fraction: .nan, elapsed: 1) == "x  0%  0:01 elapsed")
    }

    @Test("Safe from several threads: one clearing line, nothing after it")
    func concurrent() {
        let clock = ManualClock()
        let lines = Mutex<[String]>([])
        let line = ProgressLine(label: "p", clock: clock.read, sink: { s in lines.withLock { $0.append(s) } })
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            for k in 0..<1000 { line.update(Double(k) / 1000); if t == 0 { clock.advance(0.001) } }
        }
        line.update(1)
        line.update(0.5)
        let drawn = lines.withLock { $0 }
        #expect(drawn.last == "\r\u{1B}[K")
        #expect(drawn.count <= 1 + 4 + 1)
    }
}

@Suite("Progress of every study")
struct StudyProgressTests {
    /// Runs a scenario with progress on, recording the fractions each label receives.
    func fractions(_ args: [String]) throws -> [String: [Double]] {
        let seen = Mutex<[String: [Double]]>([:])
        let context = RunContext(traceRoot: traceRoot, progress: { label in
            { f in seen.withLock { $0[label, default: []].append(f) } }
        }, threads: 2)
        let loaded = try ScenarioLoader.loadWithSweep(args[0], traceRoot: traceRoot, day: nil)
        _ = try StudyRunner.run(loaded.base, context: context)
        return seen.withLock { $0 }
    }

    @Test("I/O, migration and consolidation studies report progress up to 1",
          arguments: ["labs/emulated-devices.json", "labs/live-migration.json"])
    func reports(file: String) throws {
        let seen = try fractions([packageRoot + "/scenarios/" + file])
        #expect(!seen.isEmpty)
        for (label, fs) in seen {
            #expect(fs.last == 1, "\(label)")
            #expect(zip(fs, fs.dropFirst()).allSatisfy { $0 <= $1 }, "\(label): not monotone")
        }
    }
}
