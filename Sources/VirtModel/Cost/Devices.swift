/// A block storage device as the request-level model sees it: positioning time (seek +
/// rotation for a disk, flash access for an SSD), a shared transfer bandwidth, and how many
/// requests it works on at once.
///
/// Service time of one request = positioning (uniform in mean × [1 − spread, 1 + spread])
/// + bytes / bandwidth (the transfer stage is shared by all in-flight requests).
public struct StorageDeviceProfile: Sendable {
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
public struct NICProfile: Sendable {
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

    public init(name: String, bandwidthGbps: Cited, oneWayLatencyMicros: Cited,
                transmitPacketMicros: Cited, receivePacketMicros: Cited, headerBytes: Cited,
                hostForwardingFraction: Cited) {
        self.hostForwardingFraction = hostForwardingFraction
        self.name = name
        self.bandwidthGbps = bandwidthGbps
        self.oneWayLatencyMicros = oneWayLatencyMicros
        self.transmitPacketMicros = transmitPacketMicros
        self.receivePacketMicros = receivePacketMicros
        self.headerBytes = headerBytes
    }
}

/// An emulated device as a full-virtualization guest sees it: how many register accesses
/// trap per request and how much work the device model does.
public struct EmulatedDeviceProfile: Sendable {
    /// Device being emulated, e.g. "AMD Lance (vlance)", "IDE/ATA with bus-master DMA".
    public var name: String
    /// Trapping register (port / MMIO) accesses by the guest driver to submit one request.
    public var trapsPerSubmit: Cited
    /// Trapping register accesses by the guest's interrupt handler per completion.
    public var trapsPerCompletion: Cited
    /// Device-model CPU per request beyond the traps and the host's own I/O stack, µs
    /// (decode descriptors, update emulated registers, schedule the host I/O).
    public var deviceModelMicros: Cited
    /// True when the device model copies the data (NIC frames to a tap/vmnet buffer);
    /// false when the host I/O reads/writes guest memory directly (disk DMA emulation).
    public var copiesData: Bool

    public init(name: String, trapsPerSubmit: Cited, trapsPerCompletion: Cited,
                deviceModelMicros: Cited, copiesData: Bool) {
        self.name = name
        self.trapsPerSubmit = trapsPerSubmit
        self.trapsPerCompletion = trapsPerCompletion
        self.deviceModelMicros = deviceModelMicros
        self.copiesData = copiesData
    }
}
