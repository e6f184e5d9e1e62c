/// Small helpers that render JSON text deterministically (documents VirtSim writes: hardware
/// profiles, power tables). Numbers are written in the shortest form that reads back to the
/// same `Double`, so a document written and read again gives bit-identical values.
enum JSONText {
    /// `"text"` as a JSON string literal: the writer's one escaping rule (`JSONValue.quoted`).
    static func string(_ s: String) -> String { JSONValue.quoted(s) }

    /// A finite number: integers without a fraction, others in Swift's shortest round-trip form.
    static func number(_ x: Double) -> String {
        precondition(x.isFinite, "JSON has no infinities or NaN")
        if x.rounded() == x && abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }
}
