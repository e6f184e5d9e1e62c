#if canImport(Glibc)
import Glibc
#endif

/// A trace problem: the file, the 1-based line when it is about one line, and what was expected.
/// (The PlanetLab reader's error type; every trace reader reports through it.)
public typealias TraceError = PlanetLabTraceError

/// One guest's measured CPU (and optionally memory) over time, as a trace file gives it.
///
/// Samples are piecewise constant: sample i holds from `times[i]` until `times[i + 1]`, the last
/// one for the trace's nominal interval. Outside that span the guest demands nothing.
public struct TraceGuest: Sendable, Hashable {
    /// The guest's id in the trace (file name, VM id, `guest` column).
    public var id: String
    /// Sample times, seconds, strictly increasing.
    public var times: [Double]
    /// CPU utilization of the guest's own capacity, fraction in [0, 1], one per time.
    public var cpu: [Double]
    /// Memory in use, MB, one per time, when the trace has it.
    public var memoryMB: [Double]?
    /// vCPUs the trace gives the guest (Azure's core-count bucket, Bitbrains' CPU cores), if any.
    public var vcpus: Double?
    /// Memory provisioned, MB, if the trace gives it.
    public var memoryCapacityMB: Double?

    public init(id: String, times: [Double], cpu: [Double], memoryMB: [Double]? = nil, vcpus: Double? = nil,
                memoryCapacityMB: Double? = nil) {
        self.id = id
        self.times = times
        self.cpu = cpu
        self.memoryMB = memoryMB
        self.vcpus = vcpus
        self.memoryCapacityMB = memoryCapacityMB
    }

    /// Peak memory in use, MB, or nil when the trace has no memory column.
    public var peakMemoryMB: Double? { memoryMB?.max() }
}

/// The guests of one trace file or folder, in the reader's stated order, and how to put them on
/// the simulation's clock.
public struct UtilizationTrace: Sendable {
    /// Layout the trace was read with (`UtilizationTrace.formats`).
    public var format: String
    public var guests: [TraceGuest]
    /// Seconds a sample stands for when no later sample bounds it (the layout's sampling interval).
    public var nominalInterval: Double

    public init(format: String, guests: [TraceGuest], nominalInterval: Double) {
        self.format = format
        self.guests = guests
        self.nominalInterval = nominalInterval
    }

    /// Layout names a scenario's `trace.format` accepts.
    public static let formats = ["csv", "azure", "bitbrains", "planetlab"]

    /// Earliest sample time of any guest: the simulation's time 0 (alignment rule: every guest
    /// keeps its offset from the trace's first sample).
    public var origin: Double { guests.compactMap(\.times.first).min() ?? 0 }

    /// The guest's CPU on the simulation's grid: `count` steps of `step` seconds from `origin`, each
    /// the time-weighted mean of the piecewise-constant trace over [origin + k·step, origin + (k+1)·step)
    /// (0 where the trace has no sample). Averaging when the trace is finer than the step,
    /// holding when it is coarser; never interpolating. O(samples + count).
    public func resampled(_ g: TraceGuest, step: Double, count: Int) -> [Double] {
        Self.resample(times: g.times, values: g.cpu, hold: nominalInterval, origin: origin, step: step, count: count)
    }

    /// The rule of `resampled` for any series (scalar reference; no SIMD form: it runs once per guest at load).
    public static func resample(times: [Double], values: [Double], hold: Double, origin: Double, step: Double,
                                count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        guard !times.isEmpty, step > 0 else { return out }
        for i in 0..<times.count {
            let start = times[i] - origin
            let end = (i + 1 < times.count ? times[i + 1] : times[i] + hold) - origin
            guard end > start else { continue }
            var k = max(0, Int((start / step).rounded(.down)))
            while k < count {
                let lo = Double(k) * step, hi = lo + step
                if lo >= end { break }
                let overlap = min(hi, end) - max(lo, start)
                if overlap > 0 { out[k] += values[i] * overlap / step }
                k += 1
            }
        }
        return out
    }
}

/// Reads a text file line by line in 1 MiB chunks (traces can be gigabytes), handing each line
/// (without its LF or CR LF) and its 1-based number to `body`. Memory: one chunk plus one line.
public enum TraceLines {
    public static func forEach(_ path: String, _ body: (Int, Substring) throws(TraceError) -> Void) throws(TraceError) {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw TraceError(path: path, message: "cannot open the file (missing or unreadable)") }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var pending: [UInt8] = []
        var line = 0
        func emit(_ bytes: ArraySlice<UInt8>) throws(TraceError) {
            line += 1
            var b = bytes
            if b.last == 0x0D { b = b.dropLast() }
            try body(line, Substring(String(decoding: b, as: UTF8.self)))
        }
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 { throw TraceError(path: path, message: "read error") }
            if n == 0 { break }
            var start = 0
            for i in 0..<n where chunk[i] == 0x0A {
                if pending.isEmpty {
                    try emit(chunk[start..<i])
                } else {
                    pending += chunk[start..<i]
                    try emit(pending[...])
                    pending.removeAll(keepingCapacity: true)
                }
                start = i + 1
            }
            pending += chunk[start..<n]
        }
        if !pending.isEmpty { try emit(pending[...]) }
    }

    /// Splits a CSV line on `separator` (no quoting: trace files have none), trimming spaces and tabs.
    public static func fields(_ line: Substring, separator: Character = ",") -> [Substring] {
        line.split(separator: separator, omittingEmptySubsequences: false).map { f in
            var s = f[...]
            while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
            while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
            return s
        }
    }

    /// A finite number, or nil.
    public static func number(_ s: Substring) -> Double? {
        guard let x = Double(s), x.isFinite else { return nil }
        return x
    }
}
