/// Energy each host has drawn, and what the current report interval has accumulated (hosts.csv
/// rows). A plain table of columns indexed by host; the engine integrates into it.
struct EnergyMeter {
    /// Joules drawn so far, integrated up to `integratedTo` (piecewise-constant mode).
    var joules: [Double]
    var integratedTo: [Double]
    /// Current report interval: joules, utilization-seconds while on, seconds on.
    var intervalJoules: [Double]
    var intervalUtilSeconds: [Double]
    var intervalOnSeconds: [Double]

    init(hosts: Int) {
        joules = Array(repeating: 0, count: hosts)
        integratedTo = joules
        intervalJoules = joules
        intervalUtilSeconds = joules
        intervalOnSeconds = joules
    }
}
