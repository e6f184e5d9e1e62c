import Scheduling

/// How a placement rule ranks the suitable hosts, as a type: `PlacementRule` (the scenario's
/// name) is switched on once per placement (`Engine.findHostScalar`, `Engine.findHostSIMD`), and
/// the per-host loops are generic over the scoring, so they test no placement flag: the
/// properties below are constants in each specialization.
protocol PlacementScoring {
    /// First fit: the first acceptable host in index order wins, no score.
    static var takesFirst: Bool { get }
    /// Power-aware best fit: the score is the power increase ΔP (`PowerIncrease`).
    static var scoresPowerIncrease: Bool { get }
    /// Worst fit: the score is the negated MIPS left (`Residual`); best fit: the MIPS left.
    static var negatesLeftover: Bool { get }
    /// The score the SIMD suitability scan writes (`PlacementRule.fitScore` of the rules it serves).
    static var fitScore: FitScore { get }
}

/// `first-fit`, `first-fit-decreasing`.
enum FirstFitScoring: PlacementScoring {
    static var takesFirst: Bool { true }
    static var scoresPowerIncrease: Bool { false }
    static var negatesLeftover: Bool { false }
    static var fitScore: FitScore { .none }
}

/// `best-fit`: least MIPS left.
enum BestFitScoring: PlacementScoring {
    static var takesFirst: Bool { false }
    static var scoresPowerIncrease: Bool { false }
    static var negatesLeftover: Bool { false }
    static var fitScore: FitScore { .leftover }
}

/// `worst-fit`: most MIPS left.
enum WorstFitScoring: PlacementScoring {
    static var takesFirst: Bool { false }
    static var scoresPowerIncrease: Bool { false }
    static var negatesLeftover: Bool { true }
    static var fitScore: FitScore { .negatedLeftover }
}

/// `power-aware-best-fit-decreasing`: least power increase.
enum PowerIncreaseScoring: PlacementScoring {
    static var takesFirst: Bool { false }
    static var scoresPowerIncrease: Bool { true }
    static var negatesLeftover: Bool { false }
    static var fitScore: FitScore { .none }
}
