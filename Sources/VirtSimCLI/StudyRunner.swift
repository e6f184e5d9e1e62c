import Consolidation
import Foundation
import Reports
import Scenario
import Scheduling
import VirtModel

/// Names the scenario reader accepts, taken from the modules that own them.
enum Vocabulary {
    static var current: ScenarioVocabulary {
        ScenarioVocabulary(
            placements: PolicyRegistry.allPlacementNames,
            overloadDetectors: PolicyRegistry.allOverloadDetectorNames,
            selections: PolicyRegistry.allVmSelectionNames,
            migrationModels: MigrationModels.allNames,
            hardwareProfiles: HardwareProfile.catalogueNames,
            operationProfiles: OperationProfile.catalogueNames,
            powerModels: SpecPowerModel.catalogue.map(\.name),
            semanticSwitches: Semantics.acceptedSwitchNames)
    }
}

/// Runs a scenario's study and shapes its results into tables.
enum StudyRunner {
    static func run(_ scenario: Scenario, context: RunContext) throws -> StudyOutput {
        switch scenario.study {
        case .consolidation(let study):
            return try ConsolidationStudyRunner(scenario: scenario, study: study).run(context: context)
        case .io(let study):
            return try IOStudyRunner.run(scenario, study: study, context: context)
        case .migration(let study):
            return try MigrationStudyRunner.run(scenario, study: study, context: context)
        case .serverless(let study):
            return try ServerlessStudyRunner.run(scenario, study: study, context: context)
        case .timeSharing(let study):
            return try TimeSharingStudyRunner.run(scenario, study: study, context: context)
        case .availability(let study):
            return try AvailabilityStudyRunner.run(scenario, study: study, context: context)
        }
    }
}
