/// The range of one numeric key of a scenario file: integer or number, a lower and an upper
/// bound, and a unit. Readers check values with it (`ObjectReader.number(_:)`), so the message
/// a user sees and the range `virtsim schema` publishes come from the same entry.
public struct KeyRange: Sendable, Hashable {
    public enum Kind: String, Sendable { case integer, number }

    /// Where the key lives, as a JSON path with `[]` for "every element of the array", e.g.
    /// `$.consolidation.fleet.components[].amplitude`; `$.io.sweep.queueDepth[]` names the
    /// elements of an array of numbers.
    public let path: String
    public let kind: Kind
    public let minimum: Double
    /// The lower bound itself is excluded (`(0, …]`).
    public let exclusiveMinimum: Bool
    /// Inclusive upper bound.
    public let maximum: Double
    /// Unit for messages ("hours", "MB"); empty when the value has none.
    public let unit: String
    /// Why the bounds are what they are (shown by `virtsim schema`).
    public let note: String

    init(_ path: String, _ kind: Kind, _ minimum: Double, exclusiveMinimum: Bool = false, _ maximum: Double,
         unit: String = "", note: String = "") {
        self.path = path
        self.kind = kind
        self.minimum = minimum
        self.exclusiveMinimum = exclusiveMinimum
        self.maximum = maximum
        self.unit = unit
        self.note = note
    }

    /// The key's name in its object: the last step of `path` (without `[]`).
    public var key: String {
        let last = path[path.index(after: path.lastIndex(of: ".")!)...]
        return String(last.hasSuffix("[]") ? last.dropLast(2) : last)
    }

    /// "an integer in [1, 1024] (cores)", "a number in (0, 8760] (hours)".
    public var expectation: String {
        let lo = exclusiveMinimum ? "(" : "["
        var s = "\(kind == .integer ? "an integer" : "a number") in \(lo)\(formatBound(minimum)), \(formatBound(maximum))]"
        if !unit.isEmpty { s += " (\(unit))" }
        return s
    }

    /// Whether `x` lies in the range (and is whole, for an integer key).
    public func contains(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        if kind == .integer && x.rounded() != x { return false }
        if exclusiveMinimum ? !(x > minimum) : !(x >= minimum) { return false }
        return x <= maximum
    }

    /// The value of `v` when it is a number in range; otherwise nil, with one diagnostic at `path`
    /// naming the value found and the range expected.
    /// `recorded`: the caller already told the log's recorder (an `ObjectReader` does).
    public func check(_ v: JSONValue, path: String, log: DiagnosticLog, recorded: Bool = false) -> Double? {
        if !recorded { log.recorder?.access(path, .number(self)) }
        guard case .number(let x, _) = v else {
            log.add(path, "expected \(expectation), found \(v.brief)")
            return nil
        }
        guard contains(x) else {
            log.add(path, "found \(v.brief); expected \(expectation)")
            return nil
        }
        return x
    }
}

/// Renders a bound the way a user would type it: `8760`, `0.1`, `1e+07` stays `10000000`.
func formatBound(_ x: Double) -> String {
    if x.rounded() == x && abs(x) < 1e16 { return String(Int64(x)) }
    return String(x)
}

/// Every numeric key of every study, with its range: the one place where ranges are stated.
/// Readers validate with these entries, and `virtsim schema` publishes them.
///
/// Bounds are chosen so that every accepted value runs: upper bounds keep products (time ×
/// rate, cores × MIPS, horizon ÷ interval) finite and representable, lower bounds keep divisors
/// away from zero. Sizes that multiply into work and memory (servers × horizon ÷ sample, …) are
/// bounded further, jointly, by `ResourceEstimate` and its documented limits.
public enum ScenarioKeys {
    // MARK: Top level
    /// Largest integer a double holds exactly (2^53 − 1): seeds are written as JSON numbers.
    public static let seed = KeyRange("$.seed", .integer, 0, 9_007_199_254_740_991, note: "2^53 − 1, the largest integer JSON numbers carry exactly")

    // MARK: Consolidation
    public static let horizonHours = KeyRange("$.consolidation.horizonHours", .number, 0, exclusiveMinimum: true, 8760, unit: "hours", note: "one year")
    public static let sampleMinutes = KeyRange("$.consolidation.sampleMinutes", .number, 0.1, 1440, unit: "minutes", note: "6 s to one day")
    public static let consolidationMinutes = KeyRange("$.consolidation.consolidationMinutes", .number, 0.1, 1440, unit: "minutes", note: "6 s to one day")
    public static let reportMinutes = KeyRange("$.consolidation.reportMinutes", .number, 0.1, 525_600, unit: "minutes", note: "6 s to one year")
    public static let hostCores = KeyRange("$.consolidation.hostType.cores", .integer, 1, 1024, unit: "cores")
    public static let mipsPerCore = KeyRange("$.consolidation.hostType.mipsPerCore", .number, 1, 1_000_000, unit: "MIPS")
    public static let hostRamMB = KeyRange("$.consolidation.hostType.ramMB", .number, 1, 100_000_000, unit: "MB", note: "100 TB")
    public static let bandwidthMbps = KeyRange("$.consolidation.hostType.bandwidthMbps", .number, 1, 10_000_000, unit: "Mb/s", note: "10 Tb/s")
    /// Memory over-commit: a host admits guests whose reserved memory sums to at most ramMB × this
    /// ratio (1: memory is a hard constraint). Typical: OpenStack Nova's documented default RAM
    /// allocation ratio, 1.5 (nova.conf [DEFAULT] initial_ram_allocation_ratio, Stein and later;
    /// ram_allocation_ratio before).
    public static let hostMemoryOvercommit = KeyRange("$.consolidation.hostType.memoryOvercommit", .number, 1, 16, unit: "× ramMB",
                                                      note: "absent: 1, memory a hard constraint")
    public static let hostClockGHz = KeyRange("$.consolidation.hostType.clockGHz", .number, 0.001, 1000, unit: "GHz",
                                              note: "instead of mipsPerCore: MIPS per core = clock in MHz, CloudSim's convention")
    // Host pools: `hosts[].type` has the keys of `hostType`.
    public static let poolCount = KeyRange("$.consolidation.hosts[].count", .integer, 1, 100_000, unit: "hosts", note: "absent: an elastic pool")
    public static let poolCores = hostCores.rebased("$.consolidation.hostType", "$.consolidation.hosts[].type")
    public static let poolMipsPerCore = mipsPerCore.rebased("$.consolidation.hostType", "$.consolidation.hosts[].type")
    public static let poolClockGHz = hostClockGHz.rebased("$.consolidation.hostType", "$.consolidation.hosts[].type")
    public static let poolRamMB = hostRamMB.rebased("$.consolidation.hostType", "$.consolidation.hosts[].type")
    public static let poolBandwidthMbps = bandwidthMbps.rebased("$.consolidation.hostType", "$.consolidation.hosts[].type")
    public static let poolMemoryOvercommit = hostMemoryOvercommit.rebased("$.consolidation.hostType", "$.consolidation.hosts[].type")
    // Sized guests: `guests[].workload` has the demand keys of `fleet`.
    public static let guestCount = KeyRange("$.consolidation.guests[].count", .integer, 1, 1_000_000, unit: "guests", note: "also bounded by the work and memory limits")
    public static let guestVcpus = KeyRange("$.consolidation.guests[].vcpus", .integer, 1, 1024, unit: "vCPUs")
    public static let guestMemoryMB = KeyRange("$.consolidation.guests[].memoryMB", .number, 0, exclusiveMinimum: true, 100_000_000, unit: "MB")
    // Trace guests: one per trace file, typed by `traceGuests.assign`.
    public static let traceGuestVcpus = KeyRange("$.consolidation.traceGuests.types[].vcpus", .integer, 1, 1024, unit: "vCPUs")
    public static let traceGuestVcpuMips = KeyRange("$.consolidation.traceGuests.types[].vcpuMips", .number, 1, 1_000_000, unit: "MIPS",
                                                    note: "per vCPU; the trace's percentages are of this")
    public static let traceGuestMemoryMB = KeyRange("$.consolidation.traceGuests.types[].memoryMB", .number, 0, exclusiveMinimum: true, 100_000_000, unit: "MB")
    public static let guestVcpuMips = KeyRange("$.consolidation.guests[].vcpuMips", .number, 1, 1_000_000, unit: "MIPS", note: "absent: the first host pool's MIPS per core")
    public static let servers = KeyRange("$.consolidation.fleet.servers", .integer, 1, 1_000_000, unit: "workloads", note: "also bounded by the work and memory limits")
    public static let meanUtilizationValue = KeyRange("$.consolidation.fleet.meanUtilization.cdf[][0]", .number, 0, 1, unit: "fraction of one server")
    public static let meanUtilizationProbability = KeyRange("$.consolidation.fleet.meanUtilization.cdf[][1]", .number, 0, 1, unit: "cumulative probability")
    public static let appMemoryValue = KeyRange("$.consolidation.fleet.appMemoryMB.cdf[][0]", .number, 0, 100_000_000, unit: "MB")
    public static let appMemoryProbability = KeyRange("$.consolidation.fleet.appMemoryMB.cdf[][1]", .number, 0, 1, unit: "cumulative probability")
    public static let diurnalAmplitude = KeyRange("$.consolidation.fleet.components[].amplitude", .number, 0, 0.999, note: "below 1 so demand stays positive")
    public static let diurnalPeakHour = KeyRange("$.consolidation.fleet.components[].peakHour", .number, 0, 24, unit: "hour of day")
    public static let burstRatePerHour = KeyRange("$.consolidation.fleet.components[].ratePerHour", .number, 0.000_001, 3600, unit: "bursts per hour")
    public static let burstMeanMinutes = KeyRange("$.consolidation.fleet.components[].meanMinutes", .number, 0.01, 10_080, unit: "minutes", note: "up to one week")
    public static let burstMultiplier = KeyRange("$.consolidation.fleet.components[].multiplier", .number, 0.01, 100, unit: "× demand")
    public static let heavyTailAlpha = KeyRange("$.consolidation.fleet.components[].alpha", .number, 1, exclusiveMinimum: true, 100, note: "Pareto shape; above 1 so the mean exists")
    public static let fleetDirtyRateMBps = KeyRange("$.consolidation.fleet.memoryWrites.dirtyRateMBps", .number, 0, 1_000_000, unit: "MB/s")
    public static let fleetTenantCount = KeyRange("$.consolidation.fleet.tenants.count", .integer, 1, 1_000_000, unit: "tenants")
    public static let fleetTenantZipfExponent = KeyRange("$.consolidation.fleet.tenants.zipfExponent", .number, 0, 10, note: "0: every tenant equally likely")
    public static let fleetWritableFraction = KeyRange("$.consolidation.fleet.memoryWrites.writableWorkingSetFraction", .number, 0, 1, unit: "fraction of guest memory")
    /// The demand keys of `fleet` as they appear under `guests[].workload`.
    public static let guestWorkload = WorkloadKeys.fleet.rebased("$.consolidation.fleet", "$.consolidation.guests[].workload")
    public static let overloadParameter = KeyRange("$.consolidation.policies.overloadParameter", .number, 0, exclusiveMinimum: true, 10,
                                                   note: "thr and thr-sustained: a utilization threshold, at most 1; iqr, mad, lr, lrr: a safety parameter")
    public static let overloadWindow = KeyRange("$.consolidation.policies.overloadWindow", .integer, 1, 288, unit: "measurements", note: "one day of 5-minute samples")
    public static let underloadThreshold = KeyRange("$.consolidation.policies.underloadThreshold", .number, 0, exclusiveMinimum: true, 1, unit: "host utilization")

    // MARK: I/O
    public static let ioBlockSizeBytes = KeyRange("$.io.blockSizeBytes", .number, 512, 67_108_864, unit: "bytes", note: "512 B to 64 MiB")
    public static let ioReadFraction = KeyRange("$.io.readFraction", .number, 0, 1)
    public static let ioArrivalRate = KeyRange("$.io.arrivalRate", .number, 0, 10_000_000, unit: "requests/s", note: "0 selects the closed loop")
    public static let ioComputeMicros = KeyRange("$.io.computeMicrosPerRequest", .number, 0, 10_000_000, unit: "µs", note: "up to 10 s")
    public static let ioMtuBytes = KeyRange("$.io.mtuBytes", .number, 52, exclusiveMinimum: true, 65_536, unit: "bytes", note: "above the 52 bytes of IP/TCP headers")
    public static let ioSocketBufferBytes = KeyRange("$.io.socketBufferBytes", .number, 1, 1_073_741_824, unit: "bytes")
    public static let ioRequestBytes = KeyRange("$.io.requestBytes", .number, 1, 67_108_864, unit: "bytes")
    public static let ioResponseBytes = KeyRange("$.io.responseBytes", .number, 1, 67_108_864, unit: "bytes")
    public static let ioRequestsPerNotification = KeyRange("$.io.requestsPerNotification", .number, 1, 1024, unit: "requests")
    public static let ioWarmupSeconds = KeyRange("$.io.warmupSeconds", .number, 0, 3600, unit: "s")
    public static let ioDurationSeconds = KeyRange("$.io.durationSeconds", .number, 0, exclusiveMinimum: true, 3600, unit: "s")
    public static let ioQueueDepth = KeyRange("$.io.queueDepth", .integer, 1, 65_536, unit: "requests in flight")
    public static let ioGuestCPUs = KeyRange("$.io.guestCPUs", .integer, 1, 256, unit: "vCPUs")
    public static let ioHostCores = KeyRange("$.io.hostCores", .integer, 1, 256, unit: "cores")
    public static let ioGuests = KeyRange("$.io.guests", .integer, 1, 64, unit: "guests")
    public static let ioGuestLoadQueueDepth = KeyRange("$.io.guestLoads[].queueDepth", .integer, 1, 65_536, unit: "requests in flight")
    public static let ioGuestLoadComputeMicros = KeyRange("$.io.guestLoads[].computeMicrosPerRequest", .number, 0, 10_000_000, unit: "µs")
    public static let ioBackendPoolThreads = KeyRange("$.io.backends[].pools[].threads", .integer, 1, 4096, unit: "threads")
    public static let ioBackendPoolCPUMicros = KeyRange("$.io.backends[].pools[].cpuMicrosPerRequest", .number, 0, 1_000_000, unit: "µs")
    public static let ioBackendPoolWakeupMicros = KeyRange("$.io.backends[].pools[].wakeupMicros", .number, 0, 1_000_000, unit: "µs")
    public static let ioBackendPoolPollMicros = KeyRange("$.io.backends[].pools[].pollMicros", .number, 0, 1_000_000, unit: "µs")
    /// `$.io.inputs.<name>`: one range for every `HardwareProfile.adjustableInputs` name.
    public static let ioInput = KeyRange("$.io.inputs.*", .number, 0, 1_000_000, unit: "µs",
                                         note: "the hosted synchronous fractions are narrowed to [0, 1] by IOExperimentSpec.validate")
    /// `$.io.operations.<name>`: one range for every `OperationProfile.adjustableRates` name
    /// (fractions, sizes and the batch are narrowed by `IOExperimentSpec.validate`).
    public static let ioOperation = KeyRange("$.io.operations.*", .number, 0, 67_108_864, unit: "per CPU-second, bytes or fraction")
    public static let ioSweepBlockSize = KeyRange("$.io.sweep.blockSizeBytes[]", .number, 512, 67_108_864, unit: "bytes")
    public static let ioSweepQueueDepth = KeyRange("$.io.sweep.queueDepth[]", .integer, 1, 65_536, unit: "requests in flight")
    public static let ioSweepArrivalRate = KeyRange("$.io.sweep.arrivalRate[]", .number, 0, exclusiveMinimum: true, 10_000_000, unit: "requests/s")

    // MARK: Migration
    public static let migLinkBandwidthMbps = KeyRange("$.migration.linkBandwidthMbps", .number, 1, 10_000_000, unit: "Mb/s")
    public static let migMinimumRateMbps = KeyRange("$.migration.minimumRateMbps", .number, 1, 10_000_000, unit: "Mb/s")
    public static let migMaximumRateMbps = KeyRange("$.migration.maximumRateMbps", .number, 1, 10_000_000, unit: "Mb/s")
    public static let migRateIncrementMbps = KeyRange("$.migration.rateIncrementMbps", .number, 0, 10_000_000, unit: "Mb/s")
    public static let migStopThresholdMB = KeyRange("$.migration.stopThresholdMB", .number, 0, 100_000_000, unit: "MB")
    public static let migMaxRounds = KeyRange("$.migration.maxRounds", .integer, 1, 1000, unit: "rounds", note: "Xen 2.0 stops at 29")
    public static let migMaxDataFactor = KeyRange("$.migration.maxDataFactor", .number, 0, exclusiveMinimum: true, 1000, unit: "× memory", note: "Xen 2.0 stops at 3")
    public static let migStopAndCopyRateMbps = KeyRange("$.migration.stopAndCopyRateMbps", .number, 1, 10_000_000, unit: "Mb/s")
    public static let migSuspendSeconds = KeyRange("$.migration.suspendSeconds", .number, 0, 3600, unit: "s")
    public static let migResumeSeconds = KeyRange("$.migration.resumeSeconds", .number, 0, 3600, unit: "s")
    public static let migShutdownSeconds = KeyRange("$.migration.shutdownSeconds", .number, 0, 86_400, unit: "s")
    public static let migBootSeconds = KeyRange("$.migration.bootSeconds", .number, 0, 86_400, unit: "s")
    public static let migGuestMemoryMB = KeyRange("$.migration.guests[].memoryMB", .number, 0, exclusiveMinimum: true, 100_000_000, unit: "MB")
    public static let migGuestDirtyRateMBps = KeyRange("$.migration.guests[].dirtyRateMBps", .number, 0, 1_000_000, unit: "MB/s")
    public static let migGuestWritableMB = KeyRange("$.migration.guests[].writableWorkingSetMB", .number, 0, 100_000_000, unit: "MB")
    public static let migGuestBackgroundMBps = KeyRange("$.migration.guests[].backgroundDirtyRateMBps", .number, 0, 1_000_000, unit: "MB/s")
    public static let migGuestImageMB = KeyRange("$.migration.guests[].imageMB", .number, 0, 1_000_000_000, unit: "MB")
    public static let migGuestResumeSeconds = KeyRange("$.migration.guests[].resumeSeconds", .number, 0, 3600, unit: "s")

    // MARK: Serverless
    public static let slHosts = KeyRange("$.serverless.hosts", .integer, 1, 100_000, unit: "hosts")
    public static let slHostMemoryMB = KeyRange("$.serverless.hostMemoryMB", .number, 0, exclusiveMinimum: true, 100_000_000, unit: "MB")
    public static let slHostDiskMBps = KeyRange("$.serverless.hostDiskMBps", .number, 0, exclusiveMinimum: true, 1_000_000, unit: "MB/s")
    public static let slImageLinkMbps = KeyRange("$.serverless.imageLinkMbps", .number, 0, exclusiveMinimum: true, 10_000_000, unit: "Mb/s")
    public static let slHorizonHours = KeyRange("$.serverless.horizonHours", .number, 0, exclusiveMinimum: true, 8760, unit: "hours")
    public static let slKeepAliveMinutes = KeyRange("$.serverless.keepAliveMinutes", .number, 0, 10_080, unit: "minutes", note: "up to a week")
    public static let slApplicationReadFraction = KeyRange("$.serverless.applicationReadFraction", .number, 0, 1)
    public static let slFunctionCount = KeyRange("$.serverless.functions[].count", .integer, 1, 100_000, unit: "functions")
    public static let slExecutionMs = KeyRange("$.serverless.functions[].executionMs", .number, 0, 86_400_000, unit: "ms")
    public static let slFunctionMemoryMB = KeyRange("$.serverless.functions[].memoryMB", .number, 0, exclusiveMinimum: true, 100_000_000, unit: "MB")
    public static let slFunctionImageMB = KeyRange("$.serverless.functions[].imageMB", .number, 0, 1_000_000, unit: "MB")
    public static let slInitMs = KeyRange("$.serverless.functions[].initMs", .number, 0, 86_400_000, unit: "ms")
    public static let slRatePerMinute = KeyRange("$.serverless.functions[].arrival.ratePerMinute", .number, 0, exclusiveMinimum: true, 60_000, unit: "invocations per minute")
    public static let slOnSeconds = KeyRange("$.serverless.functions[].arrival.onSeconds", .number, 0, exclusiveMinimum: true, 31_536_000, unit: "s")
    public static let slOffSeconds = KeyRange("$.serverless.functions[].arrival.offSeconds", .number, 0, 31_536_000, unit: "s")
    public static let slBaseImageMB = KeyRange("$.serverless.kinds[].baseImageMB", .number, 0, 1_000_000, unit: "MB")
    public static let slBootReadMB = KeyRange("$.serverless.kinds[].bootReadMB", .number, 0, 1_000_000, unit: "MB")
    public static let slStartSeconds = KeyRange("$.serverless.kinds[].startSeconds", .number, 0, 86_400, unit: "s")
    public static let slMemoryOverheadMB = KeyRange("$.serverless.kinds[].memoryOverheadMB", .number, 0, 1_000_000, unit: "MB")
    public static let slKeepAliveCurve = KeyRange("$.serverless.keepAliveCurveMinutes[]", .number, 0, 10_080, unit: "minutes")
    public static let slStormSizes = KeyRange("$.serverless.storm.sizes[]", .integer, 1, 10_000, unit: "starts")

    // MARK: Time-sharing
    public static let tsCores = KeyRange("$.timesharing.cores", .integer, 1, 256, unit: "cores")
    public static let tsGuestsPerCore = KeyRange("$.timesharing.guestsPerCore", .integer, 1, 256, unit: "guests per core")
    public static let tsSliceMicros = KeyRange("$.timesharing.sliceMicros", .number, 1, 10_000_000, unit: "µs")
    public static let tsBurstMicros = KeyRange("$.timesharing.interactiveBurstMicros", .number, 0, exclusiveMinimum: true, 10_000_000, unit: "µs")
    public static let tsThinkMicros = KeyRange("$.timesharing.interactiveThinkMicros", .number, 1, 100_000_000, unit: "µs")
    public static let tsSwitchMicros = KeyRange("$.timesharing.switchMicros", .number, 0, 1_000_000, unit: "µs")
    public static let tsRefillMicros = KeyRange("$.timesharing.refillMicros", .number, 0, 1_000_000, unit: "µs")
    public static let tsDurationSeconds = KeyRange("$.timesharing.durationSeconds", .number, 0, exclusiveMinimum: true, 3600, unit: "s")
    public static let tsWarmupSeconds = KeyRange("$.timesharing.warmupSeconds", .number, 0, 3600, unit: "s")
    // MARK: Availability
    public static let avHorizonHours = KeyRange("$.availability.horizonHours", .number, 0, exclusiveMinimum: true, 87_600, unit: "hours", note: "ten years")
    public static let avDetectionSeconds = KeyRange("$.availability.detectionSeconds", .number, 0, 86_400, unit: "s")
    public static let avHostDiskMBps = KeyRange("$.availability.hostDiskMBps", .number, 0, exclusiveMinimum: true, 1_000_000, unit: "MB/s")
    public static let avTypeCores = KeyRange("$.availability.hostTypes[].cores", .integer, 1, 1024, unit: "cores")
    public static let avTypeRamMB = KeyRange("$.availability.hostTypes[].ramMB", .number, 1, 100_000_000, unit: "MB")
    public static let avTypeBandwidthMbps = KeyRange("$.availability.hostTypes[].bandwidthMbps", .number, 1, 10_000_000, unit: "Mb/s")
    public static let avHostMTBFHours = KeyRange("$.availability.hostTypes[].failures.mtbfHours", .number, 1, 100_000_000, unit: "hours",
                                                 note: "at least an hour, so failures stay countable")
    public static let avHostMTTRHours = KeyRange("$.availability.hostTypes[].failures.mttrHours", .number, 0, 87_600, unit: "hours")
    public static let avHostShape = KeyRange("$.availability.hostTypes[].failures.shape", .number, 0.1, 10, note: "Weibull shape; below 1 a decreasing hazard")
    public static let avHostTraceHost = KeyRange("$.availability.hostTypes[].failures.events[].host", .integer, 0, 100_000,
                                                 unit: "host of the type, from 0 in pool order")
    public static let avHostTraceAt = KeyRange("$.availability.hostTypes[].failures.events[].atHours", .number, 0, 87_600, unit: "hours")
    public static let avHostTraceRepair = KeyRange("$.availability.hostTypes[].failures.events[].repairHours", .number, 0, 87_600, unit: "hours")
    public static let avHostCount = KeyRange("$.availability.hosts[].count", .integer, 1, 10_000, unit: "hosts")
    public static let avDomainMTBFHours = KeyRange("$.availability.domainFailures[].mtbfHours", .number, 1, 100_000_000, unit: "hours")
    public static let avDomainMTTRHours = KeyRange("$.availability.domainFailures[].mttrHours", .number, 0, 87_600, unit: "hours")
    public static let avDomainShape = KeyRange("$.availability.domainFailures[].shape", .number, 0.1, 10)
    public static let avDomainTraceAt = KeyRange("$.availability.domainFailures[].events[].atHours", .number, 0, 87_600, unit: "hours")
    public static let avDomainTraceRepair = KeyRange("$.availability.domainFailures[].events[].repairHours", .number, 0, 87_600, unit: "hours")
    public static let avGuestCount = KeyRange("$.availability.guests[].count", .integer, 1, 100_000, unit: "guests")
    public static let avGuestVcpus = KeyRange("$.availability.guests[].vcpus", .integer, 1, 1024, unit: "vCPUs")
    public static let avGuestMemoryMB = KeyRange("$.availability.guests[].memoryMB", .number, 0, exclusiveMinimum: true, 100_000_000, unit: "MB")
    public static let avGuestUtilization = KeyRange("$.availability.guests[].utilization", .number, 0, 1, unit: "fraction of its vCPUs")
    public static let avGuestDirtyRateMBps = KeyRange("$.availability.guests[].memoryWrites.dirtyRateMBps", .number, 0, 1_000_000, unit: "MB/s")
    public static let avGuestWritableFraction = KeyRange("$.availability.guests[].memoryWrites.writableWorkingSetFraction", .number, 0, 1,
                                                         unit: "fraction of guest memory")
    public static let avKindBootReadMB = KeyRange("$.availability.kinds[].bootReadMB", .number, 0, 1_000_000, unit: "MB")
    public static let avKindStartSeconds = KeyRange("$.availability.kinds[].startSeconds", .number, 0, 86_400, unit: "s")
    public static let avKindMemoryOverheadMB = KeyRange("$.availability.kinds[].memoryOverheadMB", .number, 0, 1_000_000, unit: "MB")
    public static let avMaintenanceStartHours = KeyRange("$.availability.maintenance.startHours[]", .number, 0, 87_600, unit: "hours")
    public static let avMaintenanceServiceHours = KeyRange("$.availability.maintenance.serviceHours", .number, 0, 8760, unit: "hours")
    public static let avMaintenanceShutdownSeconds = KeyRange("$.availability.maintenance.shutdownSeconds", .number, 0, 86_400, unit: "s")
    public static let avVariantHostFailures = KeyRange("$.availability.variants[].hostFailures", .integer, 0, 10_000, unit: "hosts",
                                                       note: "also below the pool's host count")
    public static let avVariantCpuPercent = KeyRange("$.availability.variants[].cpuPercent", .number, 0, 99, unit: "percent of cluster CPU")
    public static let avVariantMemoryPercent = KeyRange("$.availability.variants[].memoryPercent", .number, 0, 99, unit: "percent of cluster memory")

    // MARK: Sweeps
    public static let sweepSeed = KeyRange("$.sweep.seeds[]", .integer, 0, 9_007_199_254_740_991)

    /// Every entry above, in file order (`virtsim schema` and the tests walk this list).
    public static let all: [KeyRange] = [
        seed,
        horizonHours, sampleMinutes, consolidationMinutes, reportMinutes, hostCores, mipsPerCore, hostRamMB, bandwidthMbps,
        hostClockGHz, hostMemoryOvercommit, poolCount, poolCores, poolMipsPerCore, poolClockGHz, poolRamMB, poolBandwidthMbps,
        poolMemoryOvercommit,
        guestCount, guestVcpus, guestMemoryMB, guestVcpuMips, traceGuestVcpus, traceGuestVcpuMips, traceGuestMemoryMB,
    ] + guestWorkload.all + [
        servers, meanUtilizationValue, meanUtilizationProbability, appMemoryValue, appMemoryProbability,
        diurnalAmplitude, diurnalPeakHour, burstRatePerHour, burstMeanMinutes, burstMultiplier, heavyTailAlpha,
        fleetDirtyRateMBps, fleetWritableFraction, fleetTenantCount, fleetTenantZipfExponent, overloadParameter, overloadWindow, underloadThreshold,
        ioBlockSizeBytes, ioReadFraction, ioArrivalRate, ioComputeMicros, ioMtuBytes, ioSocketBufferBytes, ioRequestBytes,
        ioResponseBytes, ioRequestsPerNotification, ioWarmupSeconds, ioDurationSeconds, ioQueueDepth, ioGuestCPUs, ioHostCores, ioGuests, ioGuestLoadQueueDepth, ioGuestLoadComputeMicros,
        ioBackendPoolThreads, ioBackendPoolCPUMicros, ioBackendPoolWakeupMicros, ioBackendPoolPollMicros, ioInput, ioOperation,
        ioSweepBlockSize, ioSweepQueueDepth, ioSweepArrivalRate,
        migLinkBandwidthMbps, migMinimumRateMbps, migMaximumRateMbps, migRateIncrementMbps, migStopThresholdMB, migMaxRounds,
        migMaxDataFactor, migStopAndCopyRateMbps, migSuspendSeconds, migResumeSeconds, migShutdownSeconds, migBootSeconds,
        migGuestMemoryMB, migGuestDirtyRateMBps, migGuestWritableMB, migGuestBackgroundMBps, migGuestImageMB, migGuestResumeSeconds,
        slHosts, slHostMemoryMB, slHostDiskMBps, slImageLinkMbps, slHorizonHours, slKeepAliveMinutes, slApplicationReadFraction,
        slFunctionCount, slExecutionMs, slFunctionMemoryMB, slFunctionImageMB, slInitMs, slRatePerMinute, slOnSeconds, slOffSeconds,
        slBaseImageMB, slBootReadMB, slStartSeconds, slMemoryOverheadMB, slKeepAliveCurve, slStormSizes,
        tsCores, tsGuestsPerCore, tsSliceMicros, tsBurstMicros, tsThinkMicros, tsSwitchMicros, tsRefillMicros, tsDurationSeconds, tsWarmupSeconds,
        avHorizonHours, avDetectionSeconds, avHostDiskMBps, avTypeCores, avTypeRamMB, avTypeBandwidthMbps,
        avHostMTBFHours, avHostMTTRHours, avHostShape, avHostTraceHost, avHostTraceAt, avHostTraceRepair, avHostCount,
        avDomainMTBFHours, avDomainMTTRHours, avDomainShape, avDomainTraceAt, avDomainTraceRepair,
        avGuestCount, avGuestVcpus, avGuestMemoryMB, avGuestUtilization, avGuestDirtyRateMBps, avGuestWritableFraction,
        avKindBootReadMB, avKindStartSeconds, avKindMemoryOverheadMB,
        avMaintenanceStartHours, avMaintenanceServiceHours, avMaintenanceShutdownSeconds,
        avVariantHostFailures, avVariantCpuPercent, avVariantMemoryPercent,
        sweepSeed,
    ]

    /// Most elements an array of a scenario may hold (variants, guests, CDF points, sweep values
    /// and seeds, I/O kinds): keeps every table and product of sizes bounded before estimation.
    public static let maximumArrayLength = 10_000
    /// Most points (axis combinations × seeds) of a sweep.
    public static let maximumSweepRuns = 10_000
}

extension KeyRange {
    /// A wildcard entry (`$.io.inputs.*`) for the key `name`: same range, path `$.io.inputs.name`.
    func named(_ name: String) -> KeyRange {
        KeyRange(String(path.dropLast()) + name, kind, minimum, exclusiveMinimum: exclusiveMinimum, maximum, unit: unit, note: note)
    }
}

extension KeyRange {
    /// The same range under another parent: `prefix` in `path` replaced by `replacement`.
    func rebased(_ prefix: String, _ replacement: String) -> KeyRange {
        precondition(path.hasPrefix(prefix), "\(path) is not under \(prefix)")
        return KeyRange(replacement + path.dropFirst(prefix.count), kind, minimum, exclusiveMinimum: exclusiveMinimum, maximum, unit: unit, note: note)
    }
}

/// The ranges of a workload's demand keys (a fleet's, or a guest type's `workload`).
public struct WorkloadKeys: Sendable {
    public let meanValue, meanProbability, amplitude, peakHour, ratePerHour, meanMinutes, multiplier, alpha: KeyRange

    public static let fleet = WorkloadKeys(
        meanValue: ScenarioKeys.meanUtilizationValue, meanProbability: ScenarioKeys.meanUtilizationProbability,
        amplitude: ScenarioKeys.diurnalAmplitude, peakHour: ScenarioKeys.diurnalPeakHour, ratePerHour: ScenarioKeys.burstRatePerHour,
        meanMinutes: ScenarioKeys.burstMeanMinutes, multiplier: ScenarioKeys.burstMultiplier, alpha: ScenarioKeys.heavyTailAlpha)

    var all: [KeyRange] { [meanValue, meanProbability, amplitude, peakHour, ratePerHour, meanMinutes, multiplier, alpha] }

    func rebased(_ prefix: String, _ replacement: String) -> WorkloadKeys {
        WorkloadKeys(meanValue: meanValue.rebased(prefix, replacement), meanProbability: meanProbability.rebased(prefix, replacement),
                     amplitude: amplitude.rebased(prefix, replacement), peakHour: peakHour.rebased(prefix, replacement),
                     ratePerHour: ratePerHour.rebased(prefix, replacement), meanMinutes: meanMinutes.rebased(prefix, replacement),
                     multiplier: multiplier.rebased(prefix, replacement), alpha: alpha.rebased(prefix, replacement))
    }
}

/// The ranges of a host type's keys (`hostType`, or `hosts[].type`).
struct HostTypeKeys {
    let cores, mipsPerCore, clockGHz, ramMB, bandwidthMbps, memoryOvercommit: KeyRange
    static let legacy = HostTypeKeys(cores: ScenarioKeys.hostCores, mipsPerCore: ScenarioKeys.mipsPerCore, clockGHz: ScenarioKeys.hostClockGHz,
                                     ramMB: ScenarioKeys.hostRamMB, bandwidthMbps: ScenarioKeys.bandwidthMbps,
                                     memoryOvercommit: ScenarioKeys.hostMemoryOvercommit)
    static let pool = HostTypeKeys(cores: ScenarioKeys.poolCores, mipsPerCore: ScenarioKeys.poolMipsPerCore, clockGHz: ScenarioKeys.poolClockGHz,
                                   ramMB: ScenarioKeys.poolRamMB, bandwidthMbps: ScenarioKeys.poolBandwidthMbps,
                                   memoryOvercommit: ScenarioKeys.poolMemoryOvercommit)
}
