import Scheduling

/// The energy meter: an observer of the engine's host events that computes the watts each host
/// draws (by the run's `PowerReading`, `EnergyMetering` and `HostPowerDraw` strategies: the host's
/// maximum when the run is not power-aware) and accounts the energy, in total and per report interval
/// (hosts.csv rows). A plain table of columns indexed by host.
///
/// Events it consumes:
/// - `hostWillChange`: the host drew constant power since its last change (piecewise-constant
///   metering, the intended one);
/// - `hostsUpdated`: a full update's trapezoid per host, then the frame's sum (CloudSim's metering);
/// - `reportIntervalEnds`: one hosts.csv row per host, and the interval's accumulators restart;
/// - `runEnds`: the run's total is the hosts' sum (piecewise-constant metering).
struct EnergyMeter<Q: EngineStrategies>: EngineObserver {
    let rules: Q
    let arith: PowerArithmetic<Q.Power>
    /// Joules drawn so far, integrated up to `integratedTo` (piecewise-constant mode).
    var joules: [Double]
    var integratedTo: [Double]
    /// Current report interval: joules, utilization-seconds while on, seconds on.
    var intervalJoules: [Double]
    var intervalUtilSeconds: [Double]
    var intervalOnSeconds: [Double]
    /// The run's energy (J): frame by frame with trapezoids, the hosts' sum at the horizon otherwise.
    var totalJoules = 0.0
    /// hosts.csv rows, one per host per closed report interval.
    var rows: [HostIntervalRow] = []

    init(hosts: Int, rules: Q, arith: PowerArithmetic<Q.Power>) {
        self.rules = rules
        self.arith = arith
        joules = Array(repeating: 0, count: hosts)
        integratedTo = joules
        intervalJoules = joules
        intervalUtilSeconds = joules
        intervalOnSeconds = joules
    }

    /// Watts host `h` draws now (piecewise-constant model). O(1).
    @inline(__always)
    func watts(_ h: Int, _ hosts: borrowing HostTable) -> Double {
        let type = Int(hosts.powerType[h])
        if rules.drawsMaximumPower { return arith.models[type].maxWatts }
        let u = Underload.measuredUtilization(h, in: hosts, arith)
        if rules.zeroEnergyAfterIdleUpdate && u == 0 { return 0 }  // CloudSim §3.9: u_prev = 0 adds nothing
        if hosts.listed[h] == 0 { return arith.models[type].sleepWatts }
        return arith.power(type: type, utilization: u)
    }

    /// Integrates host `h`'s constant power from its last integration to `t` (nothing when energy
    /// is metered by trapezoids at full updates). O(1).
    @inline(__always)
    mutating func hostWillChange(_ h: Int, at t: Double, hosts: borrowing HostTable) {
        guard rules.integratesAtEvents else { return }
        let dt = t - integratedTo[h]
        if dt <= 0 { return }
        let on = hosts.listed[h] > 0
        let w = watts(h, hosts)
        let utilization = on ? min(Underload.measuredUtilization(h, in: hosts, arith), 1) : 0
        joules[h] += w * dt
        intervalJoules[h] += w * dt
        intervalUtilSeconds[h] += utilization * dt
        if on { intervalOnSeconds[h] += dt }
        integratedTo[h] = t
    }

    /// CloudSim's trapezoid energy (`PowerHost.getEnergyLinearInterpolation`, §3.9) over every
    /// host from the last full update to `t`: (P(u_prev) + P(u_now)) / 2 · Δt, nothing after an
    /// update at utilization 0 when `zeroEnergyAfterIdleUpdate`, else sleep watts for a host that
    /// stayed empty; the frame's sum joins the total. O(hosts).
    mutating func hostsUpdated(from: Double, to t: Double, hosts: borrowing HostTable, previousMips: borrowing [Double]) {
        guard rules.metersTrapezoids else { return }
        let dt = t - from
        guard dt > 0 else { return }
        var frame = 0.0
        for h in 0..<hosts.count {
            let type = Int(hosts.powerType[h])
            let e: Double
            if rules.drawsMaximumPower {
                e = arith.models[type].maxWatts * dt
            } else if !rules.zeroEnergyAfterIdleUpdate && hosts.listed[h] == 0 && previousMips[h] == 0 {
                e = arith.models[type].sleepWatts * dt  // asleep for the whole interval
            } else {
                let before = arith.utilization(mips: previousMips[h], capacity: hosts.totalMips[h])
                let now = Underload.measuredUtilization(h, in: hosts, arith)
                e = arith.trapezoid(type: type, from: before, to: now, seconds: dt, zeroAfterIdle: rules.zeroEnergyAfterIdleUpdate)
            }
            frame += e
            joules[h] += e
            intervalJoules[h] += e
            intervalUtilSeconds[h] += min(Underload.measuredUtilization(h, in: hosts, arith), 1) * dt
            if hosts.listed[h] > 0 || previousMips[h] > 0 { intervalOnSeconds[h] += dt }
        }
        totalJoules += frame
    }

    /// The report interval `[from, t)` ends: every host is integrated to `t`, its row written and
    /// its interval accumulators restarted. O(hosts).
    mutating func reportIntervalEnds(from: Double, to t: Double, hosts: borrowing HostTable) {
        let length = t - from
        for h in 0..<hosts.count {
            hostWillChange(h, at: t, hosts: hosts)
            let state = hosts.listed[h] > 0 || rules.drawsMaximumPower ? "on" : "sleeping"
            rows.append(HostIntervalRow(time: from, host: h, state: state,
                                        meanUtilization: length > 0 ? intervalUtilSeconds[h] / length : 0,
                                        energyKWh: intervalJoules[h] / 3.6e6, guests: Int(hosts.listed[h]),
                                        length: length, onSeconds: intervalOnSeconds[h]))
            intervalJoules[h] = 0
            intervalOnSeconds[h] = 0
            intervalUtilSeconds[h] = 0
        }
    }

    /// The horizon, with every host integrated to it: with piecewise-constant metering the total
    /// is the hosts' sum, in host order. O(hosts).
    mutating func runEnds(at horizon: Double, hosts: borrowing HostTable, cloudSimViolation: Bool) {
        guard rules.integratesAtEvents else { return }
        totalJoules = 0
        for h in joules.indices { totalJoules += joules[h] }
    }
}
