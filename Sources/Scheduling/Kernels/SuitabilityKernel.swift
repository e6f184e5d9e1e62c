/// Which hosts can take a guest at all: not excluded, powered on or asleep, PE fast enough, enough
/// free MIPS, RAM and bandwidth (CloudSim `Host.isSuitableForVm` plus VirtSim's state flags).
public enum SuitabilityKernel {
    /// Why `host` cannot take `guest`, or nil when it can. Checks in the order listed above. O(1).
    @inlinable
    public static func rejection(of host: Int, for guest: PlacementGuest, in t: HostTable) -> PlacementRejection? {
        if t.excludedRaw[host] != 0 { return .excluded }
        if t.stateRaw[host] > HostPowerState.asleep.rawValue { return .notAcceptingGuests }
        if !(t.peMips[host] >= guest.maxPeMips) { return .peTooSlow }
        if !(t.freeMips[host] >= guest.mips) { return .notEnoughMips }
        if !(t.freeRamMB[host] >= guest.ramMB) { return .notEnoughRam }
        if !(t.freeBandwidthMbps[host] >= guest.bandwidthMbps) { return .notEnoughBandwidth }
        return nil
    }

    /// Scalar reference: mask[h] = 1 when host h is suitable. Returns the number of suitable hosts. O(n).
    public static func maskScalar(for guest: PlacementGuest, in t: HostTable, into mask: inout [UInt8]) -> Int {
        if mask.count < t.count { mask = [UInt8](repeating: 0, count: t.count) }
        var n = 0
        for h in 0..<t.count {
            let ok = rejection(of: h, for: guest, in: t) == nil
            mask[h] = ok ? 1 : 0
            n += ok ? 1 : 0
        }
        return n
    }

    /// SIMD version of `maskScalar` (4 hosts per step, scalar tail). Same result.
    public static func maskSIMD(for guest: PlacementGuest, in t: HostTable, into mask: inout [UInt8]) -> Int {
        if mask.count < t.count { mask = [UInt8](repeating: 0, count: t.count) }
        let n = t.count
        let body = n - n % Lanes.width
        var total = 0
        mask.withUnsafeMutableBufferPointer { out in
            t.peMips.withUnsafeBufferPointer { pe in
            t.freeMips.withUnsafeBufferPointer { fm in
            t.freeRamMB.withUnsafeBufferPointer { fr in
            t.freeBandwidthMbps.withUnsafeBufferPointer { fb in
            t.excludedRaw.withUnsafeBufferPointer { ex in
            t.stateRaw.withUnsafeBufferPointer { st in
                let reqPe = SIMD4<Double>(repeating: guest.maxPeMips)
                let reqMips = SIMD4<Double>(repeating: guest.mips)
                let reqRam = SIMD4<Double>(repeating: guest.ramMB)
                let reqBw = SIMD4<Double>(repeating: guest.bandwidthMbps)
                let maxState = SIMD4<Int64>(repeating: Int64(HostPowerState.asleep.rawValue))
                var i = 0
                while i < body {
                    var ok = Lanes.load(pe.baseAddress!, i) .>= reqPe
                    ok .&= Lanes.load(fm.baseAddress!, i) .>= reqMips
                    ok .&= Lanes.load(fr.baseAddress!, i) .>= reqRam
                    ok .&= Lanes.load(fb.baseAddress!, i) .>= reqBw
                    ok .&= Lanes.loadFlags(ex.baseAddress!, i) .== 0
                    ok .&= Lanes.loadFlags(st.baseAddress!, i) .<= maxState
                    for l in 0..<Lanes.width {
                        out[i + l] = ok[l] ? 1 : 0
                        total += ok[l] ? 1 : 0
                    }
                    i += Lanes.width
                }
            }}}}}}
        }
        for h in body..<n {
            let ok = rejection(of: h, for: guest, in: t) == nil
            mask[h] = ok ? 1 : 0
            total += ok ? 1 : 0
        }
        return total
    }

    /// First suitable host at or after `start` in index order, or nil. Scalar reference. O(n).
    public static func firstSuitableScalar(for guest: PlacementGuest, in t: HostTable, from start: Int = 0) -> Int? {
        var h = start
        while h < t.count {
            if rejection(of: h, for: guest, in: t) == nil { return h }
            h += 1
        }
        return nil
    }

    /// SIMD version of `firstSuitableScalar`.
    public static func firstSuitableSIMD(for guest: PlacementGuest, in t: HostTable, from start: Int = 0) -> Int? {
        let n = t.count
        var found: Int? = nil
        var i = max(start, 0)
        t.peMips.withUnsafeBufferPointer { pe in
        t.freeMips.withUnsafeBufferPointer { fm in
        t.freeRamMB.withUnsafeBufferPointer { fr in
        t.freeBandwidthMbps.withUnsafeBufferPointer { fb in
        t.excludedRaw.withUnsafeBufferPointer { ex in
        t.stateRaw.withUnsafeBufferPointer { st in
            let reqPe = SIMD4<Double>(repeating: guest.maxPeMips)
            let reqMips = SIMD4<Double>(repeating: guest.mips)
            let reqRam = SIMD4<Double>(repeating: guest.ramMB)
            let reqBw = SIMD4<Double>(repeating: guest.bandwidthMbps)
            let maxState = SIMD4<Int64>(repeating: Int64(HostPowerState.asleep.rawValue))
            while i + Lanes.width <= n {
                var ok = Lanes.load(pe.baseAddress!, i) .>= reqPe
                ok .&= Lanes.load(fm.baseAddress!, i) .>= reqMips
                ok .&= Lanes.load(fr.baseAddress!, i) .>= reqRam
                ok .&= Lanes.load(fb.baseAddress!, i) .>= reqBw
                ok .&= Lanes.loadFlags(ex.baseAddress!, i) .== 0
                ok .&= Lanes.loadFlags(st.baseAddress!, i) .<= maxState
                if any(ok) {
                    for l in 0..<Lanes.width where ok[l] { found = i + l; return }
                }
                i += Lanes.width
            }
        }}}}}}
        if let found { return found }
        while i < n {
            if rejection(of: i, for: guest, in: t) == nil { return i }
            i += 1
        }
        return nil
    }
}
