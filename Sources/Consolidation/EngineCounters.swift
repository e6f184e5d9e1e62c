/// What the engine counts as it runs (reported in the metrics and CloudSim's execution times).
struct EngineCounters {
    var migrationsStarted = 0
    /// Σ downtime of the migrations started (s), for models that have one (not CloudSim's).
    var migrationDowntimeTotal = 0.0
    var deletedGuests = 0
    var rejectedGuests = 0
    var rounds = 0
    /// Wall-clock seconds spent in each phase of the consolidation rounds.
    var timeHostSelection = 0.0
    var timeVmSelection = 0.0
    var timeReallocation = 0.0
    var timeTotal = 0.0
}

/// Where the engine is in simulated time: the tick grid, the consolidation rounds, report rows.
struct EngineClock {
    /// Seconds between ticks (CloudSim: the consolidation interval; VirtSim: the shortest sample interval).
    let tickInterval: Double
    var nextTick = 0.0
    var tickIndex = 0
    var reportedTick = -1
    var consolidationIndex = 0
    var lastReportTime = 0.0

    init(tickInterval: Double) { self.tickInterval = tickInterval }
}

/// The decision `EngineConfig.decisionTrace` asks for: recorded once, with the current event's
/// time and what the engine is placing for.
struct DecisionTracing {
    var decision: PlacementDecision?
    var now = 0.0
    var phase = "initial placement"
}
