import Testing
@testable import VirtModel

/// The hypervisor cost model: overheads come from mechanisms and move the way physics says.
@Suite("Cost model")
struct CostModelTests {
    static let modern = HardwareProfile.named("xeon-sandybridge-2012")!
    static let dell = HardwareProfile.named("dell2650-2003")!
    static let profiles = [modern, dell]

    /// An I/O-heavy profile: many small disk requests and packets, little else.
    static let ioHeavy = OperationProfile(
        name: "io-heavy", syscalls: 20_000, contextSwitches: 2_000, timerInterrupts: 250,
        diskRequests: 5_000, diskRequestBytes: 8192, diskReadFraction: 0.7,
        networkPackets: 20_000, networkPacketBytes: 1448, networkTransmitFraction: 0.5)

    @Test("catalogues resolve by name and every number carries a source",
          arguments: HardwareProfile.catalogueNames)
    func catalogueIsCited(name: String) throws {
        let p = try #require(HardwareProfile.named(name))
        #expect(p.name == name)
        for row in p.citations {
            #expect(!row.source.isEmpty, "\(row.parameter) has no source")
            #expect(row.value.isFinite)
        }
        #expect(HardwareProfile.named("no-such-machine") == nil)
    }

    @Test("native has zero overhead for every profile and workload",
          arguments: OperationProfile.catalogueNames)
    func nativeIsZero(workload: String) throws {
        let ops = try #require(OperationProfile.named(workload))
        for p in Self.profiles {
            let o = CostModel(profile: p).overhead(kind: .native, operations: ops)
            #expect(o.cpuFraction == 0)
            #expect(o.components.allSatisfy { $0.cpuFraction == 0 })
        }
    }

    @Test("components sum to the total, in GuestOperation order", arguments: GuestKind.allCases)
    func componentsSum(kind: GuestKind) {
        let o = CostModel(profile: Self.modern).overhead(kind: kind, operations: Self.ioHeavy)
        #expect(o.components.map(\.operation) == GuestOperation.allCases.map(\.name))
        let sum = o.components.reduce(0) { $0 + $1.cpuFraction }
        #expect(abs(sum - o.cpuFraction) < 1e-12)
    }

    @Test("I/O-heavy work: full > para > container > native on both platforms",
          arguments: [0, 1])
    func orderingOnIOHeavy(profileIndex: Int) {
        let m = CostModel(profile: Self.profiles[profileIndex])
        let f = m.overhead(kind: .full, operations: Self.ioHeavy).cpuFraction
        let p = m.overhead(kind: .para, operations: Self.ioHeavy).cpuFraction
        let c = m.overhead(kind: .container, operations: Self.ioHeavy).cpuFraction
        #expect(f > p)
        #expect(p > c)
        #expect(c > 0)
    }

    @Test("container-in-VM pays both layers")
    func containerInVMStacks() {
        let m = CostModel(profile: Self.modern)
        let nested = m.overhead(kind: .containerInVM, operations: Self.ioHeavy).cpuFraction
        #expect(nested > m.overhead(kind: .para, operations: Self.ioHeavy).cpuFraction)
        #expect(nested > m.overhead(kind: .container, operations: Self.ioHeavy).cpuFraction)
    }

    @Test("a faster exit (newer CPU generation) lowers full-virtualization overhead")
    func fasterExitLowersOverhead() {
        var prescott = Self.modern
        prescott.exitRoundTripCycles = Cited(3963, "Agesen 2012, Prescott")
        var sandy = Self.modern
        sandy.exitRoundTripCycles = Cited(784, "Agesen 2012, Sandy Bridge")
        let slow = CostModel(profile: prescott).overhead(kind: .full, operations: Self.ioHeavy).cpuFraction
        let fast = CostModel(profile: sandy).overhead(kind: .full, operations: Self.ioHeavy).cpuFraction
        #expect(fast < slow)
    }

    @Test("more trapping accesses per request raise full-virtualization overhead", arguments: [6.0, 12.0, 24.0])
    func moreTrapsRaiseOverhead(traps: Double) {
        var more = Self.modern
        more.emulatedDisk.trapsPerSubmit = Cited(traps + 1, "test")
        var fewer = Self.modern
        fewer.emulatedDisk.trapsPerSubmit = Cited(traps, "test")
        let a = CostModel(profile: more).overhead(kind: .full, operations: Self.ioHeavy)
        let b = CostModel(profile: fewer).overhead(kind: .full, operations: Self.ioHeavy)
        #expect(a.cpuFraction > b.cpuFraction)
        // Exactly one user-space exit per request more, times the disk request rate.
        let expected = Self.ioHeavy.diskRequests * Self.modern.userSpaceExitMicros * 1e-6
        #expect(abs((a.fraction(of: .diskRequest) - b.fraction(of: .diskRequest)) - expected) < 1e-9)
    }

    @Test("CPU-bound work runs within a few percent of native on every kind",
          arguments: GuestKind.allCases)
    func cpuBoundIsCheap(kind: GuestKind) throws {
        let batch = try #require(OperationProfile.named("batch-cpu"))
        let spec = try #require(OperationProfile.named("x1-spec-int2000"))
        #expect(CostModel(profile: Self.modern).overhead(kind: kind, operations: batch).cpuFraction < 0.05)
        #expect(CostModel(profile: Self.dell).overhead(kind: kind, operations: spec).cpuFraction < 0.05)
    }

    @Test("shadow paging makes page-table updates expensive; nested paging moves the cost to TLB misses")
    func shadowVersusNested() {
        var shadow = Self.modern
        shadow.nestedPaging = false
        let ops = OperationProfile(name: "pt", pageTableUpdates: 10_000, tlbMisses: 1e6)
        let s = CostModel(profile: shadow).overhead(kind: .full, operations: ops)
        let n = CostModel(profile: Self.modern).overhead(kind: .full, operations: ops)
        #expect(s.fraction(of: .pageTableUpdate) > n.fraction(of: .pageTableUpdate))
        #expect(n.fraction(of: .tlbMiss) > s.fraction(of: .tlbMiss))
        #expect(n.fraction(of: .pageTableUpdate) == 0)
    }

    @Test("lmbench measurements replace mechanisms where the profile has them")
    func measuredCostsAreUsed() {
        let m = CostModel(profile: Self.dell)
        // Barham 2003: VMware page fault 12.4 µs vs native 1.42 µs.
        #expect(abs(m.cpuOperationExtraMicros(kind: .full, operation: .pageFault) - (12.4 - 1.42)) < 1e-9)
        #expect(abs(m.cpuOperationExtraMicros(kind: .para, operation: .fork) - (198 - 110)) < 1e-9)
    }

    @Test("para-virtual notifications amortize over batches")
    func batchingLowersParaCost() {
        let m = CostModel(profile: Self.modern)
        let one = m.ioExtraMicros(kind: .para, device: .storage, bytes: 4096, readFraction: 1, batch: 1)
        let eight = m.ioExtraMicros(kind: .para, device: .storage, bytes: 4096, readFraction: 1, batch: 8)
        #expect(eight < one)
        #expect(eight > 0)
    }

    @Test("footprint order: full > para > container > native", arguments: [0, 1])
    func footprintAndStartup(profileIndex: Int) {
        let m = CostModel(profile: Self.profiles[profileIndex])
        #expect(m.memoryFootprintMB(kind: .full) > m.memoryFootprintMB(kind: .para))
        #expect(m.memoryFootprintMB(kind: .para) > m.memoryFootprintMB(kind: .container))
        #expect(m.memoryFootprintMB(kind: .native) == 0)
    }
}

/// Binary translation and the kernel time it slows.
@Suite("Translated kernel work")
struct TranslatedKernelTests {
    static let dell = HardwareProfile.named("dell2650-2003")!
    static let modern = HardwareProfile.named("xeon-sandybridge-2012")!

    @Test("the 2003 translation slowdown is the mean of lmbench's stat, open/close and select ratios")
    func slowdownFromLmbench() {
        let s = Self.dell.binaryTranslationKernelSlowdown
        #expect(abs(s.value - 1.62) < 0.01)
        #expect(!s.isAssumption)
        #expect(Self.modern.binaryTranslationKernelSlowdown.value == 1)
    }

    @Test("uncosted kernel time is the profile's kernel time minus the operations it already pays for, never negative")
    func uncostedKernel() {
        let m = CostModel(profile: Self.dell)
        let ops = OperationProfile(name: "k", syscalls: 10_000, kernelFraction: 0.2)
        let expected = 0.2e6 - 10_000 * Self.dell.native.syscall.value
        #expect(abs(m.uncostedKernelMicros(ops) - expected) < 1e-6)
        let heavy = OperationProfile(name: "k2", largeContextSwitches: 20_000, kernelFraction: 0.1)
        #expect(m.uncostedKernelMicros(heavy) == 0)
    }

    @Test("more kernel time costs a translated guest more, and nothing extra for Xen, containers or hardware assist",
          arguments: [0.1, 0.3, 0.6])
    func kernelTimeCostsOnlyTranslation(kernel: Double) {
        let lo = OperationProfile(name: "lo", syscalls: 1_000, kernelFraction: kernel)
        let hi = OperationProfile(name: "hi", syscalls: 1_000, kernelFraction: kernel + 0.2)
        let dell = CostModel(profile: Self.dell)
        #expect(dell.overhead(kind: .full, operations: hi).cpuFraction > dell.overhead(kind: .full, operations: lo).cpuFraction)
        let expected = 0.2 * (Self.dell.binaryTranslationKernelSlowdown.value - 1)
        #expect(abs(dell.overhead(kind: .full, operations: hi).fraction(of: .kernelWork)
                    - dell.overhead(kind: .full, operations: lo).fraction(of: .kernelWork) - expected) < 1e-9)
        for kind in [GuestKind.para, .container] {
            #expect(dell.overhead(kind: kind, operations: hi).fraction(of: .kernelWork) == 0)
        }
        #expect(CostModel(profile: Self.modern).overhead(kind: .full, operations: hi).fraction(of: .kernelWork) == 0)
    }

    @Test("a hosted VMM's emulated path runs the guest's own driver and stack translated")
    func translatedStackOnEmulatedPath() {
        let shape = IORequestShape(device: .network, direction: .write, bytes: 1448)
        let emulated = IORoute(path: .emulated).cost(shape, on: Self.dell)
        let native = IORoute(path: .native).cost(shape, on: Self.dell)
        let translated = emulated.components[IOCostComponent.translatedKernel.rawValue]
        #expect(abs(translated - native.total * (Self.dell.binaryTranslationKernelSlowdown.value - 1)) < 1e-9)
        let onModern = IORoute(path: .emulated).cost(shape, on: Self.modern)
        #expect(onModern.components[IOCostComponent.translatedKernel.rawValue] == 0)
    }
}
