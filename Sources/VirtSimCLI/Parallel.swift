import Dispatch
import Synchronization

/// Runs independent jobs on up to `threads` threads and returns their results in job order, so
/// output never depends on the thread count or on which job finishes first.
func parallelMap<T: Sendable>(_ count: Int, threads: Int, _ job: @Sendable (Int) throws -> T) throws -> [T] {
    let slots = Mutex<[Result<T, any Error>?]>(Array(repeating: nil, count: count))
    let workers = max(1, min(threads, count))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        // Static assignment: job i runs on worker i mod workers.
        for i in stride(from: worker, to: count, by: workers) {
            let r = Result { try job(i) }
            slots.withLock { $0[i] = r }
        }
    }
    return try slots.withLock { $0 }.map { try $0!.get() }
}

/// Combines the progress of parallel jobs into one line: the mean of their fractions.
final class CombinedProgress: Sendable {
    private let fractions: Mutex<[Double]>
    private let sink: (@Sendable (Double) -> Void)?

    init(jobs: Int, sink: (@Sendable (Double) -> Void)?) {
        fractions = Mutex(Array(repeating: 0, count: jobs))
        self.sink = sink
    }

    /// The callback for job `i`, or nil when nobody listens.
    func callback(_ i: Int) -> (@Sendable (Double) -> Void)? {
        guard let sink else { return nil }
        return { [self] f in
            let mean = fractions.withLock { a -> Double in
                a[i] = f
                return a.reduce(0, +) / Double(a.count)
            }
            sink(mean)
        }
    }
}
