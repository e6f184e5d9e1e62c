/// One row of the `virtsim verify` catalogue: a published or seed figure, the band the
/// simulation must land in, and the value the model produced.
///
/// The band is the *target*: it comes from an expectations file, never from a model or a scenario.
public struct FigureCheck: Sendable {
    /// Catalogue id, e.g. "S1", "M2", "X1".
    public var figure: String
    /// What is compared, e.g. "full.mean_active_host_cpu_utilization".
    public var quantity: String
    public var expectedLow: Double
    public var expectedHigh: Double
    /// The model's value; nil when it could not be computed (counts as a failure).
    public var simulated: Double?
    public var unit: String
    /// Source of the expected band.
    public var citation: String
    /// Scenario file or built-in experiment the value comes from.
    public var scenario: String
    /// Why the tolerance is what it is, or why a miss happens.
    public var note: String
    /// True when the value could not be produced here (a scenario needing absent traces): neither
    /// a pass nor a miss.
    public var skipped = false

    public init(figure: String, quantity: String, expectedLow: Double, expectedHigh: Double,
                simulated: Double?, unit: String, citation: String, scenario: String, note: String = "") {
        self.figure = figure
        self.quantity = quantity
        self.expectedLow = expectedLow
        self.expectedHigh = expectedHigh
        self.simulated = simulated
        self.unit = unit
        self.citation = citation
        self.scenario = scenario
        self.note = note
    }

    /// "pass", "fail" or "skipped", as `verify.csv` writes it.
    public var status: String { skipped ? "skipped" : passed ? "pass" : "fail" }

    /// True when the simulated value lies in [low, high].
    public var passed: Bool {
        guard let v = simulated, v.isFinite else { return false }
        return v >= expectedLow && v <= expectedHigh
    }
}
