import Testing
import Scheduling
@testable import Consolidation

/// An observer attached to the engine's events sees every event the meter and the recorder see,
/// in the engine's order, and changes nothing.
@Suite("Engine observers")
struct EngineObserverTests {
    /// Counts some events and sums the energy a host's changes reveal.
    struct Counting: EngineObserver {
        var migrations = 0
        var rounds = 0
        var deleted = 0
        var hostUpdates = 0
        var guestUpdates = 0
        var reportIntervals = 0
        var ended = 0
        mutating func migrationStarted(guest g: Int, downtime: Double) { migrations += 1 }
        mutating func roundPlanned(hostSelection: Double, vmSelection: Double, reallocation: Double, total: Double) { rounds += 1 }
        mutating func guestDeleted(_ g: Int) { deleted += 1 }
        mutating func hostUpdated(_ h: Int, at t: Double, allocated: Double, requested: Double, active: Bool, overloaded: Bool,
                                  guests: Int32, capacity: Double, cloudSimViolation: Bool) { hostUpdates += 1 }
        mutating func guestUpdated(_ g: Int, at t: Double, allocated: Double, requested: Double, inMigration: Bool) { guestUpdates += 1 }
        mutating func reportIntervalEnds(from: Double, to t: Double, hosts: borrowing HostTable) { reportIntervals += 1 }
        mutating func runEnds(at horizon: Double, hosts: borrowing HostTable, cloudSimViolation: Bool) { ended += 1 }
    }

    /// Runs with `Counting` attached and returns the result with the observer.
    struct ObservedRun: EngineRun {
        func run<Q: EngineStrategies, O: EngineObserver, D: EngineOverloadDetector, S: VmSelectionPolicy, M: EngineMigrationModel>(
            _ engine: inout Engine<Q, O>, _ policies: RoundPolicies<D, S>, _ migration: M) -> (EngineResult, Counting?) {
            let result = engine.run(progress: nil, policies, migration)
            return (result, engine.s.observer.second as? Counting)
        }
    }

    @Test("an attached observer counts what the metrics count and changes no result",
          arguments: [Semantics.cloudSimCompatible, .virtSim])
    func countsAgree(semantics: Semantics) throws {
        let config = Fixture.config(hosts: 10, guests: 30, samples: 36, semantics: semantics, record: true)
        let plain = try ConsolidationEngine.run(config)
        let (observed, attached) = try ConsolidationEngine.withEngine(config, observer: Counting(), ObservedRun())
        let counting = try #require(attached)
        #expect(observed.metrics.rows.map(\.value.bitPattern) == plain.metrics.rows.map(\.value.bitPattern))
        #expect(observed.guests == plain.guests && observed.hostIntervals == plain.hostIntervals)
        #expect(counting.migrations == plain.metrics.vmMigrations && counting.migrations > 0)
        #expect(counting.rounds == plain.metrics.consolidationRounds)
        #expect(counting.deleted == plain.metrics.deletedGuests)
        #expect(counting.reportIntervals > 0 && counting.ended == 1)
        #expect(counting.hostUpdates > 0 && counting.guestUpdates > 0)
    }
}
