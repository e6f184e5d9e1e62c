import MetricCatalogue
import Reports

extension SummaryRow {
    /// A summary.csv row for `value`, with the name and unit the metric catalogue gives it (studies
    /// make their rows this way only, so no name or unit is written outside `MetricCatalogue`).
    init(scenario: String, variant: String, _ value: MetricValue) {
        self.init(scenario: scenario, variant: variant, metric: value.name, value: value.value, unit: value.unit)
    }
}

extension Array where Element == SummaryRow {
    /// The value of `metric` for `variant`, or nil.
    func value(_ metric: Metric, variant: String) -> Double? {
        first { $0.variant == variant && $0.metric == metric.name }?.value
    }
}
