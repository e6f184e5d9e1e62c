import Testing
import Scheduling
@testable import Consolidation

/// The placement loops are generic over a scoring type picked from the scenario's placement rule
/// (`Engine.findHost`); each type must say what its rule says.
@Suite("Placement scoring types")
struct PlacementScoringTests {
    /// The scoring type `Engine.findHost` runs for `rule`.
    static func scoring(_ rule: PlacementRule) -> any PlacementScoring.Type {
        switch rule {
        case .firstFit, .firstFitDecreasing: FirstFitScoring.self
        case .bestFit: BestFitScoring.self
        case .worstFit: WorstFitScoring.self
        case .powerAwareBestFitDecreasing: PowerIncreaseScoring.self
        }
    }

    @Test("each rule's scoring type agrees with the rule", arguments: PlacementRule.allCases)
    func agrees(rule: PlacementRule) {
        let p = Self.scoring(rule)
        #expect(p.takesFirst == rule.isFirstFit)
        #expect(p.fitScore == rule.fitScore)
        #expect(p.scoresPowerIncrease == (rule == .powerAwareBestFitDecreasing))
        #expect(p.negatesLeftover == (rule == .worstFit))
    }

    @Test("only the \"none\" detector leaves the run without overload tests")
    func detectsOverloads() {
        #expect(!NoOverloadDetector.detectsOverloads)
        #expect(StaticThresholdDetector.detectsOverloads)
        #expect(SustainedThresholdDetector.detectsOverloads)
        #expect(InterQuartileRangeDetector<CloudSimStatistics>.detectsOverloads)
        #expect(MedianAbsoluteDeviationDetector<IntendedStatistics>.detectsOverloads)
        #expect(PredictingOverMigrations<LocalRegressionDetector<CloudSimStatistics>, CloudSimMigration>.detectsOverloads)
    }
}
