import Dispatch
import Synchronization

/// Wall time of the phases of one run (scenario reading, trace reading, engine, tables, charts,
/// writes), written into `timing.json` as `phases`. Only the base scenario's run is broken down;
/// a sweep's runs, which may run in parallel, count as one `sweep` phase.
///
/// Times are exclusive: a phase measured inside another (the trace check inside the scenario
/// reading) is subtracted from the outer one, so the phases never overlap and their sum is at
/// most the run's `durationSeconds` (the rest is argument parsing and glue). Phases measured
/// twice under one name add up. Measuring costs two clock reads and a lock per phase.
final class RunPhases: Sendable {
    private struct State {
        /// Phase names in the order first measured, with their seconds.
        var totals: [(name: String, seconds: Double)] = []
        /// Seconds of the inner phases measured so far within each phase being measured.
        var innerSeconds: [Double] = []
    }
    private let state = Mutex(State())

    init() {}

    /// Runs `body`, adding its wall time (less the phases measured inside it) to phase `name`.
    func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        state.withLock { $0.innerSeconds.append(0) }
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            state.withLock { s in
                let inner = s.innerSeconds.removeLast()
                if !s.innerSeconds.isEmpty { s.innerSeconds[s.innerSeconds.count - 1] += elapsed }
                let own = max(0, elapsed - inner)
                if let i = s.totals.firstIndex(where: { $0.name == name }) { s.totals[i].seconds += own } else { s.totals.append((name, own)) }
            }
        }
        return try body()
    }

    /// Each phase's seconds, in the order first measured, rounded down to the microsecond (the
    /// clock's subtractions leave digits below it that mean nothing; rounding down keeps the sum
    /// within the whole duration).
    var totals: [(name: String, seconds: Double)] {
        state.withLock { $0.totals.map { ($0.name, ($0.seconds * 1e6).rounded(.down) / 1e6) } }
    }
}

extension Optional where Wrapped == RunPhases {
    /// `body` measured as phase `name` when there is a recorder, else just run.
    func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        switch self {
        case .some(let phases): return try phases.measure(name, body)
        case .none: return try body()
        }
    }
}
