import SimKernel

/// Small helpers shared by the kernel specifications.
extension EventQueue {
    /// Pops every pending event, earliest first.
    mutating func drain() -> [Event<Payload>] {
        var fired: [Event<Payload>] = []
        while let event = popFirst() { fired.append(event) }
        return fired
    }
}

/// Seeds used by the randomized specifications: fixed, so a failure always reproduces.
let specificationSeeds: [UInt64] = [1, 42, 0xDEAD_BEEF, 0x0123_4567_89AB_CDEF]
