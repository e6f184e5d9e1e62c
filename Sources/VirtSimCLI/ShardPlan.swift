import Scenario

/// How a run's points are split among N shards (`virtsim run --shard I/N`).
///
/// A run's points: point 0 is the base scenario (what `summary.csv` and the study's tables come
/// from), point k ≥ 1 is sweep run k−1 (the (k−1)-th block of `sweep.csv`, axes odometer-ordered,
/// last axis fastest, seeds innermost). A scenario without a sweep has the one point 0.
///
/// The rule: each point's work is estimated from its scenario (`estimatedWork`); points are taken
/// by decreasing estimate (ties: lower point first) and each goes to the shard with the least
/// estimated work so far (ties: lower shard first). This is the longest-processing-time rule
/// (Graham 1969: within 4/3 of the best makespan); it depends on the scenario and N only, so
/// every shard computes the same plan on its own, and merge recomputes it to name the shard a
/// missing point belonged to. O(P log P + P·N) for P points.
struct ShardPlan: Equatable {
    let count: Int
    /// The shard of each point.
    let shardOfPoint: [Int]

    init(weights: [Double], shards: Int) {
        precondition(shards >= 1)
        count = shards
        var load = [Double](repeating: 0, count: shards)
        var assignment = [Int](repeating: 0, count: weights.count)
        let order = weights.indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }
        for point in order {
            var best = 0
            for s in 1..<shards where load[s] < load[best] { best = s }
            assignment[point] = best
            load[best] += weights[point]
        }
        shardOfPoint = assignment
    }

    init(_ scenario: LoadedScenario, shards: Int) {
        self.init(weights: ([scenario.base] + scenario.points.map(\.scenario)).map(ShardPlan.estimatedWork), shards: shards)
    }

    /// Points of shard `index`, ascending.
    func points(of index: Int) -> [Int] { shardOfPoint.indices.filter { shardOfPoint[$0] == index } }

    /// Relative work of running a scenario: what dominates each study's run time. Only ratios
    /// between points of one sweep matter (they share a study).
    /// - consolidation: workloads × samples × variants (the engine steps every guest per sample);
    /// - PlanetLab: one day of CloudSim's experiment (every day has about the same VM count);
    /// - I/O: simulated seconds × architectures (kinds) compared;
    /// - migration: guests planned;
    /// - serverless: expected invocations × kinds × (1 + keep-alive curve points);
    /// - time-sharing: the resource estimate's dispatches and wake-ups;
    /// - availability: expected events × (hosts + guests) × variants.
    static func estimatedWork(_ scenario: Scenario) -> Double {
        switch scenario.study {
        case .consolidation(let c):
            // A PlanetLab trace day: every day about the same VM count.
            if c.traceGuests != nil { return 1 }
            let samples = max(1, c.horizonHours * 60 / c.sampleMinutes)
            return Double(c.fleet.servers) * samples * Double(max(1, c.variants.count))
        case .io(let io):
            var seconds = 1.0
            if case .number(let x, _)? = io.raw.value(at: "$.durationSeconds") { seconds = x }
            if case .number(let x, _)? = io.raw.value(at: "$.warmupSeconds") { seconds += x }
            var kinds = 1
            if case .array(let a)? = io.raw.value(at: "$.kinds") { kinds = max(1, a.count) }
            return seconds * Double(kinds)
        case .migration(let m):
            if case .array(let a)? = m.raw.value(at: "$.guests") { return Double(max(1, a.count)) }
            return 1
        case .serverless(let s):
            let log = DiagnosticLog()
            guard let spec = ServerlessStudyReader.read(s, log: log) else { return 1 }
            let c = spec.config
            let invocations = c.functions.reduce(0.0) { $0 + $1.arrival.meanRatePerSecond * Double($1.count) } * c.horizonSeconds
            return max(1, invocations) * Double(spec.kinds.count * (1 + spec.keepAliveCurveSeconds.count))
        case .timeSharing(let t):
            return max(1, ResourceEstimate.timeSharing(t).work)
        case .availability(let a):
            let log = DiagnosticLog()
            guard let spec = AvailabilityStudyReader.read(a, log: log) else { return 1 }
            return max(1, spec.expectedEvents * Double(spec.config.hosts.count + spec.config.guests.count)) * Double(spec.variants.count)
        }
    }

    /// Parses `I/N` (0 ≤ I < N). - Throws: `UsageError`.
    static func parseShard(_ text: String) throws -> (index: Int, count: Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = ParsedArguments.decimal(parts[0]), let n = ParsedArguments.decimal(parts[1]),
              n >= 1, n <= 10_000, i < n else {
            throw UsageError(message: "'--shard' expects I/N with 0 ≤ I < N ≤ 10000 (I counts from 0), found '\(text)'")
        }
        return (Int(i), Int(n))
    }

    /// How a point is named in messages: `base scenario` or `sweep run 4 (sweep.csv point 1, seed 2)`
    /// (sweep.csv's `point` column numbers the axes' combinations, seeds apart).
    static func describe(point: Int, in scenario: LoadedScenario) -> String {
        guard point > 0 else { return "base scenario" }
        let p = scenario.points[point - 1]
        return "sweep run \(point - 1) (sweep.csv point \(p.index), seed \(p.seed))"
    }
}
