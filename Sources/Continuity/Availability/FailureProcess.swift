import SimKernel
import VirtModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How one component (a host, a rack, a power domain) fails and is repaired: an alternating
/// renewal process. The component runs for a time to failure drawn from the distribution, is
/// down for a repair time, runs again, and so on; or it follows a trace of failure times.
///
/// Repair times are exponential with mean `mttrSeconds`. Field data is closer to lognormal
/// (Schroeder & Gibson, DSN 2006), but only the mean is published for most systems, and the
/// exponential needs nothing else (docs/availability.md).
public enum FailureProcess: Sendable, Hashable {
    /// Never fails on its own.
    case none
    /// Times to failure exponential with mean `mtbfSeconds` (constant hazard).
    case exponential(mtbfSeconds: Double, mttrSeconds: Double)
    /// Times to failure Weibull with `shape` and the scale that gives mean `mtbfSeconds`
    /// (scale = MTBF / Γ(1 + 1/shape)); shape < 1 is a decreasing hazard, as Schroeder & Gibson
    /// found for the time between failures of cluster nodes.
    case weibull(shape: Double, mtbfSeconds: Double, mttrSeconds: Double)
    /// Failures at given times, each with its repair time: `events` for this component only,
    /// sorted by time.
    case trace([TraceFailure])

    /// Scenario names of the distributions, in documentation order.
    public static let distributionNames = ["exponential", "weibull", "trace"]

    /// Long-run fraction of time up: MTBF / (MTBF + MTTR); 1 for `none`, nil for a trace.
    public var steadyStateAvailability: Double? {
        switch self {
        case .none: return 1
        case .exponential(let f, let r), .weibull(_, let f, let r): return f / (f + r)
        case .trace: return nil
        }
    }

    /// Mean failures per second of running time (1 / MTBF); 0 for `none`; a trace's count over
    /// `horizon`. For the resource estimate.
    public func expectedFailures(horizonSeconds: Double) -> Double {
        switch self {
        case .none: return 0
        case .exponential(let f, _), .weibull(_, let f, _): return horizonSeconds / f
        case .trace(let events): return Double(events.count)
        }
    }
}

/// One failure of a trace: when (seconds from the start) and how long the repair takes.
public struct TraceFailure: Sendable, Hashable {
    public var atSeconds: Double
    public var repairSeconds: Double
    public init(atSeconds: Double, repairSeconds: Double) {
        self.atSeconds = atSeconds
        self.repairSeconds = repairSeconds
    }
}

/// Draws a component's failures and repairs from its own random stream (one stream per
/// component, named by the caller, so that adding a component never changes another's draws).
struct FailureSampler {
    let process: FailureProcess
    var rng: Xoshiro256StarStar
    /// Next trace event to use.
    var traceIndex = 0

    init(_ process: FailureProcess, rng: Xoshiro256StarStar) {
        self.process = process
        self.rng = rng
    }

    /// The next failure after the component came (back) up at `upSince`, with its repair time;
    /// nil when it never fails again. O(1).
    mutating func next(upSince: Double) -> (at: Double, repair: Double)? {
        switch process {
        case .none:
            return nil
        case .exponential(let mtbf, let mttr):
            let ttf = -mtbf * log(rng.nextOpenUnit())
            let repair = -mttr * log(rng.nextOpenUnit())
            return (upSince + ttf, repair)
        case .weibull(let shape, let mtbf, let mttr):
            let scale = mtbf / tgamma(1 + 1 / shape)
            let ttf = scale * pow(-log(rng.nextOpenUnit()), 1 / shape)
            let repair = -mttr * log(rng.nextOpenUnit())
            return (upSince + ttf, repair)
        case .trace(let events):
            // A trace failure that falls while the component is still down is taken when it is
            // back up (the trace is of failures, not of outages).
            guard traceIndex < events.count else { return nil }
            let e = events[traceIndex]
            traceIndex += 1
            return (max(e.atSeconds, upSince), e.repairSeconds)
        }
    }
}

/// Default failure and repair rates, each with its source (docs/availability.md). A scenario
/// that gives its own rates never reads these.
public enum FailureCatalogue {
    /// Hardware incidents per server: "8 % of all servers can expect at least one hardware
    /// incident in a given year" (Vishwanath & Nagappan, SoCC 2010, over 100,000+ servers).
    /// P(no incident in a year) = 0.92 for a constant rate gives MTBF = 1 year / −ln 0.92
    /// ≈ 105,000 hours.
    public static let hostMTBFHours = Cited(8760 / -log(0.92),
                                            "Vishwanath & Nagappan, SoCC 2010: 8 % of servers see at least one hardware incident a year; MTBF = 8760 h / -ln(0.92)")
    /// Weibull shape of the time between failures: Schroeder & Gibson (DSN 2006, LANL, 22
    /// systems) fit shapes of 0.7 to 0.8 (decreasing hazard); 0.7 taken.
    public static let hostWeibullShape = Cited(0.7, "Schroeder & Gibson, DSN 2006: Weibull time between failures, shape 0.7-0.8")
    /// Host repair time. Schroeder & Gibson report mean repair times from under an hour to more
    /// than a day across systems; 4 hours is an assumption inside that range.
    public static let hostMTTRHours = Cited(4, "assumption: within Schroeder & Gibson's (DSN 2006) range of mean repair times, under 1 h to over a day")
    /// Rack failures: "20 racks will fail" in a cluster's first year, "each time causing 40 to 80
    /// machines to vanish" for 1-6 hours (Dean, LADIS 2009 keynote, as reported). With about
    /// 2,000 machines per cluster at 40 per rack (assumption: 50 racks), 0.4 failures per rack
    /// per year: MTBF ≈ 21,900 hours.
    public static let rackMTBFHours = Cited(21_900, "Dean, LADIS 2009: ~20 rack failures per cluster-year; assumption: 50 racks per cluster")
    /// Rack repair: the middle of Dean's 1-6 hours.
    public static let rackMTTRHours = Cited(3.5, "Dean, LADIS 2009: a failed rack is back in 1-6 hours; midpoint")
    /// Power distribution unit: "one PDU will fail, bringing down 500 to 1,000 machines for about
    /// 6 hours" per cluster-year (Dean, LADIS 2009): MTBF one year per power domain.
    public static let powerDomainMTBFHours = Cited(8760, "Dean, LADIS 2009: ~1 PDU failure per cluster-year")
    public static let powerDomainMTTRHours = Cited(6, "Dean, LADIS 2009: a PDU failure takes machines down for about 6 hours")
    /// Time from a host's failure until the HA master declares it failed and starts restarts.
    public static let detectionSeconds = Cited(15, "assumption: a heartbeat timeout of about 15 s (vSphere HA waits a further 30 s before an isolated host applies its isolation response)")
}
