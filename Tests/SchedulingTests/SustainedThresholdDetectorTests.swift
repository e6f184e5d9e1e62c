import Testing
@testable import Scheduling

@Suite("Sustained threshold detector")
struct SustainedThresholdDetectorTests {
    /// Deterministic pseudo-random inputs: U_req and a newest-first history of 0…8 values around 0.8.
    static func inputs(count: Int) -> [OverloadInput] {
        var x: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Double {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            return 0.6 + 0.4 * Double(x >> 11) * 0x1p-53
        }
        return (0..<count).map { k in
            OverloadInput(requestedUtilization: next(), history: (0..<(k % 9)).map { _ in next() })
        }
    }

    @Test("window 1 is THR exactly, whatever the history")
    func windowOneIsThr() {
        let thr = StaticThresholdDetector(threshold: 0.8)
        let sustained = SustainedThresholdDetector(threshold: 0.8, window: 1)
        #expect(!sustained.needsHistory)
        for input in Self.inputs(count: 500) {
            #expect(sustained.isOverloaded(input) == thr.isOverloaded(input))
        }
    }

    @Test("overloaded iff U_req and the window − 1 earlier measurements all exceed the threshold", arguments: [2, 3, 5])
    func definition(window: Int) {
        let d = SustainedThresholdDetector(threshold: 0.8, window: window)
        for input in Self.inputs(count: 900) {
            let h = input.history
            let expected: Bool
            if h.count < window {
                expected = input.requestedUtilization > 0.8  // no history to wait for: THR
            } else {
                expected = input.requestedUtilization > 0.8 && (1..<window).allSatisfy { h[$0] > 0.8 }
            }
            let verdict = d.evaluate(input)
            #expect(verdict.overloaded == expected, "\(input)")
            #expect(verdict.usedFallback == (h.count < window))
        }
    }

    @Test("a burst shorter than the window is not an overload; a sustained one is")
    func burst() {
        let d = SustainedThresholdDetector(threshold: 0.8, window: 3)
        // Newest first: the current sample is high, the one before was low.
        #expect(!d.isOverloaded(OverloadInput(requestedUtilization: 0.95, history: [0.95, 0.5, 0.9, 0.9])))
        #expect(d.isOverloaded(OverloadInput(requestedUtilization: 0.95, history: [0.95, 0.85, 0.9, 0.2])))
        // Demand has dropped now: nothing to do, however long it was high.
        #expect(!d.isOverloaded(OverloadInput(requestedUtilization: 0.7, history: [0.7, 0.95, 0.95])))
    }

    @Test("the registry builds it with a window; a window is refused for other detectors or below 1")
    func registry() throws {
        let d = try PolicyRegistry.overloadDetector(named: "thr-sustained", parameter: 0.7, window: 4)
        let s = try #require(d as? SustainedThresholdDetector)
        #expect(s.threshold == 0.7 && s.window == 4)
        let defaulted = try #require(try PolicyRegistry.overloadDetector(named: "thr-sustained") as? SustainedThresholdDetector)
        #expect(defaulted.window == SustainedThresholdDetector.defaultWindow && defaulted.threshold == 0.8)
        #expect(throws: PolicyLookupError.self) { try PolicyRegistry.overloadDetector(named: "thr", window: 3) }
        #expect(throws: PolicyLookupError.self) { try PolicyRegistry.overloadDetector(named: "thr-sustained", window: 0) }
    }
}
