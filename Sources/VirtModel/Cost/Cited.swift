/// A calibration number together with where it comes from.
///
/// Every number a `HardwareProfile` carries is `Cited`: either a published measurement
/// (author, venue, table) or an explicit "assumption: ..." saying why the value is reasonable.
/// Targets (results the simulator must reproduce) are never `Cited` inputs.
public struct Cited: Sendable, Hashable {
    /// The value, in the unit stated by the property that holds it.
    public var value: Double
    /// Citation, or "assumption: <reason>".
    public var source: String

    public init(_ value: Double, _ source: String) {
        self.value = value
        self.source = source
    }

    /// True when the number is not a measurement but a stated assumption.
    public var isAssumption: Bool { source.hasPrefix("assumption") }
}
