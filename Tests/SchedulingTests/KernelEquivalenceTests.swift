import SimKernel
import Testing
import VirtModel
@testable import Scheduling

/// Every SIMD kernel must give exactly the scalar reference's answer, including on table sizes that are
/// not multiples of the lane width, with ties, exclusions and non-running hosts.
@Suite("SIMD kernels equal their scalar references")
struct KernelEquivalenceTests {
    static let sizes = [0, 1, 3, 4, 5, 7, 8, 13, 64, 101, 1027]
    static let formulas: [PowerFormula] = [.cloudSim, .virtSim]

    @Test("suitability mask and first suitable host", arguments: sizes)
    func suitability(size: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(size) &+ 11)
        for trial in 0..<20 {
            let t = Hosts.random(size, seed: UInt64(trial * 1000 + size), formula: .cloudSim)
            let g = Hosts.randomGuest(&rng)
            var a: [UInt8] = [], b: [UInt8] = []
            let na = SuitabilityKernel.maskScalar(for: g, in: t, into: &a)
            let nb = SuitabilityKernel.maskSIMD(for: g, in: t, into: &b)
            #expect(na == nb)
            #expect(Array(a.prefix(size)) == Array(b.prefix(size)))
            for start in [0, 1, 5, size / 2] {
                #expect(SuitabilityKernel.firstSuitableScalar(for: g, in: t, from: start)
                        == SuitabilityKernel.firstSuitableSIMD(for: g, in: t, from: start))
            }
        }
    }

    @Test("power-increase scores are bit-identical", arguments: sizes, formulas)
    func powerIncrease(size: Int, formula: PowerFormula) {
        var rng = Xoshiro256StarStar(seed: UInt64(size) &+ 17)
        var finite = 0
        for trial in 0..<20 {
            let t = Hosts.random(size, seed: UInt64(trial * 7919 + size), formula: formula)
            let g = Hosts.randomGuest(&rng)
            for includeTentative in [false, true] {
                var a: [Double] = [], b: [Double] = []
                PowerIncreaseKernel.scoresScalar(for: g, in: t, includeTentative: includeTentative, into: &a)
                PowerIncreaseKernel.scoresSIMD(for: g, in: t, includeTentative: includeTentative, into: &b)
                #expect(sameBits(a, b))
                #expect(ArgminKernel.scalar(a) == ArgminKernel.simd(b))
                finite += a.prefix(size).filter(\.isFinite).count
            }
        }
        // The random states must leave real candidates, or the comparison would be vacuous.
        if size >= 64 { #expect(finite > 0) }
    }

    @Test("best-fit and worst-fit residual scores are bit-identical", arguments: sizes)
    func residual(size: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(size) &+ 23)
        for trial in 0..<20 {
            let t = Hosts.random(size, seed: UInt64(trial * 31 + size), formula: .virtSim)
            let g = Hosts.randomGuest(&rng)
            for sign in [1.0, -1.0] {
                var a: [Double] = [], b: [Double] = []
                ResidualKernel.scoresScalar(for: g, in: t, sign: sign, into: &a)
                ResidualKernel.scoresSIMD(for: g, in: t, sign: sign, into: &b)
                #expect(sameBits(a, b))
            }
        }
    }

    @Test("argmin picks the lowest index among equal minima", arguments: sizes)
    func argminTies(size: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(size) &+ 29)
        for _ in 0..<50 {
            // Few distinct values, some +∞ and NaN: ties everywhere.
            let scores = (0..<size).map { _ -> Double in
                let r = rng.next() % 6
                return r == 4 ? .infinity : r == 5 ? .nan : Double(r)
            }
            let expected = ArgminKernel.scalar(scores)
            #expect(ArgminKernel.simd(scores) == expected)
            if let e = expected {
                #expect(scores[..<e].allSatisfy { !($0 <= scores[e]) })
            }
        }
        #expect(ArgminKernel.simd([Double](repeating: .infinity, count: size)) == nil)
    }

    @Test("static-threshold overload scan", arguments: sizes)
    func overloadScan(size: Int) {
        for trial in 0..<20 {
            let t = Hosts.random(size, seed: UInt64(trial * 131 + size), formula: .cloudSim)
            for threshold in [0.0, 0.5, 0.8, 1.0] {
                var a: [Int] = [], b: [Int] = []
                OverloadScanKernel.scalar(t, threshold: threshold, into: &a)
                OverloadScanKernel.simd(t, threshold: threshold, into: &b)
                #expect(a == b)
                #expect(a.allSatisfy { t.requestedUtilization(of: $0) > threshold && t.state(of: $0) == .on })
            }
        }
    }

    @Test("under-load argmin", arguments: sizes)
    func underload(size: Int) {
        for trial in 0..<20 {
            var t = Hosts.random(size, seed: UInt64(trial * 977 + size), formula: .cloudSim)
            // Force equal utilizations on a few hosts to exercise ties.
            for h in stride(from: 0, to: size, by: 5) { t.recordMeasurement(host: h, utilizationMips: t.totalMips[h] * 0.25) }
            for bound in [1.0, 0.5] {
                let a = UnderloadKernel.scalar(t, upperBound: bound)
                #expect(a == UnderloadKernel.simd(t, upperBound: bound))
                if let a {
                    #expect(t.measuredUtilization[a] > 0 && t.measuredUtilization[a] < bound)
                }
            }
        }
    }
}

@Suite("Fused SIMD argmin")
struct FusedArgminTests {
    @Test("the one-pass power-increase argmin equals the scalar scores' argmin",
          arguments: KernelEquivalenceTests.sizes, KernelEquivalenceTests.formulas)
    func fused(size: Int, formula: PowerFormula) {
        var rng = Xoshiro256StarStar(seed: UInt64(size) &+ 41)
        for trial in 0..<20 {
            let t = Hosts.random(size, seed: UInt64(trial * 613 + size), formula: formula)
            let g = Hosts.randomGuest(&rng)
            for includeTentative in [false, true] {
                var a: [Double] = []
                PowerIncreaseKernel.scoresScalar(for: g, in: t, includeTentative: includeTentative, into: &a)
                let expected = ArgminKernel.scalar(a)
                let fused = PowerIncreaseKernel.argminSIMD(for: g, in: t, includeTentative: includeTentative)
                #expect(fused?.host == expected)
                if let e = expected { #expect(fused?.score.bitPattern == a[e].bitPattern) }
            }
        }
    }
}
