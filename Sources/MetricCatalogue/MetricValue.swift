/// One summary value: a metric of the catalogue, the name and unit it is written with, and its
/// value. The only way studies make summary rows, so a name or unit cannot drift from `Metric`.
public struct MetricValue: Sendable, Hashable {
    public let metric: Metric
    /// The metric's name, or for a pattern the name with its placeholder filled in.
    public let name: String
    public let value: Double
    public let unit: String

    /// A metric with one unit. Precondition: not a pattern.
    public init(_ metric: Metric, _ value: Double) {
        precondition(!metric.isPattern, "\(metric.name) is a pattern: give its operation")
        self.metric = metric
        self.name = metric.name
        self.value = value
        self.unit = metric.unit
    }

    /// A metric whose unit is one of its listed units (`io_throughput`: the workload's).
    /// Precondition: `unit` is one of `metric.definition.units`.
    public init(_ metric: Metric, _ value: Double, unit: String) {
        precondition(!metric.isPattern, "\(metric.name) is a pattern: give its operation")
        precondition(metric.definition.units.contains(unit), "\(metric.name) is not measured in \(unit)")
        self.metric = metric
        self.name = metric.name
        self.value = value
        self.unit = unit
    }

    /// One member of a pattern: `cpu_overhead_<operation>_percent` with `operation` filled in.
    /// Precondition: `metric` is a pattern and `operation` is a lowercase identifier.
    public init(_ metric: Metric, operation: String, _ value: Double) {
        precondition(metric.isPattern, "\(metric.name) is not a pattern")
        precondition(!operation.isEmpty && operation.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" },
                     "operation '\(operation)' is not a lowercase identifier")
        self.metric = metric
        let (prefix, suffix) = metric.patternParts
        self.name = prefix + operation + suffix
        self.value = value
        self.unit = metric.unit
    }
}

extension Metric {
    /// The metric named `name` in a summary.csv (a pattern's member resolves to the pattern);
    /// nil for a name the catalogue does not hold. O(metrics).
    public static func named(_ name: String) -> Metric? {
        if let m = Metric(rawValue: name) { return m }
        for m in allCases where m.isPattern {
            let (prefix, suffix) = m.patternParts
            if name.count > prefix.count + suffix.count && name.hasPrefix(prefix) && name.hasSuffix(suffix) { return m }
        }
        return nil
    }
}

extension Metric {
    /// A pattern's name before and after its `<operation>` placeholder.
    var patternParts: (prefix: String, suffix: String) {
        let parts = name.split(separator: "<operation>", omittingEmptySubsequences: false)
        precondition(parts.count == 2, "\(name) is not a pattern")
        return (String(parts[0]), String(parts[1]))
    }
}
