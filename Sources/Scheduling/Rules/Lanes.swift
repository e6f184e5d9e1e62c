/// SIMD loads and stores over contiguous columns: every rule's SIMD form reads 4 hosts per step.
public enum Lanes {
    public static let width = 4

    @inlinable @inline(__always)
    public static func load(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<Double>.self)
    }

    /// Four `Bool`s (one byte each) as a mask: true where the flag is set.
    @inlinable @inline(__always)
    public static func flags(_ p: UnsafePointer<Bool>, _ i: Int) -> SIMDMask<SIMD4<Int64>> {
        let bytes = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<UInt8>.self)
        return SIMD4<Int64>(truncatingIfNeeded: bytes) .!= SIMD4<Int64>(repeating: 0)
    }

    @inlinable @inline(__always)
    public static func loadInt32(_ p: UnsafePointer<Int32>, _ i: Int) -> SIMD4<Int64> {
        SIMD4<Int64>(truncatingIfNeeded: UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<Int32>.self))
    }

    /// Exact integer lanes of doubles holding small non-negative integers (0 … 2^20): adding 2^52 puts
    /// the integer in the low mantissa bits, which are read back by a bit cast — no trapping conversion.
    @inlinable @inline(__always)
    public static func smallIntegers(_ v: SIMD4<Double>) -> SIMD4<Int64> {
        let shifted = v + SIMD4<Double>(repeating: 0x1p52)
        return unsafeBitCast(shifted, to: SIMD4<Int64>.self) & SIMD4<Int64>(repeating: 0xF_FFFF)
    }

    /// IEEE negation (sign-bit flip), exactly as scalar prefix `-` (SIMD prefix minus gives +0 for −(+0)).
    @inlinable @inline(__always)
    public static func negate(_ v: SIMD4<Double>) -> SIMD4<Double> {
        let bits = unsafeBitCast(v, to: SIMD4<UInt64>.self) ^ SIMD4<UInt64>(repeating: 1 << 63)
        return unsafeBitCast(bits, to: SIMD4<Double>.self)
    }

    @inlinable @inline(__always)
    public static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD4<Double>.self)
    }
}
