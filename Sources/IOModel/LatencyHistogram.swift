import VirtModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Latency histogram with ~1.6% relative resolution and O(1) recording: the bucket is the
/// value's binary exponent and its top 6 mantissa bits (no logarithm per sample). The exact
/// minimum and maximum are kept beside it, and quantiles are interpolated within their bucket
/// (samples taken as spread evenly over the part of the bucket between min and max), so that
/// min ≤ p50 ≤ p99 ≤ max always, and a tight distribution (all samples in one or two buckets) gets
/// quantiles from its actual range rather than a bucket midpoint that may fall below the mean.
struct LatencyHistogram {
    private static let mantissaBits = 6
    private static let minExponent = -40          // 2^-40 s ≈ 1 ps: below any modelled latency
    private static let exponents = 48             // up to 2^8 s
    private var counts: [UInt64]
    private(set) var count: UInt64 = 0
    private(set) var sum: Double = 0
    private(set) var minimum: Double = .infinity
    private(set) var maximum: Double = -.infinity

    init() {
        counts = Array(repeating: 0, count: LatencyHistogram.exponents << LatencyHistogram.mantissaBits)
    }

    @inline(__always)
    mutating func record(_ seconds: Double) {
        count &+= 1
        sum += seconds
        minimum = Swift.min(minimum, seconds)
        maximum = Swift.max(maximum, seconds)
        counts[LatencyHistogram.bucket(seconds)] &+= 1
    }

    @inline(__always)
    static func bucket(_ v: Double) -> Int {
        guard v > 0 else { return 0 }
        let bits = v.bitPattern
        let exponent = Int((bits >> 52) & 0x7FF) - 1023
        let e = exponent - minExponent
        if e < 0 { return 0 }
        if e >= exponents { return (exponents << mantissaBits) - 1 }
        let top = Int((bits >> UInt64(52 - mantissaBits)) & UInt64((1 << mantissaBits) - 1))
        return (e << mantissaBits) | top
    }

    /// Lower bound of a bucket, seconds (the upper bound is the next bucket's lower bound). The
    /// first and last buckets also hold everything below and above the range; the exact minimum
    /// and maximum bound them in `quantile`.
    static func lowerBound(ofBucket b: Int) -> Double {
        let e = (b >> mantissaBits) + minExponent
        let top = Double(b & ((1 << mantissaBits) - 1))
        return (1 + top / Double(1 << mantissaBits)) * pow(2.0, Double(e))
    }

    var mean: Double { count == 0 ? 0 : sum / Double(count) }

    /// The `q`-quantile (0 ≤ q ≤ 1), seconds; 0 when empty. The sample of rank q·count is found in
    /// its bucket and placed linearly within the bucket's span clipped to [min, max]: exact for
    /// q = 0 and 1, within a bucket's width (≈ 1.6 %) otherwise, and non-decreasing in q. O(buckets).
    func quantile(_ q: Double) -> Double {
        guard count > 0 else { return 0 }
        let rank = Swift.min(Swift.max(q, 0), 1) * Double(count)
        var before: UInt64 = 0
        for (b, c) in counts.enumerated() where c > 0 {
            if Double(before + c) >= rank {
                let lo = Swift.max(LatencyHistogram.lowerBound(ofBucket: b), minimum)
                let hi = b + 1 < counts.count ? Swift.min(LatencyHistogram.lowerBound(ofBucket: b + 1), maximum) : maximum
                let within = Swift.max(0, rank - Double(before)) / Double(c)
                return Swift.min(Swift.max(lo + within * Swift.max(0, hi - lo), minimum), maximum)
            }
            before += c
        }
        return maximum
    }
}
