/// Unaligned SIMD loads from contiguous buffers: the kernels read 4 hosts at a time.
@usableFromInline
enum Lanes {
    @usableFromInline static let width = 4

    @inlinable @inline(__always)
    static func load(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<Double>.self)
    }

    /// Four flag bytes widened to the mask storage of `SIMD4<Double>` comparisons.
    @inlinable @inline(__always)
    static func loadFlags(_ p: UnsafePointer<UInt8>, _ i: Int) -> SIMD4<Int64> {
        SIMD4<Int64>(truncatingIfNeeded: UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<UInt8>.self))
    }

    @inlinable @inline(__always)
    static func loadInt32(_ p: UnsafePointer<Int32>, _ i: Int) -> SIMD4<Int64> {
        SIMD4<Int64>(truncatingIfNeeded: UnsafeRawPointer(p + i).loadUnaligned(as: SIMD4<Int32>.self))
    }

    /// Exact integer lanes of doubles holding small non-negative integers (0 … 2^20): adding 2^52 puts
    /// the integer in the low mantissa bits, which are read back by a bit cast — no trapping conversion.
    @inlinable @inline(__always)
    static func smallIntegers(_ v: SIMD4<Double>) -> SIMD4<Int64> {
        let shifted = v + SIMD4<Double>(repeating: 0x1p52)
        return unsafeBitCast(shifted, to: SIMD4<Int64>.self) & SIMD4<Int64>(repeating: 0xF_FFFF)
    }

    @inlinable @inline(__always)
    static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD4<Double>.self)
    }
}
