/// What a hosted VMM's disk path does to the virtual CPU (VMware Workstation-style: the VMM
/// cannot reach the real device, so each device access world-switches to the host, where the
/// VMM's user-level process issues an ordinary system call; Sugerman et al., USENIX ATC 2001 §2:
/// "an attempt by the guest to fetch sectors from its disk will become a read() issued to the
/// host").
///
/// A blocking system call in the host keeps the host world busy until it returns, and the VMM
/// world cannot run meanwhile: the virtual CPU is *stalled* for the device access. That is
/// latency *and* lost guest time (the guest cannot run its other threads), but no CPU: the host
/// core is idle or runs other work. The two fractions say how many of a hosted VM's disk
/// reads and writes block that way; the rest return once the host has the data (a buffered
/// write copied into the host's page cache, a read the host's cache holds).
///
/// Every profile that is not hosted has both at 0 (`notHosted`); they only apply to the
/// `hosted` path (`HostedPath`), which the `emulated` path becomes on a hosted-VMM profile.
public struct HostedIOInputs: Sendable, Hashable {
    /// Fraction of a hosted VM's disk reads that stall its virtual CPU for the device access, [0, 1].
    public var synchronousReadFraction: Cited
    /// Fraction of a hosted VM's disk writes that stall its virtual CPU for the device access, [0, 1].
    public var synchronousWriteFraction: Cited

    public init(synchronousReadFraction: Cited, synchronousWriteFraction: Cited) {
        self.synchronousReadFraction = synchronousReadFraction
        self.synchronousWriteFraction = synchronousWriteFraction
    }

    /// Fraction of `direction`'s disk requests that stall the virtual CPU. O(1).
    public func synchronousFraction(_ direction: IODirection) -> Double {
        direction == .read ? synchronousReadFraction.value : synchronousWriteFraction.value
    }

    /// No stall (a profile without a hosted VMM, or a hosted path that is asynchronous).
    public static let notHosted = HostedIOInputs(
        synchronousReadFraction: Cited(0, "not used: no hosted VMM on this profile"),
        synchronousWriteFraction: Cited(0, "not used: no hosted VMM on this profile"))

    /// Plain Unix file semantics for a VMM process that keeps its virtual disk in a host file:
    /// read() of data the host does not cache blocks until the disk delivers it; write() without
    /// O_SYNC returns once the data is copied into the host's page cache.
    public static let unixFileSemantics = HostedIOInputs(
        synchronousReadFraction: Cited(1, "Sugerman et al., USENIX ATC 2001 §2: a guest's disk read becomes a read() issued to the host, and read() of uncached data blocks its caller (POSIX); the VMM world runs only when the VMM's host process returns to it. Assumption: the host's page cache holds none of what the guest reads (the guest caches what it read itself, so what it asks again missed its own, larger cache); no measurement of the host-cache hit rate at hand, so the hosted-disk lab sweeps it"),
        synchronousWriteFraction: Cited(0, "assumption: write() on a host file opened without O_SYNC returns once the data is copied into the host's page cache (POSIX/Linux semantics); whether VMware Workstation opened its disk files synchronously is not documented in the sources at hand, so the hosted-disk lab sweeps 0-1"))
}

extension StorageDeviceProfile {
    /// Mean positioning time of a request, µs: sequential, or random by direction. O(1).
    @inlinable public func positioningMicros(_ direction: IODirection, sequential: Bool) -> Double {
        sequential ? sequentialPositioningMicros.value
            : (direction == .read ? randomReadPositioningMicros.value : randomWritePositioningMicros.value)
    }

    /// Mean device time of one request of `bytes` served alone (positioning + transfer), µs. O(1).
    @inlinable public func serviceMicros(_ direction: IODirection, bytes: Double, sequential: Bool) -> Double {
        positioningMicros(direction, sequential: sequential) + bytes / bandwidthMBps.value
    }
}
