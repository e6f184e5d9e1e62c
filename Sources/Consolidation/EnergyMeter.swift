/// The energy meter: consumes the engine's host events and accounts the energy each host draws,
/// in total and per report interval (hosts.csv rows). A plain table of columns indexed by host.
///
/// Events it consumes (the engine computes the watts, by its `PowerReading` and `EnergyMetering`
/// strategies, and the meter adds them up):
/// - `hostChanges`: a host is about to change at `t`; it drew constant power since its last
///   change (piecewise-constant metering, the intended one);
/// - `updateFrame` / `frameEnds`: a full update's trapezoid per host, then the frame's sum
///   (CloudSim's metering);
/// - `reportIntervalEnds`: a hosts.csv row is written and the interval's accumulators restart;
/// - `horizonReached`: the run's total is the hosts' sum (piecewise-constant metering).
struct EnergyMeter {
    /// Joules drawn so far, integrated up to `integratedTo` (piecewise-constant mode).
    var joules: [Double]
    var integratedTo: [Double]
    /// Current report interval: joules, utilization-seconds while on, seconds on.
    var intervalJoules: [Double]
    var intervalUtilSeconds: [Double]
    var intervalOnSeconds: [Double]
    /// The run's energy (J): frame by frame with trapezoids, the hosts' sum at the horizon otherwise.
    var totalJoules = 0.0

    init(hosts: Int) {
        joules = Array(repeating: 0, count: hosts)
        integratedTo = joules
        intervalJoules = joules
        intervalUtilSeconds = joules
        intervalOnSeconds = joules
    }

    /// Seconds host `h` has drawn power since it was last metered, up to `t` (≤ 0: nothing to add). O(1).
    @inline(__always)
    func unmeteredSeconds(_ h: Int, until t: Double) -> Double { t - integratedTo[h] }

    /// Host `h` changes at `t` after drawing `watts` for `seconds` at `utilization` (0 when it
    /// holds no guest), on or not. O(1).
    @inline(__always)
    mutating func hostChanges(_ h: Int, at t: Double, seconds dt: Double, watts w: Double, utilization: Double, on: Bool) {
        joules[h] += w * dt
        intervalJoules[h] += w * dt
        intervalUtilSeconds[h] += utilization * dt
        if on { intervalOnSeconds[h] += dt }
        integratedTo[h] = t
    }

    /// Host `h`'s trapezoid `e` (J) over a full update's `seconds`, at `utilization`, on or not. O(1).
    @inline(__always)
    mutating func updateFrame(_ h: Int, joules e: Double, seconds dt: Double, utilization: Double, on: Bool) {
        joules[h] += e
        intervalJoules[h] += e
        intervalUtilSeconds[h] += utilization * dt
        if on { intervalOnSeconds[h] += dt }
    }

    /// A full update's frame is metered: its hosts' sum `frame` (J) joins the total. O(1).
    @inline(__always)
    mutating func frameEnds(joules frame: Double) { totalJoules += frame }

    /// The report interval ends: host `h`'s joules, seconds on and utilization-seconds, restarted. O(1).
    mutating func reportIntervalEnds(_ h: Int) -> (joules: Double, onSeconds: Double, utilSeconds: Double) {
        let row = (intervalJoules[h], intervalOnSeconds[h], intervalUtilSeconds[h])
        intervalJoules[h] = 0
        intervalOnSeconds[h] = 0
        intervalUtilSeconds[h] = 0
        return row
    }

    /// The horizon, with every host integrated to it: the total is the hosts' sum, in host order. O(hosts).
    mutating func horizonReached() {
        totalJoules = 0
        for h in joules.indices { totalJoules += joules[h] }
    }
}
