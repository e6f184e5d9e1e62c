/// The named hardware profiles. Each number carries its source; "assumption: ..." marks a
/// value chosen by reasoning where no measurement was at hand.
extension HardwareProfile {
    /// All catalogue profiles, in a stable order.
    public static let catalogue: [HardwareProfile] = [pentium3_733_2001, dell2650_2003, xeonSandyBridge2012]

    /// Names accepted by `named(_:)`.
    public static var catalogueNames: [String] { catalogue.map(\.name) }

    /// The catalogue profile called `name`, or nil. O(catalogue size).
    public static func named(_ name: String) -> HardwareProfile? {
        catalogue.first { $0.name == name }
    }

    private static let barham = "Barham et al., SOSP 2003, Tables 3-5 (lmbench)"
    private static let agesen = "Agesen et al., USENIX ATC 2012, Table 1"
    private static let adams = "Adams & Agesen, ASPLOS 2006 (Pentium 4 nanobenchmarks)"
    private static let handling = "assumption: Agesen et al. 2012 model a whole exit incl. software handling as ~3000 cycles; minus the Westmere round trip (761) leaves ~2240 cycles of handling, taken as the same on every generation"
    private static let userExit = "assumption: bouncing an exit to the user-space device model (return from the KVM_RUN ioctl, device dispatch, re-entry) costs ~6000 cycles beyond an in-kernel exit, the order of the gap between in-kernel and user-space port-I/O exit microbenchmarks"
    private static let bhargava = "Bhargava et al., ASPLOS 2008: 24 references per 2-D walk vs 4 native"
    private static let pwc = "Bhargava et al., ASPLOS 2008: page-walk caches recover 15-38%; midpoint"
    private static let headers = "Ethernet preamble 8 + header 14 + FCS 4 + inter-frame gap 12, IPv4 20, TCP 20, TCP timestamps 12"
    private static let tcpRule = "assumption: the '1 GHz per 1 Gb/s' TCP rule of thumb: ~1 cycle per bit at MTU 1500 = 11,680 cycles per 1448-byte packet, minus the data copy. Foong et al., ISPASS 2003 ('TCP performance re-visited', Linux 2.4) conclude the rule no longer holds; their per-packet figures, and those of Mogul (HotOS 2003) and Menon et al. (VEE 2005), were not available in the sources searched, so the rule stays as a stated assumption"

    private static let sugerman = "Sugerman, Venkitachalam & Lim, USENIX ATC 2001"

    /// Sugerman et al. 2001's test machine ("PC-733"): a 733 MHz Pentium III running Linux 2.2 as
    /// host and guest under VMware Workstation 2.0 (hosted VMM, binary translation), an emulated
    /// AMD Lance NIC bridged to a 100 Mb/s Ethernet. The paper measures the hosted network path;
    /// everything else on this machine is an assumption scaled from the 2003 profile by cycles.
    /// There is no para-virtualizing VMM or container runtime on it: those numbers are 0, "not used".
    public static let pentium3_733_2001: HardwareProfile = {
        let clock = 0.733
        func cyc(_ c: Double) -> Double { c / (clock * 1000) }
        let notUsed = "not used: no para-virtualizing VMM on this machine"
        let noVTx = "not used: the Pentium III has no VT-x"
        let noContainers = "not used: no container runtime on this machine (container kinds run as native)"
        let sameCycles = "assumption: the same cycle count as on the 2003 Xeon profile (Barham et al. 2003 L-UP), at 733 MHz"
        let copy = 400.0
        return HardwareProfile(
            name: "pentium3-733-2001",
            summary: "733 MHz Pentium III (1 CPU), 100 Mb/s Ethernet, IDE disk; VMware Workstation 2.0 (hosted BT, emulated Lance NIC)",
            clockGHz: Cited(clock, "\(sugerman), §3: PC-733, a 733 MHz Pentium III"),
            fullVirtualization: .hostedBinaryTranslation,
            paraVirtualization: .xenPV,
            nestedPaging: false,
            exitRoundTripCycles: Cited(0, noVTx),
            exitHandlingCycles: Cited(0, noVTx),
            userSpaceExitExtraCycles: Cited(0, noVTx),
            worldSwitchMicros: Cited(8.90, "\(sugerman), §3: one world switch between the VMM and the host ≈ 8.90 µs on PC-733 (measured)"),
            binaryTranslationTrapCycles: Cited(0.91 * 733, "\(sugerman), Table 2: an IN/OUT to the Lance status register handled inside the VMM takes 0.91 µs on average (0.78 µs to the interrupt controller)"),
            binaryTranslationPageTableUpdateCycles: Cited(391, "Adams & Agesen, ASPLOS 2006 (Pentium 4): PTE modification under binary translation; assumption: the same cycle count on a P6 core"),
            shadowPageTableUpdateCycles: Cited(0, noVTx),
            hypercallMicros: Cited(0, notUsed),
            domainSwitchMicros: Cited(0, notUsed),
            paraPageTableUpdateMicros: Cited(0, notUsed),
            paraReceivePageFlipMicros: Cited(0, notUsed),
            nestedWalkExtraReferences: Cited(0, "not used: no nested paging"),
            cachedReferenceCycles: Cited(0, "not used: no nested paging"),
            pageWalkCacheRecovery: Cited(0, "not used: no nested paging"),
            nestedPagingFaultExitFraction: Cited(0, "not used: no nested paging"),
            copyBytesPerMicro: Cited(copy, "assumption: memcpy ≈ 400 MB/s on a Pentium III with PC133 SDRAM (lmbench bcopy magnitude of that era)"),
            native: NativeOperationCosts(
                syscall: Cited(0.5, "assumption: Linux 2.2 null system call (int 0x80) ≈ 350 cycles on a P6 core"),
                pageFault: Cited(cyc(1.42 * 2400), sameCycles),
                pageTableUpdate: Cited(cyc(1), "Adams & Agesen, ASPLOS 2006: PTE modification native 1 cycle"),
                contextSwitch: Cited(cyc(0.77 * 2400), sameCycles),
                contextSwitchLarge: Cited(cyc(37.6 * 2400), sameCycles),
                fork: Cited(cyc(110 * 2400), sameCycles),
                exec: Cited(cyc(530 * 2400), sameCycles),
                timerInterrupt: Cited(cyc(5000), "assumption: Linux 2.2 timer tick handler (HZ = 100) ~5000 cycles")),
            measured: [],
            containerSyscallMicros: Cited(0, noContainers),
            containerPageFaultMicros: Cited(0, noContainers),
            containerContextSwitchMicros: Cited(0, noContainers),
            containerBlockAccountingMicros: Cited(0, noContainers),
            containerNetwork: ContainerNetworkCosts(vethMicros: Cited(0, noContainers), bridgeMicros: Cited(0, noContainers),
                                                    conntrackMicros: Cited(0, noContainers), natMicros: Cited(0, noContainers)),
            storage: StorageDeviceProfile(
                name: "7200 RPM IDE disk",
                randomReadPositioningMicros: Cited(8500 + 4170, "assumption: 7200 RPM IDE datasheet average read seek ≈ 8.5 ms; plus half a revolution at 7200 RPM = 4.17 ms (physics); the paper does not describe its disk"),
                randomWritePositioningMicros: Cited(9500 + 4170, "assumption: write seeks ≈ 1 ms slower than reads (datasheet magnitude); plus 4.17 ms rotational latency"),
                sequentialPositioningMicros: Cited(500, "assumption: sequential requests need only track switches and partial rotations, amortized ~0.5 ms with read-ahead"),
                positioningSpread: Cited(0.5, "assumption: seek distance and rotational position vary; uniform ±50% of the mean"),
                internalParallelism: Cited(1, "one actuator: the disk positions one request at a time"),
                bandwidthMBps: Cited(30, "assumption: 2001 7200 RPM media rate, 25-40 MB/s")),
            nic: NICProfile(
                name: "100 Mb/s Ethernet",
                bandwidthGbps: Cited(0.1, "\(sugerman), §3: 100 Mb/s Ethernet, two machines on a crossover cable"),
                oneWayLatencyMicros: Cited(15, "assumption: NIC + crossover cable + peer ~15 µs one way (no switch)"),
                transmitPacketMicros: Cited(cyc(11_680 - 1448 * clock * 1000 / copy), tcpRule),
                receivePacketMicros: Cited(cyc(11_680 - 1448 * clock * 1000 / copy), tcpRule),
                headerBytes: Cited(90, headers),
                hostForwardingFraction: Cited(0.5, "assumption: the host runs only the driver and the VMNet bridge for a guest's packet, about half of the native TCP/IP per-packet path")),
            diskSubmitMicros: Cited(cyc(20_000), "assumption: Linux 2.2 block layer + IDE driver ~20k cycles to submit (as on the 2003 profile)"),
            diskCompletionMicros: Cited(cyc(15_000), "assumption: interrupt + completion + bottom half ~15k cycles (as on the 2003 profile)"),
            emulatedDisk: EmulatedStorageController.ide.profile(
                deviceModelMicros: Cited(cyc(12_000), "assumption: VMApp decodes the command and maps the guest buffer, ~12k cycles (as on the 2003 profile)")),
            emulatedNIC: EmulatedNetworkController.lance.profile(
                deviceModelMicros: Cited(3.0, "\(sugerman), Table 2: emulating the Lance transmit path, 3.0 µs on average")),
            paraBackendRequestMicros: Cited(0, notUsed),
            paraBackendWakeupMicros: Cited(0, notUsed),
            binaryTranslationKernelSlowdown: Cited(((1.88 - 0.73) / (1.28 - 0.45) + (2.99 - 2 * 0.73) / (1.92 - 2 * 0.45) + (11.1 - 0.73) / (5.70 - 0.45)) / 3,
                "assumption: the ratio measured for VMware Workstation 3.2 on the 2003 Xeon (Barham et al. 2003 lmbench: stat 1.39, open/close 1.50, select 1.98; mean 1.62); no measurement for Workstation 2.0 at hand"),
            cpu: CPUDescription(generation: "Intel Pentium III (P6, Coppermine), 733 MHz",
                                cores: Cited(1, "\(sugerman), §3: a uniprocessor PC")),
            hosted: .unixFileSemantics
        )
    }()

    /// Barham et al. 2003's test machine: Dell PowerEdge 2650, one 2.4 GHz Xeon (NetBurst,
    /// no VT-x) used, Broadcom Tigon-3 GbE, 10k RPM SCSI disk. Full virtualization is VMware
    /// Workstation 3.2 (hosted, binary translation); para-virtualization is Xen 1.0.
    public static let dell2650_2003: HardwareProfile = {
        let clock = 2.4
        func cyc(_ c: Double) -> Double { c / (clock * 1000) }
        return HardwareProfile(
            name: "dell2650-2003",
            summary: "Dell 2650, 2.4 GHz Xeon (1 CPU), Tigon-3 GbE, 10k RPM SCSI; VMware Workstation 3.2 (hosted BT) and Xen 1.0 PV",
            clockGHz: Cited(clock, "Barham et al., SOSP 2003, §4 test machine"),
            fullVirtualization: .hostedBinaryTranslation,
            paraVirtualization: .xenPV,
            nestedPaging: false,
            exitRoundTripCycles: Cited(3963, "\(agesen), Prescott (NetBurst); this Xeon has no VT-x, so used only if a study forces hardware assist on it"),
            exitHandlingCycles: Cited(2240, handling),
            userSpaceExitExtraCycles: Cited(6000, userExit),
            worldSwitchMicros: Cited(8.90 * 0.733 * ((2409.0 / 937 + 1931.0 / 1186) / 2) / clock,
                "Sugerman et al., USENIX ATC 2001: one VMM-host world switch ≈ 8.90 µs on a 733 MHz Pentium III (6,520 cycles), in cycles scaled from a P6 core to NetBurst by the ratio of privileged state-switch costs Adams & Agesen, ASPLOS 2006 measured on a Pentium 4 vs a Core 2 (a P6 descendant): VM entry 2409/937 = 2.57, page-fault VM exit 1931/1186 = 1.63, mean 2.10; 6,520 × 2.10 cycles at 2.4 GHz ≈ 5.7 µs (2.7 µs if the cycle count did not grow, 8.9 µs if the time did not shrink)"),
            binaryTranslationTrapCycles: Cited(216, "\(adams): `in` port read under binary translation"),
            binaryTranslationPageTableUpdateCycles: Cited(391, "\(adams): PTE modification under binary translation (native 1)"),
            shadowPageTableUpdateCycles: Cited(12733, "\(adams): PTE modification under the hardware VMM without nested paging"),
            hypercallMicros: Cited(0.45, "assumption: a Xen 2003 hypercall is a software trap into ring 0 like a system call (Barham et al. §2), so it costs about lmbench's null system call, 0.45 µs"),
            domainSwitchMicros: Cited(0, "Xen 1.0 keeps device drivers in the hypervisor (Barham et al. 2003; moved to driver domains in Xen 2.0, Fraser et al. 2004): no switch to a back-end domain"),
            paraPageTableUpdateMicros: Cited(0.1, "assumption: one validated mmu_update entry: a 0.45 µs hypercall amortized over ~8 batched updates plus ~100 cycles of validation"),
            paraReceivePageFlipMicros: Cited(1.0, "assumption: page flipping one received page (two PTE updates through Xen, one TLB entry flush, ownership bookkeeping) ~2400 cycles"),
            nestedWalkExtraReferences: Cited(20, bhargava),
            cachedReferenceCycles: Cited(10, "assumption: NetBurst L1 ~4 cycles, L2 ~18 cycles; page-walk entries mostly in L1/L2"),
            pageWalkCacheRecovery: Cited(0.265, pwc),
            nestedPagingFaultExitFraction: Cited(0.05, "assumption: only the first touch of guest-physical memory takes an EPT violation; ~5% of steady-state guest faults"),
            copyBytesPerMicro: Cited(1000, "assumption: memcpy ≈ 1 GB/s on a 2.4 GHz Xeon with DDR-266 (lmbench bcopy magnitude of that era)"),
            native: NativeOperationCosts(
                syscall: Cited(0.45, "\(barham), L-UP null system call"),
                pageFault: Cited(1.42, "\(barham), L-UP page fault"),
                pageTableUpdate: Cited(cyc(1), "\(adams): PTE modification native 1 cycle"),
                contextSwitch: Cited(0.77, "\(barham), L-UP context switch 2p/0K"),
                contextSwitchLarge: Cited(37.6, "\(barham), L-UP context switch 16p/64K"),
                fork: Cited(110, "\(barham), L-UP fork"),
                exec: Cited(530, "\(barham), L-UP exec"),
                timerInterrupt: Cited(2.0, "assumption: Linux 2.4 timer tick handler (HZ = 100) ~5000 cycles")),
            measured: [
                MeasuredOperationCosts(kind: .native,
                    syscall: Cited(0.45, "\(barham), L-UP"), pageFault: Cited(1.42, "\(barham), L-UP"),
                    contextSwitch: Cited(0.77, "\(barham), L-UP 2p/0K"),
                    contextSwitchLarge: Cited(37.6, "\(barham), L-UP 16p/64K"), fork: Cited(110, "\(barham), L-UP"),
                    exec: Cited(530, "\(barham), L-UP")),
                MeasuredOperationCosts(kind: .para,
                    syscall: Cited(0.46, "\(barham), Xen"), pageFault: Cited(2.73, "\(barham), Xen"),
                    contextSwitch: Cited(1.97, "\(barham), Xen 2p/0K"),
                    contextSwitchLarge: Cited(39.4, "\(barham), Xen 16p/64K"), fork: Cited(198, "\(barham), Xen"),
                    exec: Cited(768, "\(barham), Xen")),
                MeasuredOperationCosts(kind: .full,
                    syscall: Cited(0.73, "\(barham), VMware Workstation 3.2"), pageFault: Cited(12.4, "\(barham), VMware"),
                    contextSwitch: Cited(18.1, "\(barham), VMware 2p/0K"),
                    contextSwitchLarge: Cited(72.2, "\(barham), VMware 16p/64K"), fork: Cited(874, "\(barham), VMware"),
                    exec: Cited(2300, "\(barham), VMware")),
            ],
            containerSyscallMicros: Cited(cyc(50), "assumption: namespace-aware lookups add ~50 cycles per system call (no seccomp filter in this era)"),
            containerPageFaultMicros: Cited(cyc(250), "assumption: memory-cgroup charge/uncharge ~250 cycles per faulted page"),
            containerContextSwitchMicros: Cited(cyc(250), "assumption: group-scheduling accounting ~250 cycles per switch"),
            containerBlockAccountingMicros: Cited(cyc(1000), "assumption: block-cgroup accounting/throttling ~1000 cycles per request"),
            containerNetwork: .assumed3000Cycles(clockGHz: clock),
            storage: StorageDeviceProfile(
                name: "10k RPM SCSI disk",
                randomReadPositioningMicros: Cited(4700 + 3000, "assumption: 10k RPM SCSI datasheet average read seek ≈ 4.7 ms; plus half a revolution at 10k RPM = 3.0 ms (physics)"),
                randomWritePositioningMicros: Cited(5200 + 3000, "assumption: write seeks settle ~0.5 ms slower than reads (datasheet magnitude); plus 3.0 ms rotational latency"),
                sequentialPositioningMicros: Cited(300, "assumption: sequential requests need only track switches and partial rotations, amortized ~0.3 ms with read-ahead"),
                positioningSpread: Cited(0.5, "assumption: seek distance and rotational position vary; uniform ±50% of the mean"),
                internalParallelism: Cited(1, "one actuator: the disk positions one request at a time"),
                bandwidthMBps: Cited(50, "assumption: 10k RPM media rate of 2003 drives, 40-70 MB/s")),
            nic: NICProfile(
                name: "Broadcom Tigon-3 GbE",
                bandwidthGbps: Cited(1.0, "Barham et al. 2003: Tigon-3 gigabit Ethernet"),
                oneWayLatencyMicros: Cited(25, "assumption: NIC interrupt moderation + one switch hop + peer, ~25 µs one way"),
                transmitPacketMicros: Cited(cyc(11_680 - 1448 * clock), tcpRule),
                receivePacketMicros: Cited(cyc(11_680 - 1448 * clock), tcpRule),
                headerBytes: Cited(90, headers),
                hostForwardingFraction: Cited(0.5, "assumption: the host runs only the driver and a software bridge for a guest's packet, about half of the native TCP/IP per-packet path")),
            diskSubmitMicros: Cited(8, "assumption: Linux 2.4 block layer + SCSI mid-layer + adapter driver ~20k cycles to submit"),
            diskCompletionMicros: Cited(6, "assumption: interrupt + SCSI completion + bottom half ~15k cycles"),
            emulatedDisk: EmulatedStorageController.ide.profile(
                deviceModelMicros: Cited(5, "assumption: VMApp decodes the command and maps the guest buffer, ~12k cycles")),
            emulatedNIC: EmulatedNetworkController.lance.profile(
                deviceModelMicros: Cited(3, "assumption: VMApp frames the packet for the host vmnet driver, ~7k cycles")),
            paraBackendRequestMicros: Cited(1.0, "assumption: Xen's per-request ring service: descriptor, virtual block/firewall-router rule lookup, pin and validate the data page, response ~2400 cycles"),
            paraBackendWakeupMicros: Cited(0, "Xen services the ring in the hypercall itself: no back-end thread to wake"),
            binaryTranslationKernelSlowdown: Cited(((1.88 - 0.73) / (1.28 - 0.45) + (2.99 - 2 * 0.73) / (1.92 - 2 * 0.45) + (11.1 - 0.73) / (5.70 - 0.45)) / 3,
                "\(barham): kernel work inside a system call, VMware over native with the null-call entry/exit removed: stat (1.88 − 0.73)/(1.28 − 0.45) = 1.39, open/close (2.99 − 2×0.73)/(1.92 − 2×0.45) = 1.50, select on TCP (11.1 − 0.73)/(5.70 − 0.45) = 1.98; mean 1.62 (the same ratio for Xen is 0.92-1.00: its kernel runs untranslated)"),
            cpu: CPUDescription(generation: "Intel Xeon (NetBurst), 2.4 GHz, no VT-x",
                                cores: Cited(1, "Barham et al., SOSP 2003, §4: the measurements are uniprocessor (L-UP) runs on one of the Dell 2650's two CPUs")),
            hosted: .unixFileSemantics
        )
    }()

    /// A 2012-class virtualization server: Sandy Bridge-EP Xeon with VT-x and EPT, KVM with a
    /// QEMU device model, an NVMe-class SSD and 10 GbE.
    public static let xeonSandyBridge2012: HardwareProfile = {
        let clock = 2.6
        func cyc(_ c: Double) -> Double { c / (clock * 1000) }
        return HardwareProfile(
            name: "xeon-sandybridge-2012",
            summary: "2.6 GHz Sandy Bridge-EP Xeon, VT-x + EPT, KVM with a user-space device model (emulated LSI Logic disk, e1000 NIC by default), NVMe-class SSD, 10 GbE",
            clockGHz: Cited(clock, "assumption: Xeon E5-2670 (Sandy Bridge-EP, 2012) base clock"),
            fullVirtualization: .hardwareAssist,
            paraVirtualization: .virtioOnHardwareAssist,
            nestedPaging: true,
            exitRoundTripCycles: Cited(784, "\(agesen), Sandy Bridge"),
            exitHandlingCycles: Cited(2240, handling),
            userSpaceExitExtraCycles: Cited(6000, userExit),
            worldSwitchMicros: Cited(0, "not used: KVM is not a hosted VMM"),
            binaryTranslationTrapCycles: Cited(216, "\(adams) (not used: hardware assist)"),
            binaryTranslationPageTableUpdateCycles: Cited(391, "\(adams) (not used: hardware assist)"),
            shadowPageTableUpdateCycles: Cited(12733, "\(adams): used only if nested paging is turned off"),
            hypercallMicros: Cited(cyc(784 + 2240), "a vmcall is one exit: \(agesen) round trip + handling"),
            domainSwitchMicros: Cited(0, "not used: virtio back-ends run on their own thread"),
            paraPageTableUpdateMicros: Cited(0, "not used: nested paging leaves guest page tables alone"),
            paraReceivePageFlipMicros: Cited(0, "not used: virtio receives by copy"),
            nestedWalkExtraReferences: Cited(20, bhargava),
            cachedReferenceCycles: Cited(5, "assumption: Sandy Bridge L1 4 cycles, L2 12 cycles; walk entries mostly in L1"),
            pageWalkCacheRecovery: Cited(0.265, pwc),
            nestedPagingFaultExitFraction: Cited(0.05, "assumption: only the first touch of guest-physical memory takes an EPT violation; ~5% of steady-state guest faults"),
            copyBytesPerMicro: Cited(5000, "assumption: single-core memcpy ≈ 5 GB/s on Sandy Bridge-EP with DDR3-1600"),
            native: NativeOperationCosts(
                syscall: Cited(0.07, "assumption: null system call ~180 cycles (pre-KPTI kernel)"),
                pageFault: Cited(0.9, "assumption: minor fault incl. zeroing a 4 KiB page ~2300 cycles"),
                pageTableUpdate: Cited(cyc(1), "\(adams): PTE modification 1 cycle"),
                contextSwitch: Cited(1.2, "assumption: lmbench 2p/0K ~3000 cycles"),
                contextSwitchLarge: Cited(8, "assumption: lmbench 16p/64K on a 2012 server: switch plus refilling 64 KiB from L2/L3"),
                fork: Cited(60, "assumption: lmbench fork magnitude for a small process on a 2012 server"),
                exec: Cited(220, "assumption: lmbench exec magnitude on a 2012 server"),
                timerInterrupt: Cited(0.6, "assumption: tick/hrtimer interrupt ~1500 cycles")),
            measured: [],
            containerSyscallMicros: Cited(cyc(60), "assumption: default seccomp-BPF filter ~60 cycles per system call"),
            containerPageFaultMicros: Cited(cyc(250), "assumption: memory-cgroup charge/uncharge ~250 cycles per faulted page"),
            containerContextSwitchMicros: Cited(cyc(250), "assumption: group-scheduling accounting ~250 cycles per switch"),
            containerBlockAccountingMicros: Cited(cyc(1000), "assumption: block-cgroup accounting/throttling ~1000 cycles per request"),
            containerNetwork: .assumed3000Cycles(clockGHz: clock),
            storage: StorageDeviceProfile(
                name: "NVMe-class datacenter SSD",
                randomReadPositioningMicros: Cited(80, "assumption: datacenter NVMe random 4 KiB read latency ~80 µs (Intel DC P3700-class datasheet magnitude)"),
                randomWritePositioningMicros: Cited(25, "assumption: writes land in the SSD's power-protected DRAM buffer, ~20-30 µs"),
                sequentialPositioningMicros: Cited(25, "assumption: sequential reads are served from the SSD's read-ahead/striping, ~25 µs"),
                positioningSpread: Cited(0.3, "assumption: flash access time varies ±30% with die contention"),
                internalParallelism: Cited(32, "assumption: ~18 channels × several dies; ~32 requests positioned concurrently (≈400k random-read IOPS at 80 µs)"),
                bandwidthMBps: Cited(2800, "assumption: PCIe 3.0 x4 NVMe sequential read ~2.8 GB/s")),
            nic: NICProfile(
                name: "10 GbE",
                bandwidthGbps: Cited(10, "10 gigabit Ethernet"),
                oneWayLatencyMicros: Cited(10, "assumption: NIC + one switch hop + peer ~10 µs one way"),
                transmitPacketMicros: Cited(cyc(11_680 - 1448 * clock / 5), tcpRule),
                receivePacketMicros: Cited(cyc(11_680 - 1448 * clock / 5), tcpRule),
                headerBytes: Cited(90, headers),
                hostForwardingFraction: Cited(0.5, "assumption: the host runs only the driver and a software bridge for a guest's packet, about half of the native TCP/IP per-packet path"),
                segmentationOffload: Cited(1, "Intel 82599 10 GbE datasheet: TCP segmentation offload (up to 256 KiB); Linux GRO on receive (since 2.6.29)")),
            diskSubmitMicros: Cited(2.5, "assumption: Linux block layer + NVMe driver submit ~6500 cycles (magnitude of Yang et al., FAST 2012)"),
            diskCompletionMicros: Cited(2.0, "assumption: interrupt + completion ~5000 cycles (magnitude of Yang et al., FAST 2012)"),
            // The seed's full-virtualization examples are VMware ESXi and Hyper-V: ESXi gives
            // Linux guests an emulated LSI Logic controller; Hyper-V's emulated IDE only boots
            // the guest before its synthetic (para-virtual) disk path takes over. QEMU emulates
            // the same LSI controller (mptsas1068); IDE and AHCI are available per scenario.
            emulatedDisk: EmulatedStorageController.lsiLogic.profile(
                deviceModelMicros: Cited(4, "assumption: device emulation + host block layer + AIO submission in the user-space device model ~10k cycles per request")),
            emulatedNIC: EmulatedNetworkController.e1000.profile(
                deviceModelMicros: Cited(3, "assumption: QEMU e1000 descriptor processing + tap write ~8k cycles")),
            paraBackendRequestMicros: Cited(1.0, "assumption: vhost descriptor fetch, address translation and host I/O submission ~2600 cycles"),
            paraBackendWakeupMicros: Cited(1.2, "assumption: eventfd signal + scheduler wake-up of the back-end thread ≈ one context switch"),
            cpu: CPUDescription(generation: "Intel Xeon E5-2670 (Sandy Bridge-EP), VT-x + EPT",
                                cores: Cited(8, "Intel ARK, Xeon E5-2670: 8 cores per socket (one socket described)"),
                                threads: Cited(16, "Intel ARK, Xeon E5-2670: 16 threads per socket (Hyper-Threading)")),
            wakeups: WakeupLatencies(
                idleCoreExitMicros: Cited(2, "Linux drivers/idle/intel_idle.c snb_cstates: C1 exit_latency 2 µs on Sandy Bridge (C1E 10, C3 80, C6 104 µs are entered only after longer idles: the shallowest state is taken, a lower bound)"),
                haltedVCPUWakeupMicros: Cited(1.2 + cyc(784), "assumption built from this profile's inputs: the host scheduler switches the vCPU thread (blocked in kvm_vcpu_block after HLT) back in, ≈ one context switch (1.2 µs), then VM entry (\(agesen) round trip, 784 cycles); KVM's halt polling (Linux 4.0, 2015) postdates this machine"),
                backendWakeupMicros: Cited(1.2, "assumption: QEMU's AIO completion wakes its main-loop thread through an eventfd ≈ one context switch; charged as latency only (the device-model CPU per request is deviceModelMicros)"),
                postedInterrupts: false,
                nicInterruptIntervalMicros: Cited(0, "assumption: the host NIC's adaptive moderation lets a lone packet interrupt at once; streaming batches are the requestsPerNotification input"),
                emulatedNICInterruptIntervalMicros: Cited(50, "Linux drivers/net/ethernet/intel/e1000/e1000_main.c e1000_set_itr: InterruptThrottleRate's default (3, dynamic conservative, e1000_param.c) never goes above the low_latency rate of 20,000 interrupts/s = one per 50 µs; QEMU's e1000 model honours ITR (hw/net/e1000.c, 'mitigation', on since QEMU 2.0)"))
        )
    }()
}
