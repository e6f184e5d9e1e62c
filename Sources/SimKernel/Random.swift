/// SplitMix64 (Steele, Lea, Flood 2014): used to expand one 64-bit seed into generator states.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64
    public init(seed: UInt64) { state = seed }
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman & Vigna 2018): the generator behind every random stream.
/// Value type: copying it forks the stream, so keep one per component.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the four words from SplitMix64, as the authors recommend.
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inlinable @inline(__always)
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform double in (0, 1]: safe for logarithms.
    @inlinable
    public mutating func nextOpenUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }
}

/// Derives independent, reproducible streams from (scenario seed, replication, component name).
/// A component's stream does not depend on which other components exist or in what order they
/// draw, so adding a component never perturbs another one's numbers.
public struct RandomStreams: Sendable {
    public let seed: UInt64
    public let replication: UInt64

    public init(seed: UInt64, replication: UInt64 = 0) {
        self.seed = seed
        self.replication = replication
    }

    /// The stream of `component` (any stable name, e.g. "workload/17" or "selection").
    public func stream(_ component: String) -> Xoshiro256StarStar {
        stream(component: RandomStreams.fnv1a(component))
    }

    /// The stream of a numbered component.
    public func stream(component: UInt64) -> Xoshiro256StarStar {
        var mix = SplitMix64(seed: seed)
        let a = mix.next() ^ (replication &* 0xD1B5_4A32_D192_ED03)
        var mix2 = SplitMix64(seed: a)
        let b = mix2.next() ^ (component &* 0x9E37_79B9_7F4A_7C15)
        var mix3 = SplitMix64(seed: b)
        return Xoshiro256StarStar(seed: mix3.next())
    }

    /// FNV-1a over the UTF-8 bytes: stable across runs and platforms (unlike `Hasher`).
    public static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }
}
