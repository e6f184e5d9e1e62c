import SimKernel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One multiplicative component of a synthetic CPU-demand signal. Each component has mean 1
/// over a long run, so a workload's long-run mean is its `mean` before clipping at 100 %.
public enum WorkloadComponent: Sendable, Hashable {
    /// Day/night cycle: 1 + amplitude·cos(2π(t − peak)/24 h). `amplitude` in [0, 1).
    case diurnal(amplitude: Double, peakHour: Double)
    /// On/off bursts (a two-state Markov process): bursts start at `ratePerHour`, last an
    /// exponential time of mean `meanMinutes`, and multiply demand by `multiplier` while on.
    /// The off level is lowered so the long-run mean stays 1.
    case bursty(ratePerHour: Double, meanMinutes: Double, multiplier: Double)
    /// Independent per-sample noise from a Pareto law with tail index `alpha` (> 1), scaled to
    /// mean 1: most samples a little below the mean, rare ones far above (heavy tail).
    case heavyTailed(alpha: Double)
}

/// A seeded synthetic CPU-demand generator: `mean` × the product of its components, clipped to
/// [0, 1] (a server cannot run above 100 %), sampled at fixed intervals.
///
/// Generation is O(samples) and deterministic for a given random stream.
public struct SyntheticWorkload: Sendable, Hashable {
    /// Long-run mean demand as a fraction of the reference capacity, before clipping.
    public var mean: Double
    public var components: [WorkloadComponent]

    public init(mean: Double, components: [WorkloadComponent]) {
        self.mean = mean
        self.components = components
    }

    /// Fills `count` samples taken every `interval` seconds starting at `start`.
    public func samples(count: Int, interval: Double, start: Double = 0,
                        rng: inout Xoshiro256StarStar) -> [Float] {
        var values = [Double](repeating: mean, count: count)
        for component in components {
            switch component {
            case let .diurnal(amplitude, peakHour):
                let peak = peakHour * 3600
                for i in 0..<count {
                    let t = start + Double(i) * interval
                    values[i] *= 1 + amplitude * cos(2 * Double.pi * (t - peak) / 86_400)
                }
            case let .bursty(ratePerHour, meanMinutes, multiplier):
                applyBursts(&values, interval: interval, ratePerHour: ratePerHour,
                            meanMinutes: meanMinutes, multiplier: multiplier, rng: &rng)
            case let .heavyTailed(alpha):
                // Pareto(x_m, α) has mean α·x_m/(α−1); x_m = (α−1)/α gives mean 1.
                let xm = (alpha - 1) / alpha
                for i in 0..<count {
                    values[i] *= xm / pow(rng.nextOpenUnit(), 1 / alpha)
                }
            }
        }
        return values.map { Float(min(max($0, 0), 1)) }
    }

    /// Two-state Markov bursts; the fraction of time on is p = r·d/(1 + r·d), and the off level
    /// (1 − p·m)/(1 − p) keeps the mean at 1 (floored at 0 when bursts alone exceed the mean).
    private func applyBursts(_ values: inout [Double], interval: Double, ratePerHour: Double,
                             meanMinutes: Double, multiplier: Double, rng: inout Xoshiro256StarStar) {
        let rate = ratePerHour / 3600
        let duration = meanMinutes * 60
        guard rate > 0, duration > 0 else { return }
        let onShare = rate * duration / (1 + rate * duration)
        let offLevel = max(0, (1 - onShare * multiplier) / (1 - onShare))
        // Start in the stationary distribution so early samples are not biased.
        var on = rng.nextUnit() < onShare
        var remaining = -log(rng.nextOpenUnit()) * (on ? duration : 1 / rate)
        for i in values.indices {
            // Time-average the level over the sample interval (a sample is a 5-min mean, as in CoMon).
            var left = interval
            var weighted = 0.0
            while left > 0 {
                let step = min(left, remaining)
                weighted += step * (on ? multiplier : offLevel)
                left -= step
                remaining -= step
                if remaining <= 0 {
                    on.toggle()
                    remaining = -log(rng.nextOpenUnit()) * (on ? duration : 1 / rate)
                }
            }
            values[i] *= weighted / interval
        }
    }
}

/// A distribution given by points of its cumulative distribution function, linear between
/// points; sampled by inversion. Used for fleet-wide spreads such as per-server mean utilization.
public struct EmpiricalDistribution: Sendable, Hashable {
    /// (value, cumulative probability) pairs, both increasing; first probability 0, last 1.
    public let points: [(value: Double, probability: Double)]

    public static func == (a: Self, b: Self) -> Bool {
        a.points.elementsEqual(b.points) { $0.value == $1.value && $0.probability == $1.probability }
    }
    public func hash(into h: inout Hasher) {
        for p in points { h.combine(p.value); h.combine(p.probability) }
    }

    /// - Precondition: at least two points, increasing, probabilities from 0 to 1.
    public init(points: [(value: Double, probability: Double)]) {
        precondition(points.count >= 2 && points.first!.probability == 0 && points.last!.probability == 1)
        self.points = points
    }

    /// Inverse CDF at `p` in [0, 1]. O(points).
    public func quantile(_ p: Double) -> Double {
        for k in 1..<points.count where p <= points[k].probability {
            let (x0, p0) = points[k - 1], (x1, p1) = points[k]
            return p1 == p0 ? x1 : x0 + (x1 - x0) * (p - p0) / (p1 - p0)
        }
        return points.last!.value
    }

    /// Mean of the piecewise-linear CDF (uniform within each segment). O(points).
    public var mean: Double {
        var m = 0.0
        for k in 1..<points.count {
            m += (points[k].probability - points[k - 1].probability) * (points[k].value + points[k - 1].value) / 2
        }
        return m
    }

    public func sample(_ rng: inout Xoshiro256StarStar) -> Double { quantile(rng.nextUnit()) }
}
