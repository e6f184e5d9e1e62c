import VirtModel

/// The fleet's demand: where each guest's utilization comes from (a window of a shared sample
/// buffer, a constant, or a synthetic series), its sample grid, and how a value is read between
/// samples. Columns indexed by guest. Read-only once built.
struct DemandSource {
    enum Kind: UInt8 { case samples = 0, constant, synthetic }

    var kind: [Kind]
    var buffer: [Int32]
    var offset: [Int]
    var count: [Int32]
    var divisor: [Double]
    var constant: [Double]
    var synthetic: [SyntheticUtilization]
    var syntheticIndex: [Int32]
    var buffers: [SampleBuffer]
    /// Sample interval and the time of sample 0 (the grid-aligned slot the guest arrives in).
    var interval: [Double]
    var start: [Double]

    /// O(guests); throws for an empty or out-of-range sample window.
    init(guests: [GuestSpec]) throws {
        let G = guests.count
        kind = []; buffer = []; offset = []; count = []; divisor = []; constant = []
        synthetic = []; syntheticIndex = []; buffers = []; interval = []; start = []
        kind.reserveCapacity(G); buffer.reserveCapacity(G); offset.reserveCapacity(G); count.reserveCapacity(G)
        divisor.reserveCapacity(G); constant.reserveCapacity(G); syntheticIndex.reserveCapacity(G)
        interval.reserveCapacity(G); start.reserveCapacity(G)
        var lastBuffer: SampleBuffer? = nil
        for (i, spec) in guests.enumerated() {
            interval.append(spec.sampleInterval)
            let a = max(0, spec.arrival)
            start.append((a / spec.sampleInterval).rounded(.down) * spec.sampleInterval)
            switch spec.utilization {
            case .samples(let b, let o, let n, let d):
                guard n > 0, o >= 0, o + n <= b.values.count, d > 0 else {
                    throw EngineError.invalidConfig("guest \(i) ('\(spec.name)') has an empty or out-of-range sample window")
                }
                // Buffers are shared: consecutive guests usually use the same one.
                var index = -1
                if let lb = lastBuffer, lb === b { index = buffers.count - 1 }
                if index < 0 {
                    if let found = buffers.firstIndex(where: { $0 === b }) { index = found }
                    else { buffers.append(b); index = buffers.count - 1 }
                    lastBuffer = b
                }
                append(.samples, buffer: Int32(index), offset: o, count: Int32(n), divisor: d, constant: 0, synthetic: -1)
            case .constant(let c):
                append(.constant, buffer: -1, offset: 0, count: 1, divisor: 1, constant: c, synthetic: -1)
            case .synthetic(let s):
                append(.synthetic, buffer: -1, offset: 0, count: 1, divisor: 1, constant: 0, synthetic: Int32(synthetic.count))
                synthetic.append(s)
            }
        }
    }

    private mutating func append(_ k: Kind, buffer b: Int32, offset o: Int, count n: Int32, divisor d: Double, constant c: Double,
                                 synthetic si: Int32) {
        kind.append(k); buffer.append(b); offset.append(o); count.append(n); divisor.append(d); constant.append(c)
        syntheticIndex.append(si)
    }

    /// A guest's sample `k` (cyclic beyond the trace; index `count` repeats the last value,
    /// as CloudSim's 289th value). O(1).
    @inline(__always)
    func sample(_ g: Int, _ k: Int) -> Double {
        switch kind[g] {
        case .samples:
            let n = Int(count[g])
            let idx: Int
            if k < n { idx = k } else if k == n { idx = n - 1 } else { idx = k % n }
            return Double(buffers[Int(buffer[g])].values[offset[g] + idx]) / divisor[g]
        case .constant:
            return constant[g]
        case .synthetic:
            return synthetic[Int(syntheticIndex[g])].value(at: k)
        }
    }

    /// Utilization fraction of guest `g` at absolute time `t`: CloudSim's
    /// `UtilizationModelPlanetLabInMemory.getUtilization` (linear interpolation) or a step
    /// (`DemandReading` chooses). O(1).
    @inline(__always)
    func utilization(_ g: Int, at t: Double, interpolating interpolates: Bool) -> Double {
        let step = interval[g]
        let time = t - start[g]
        if time <= 0 { return sample(g, 0) }
        if !interpolates {
            return sample(g, Int((time / step).rounded(.down)))
        }
        if time.truncatingRemainder(dividingBy: step) == 0 {
            return sample(g, Int(time) / Int(step))
        }
        let t1 = Int((time / step).rounded(.down))
        let t2 = Int((time / step).rounded(.up))
        let u1 = sample(g, t1), u2 = sample(g, t2)
        let delta = (u2 - u1) / (Double(t2 - t1) * step)
        return u1 + delta * (time - Double(t1) * step)
    }
}
