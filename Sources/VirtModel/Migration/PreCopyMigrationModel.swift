/// Iterative pre-copy live migration (Clark et al., "Live Migration of Virtual Machines", NSDI 2005,
/// §3–§5; docs/published-figures.md, live migration).
///
/// Round 1 sends all memory at the minimum rate. Each later round sends the pages dirtied during the
/// previous round, at the adaptive rate "previous round's dirtying rate + 50 Mb/s" (Clark §5.1), never
/// below the minimum. Pre-copy stops when that rate would exceed the maximum pre-copy rate, when
/// fewer than `stopThresholdMB` remain dirty, after `maxRounds` rounds, or once more than
/// `maxDataFactor` × memory has been sent (Xen's `xc_domain_save` limits). The guest is then paused and
/// the rest is sent at `stopAndCopyRateMbps` (default: the full link); downtime = the suspend
/// handshake (`suspendSeconds`) + that copy (together: the *final copy* phase Clark et al. report)
/// + the resume on the target (the guest's own `MigrationRequest.resumeSeconds`, else the model's
/// `resumeSeconds`).
///
/// Dirtying follows `MigrationRequest.dirtiedMB(during:)`: rate × time, saturating at the writable
/// working set. Note that with the adaptive rate the total time is not monotonic in the dirty rate:
/// faster dirtying raises the next round's rate, which can end pre-copy sooner; at a fixed rate
/// (minimum = maximum) time and data only grow with dirtying. The guest keeps its whole CPU on the source and the target reserves all of it
/// (`sourceCpuShare` = `targetReservationShare` = 1 by default: the copy work runs in the control
/// domain and the target must be able to run the guest when it arrives).
public struct PreCopyMigrationModel: MigrationModel {
    public static let registryName = MigrationModelKind.preCopy.registryName
    public var name: String { Self.registryName }

    /// Rate of the first round (Mb/s). Clark et al. §5.1 give 100 Mb/s as the example minimum.
    public var minimumRateMbps: Double
    /// Upper bound of the adaptive pre-copy rate (Mb/s); nil = the link bandwidth.
    public var maximumRateMbps: Double?
    /// Added to the previous round's dirtying rate (Clark et al. §5.1: 50 Mb/s, found empirically).
    public var rateIncrementMbps: Double
    /// Stop pre-copy when less than this remains dirty (Clark et al. §5.1: 256 KB).
    public var stopThresholdMB: Double
    /// Xen `xc_domain_save` DEF_MAX_ITERS = 29 pre-copy iterations.
    public var maxRounds: Int
    /// Xen `xc_domain_save` DEF_MAX_FACTOR = 3: stop once 3 × memory has been sent.
    public var maxDataFactor: Double
    /// Rate of the final stop-and-copy (Mb/s); nil = the link bandwidth.
    public var stopAndCopyRateMbps: Double?
    /// Time from the suspend request until the source sees the guest suspended (s); the guest is
    /// already paused for it. Default 0. Xen 2.0's `xc_linux_save` (`suspend_and_state`) sends the
    /// request through the control daemon and then polls the domain's state, sleeping 10 ms between
    /// polls; the first poll follows the asynchronous request at once, so the source cannot see the
    /// suspension in less than one poll period: `xen2005` uses that 10 ms floor. How long the guest
    /// itself takes to quiesce its devices is not modelled (no source could be read).
    public var suspendSeconds: Double
    /// Fixed time to resume the guest on the target after the last copy (s), used for guests that
    /// do not carry their own measured `MigrationRequest.resumeSeconds`. Default 0.
    public var resumeSeconds: Double
    public var sourceCpuShare: Double
    public var targetReservationShare: Double

    public init(minimumRateMbps: Double = 100, maximumRateMbps: Double? = nil, rateIncrementMbps: Double = 50,
                stopThresholdMB: Double = 0.262144, maxRounds: Int = 29, maxDataFactor: Double = 3,
                stopAndCopyRateMbps: Double? = nil, suspendSeconds: Double = 0, resumeSeconds: Double = 0,
                sourceCpuShare: Double = 1, targetReservationShare: Double = 1) {
        self.minimumRateMbps = minimumRateMbps
        self.maximumRateMbps = maximumRateMbps
        self.rateIncrementMbps = rateIncrementMbps
        self.stopThresholdMB = stopThresholdMB
        self.maxRounds = maxRounds
        self.maxDataFactor = maxDataFactor
        self.stopAndCopyRateMbps = stopAndCopyRateMbps
        self.suspendSeconds = suspendSeconds
        self.resumeSeconds = resumeSeconds
        self.sourceCpuShare = sourceCpuShare
        self.targetReservationShare = targetReservationShare
    }

    public func plan(_ request: MigrationRequest) -> MigrationPlan {
        let link = request.linkBandwidthMbps
        let maxRate = min(maximumRateMbps ?? link, link)
        let finalRate = min(stopAndCopyRateMbps ?? link, link)
        var rounds: [MigrationRound] = []
        var toSend = request.memoryMB
        var rate = min(minimumRateMbps, maxRate)
        var sent = 0.0
        var elapsed = 0.0
        var reason = ""
        while true {
            // One live round: send what is dirty at the current rate while the guest keeps writing.
            let seconds = toSend * 8 / rate
            let dirtied = request.dirtiedMB(during: seconds)
            rounds.append(MigrationRound(sentMB: toSend, rateMbps: rate, seconds: seconds, dirtiedMB: dirtied, stopAndCopy: false))
            sent += toSend
            elapsed += seconds
            toSend = dirtied
            let nextRate = max(minimumRateMbps, (seconds > 0 ? dirtied * 8 / seconds : 0) + rateIncrementMbps)
            if toSend < stopThresholdMB { reason = "dirty memory below the stop threshold"; break }
            if nextRate > maxRate { reason = "dirtying outpaces the maximum pre-copy rate"; break }
            if rounds.count >= maxRounds { reason = "round limit reached"; break }
            if sent + toSend > maxDataFactor * request.memoryMB { reason = "data limit (\(maxDataFactor) × memory) reached"; break }
            rate = nextRate
        }
        // Stop-and-copy: the guest is paused, nothing more gets dirty.
        let copySeconds = toSend * 8 / finalRate
        rounds.append(MigrationRound(sentMB: toSend, rateMbps: finalRate, seconds: copySeconds, dirtiedMB: 0, stopAndCopy: true))
        sent += toSend
        let resume = request.resumeSeconds ?? resumeSeconds
        let downtime = suspendSeconds + copySeconds + resume
        return MigrationPlan(totalSeconds: elapsed + downtime, downtimeSeconds: downtime, bytesSent: sent * 1e6,
                             rounds: rounds.count, sourceCpuShare: sourceCpuShare,
                             targetReservationShare: targetReservationShare, roundDetails: rounds, note: reason,
                             resumeSeconds: resume)
    }

    /// Xen 2.0 as Clark et al. ran it: first round at 100 Mb/s, rate grows by 50 Mb/s over the dirtying
    /// rate up to `MAX_MBIT_RATE` = 500 Mb/s, and a 10 ms suspend-poll floor (`xc_linux_save.c` of
    /// Xen 2.0: `MAX_MBIT_RATE`, `max_iters` = 29, `max_factor` = 3, `usleep(10000)` in
    /// `suspend_and_state`; the 100 Mb/s start is Clark et al. §5.1's example).
    public static let xen2005 = PreCopyMigrationModel(minimumRateMbps: 100, maximumRateMbps: 500, rateIncrementMbps: 50,
                                                      suspendSeconds: 0.010)

    /// Naive stop-and-copy of the whole memory at `rateMbps` (Clark et al.'s baseline: 512 MB takes
    /// 32 / 16 / 8 s at 128 / 256 / 512 Mb/s).
    public static func stopAndCopySeconds(memoryMB: Double, rateMbps: Double) -> Double {
        memoryMB * 8 / rateMbps
    }
}
