import Foundation

/// A linear map from data values to pixels, over a "nice" domain that starts and ends on a
/// tick (steps of 1, 2, 2.5 or 5 times a power of ten).
public struct LinearScale: Sendable, Hashable {
    /// The domain, widened to whole ticks.
    public private(set) var lower: Double
    public private(set) var upper: Double
    /// Pixel positions of `lower` and `upper` (for a y axis, `rangeStart` is the bottom).
    public var rangeStart: Double
    public var rangeEnd: Double
    /// Tick values from `lower` to `upper`, inclusive.
    public private(set) var ticks: [Double]

    /// A scale covering `values` (non-finite ones ignored), with about `tickCount` ticks, or
    /// ticks every `step` when given (e.g. hours: 6, 12, 24). `includeZero` keeps 0 in the
    /// domain (bars must grow from zero). No values → [0, 1]. O(values + ticks).
    public init(covering values: [Double], rangeStart: Double, rangeEnd: Double,
                tickCount: Int = 5, step fixedStep: Double? = nil, includeZero: Bool = true) {
        let finite = values.filter(\.isFinite)
        var lo = finite.min() ?? 0
        var hi = finite.max() ?? 1
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if lo == hi {
            // One value: give it room (only 0 can reach here when zero is included).
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            if lo == 0 && includeZero { hi = 1 } else { lo -= pad; hi += pad }
        }
        // Values near ±Double.greatestFiniteMagnitude would make the span infinite: halve them.
        if !(hi - lo).isFinite { lo /= 2; hi /= 2 }
        var step = fixedStep.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
            ?? LinearScale.niceStep(span: hi - lo, tickCount: max(1, tickCount))
        // A fixed step that would draw more than maxTicks ticks falls back to a nice step, so the
        // tick array stays small whatever the data (a fuzzed run once asked for billions).
        if !((hi - lo) / step <= Double(LinearScale.maxTicks)) {
            step = LinearScale.niceStep(span: hi - lo, tickCount: max(1, tickCount))
        }
        // Integer tick indices keep ticks exact multiples of the step (no accumulated error);
        // the small tolerance stops float noise from adding an empty tick.
        let first = (lo / step + 1e-9).rounded(.down)
        let last = (hi / step - 1e-9).rounded(.up)
        // Tick indices beyond ±2^53 are not exact integers (and beyond Int's range would trap):
        // such a domain gets its two ends as ticks.
        guard abs(first) < 0x1p53, abs(last) < 0x1p53 else {
            self.ticks = [lo, hi]
            self.lower = lo
            self.upper = hi
            self.rangeStart = rangeStart
            self.rangeEnd = rangeEnd
            return
        }
        let k0 = Int(first), k1 = max(Int(last), Int(first) + 1)
        self.ticks = (k0...k1).map { Double($0) * step }
        self.lower = Double(k0) * step
        self.upper = Double(k1) * step
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// The pixel position of `value` (linear; values outside the domain map outside the range).
    public func map(_ value: Double) -> Double {
        rangeStart + (value - lower) / (upper - lower) * (rangeEnd - rangeStart)
    }

    /// The most ticks a scale draws.
    public static let maxTicks = 1_000

    /// The nice step nearest above `span / tickCount`: 1, 2, 2.5 or 5 × 10^k.
    public static func niceStep(span: Double, tickCount: Int) -> Double {
        let raw = span / Double(tickCount)
        guard raw.isFinite, raw > 0 else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normalized = raw / magnitude
        let nice: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10
        return nice * magnitude
    }
}
