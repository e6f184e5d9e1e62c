import IOModel
import MetricCatalogue
import Reports
import Scenario
import Scheduling

/// Runs a time-sharing study: one simulation per scheduler (the variants), spread over threads
/// and assembled in order. O(schedulers × dispatches × cores).
enum TimeSharingStudyRunner {
    static func run(_ scenario: Scenario, study: TimeSharingStudy, context: RunContext) throws -> StudyOutput {
        let log = DiagnosticLog()
        guard var spec = TimeSharingStudyReader.read(study, log: log) else {
            throw ScenarioError(file: scenario.name, diagnostics: log.items)
        }
        for i in spec.configs.indices { spec.configs[i].seed = scenario.seed }
        let configs = spec.configs
        let results: [TimeSharingResult] = try parallelMap(configs.count, threads: context.threads) { i in
            TimeSharingSimulation.run(configs[i])
        }
        let f = { (x: Double) in NumberFormat.format(x) }
        let g = { (x: Double) in NumberFormat.format(x, significant: 4) }
        var summary: [SummaryRow] = []
        var table = CSVTable(header: ["variant", "scheduler", "cores", "cpu_bound_guests", "guests_per_core", "slice_us",
                                      "switch_us", "refill_us", "cpu_bound_throughput", "overhead_percent", "switches_per_second",
                                      "interactive_wait_us_mean", "interactive_wait_us_p99", "interactive_response_us_mean",
                                      "fairness_jain", "inputs_source"])
        var display = [["scheduler", "cores", "vCPUs", "slice µs", "work CPU-s/s", "overhead %", "switches/s", "wait µs mean", "wait µs p99", "Jain"]]
        for (c, r) in zip(configs, results) {
            let name = c.scheduler.rawValue
            let waits = r.wakeDelaysMicros
            let mean = { (x: [Double]) in x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }
            let p99 = waits.isEmpty ? 0 : Quantiles.type7(waits, 0.99)
            let jain = jainFairnessIndex(r.cpuBoundWork)
            let metrics = [
                MetricValue(.cpuBoundThroughput, r.cpuBoundThroughput),
                MetricValue(.timesharingOverheadPercent, r.overheadPercent),
                MetricValue(.switchesPerSecond, r.switchesPerSecond),
                MetricValue(.interactiveWaitMean, mean(waits)),
                MetricValue(.interactiveWaitP99, p99),
                MetricValue(.interactiveResponseMean, mean(r.responsesMicros)),
                MetricValue(.fairnessJain, jain),
            ]
            for m in metrics { summary.append(SummaryRow(scenario: scenario.name, variant: name, m)) }
            table.append([name, name, String(c.cores), String(c.cpuBoundGuests), f(Double(c.cpuBoundGuests) / Double(c.cores)),
                          f(c.sliceMicros), f(c.switchMicros), f(c.refillMicros), f(r.cpuBoundThroughput), f(r.overheadPercent),
                          f(r.switchesPerSecond), f(mean(waits)), f(p99), f(mean(r.responsesMicros)), f(jain), spec.inputSource])
            display.append([name, String(c.cores), String(c.cpuBoundGuests + (c.interactive ? 1 : 0)), g(c.sliceMicros),
                            g(r.cpuBoundThroughput), g(r.overheadPercent), g(r.switchesPerSecond), g(mean(waits)), g(p99), g(jain)])
        }
        let first = configs[0]
        let text = "\(scenario.name): \(first.cpuBoundGuests) CPU-bound vCPUs\(first.interactive ? " + 1 interactive" : "") on \(first.cores) cores (\(spec.hardware)), switch \(g(first.switchMicros)) µs + refill \(g(first.refillMicros)) µs\n"
            + TextTable.render(display)
        return StudyOutput(summary: summary, tables: [("timesharing.csv", table)], display: text)
    }
}
