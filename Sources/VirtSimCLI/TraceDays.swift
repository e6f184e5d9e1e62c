import Scenario
import VirtModel

/// The PlanetLab trace days of one run, each read from disk once: by the scenario check
/// (`ScenarioLoader`), which keeps what it read here; the provenance digest (`run.json`) and the
/// study runs (base scenario, sweep points, a shard's points) then use the same bytes and samples
/// instead of reading the folder again. Days are looked up by name, never iterated in storage
/// order; `days` is in byte order.
struct TraceDays: Sendable {
    /// The trace root the days were read under: a lookup under another root reads afresh.
    var root: String?
    private var byDay: [String: PlanetLabDaySnapshot] = [:]

    init(root: String?) { self.root = root }

    /// The day `day` read under `root`, if this run has read it.
    func snapshot(root: String?, day: String) -> PlanetLabDaySnapshot? {
        guard root == self.root else { return nil }
        return byDay[day]
    }

    mutating func insert(_ snapshot: PlanetLabDaySnapshot) { byDay[snapshot.parsed.day] = snapshot }

    /// The names of the days held, in byte order.
    var days: [String] { byDay.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }

    /// The day as this run read it, else read now. - Throws: `PlanetLabTraceError` naming the file.
    func read(root: String, day: String) throws(PlanetLabTraceError) -> PlanetLabDaySnapshot {
        if let s = snapshot(root: root, day: day) { return s }
        return try PlanetLabTrace.readDaySnapshot(root: root, day: day)
    }
}
