import Foundation
import Testing
@testable import IOModel

/// Quantiles of the latency histogram: ordered, inside the sample range, close to the exact ones.
@Suite("Latency histogram")
struct LatencyHistogramTests {
    /// Exact quantile of sorted samples: the value of rank ⌈q·n⌉.
    static func exact(_ sorted: [Double], _ q: Double) -> Double {
        sorted[max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1)]
    }

    static func samples(_ kind: String, count: Int) -> [Double] {
        var rng = Xorshift(state: 0x9E37_79B9_7F4A_7C15)
        return (0..<count).map { _ in
            let u = Double(rng.next() >> 11) / Double(1 << 53)
            switch kind {
            case "tight": return 614.5e-6 + u * 0.4e-6                 // all in one bucket, above its midpoint
            case "two-point": return u < 0.98 ? 614.6e-6 : 614.9e-6     // p99 at the top value
            case "exponential": return -log(1 - u) * 200e-6 + 20e-6      // wide: a decade and more
            case "bimodal": return u < 0.7 ? 50e-6 + u * 1e-6 : 5e-3 + u * 1e-3
            default: return 1e-3                                         // constant
            }
        }
    }

    @Test("min ≤ p50 ≤ p99 ≤ max, p99 ≥ mean on tight distributions, within a bucket of the exact quantile",
          arguments: ["tight", "two-point", "exponential", "bimodal", "constant"])
    func quantiles(kind: String) {
        let xs = Self.samples(kind, count: 20_000)
        var h = LatencyHistogram()
        for x in xs { h.record(x) }
        let sorted = xs.sorted()
        let p50 = h.quantile(0.5), p99 = h.quantile(0.99)
        #expect(sorted.first! <= p50 && p50 <= p99 && p99 <= sorted.last!)
        #expect(h.quantile(0) == sorted.first! && h.quantile(1) == sorted.last!)
        // (The mean is a floating sum: it may exceed a constant's value by its rounding.)
        if kind != "exponential" && kind != "bimodal" { #expect(p99 >= h.mean * (1 - 1e-12), "p99 \(p99) < mean \(h.mean)") }
        for q in [0.01, 0.25, 0.5, 0.9, 0.99, 0.999] {
            let e = Self.exact(sorted, q)
            #expect(abs(h.quantile(q) - e) <= e / 64, "q \(q): \(h.quantile(q)) vs exact \(e)")
        }
        // Non-decreasing in q.
        var last = 0.0
        for k in 0...1000 {
            let v = h.quantile(Double(k) / 1000)
            #expect(v >= last)
            last = v
        }
    }

    @Test("the case of the issue: para at queue depth 8, p99 no longer below the mean")
    func paraDepth8() {
        let spec = IOExperimentSpec(kinds: ["native", "para"], blockSizeBytes: 65536, readFraction: 0.7, queueDepth: 8,
                                    computeMicrosPerRequest: 80, durationSeconds: 0.5, seed: 1)
        for row in IOExperiment.run(spec).rows {
            #expect(row.p50LatencyMicros <= row.p99LatencyMicros)
            #expect(row.p99LatencyMicros >= row.meanLatencyMicros, "\(row.variant): p99 \(row.p99LatencyMicros) mean \(row.meanLatencyMicros)")
        }
    }

    @Test("an empty histogram answers 0")
    func empty() {
        #expect(LatencyHistogram().quantile(0.5) == 0)
    }
}

private struct Xorshift {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
