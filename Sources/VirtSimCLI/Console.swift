import Foundation
import Synchronization

/// Where messages go: tables to stdout, errors and progress to stderr (progress only when
/// stderr is a terminal, so logs and CI stay quiet).
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    public var progressEnabled: Bool

    /// The process's stdout and stderr. Writes never trap: a failed write (closed stream, full
    /// disk, broken pipe) is remembered by the stream and the text dropped (see `StandardStream`).
    public static let standard = Console(
        out: { text in StandardStream.output.write(text + "\n") },
        // On a terminal, an error first clears a progress line it would otherwise continue.
        err: { text in StandardStream.error.write((isatty(2) == 1 ? "\r\u{1B}[K" : "") + text + "\n") },
        progressEnabled: isatty(2) == 1)

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, progressEnabled: Bool) {
        self.out = out
        self.err = err
        self.progressEnabled = progressEnabled
    }

    /// A progress line for `label` on stderr (`ProgressLine`: at most four updates a second, with
    /// elapsed time and ETA), or nil when stderr is not a terminal.
    func progress(_ label: String) -> (@Sendable (Double) -> Void)? {
        guard progressEnabled else { return nil }
        let line = ProgressLine(label: label, clock: ProgressLine.monotonicSeconds, sink: { StandardStream.error.write($0) })
        return { line.update($0) }
    }
}

/// A standard stream written with write(2), never trapping. Foundation's `FileHandle.write`
/// traps on a closed descriptor, a full disk or a broken pipe; here the first failure's errno is
/// kept (`failure`) and later writes are dropped, so the command runs to its end and exits with
/// its own status. SIGPIPE is ignored by `VirtSimMain.main`, so a closed pipe is an EPIPE here,
/// and a run whose reader went away still writes its results.
final class StandardStream: Sendable {
    let descriptor: Int32
    private let failed = Atomic<Int32>(0)

    static let output = StandardStream(descriptor: 1)
    static let error = StandardStream(descriptor: 2)

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// The errno of the first failed write, or nil.
    var failure: Int32? {
        let f = failed.load(ordering: .relaxed)
        return f == 0 ? nil : f
    }

    func write(_ text: String) {
        guard failure == nil else { return }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed.store(errno, ordering: .relaxed)
                    return
                }
                offset += n
            }
        }
    }

    /// Points stdin, stdout and stderr at /dev/null when they are closed, so that no file this
    /// process opens takes descriptor 1 or 2 and receives its messages.
    static func reopenClosedDescriptors() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", O_RDWR)
            if null >= 0 && null != fd {
                dup2(null, fd)
                close(null)
            }
        }
    }
}

/// One terminal progress line ("\r" overwrite): `label  42%  0:12 elapsed, about 0:17 left`.
///
/// Updates come from the simulation as often as it likes (every tick, from several threads); the
/// line is redrawn only when `minimumInterval` has passed since the last redraw, and once more,
/// cleared, when the fraction reaches 1. The ETA extrapolates the elapsed time linearly from the
/// fraction done (shown once 1 % is done). The clock is injected so the throttle is testable.
final class ProgressLine: Sendable {
    let label: String
    let minimumInterval: Double
    private let clock: @Sendable () -> Double
    private let sink: @Sendable (String) -> Void
    private let state: Mutex<(start: Double, lastDraw: Double?, finished: Bool)>

    init(label: String, minimumInterval: Double = 0.25, clock: @escaping @Sendable () -> Double, sink: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.minimumInterval = minimumInterval
        self.clock = clock
        self.sink = sink
        state = Mutex((clock(), nil, false))
    }

    /// Seconds on the monotonic clock.
    static let monotonicSeconds: @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    func update(_ fraction: Double) {
        let now = clock()
        let text: String? = state.withLock { s in
            if s.finished { return nil }
            if fraction >= 1 {
                s.finished = true
                return "\r\u{1B}[K"
            }
            if let last = s.lastDraw, now - last < minimumInterval { return nil }
            s.lastDraw = now
            return "\r" + Self.text(label: label, fraction: fraction, elapsed: now - s.start) + "\u{1B}[K"
        }
        if let text { sink(text) }
    }

    /// The line's words (without the terminal controls).
    static func text(label: String, fraction: Double, elapsed: Double) -> String {
        let f = min(max(fraction.isFinite ? fraction : 0, 0), 1)
        var s = "\(label)  \(Int((f * 100).rounded(.down)))%  \(duration(elapsed)) elapsed"
        if f >= 0.01 { s += ", about \(duration(elapsed * (1 - f) / f)) left" }
        return s
    }

    /// `m:ss`, or `h:mm:ss` from an hour on.
    static func duration(_ seconds: Double) -> String {
        let t = Int(min(max(seconds, 0), 359_999).rounded())
        let h = t / 3600, m = (t / 60) % 60, sec = t % 60
        let ss = sec < 10 ? "0\(sec)" : "\(sec)"
        if h > 0 { return "\(h):" + (m < 10 ? "0\(m)" : "\(m)") + ":" + ss }
        return "\(m):" + ss
    }
}
