/// A block storage device as the request-level model sees it: positioning time (seek +
/// rotation for a disk, flash access for an SSD), a shared transfer bandwidth, and how many
/// requests it works on at once.
///
/// Service time of one request = positioning (uniform in mean × [1 − spread, 1 + spread])
/// + bytes / bandwidth (the transfer stage is shared by all in-flight requests).
public struct StorageDeviceProfile: Sendable, Hashable {
    /// Human-readable device class, e.g. "10k RPM SCSI disk".
    public var name: String
    /// Mean positioning time of a random read, µs (seek + rotational latency, or flash read).
    public var randomReadPositioningMicros: Cited
    /// Mean positioning time of a random write, µs.
    public var randomWritePositioningMicros: Cited
    /// Mean positioning time of a sequential request, µs (track switch / no seek).
    public var sequentialPositioningMicros: Cited
    /// Half-width of the uniform positioning distribution as a fraction of its mean, in [0, 1].
    public var positioningSpread: Cited
    /// Requests the device positions concurrently (actuators, flash channels × dies).
    public var internalParallelism: Cited
    /// Media / interface transfer bandwidth, MB/s (10^6 bytes per second).
    public var bandwidthMBps: Cited

    public init(name: String, randomReadPositioningMicros: Cited, randomWritePositioningMicros: Cited,
                sequentialPositioningMicros: Cited, positioningSpread: Cited,
                internalParallelism: Cited, bandwidthMBps: Cited) {
        self.name = name
        self.randomReadPositioningMicros = randomReadPositioningMicros
        self.randomWritePositioningMicros = randomWritePositioningMicros
        self.sequentialPositioningMicros = sequentialPositioningMicros
        self.positioningSpread = positioningSpread
        self.internalParallelism = internalParallelism
        self.bandwidthMBps = bandwidthMBps
    }
}

/// A network interface and the native stack's CPU cost per packet.
public struct NICProfile: Sendable, Hashable {
    /// Human-readable NIC class, e.g. "Broadcom Tigon-3 GbE".
    public var name: String
    /// Link bandwidth, Gb/s.
    public var bandwidthGbps: Cited
    /// One-way latency of wire + switch + peer, µs.
    public var oneWayLatencyMicros: Cited
    /// Native stack CPU per transmitted packet excluding the data copy, µs
    /// (system call share, TCP/IP, driver, completion interrupt share, ACK handling share).
    public var transmitPacketMicros: Cited
    /// Native stack CPU per received packet excluding the data copy, µs.
    public var receivePacketMicros: Cited
    /// Link-layer + IP + TCP header bytes per packet on the wire (Ethernet framing included).
    public var headerBytes: Cited
    /// CPU a host spends forwarding one guest packet (driver + software bridge, no TCP), as a
    /// fraction of the native per-packet stack cost.
    public var hostForwardingFraction: Cited
    /// 1 when the NIC and its driver segment on transmit (TSO) and the stack merges on receive
    /// (GRO), 0 when not: with offloads the stack's per-packet work is done once per segment
    /// of up to 64 KiB.
    public var segmentationOffload: Cited

    public init(name: String, bandwidthGbps: Cited, oneWayLatencyMicros: Cited,
                transmitPacketMicros: Cited, receivePacketMicros: Cited, headerBytes: Cited,
                hostForwardingFraction: Cited,
                segmentationOffload: Cited = Cited(0, "not modelled: every packet MTU-sized")) {
        self.segmentationOffload = segmentationOffload
        self.hostForwardingFraction = hostForwardingFraction
        self.name = name
        self.bandwidthGbps = bandwidthGbps
        self.oneWayLatencyMicros = oneWayLatencyMicros
        self.transmitPacketMicros = transmitPacketMicros
        self.receivePacketMicros = receivePacketMicros
        self.headerBytes = headerBytes
    }
}

/// An emulated device as a full-virtualization guest sees it: its register protocol (how many
/// register accesses trap per request and per interrupt), how many requests it accepts at once,
/// and how much work the device model does.
///
/// Trap counts come from the device's programming interface as the guest driver uses it (see
/// `EmulatedStorageController` and `EmulatedNetworkController` for the per-device derivations).
/// A trap is priced by the platform (`HardwareProfile`): an exit bounced to a user-space device
/// model on a hardware-assisted host, or a binary-translation emulation on a hosted VMM.
public struct EmulatedDeviceProfile: Sendable, Hashable {
    /// Device being emulated, e.g. "QEMU emulated IDE (PIIX, bus-master DMA)".
    public var name: String
    /// Catalogue key of the controller ("ide", "ahci", "lsi-logic", "e1000", "lance").
    public var controller: String
    /// Trapping register (port / MMIO) accesses by the guest driver to submit one request
    /// (a transmitted packet for a NIC).
    public var trapsPerSubmit: Cited
    /// Trapping accesses the interrupt handler makes for each request it completes (e.g. one
    /// reply-FIFO read per completed request on Fusion-MPT).
    public var trapsPerCompletion: Cited
    /// Trapping accesses the interrupt handler makes once per interrupt, however many requests
    /// that interrupt completes (status read, acknowledge, mask/unmask).
    public var trapsPerInterrupt: Cited
    /// Requests the emulated controller accepts at once (1 for an ATA taskfile channel; the
    /// command-slot count for AHCI NCQ). Further requests wait in the guest.
    public var maxOutstanding: Cited
    /// Device-model CPU per request beyond the traps and the host's own I/O stack, µs
    /// (decode descriptors, update emulated registers, schedule the host I/O).
    public var deviceModelMicros: Cited
    /// True when the device model copies the data (NIC frames to a tap/vmnet buffer);
    /// false when the host I/O reads/writes guest memory directly (disk DMA emulation).
    public var copiesData: Bool
    /// True when the emulated NIC accepts whole TCP segments for the device model to cut into
    /// packets (e1000 TSO context descriptors); false for disks and NICs without it.
    public var segmentationOffload: Bool

    public init(name: String, controller: String = "", trapsPerSubmit: Cited, trapsPerCompletion: Cited,
                trapsPerInterrupt: Cited = Cited(0, "none"), maxOutstanding: Cited = Cited(1024, "assumption: ring-sized, not limiting"),
                deviceModelMicros: Cited, copiesData: Bool, segmentationOffload: Bool = false) {
        self.segmentationOffload = segmentationOffload
        self.name = name
        self.controller = controller
        self.trapsPerSubmit = trapsPerSubmit
        self.trapsPerCompletion = trapsPerCompletion
        self.trapsPerInterrupt = trapsPerInterrupt
        self.maxOutstanding = maxOutstanding
        self.deviceModelMicros = deviceModelMicros
        self.copiesData = copiesData
    }

    /// Requests completed by one virtual interrupt when the guest asks for `batch` per
    /// interrupt: never more than the controller holds at once. O(1).
    @inlinable public func requestsPerInterrupt(batch: Double) -> Double {
        max(1, min(batch, maxOutstanding.value))
    }

    /// Trapping accesses per request for `batch` requests per interrupt (receive: no submit). O(1).
    @inlinable public func trapsPerRequest(batch: Double, submits: Bool = true) -> Double {
        (submits ? trapsPerSubmit.value : 0) + trapsPerCompletion.value
            + trapsPerInterrupt.value / requestsPerInterrupt(batch: batch)
    }
}

/// Emulated storage controllers a full-virtualization guest can be given, each with the trap
/// count of its register protocol as the Linux guest driver drives it.
public enum EmulatedStorageController: String, CaseIterable, Sendable {
    /// Legacy IDE: ATA taskfile registers (one port access per register) plus SFF-8038i
    /// bus-master DMA; one command per channel. QEMU's default `pc` machine; Hyper-V Gen1 boot disk.
    case ide
    /// AHCI (Serial ATA AHCI 1.3): commands are built in memory (command list, FIS, PRDT); the
    /// driver writes the PxCI doorbell; NCQ allows 32 outstanding. QEMU's `q35` machine.
    case ahci
    /// LSI Logic Fusion-MPT (53C1030 / SAS1068): request message frames in memory, one write
    /// to the request FIFO per request, completions read from the reply FIFO. VMware ESX(i)'s
    /// default virtual SCSI controller for Linux guests; QEMU `mptsas1068`.
    case lsiLogic = "lsi-logic"

    /// Scenario names accepted for `fullDiskDevice`.
    public static var names: [String] { allCases.map(\.rawValue) }

    private static let libataSFF = "Linux drivers/ata/libata-sff.c"

    /// The controller's protocol, with the platform's device-model cost per request.
    public func profile(deviceModelMicros: Cited) -> EmulatedDeviceProfile {
        switch self {
        case .ide:
            return EmulatedDeviceProfile(
                name: "emulated IDE (ATA taskfile + bus-master DMA)", controller: rawValue,
                trapsPerSubmit: Cited(18, "\(Self.libataSFF) ata_bmdma_qc_issue for a 28-bit READ/WRITE DMA: ata_dev_select 4 (status read, device write, altstatus read, status read), ata_sff_tf_load 7 (feature, nsect, lbal, lbam, lbah, device writes + status read in ata_wait_idle), ata_bmdma_setup 5 (PRD address write, BM command read+write, command write, altstatus read in ata_sff_pause), ata_bmdma_start 2 (BM command read+write); the taskfile itself is ATA/ATAPI-6's 7 register writes per command"),
                trapsPerCompletion: Cited(0, "all completion accesses are per interrupt (one command per interrupt)"),
                trapsPerInterrupt: Cited(8, "\(Self.libataSFF) ata_bmdma_port_intr: ata_bmdma_status 1 (BM status read), ata_bmdma_stop 3 (BM command read+write, altstatus read), ata_sff_irq_status 2 (altstatus + status read, which clears INTRQ), ata_bmdma_irq_clear 2 (BM status read+write)"),
                maxOutstanding: Cited(1, "ATA/ATAPI-6 taskfile protocol: one command in flight per channel (no command queuing over the taskfile)"),
                deviceModelMicros: deviceModelMicros, copiesData: false)
        case .ahci:
            return EmulatedDeviceProfile(
                name: "emulated AHCI SATA (command list + PxCI doorbell)", controller: rawValue,
                trapsPerSubmit: Cited(2, "Linux drivers/ata/libahci.c ahci_qc_issue: PxSACT write (NCQ) + PxCI doorbell write; the command header, FIS and PRDT are plain memory writes (AHCI 1.3 §4-5)"),
                trapsPerCompletion: Cited(0, "completion status is read from the received-FIS area and PxSACT in one pass per interrupt"),
                trapsPerInterrupt: Cited(5, "Linux drivers/ata/libahci.c: ahci_single_level_irq_intr HOST_IRQ_STAT read + write-to-clear, ahci_port_intr PxIS read + write-to-clear, ahci_handle_port_interrupt PxSACT read"),
                maxOutstanding: Cited(32, "AHCI 1.3: 32 command slots per port (NCQ depth 32)"),
                deviceModelMicros: deviceModelMicros, copiesData: false)
        case .lsiLogic:
            return EmulatedDeviceProfile(
                name: "emulated LSI Logic Fusion-MPT SCSI (request/reply FIFOs)", controller: rawValue,
                trapsPerSubmit: Cited(1, "Linux drivers/message/fusion/mptbase.c mpt_put_msg_frame: one RequestFifo write of the message frame address; the SCSI IO request itself is a memory message frame"),
                trapsPerCompletion: Cited(1, "Linux drivers/message/fusion/mptbase.c mpt_interrupt: one ReplyFifo read returns each completed request's context (turbo reply)"),
                trapsPerInterrupt: Cited(1, "mpt_interrupt drains the reply FIFO until it reads 0xFFFFFFFF: one terminating read per interrupt"),
                maxOutstanding: Cited(128, "assumption: the IOC advertises ~128 request credits (IOCFacts GlobalCredits) that mptbase sizes its request pool by; not limiting at the depths studied"),
                deviceModelMicros: deviceModelMicros, copiesData: false)
        }
    }
}

/// Emulated network controllers, with the trap count of their register protocol.
public enum EmulatedNetworkController: String, CaseIterable, Sendable {
    /// Intel 82540EM (e1000): descriptor rings in memory, TDT/RDT tail registers, ICR/IMS/IMC.
    case e1000
    /// AMD Lance / PCnet (vlance): RAP/RDP indirect CSR access, the 2001-era VMware NIC.
    case lance

    /// Scenario names accepted for `fullNetworkDevice`.
    public static var names: [String] { allCases.map(\.rawValue) }

    /// The controller's protocol, with the platform's device-model cost per packet.
    public func profile(deviceModelMicros: Cited) -> EmulatedDeviceProfile {
        switch self {
        case .e1000:
            return EmulatedDeviceProfile(
                name: "emulated Intel e1000 (82540EM)", controller: rawValue,
                trapsPerSubmit: Cited(1, "Linux drivers/net/ethernet/intel/e1000/e1000_main.c e1000_xmit_frame: one TDT tail write per transmitted packet; descriptors are memory writes"),
                trapsPerCompletion: Cited(0, "transmit and receive completions are read from descriptors in memory"),
                trapsPerInterrupt: Cited(6, "e1000_main.c: e1000_intr ICR read, IMC write + flush (STATUS read); e1000_irq_enable IMS write + flush (STATUS read) after the NAPI poll; e1000_alloc_rx_buffers one RDT write per refill"),
                maxOutstanding: Cited(256, "e1000 default ring of 256 descriptors"),
                deviceModelMicros: deviceModelMicros, copiesData: true,
                segmentationOffload: true)   // 8254x TCP segmentation context descriptors; QEMU hw/net/e1000.c segments them
        case .lance:
            return EmulatedDeviceProfile(
                name: "emulated AMD Lance (vlance)", controller: rawValue,
                trapsPerSubmit: Cited(12, "Sugerman et al., USENIX ATC 2001: ~12 trapping I/O-port accesses per transmitted packet"),
                trapsPerCompletion: Cited(0, "counted per interrupt"),
                trapsPerInterrupt: Cited(4, "assumption: the Lance interrupt handler writes RAP and reads/acknowledges CSR0 through RDP (~4 accesses)"),
                maxOutstanding: Cited(16, "assumption: pcnet32 default ring of 16 transmit descriptors"),
                deviceModelMicros: deviceModelMicros, copiesData: true)
        }
    }
}
