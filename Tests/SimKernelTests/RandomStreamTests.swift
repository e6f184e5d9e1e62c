import SimKernel
import Testing

/// Generators and streams: bit-exact with the published algorithms, reproducible, independent
/// per component, and uniform on the unit interval.
///
/// Expected words were produced by compiling the authors' reference C code (splitmix64.c and
/// xoshiro256starstar.c by Vigna, public domain) with gcc; they are not taken from this code.
@Suite("Random streams")
struct RandomStreamTests {
    // MARK: bit-exact reference values

    @Test("SplitMix64 seeded with 0 gives the reference outputs")
    func splitMixSeedZero() {
        var generator = SplitMix64(seed: 0)
        let outputs = (0..<5).map { _ in generator.next() }
        #expect(outputs == [
            0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
            0xF88B_B8A8_724C_81EC, 0x1B39_896A_51A8_749B,
        ])
    }

    @Test("SplitMix64 seeded with 0x0123456789ABCDEF gives the reference outputs")
    func splitMixOtherSeed() {
        var generator = SplitMix64(seed: 0x0123_4567_89AB_CDEF)
        let outputs = (0..<3).map { _ in generator.next() }
        #expect(outputs == [0x157A_3807_A48F_AA9D, 0xD573_529B_34A1_D093, 0x2F90_B72E_996D_CCBE])
    }

    @Test("xoshiro256** seeded from SplitMix64(42) matches the reference C implementation")
    func xoshiroSeed42() {
        var generator = Xoshiro256StarStar(seed: 42)
        let firstFour = (0..<4).map { _ in generator.next() }
        #expect(firstFour == [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1])
        for _ in 4..<999 { _ = generator.next() }
        #expect(generator.next() == 0x8DE5_848C_61AB_8968, "the 1000th output")
    }

    @Test("xoshiro256** seeded from SplitMix64(0) matches the reference C implementation")
    func xoshiroSeedZero() {
        var generator = Xoshiro256StarStar(seed: 0)
        let outputs = (0..<3).map { _ in generator.next() }
        #expect(outputs == [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0])
    }

    @Test("FNV-1a matches the published 64-bit test vectors")
    func fnv1aVectors() {
        #expect(RandomStreams.fnv1a("") == 0xCBF2_9CE4_8422_2325)
        #expect(RandomStreams.fnv1a("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(RandomStreams.fnv1a("foobar") == 0x8594_4171_F739_67E8)
    }

    @Test("the stream derivation is frozen: committed results depend on these exact words")
    func streamDerivationIsFrozen() {
        // Computed in C from the derivation documented in Random.swift (SplitMix64 chain over
        // seed, replication and component hash, then xoshiro256** seeded by SplitMix64).
        var workload = RandomStreams(seed: 42).stream("workload/0")
        #expect((0..<3).map { _ in workload.next() } == [0x57B7_4D7D_E710_0FAD, 0xA49A_F930_628F_4E8B, 0x2294_8BFB_2572_A901])
        var replicated = RandomStreams(seed: 42, replication: 1).stream("workload/0")
        #expect((0..<3).map { _ in replicated.next() } == [0x97CA_0E5A_EFD0_A4AF, 0x93D8_FC27_7B2D_6DC2, 0xC3D3_8D99_5386_EC11])
        var numbered = RandomStreams(seed: 7).stream(component: 3)
        #expect((0..<3).map { _ in numbered.next() } == [0x5D7B_E08D_4590_24E4, 0x9B20_B8A9_1084_6B6B, 0xEE97_901A_D2A3_AD4F])
    }

    // MARK: determinism and independence

    @Test("the same seed gives the same sequence; a different seed a different one", arguments: specificationSeeds)
    func sameSeedSameSequence(seed: UInt64) {
        var a = Xoshiro256StarStar(seed: seed)
        var b = Xoshiro256StarStar(seed: seed)
        var c = Xoshiro256StarStar(seed: seed &+ 1)
        let sa = (0..<1_000).map { _ in a.next() }
        let sb = (0..<1_000).map { _ in b.next() }
        let sc = (0..<1_000).map { _ in c.next() }
        #expect(sa == sb)
        #expect(sa != sc)
        #expect(zip(sa, sc).filter { $0 == $1 }.count == 0)
    }

    @Test("copying a generator forks it: both copies continue with the same numbers")
    func copyForks() {
        var original = Xoshiro256StarStar(seed: 9)
        _ = original.next()
        var copy = original
        let fromOriginal = (0..<10).map { _ in original.next() }
        let fromCopy = (0..<10).map { _ in copy.next() }
        #expect(fromOriginal == fromCopy)
    }

    @Test("the same (seed, replication, component) always gives the same stream")
    func streamsAreReproducible() {
        var a = RandomStreams(seed: 2024, replication: 3).stream("arrivals")
        var b = RandomStreams(seed: 2024, replication: 3).stream("arrivals")
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
    }

    @Test("a named stream is the numbered stream of the name's FNV-1a hash")
    func namedIsNumbered() {
        let streams = RandomStreams(seed: 5)
        var named = streams.stream("selection")
        var numbered = streams.stream(component: RandomStreams.fnv1a("selection"))
        #expect((0..<10).map { _ in named.next() } == (0..<10).map { _ in numbered.next() })
    }

    @Test("streams differ between components, replications and seeds")
    func streamsDiffer() {
        func words(_ generator: Xoshiro256StarStar) -> [UInt64] {
            var generator = generator
            return (0..<8).map { _ in generator.next() }
        }
        let base = RandomStreams(seed: 1, replication: 0)
        var seen: [[UInt64]] = []
        for index in 0..<100 { seen.append(words(base.stream("workload/\(index)"))) }
        for index in 0..<100 { seen.append(words(base.stream(component: UInt64(index)))) }
        seen.append(words(base.stream("placement")))
        seen.append(words(RandomStreams(seed: 1, replication: 1).stream("placement")))
        seen.append(words(RandomStreams(seed: 2, replication: 0).stream("placement")))
        seen.append(words(RandomStreams(seed: 0, replication: 0).stream(component: 0)))
        // No two streams share any of their first eight words.
        var firstWords = Set<UInt64>()
        for stream in seen { for word in stream { firstWords.insert(word) } }
        #expect(firstWords.count == seen.count * 8)
    }

    @Test("a component's stream does not depend on other components being created or drawn")
    func componentsAreIndependent() {
        let streams = RandomStreams(seed: 77)
        var alone = streams.stream("workload/3")
        let expected = (0..<50).map { _ in alone.next() }

        // Other components draw heavily, before and interleaved with workload/3.
        var others = (0..<10).map { streams.stream("workload/\($0 + 10)") }
        for index in others.indices { for _ in 0..<1_000 { _ = others[index].next() } }
        var target = streams.stream("workload/3")
        var interleaved: [UInt64] = []
        for step in 0..<50 {
            _ = others[step % others.count].next()
            interleaved.append(target.next())
        }
        #expect(interleaved == expected)
    }

    @Test("replications of one seed are distinct but each is reproducible")
    func replications() {
        let values = (0..<20).map { replication -> UInt64 in
            var stream = RandomStreams(seed: 11, replication: UInt64(replication)).stream("x")
            return stream.next()
        }
        #expect(Set(values).count == values.count)
        var again = RandomStreams(seed: 11, replication: 7).stream("x")
        #expect(again.next() == values[7])
    }

    // MARK: unit interval

    @Test("nextUnit is k·2⁻⁵³ in [0, 1) and nextOpenUnit is the same draw shifted to (k+1)·2⁻⁵³ in (0, 1]",
          arguments: specificationSeeds)
    func unitIntervals(seed: UInt64) {
        var closedOpen = Xoshiro256StarStar(seed: seed)
        var openClosed = closedOpen  // same underlying words
        var violations = 0
        for _ in 0..<20_000 {
            let u = closedOpen.nextUnit()
            let v = openClosed.nextOpenUnit()
            let k = u * 0x1.0p53
            if !(u >= 0 && u < 1) { violations += 1 }
            if !(v > 0 && v <= 1) { violations += 1 }
            // u is an exact multiple of 2⁻⁵³ below 1, so 0 is reachable and 1 is not;
            // v is exactly one step up, so 1 is reachable and 0 is not.
            if k != k.rounded(.towardZero) || k >= 0x1.0p53 { violations += 1 }
            if v != u + 0x1.0p-53 { violations += 1 }
        }
        #expect(violations == 0)
    }

    @Test("the extreme words map to the interval ends")
    func extremes() {
        // The largest 53-bit draw (all ones) maps just below 1 and, shifted, to exactly 1;
        // the smallest (zero) maps to 0 and, shifted, to 2⁻⁵³. Same formula as the generator.
        let top = UInt64.max >> 11
        #expect(Double(top) * 0x1.0p-53 == 1 - 0x1.0p-53)
        #expect(Double(top + 1) * 0x1.0p-53 == 1)
        #expect(Double(UInt64(0) + 1) * 0x1.0p-53 == 0x1.0p-53)
    }

    /// Pearson's chi-square statistic of `draws` values in [0, 1) over `bins` equal bins.
    static func chiSquare(bins: Int, draws: Int, _ draw: () -> Double) -> Double {
        var counts = [Int](repeating: 0, count: bins)
        for _ in 0..<draws {
            let bin = min(Int(draw() * Double(bins)), bins - 1)
            counts[bin] += 1
        }
        let expected = Double(draws) / Double(bins)
        return counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
    }

    // With 99 degrees of freedom the statistic has mean 99 and standard deviation 14; the bounds
    // sit about five deviations out, so a fair generator passes and a biased one (a lost bit, a
    // wrong scale, a stuck range) lands in the thousands.
    @Test("nextUnit is roughly uniform (chi-square over 100 bins)", arguments: specificationSeeds)
    func nextUnitIsUniform(seed: UInt64) {
        var generator = Xoshiro256StarStar(seed: seed)
        let statistic = Self.chiSquare(bins: 100, draws: 100_000) { generator.nextUnit() }
        #expect(statistic > 40 && statistic < 170, "chi-square \(statistic)")
    }

    @Test("nextOpenUnit is roughly uniform (chi-square over 100 bins)", arguments: specificationSeeds)
    func nextOpenUnitIsUniform(seed: UInt64) {
        var generator = Xoshiro256StarStar(seed: seed)
        // Map (0, 1] onto [0, 1) for binning.
        let statistic = Self.chiSquare(bins: 100, draws: 100_000) { 1 - generator.nextOpenUnit() }
        #expect(statistic > 40 && statistic < 170, "chi-square \(statistic)")
    }

    @Test("every output bit is set about half of the time", arguments: specificationSeeds)
    func bitsAreBalanced(seed: UInt64) {
        var generator = Xoshiro256StarStar(seed: seed)
        let draws = 20_000
        var ones = [Int](repeating: 0, count: 64)
        for _ in 0..<draws {
            let word = generator.next()
            for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 { ones[bit] += 1 }
        }
        // Binomial(20 000, ½): standard deviation ≈ 71; allow about six of them.
        let worst = ones.map { abs($0 - draws / 2) }.max() ?? 0
        #expect(worst < 430, "worst bit is off by \(worst)")
    }

    @Test("adjacent unit draws are uncorrelated")
    func lagOneCorrelation() {
        var generator = Xoshiro256StarStar(seed: 3)
        let values = (0..<50_000).map { _ in generator.nextUnit() }
        let mean = values.reduce(0, +) / Double(values.count)
        var covariance = 0.0, variance = 0.0
        for index in 1..<values.count {
            covariance += (values[index] - mean) * (values[index - 1] - mean)
            variance += (values[index] - mean) * (values[index] - mean)
        }
        #expect(abs(mean - 0.5) < 0.01)
        #expect(abs(covariance / variance) < 0.02)  // sd of the estimate ≈ 1/√n ≈ 0.0045
    }

    @Test("the generators plug into the standard library's random APIs reproducibly")
    func standardLibraryInterop() {
        var a = RandomStreams(seed: 8).stream("shuffle")
        var b = RandomStreams(seed: 8).stream("shuffle")
        #expect(Array(0..<50).shuffled(using: &a) == Array(0..<50).shuffled(using: &b))
        let x = Double.random(in: 10..<20, using: &a)
        #expect(x >= 10 && x < 20)
    }
}
