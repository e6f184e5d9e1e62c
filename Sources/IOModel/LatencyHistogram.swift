import VirtModel

/// Latency histogram with ~1.6% relative resolution and O(1) recording: the bucket is the
/// value's binary exponent and its top 6 mantissa bits (no logarithm per sample).
struct LatencyHistogram {
    private static let mantissaBits = 6
    private static let minExponent = -40          // 2^-40 s ≈ 1 ps: below any modelled latency
    private static let exponents = 48             // up to 2^8 s
    private var counts: [UInt64]
    private(set) var count: UInt64 = 0
    private(set) var sum: Double = 0

    init() {
        counts = Array(repeating: 0, count: LatencyHistogram.exponents << LatencyHistogram.mantissaBits)
    }

    @inline(__always)
    mutating func record(_ seconds: Double) {
        count &+= 1
        sum += seconds
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

    /// Midpoint of a bucket, seconds.
    static func value(ofBucket b: Int) -> Double {
        let e = (b >> mantissaBits) + minExponent
        let top = Double(b & ((1 << mantissaBits) - 1))
        let scale = Double(1 << mantissaBits)
        return (1 + (top + 0.5) / scale) * pow(2.0, Double(e))
    }

    var mean: Double { count == 0 ? 0 : sum / Double(count) }

    /// The `q`-quantile (0 < q ≤ 1), seconds; 0 when empty. O(buckets).
    func quantile(_ q: Double) -> Double {
        guard count > 0 else { return 0 }
        let target = UInt64((Double(count) * q).rounded(.up))
        var seen: UInt64 = 0
        for (b, c) in counts.enumerated() where c > 0 {
            seen += c
            if seen >= max(1, target) { return LatencyHistogram.value(ofBucket: b) }
        }
        return LatencyHistogram.value(ofBucket: counts.count - 1)
    }
}
