import VirtModel

/// A serverless platform and its functions: what `ServerlessSimulation` runs once per sandbox
/// kind (each kind sees the same invocations: common random numbers).
public struct ServerlessConfig: Sendable {
    /// Worker hosts and what they share.
    public var hosts: Int
    public var hostMemoryMB: Double
    /// Each host's local disk, MB/s (boot reads of the starts on that host share it).
    public var hostDiskMBps: Double
    /// The image store's link to the workers, MB/s (every image fetch shares it).
    public var imageLinkMBps: Double
    /// Invocations arrive during [0, horizon); those in flight at the horizon still complete.
    public var horizonSeconds: Double
    /// An idle sandbox is kept this long after its last invocation, then freed (0: scale to zero
    /// at once).
    public var keepAliveSeconds: Double
    /// Fraction of an application image read from disk at start.
    public var applicationReadFraction: Double
    public var functions: [FunctionSpec]

    public init(hosts: Int, hostMemoryMB: Double, hostDiskMBps: Double, imageLinkMBps: Double,
                horizonSeconds: Double, keepAliveSeconds: Double, applicationReadFraction: Double,
                functions: [FunctionSpec]) {
        self.hosts = hosts
        self.hostMemoryMB = hostMemoryMB
        self.hostDiskMBps = hostDiskMBps
        self.imageLinkMBps = imageLinkMBps
        self.horizonSeconds = horizonSeconds
        self.keepAliveSeconds = keepAliveSeconds
        self.applicationReadFraction = applicationReadFraction
        self.functions = functions
    }
}

/// One function (or `count` identical ones, each with its own image and invocation stream).
public struct FunctionSpec: Sendable, Hashable {
    public var name: String
    public var count: Int
    public var arrival: Arrival
    /// Handler run time per invocation, seconds.
    public var executionSeconds: Double
    /// The sandbox's configured memory, MB (the kind's overhead comes on top).
    public var memoryMB: Double
    /// The application's own image (code and dependencies), MB.
    public var imageMB: Double
    /// Runtime and application initialization before the first response, seconds.
    public var initSeconds: Double

    public init(name: String, count: Int, arrival: Arrival, executionSeconds: Double, memoryMB: Double,
                imageMB: Double, initSeconds: Double) {
        self.name = name
        self.count = count
        self.arrival = arrival
        self.executionSeconds = executionSeconds
        self.memoryMB = memoryMB
        self.imageMB = imageMB
        self.initSeconds = initSeconds
    }

    /// How invocations of one function arrive.
    public enum Arrival: Sendable, Hashable {
        /// Poisson, at this many per second.
        case poisson(ratePerSecond: Double)
        /// On/off (a two-state Markov-modulated Poisson process): exponential on and off periods
        /// of these means, Poisson arrivals only while on, at the rate that keeps the long-run
        /// mean `ratePerSecond`: rate × (on + off) / on.
        case bursty(ratePerSecond: Double, onSeconds: Double, offSeconds: Double)
        /// All at time 0 (a boot storm: `count` functions started at once).
        case atStart

        /// Long-run invocations per second (0 for `atStart`).
        public var meanRatePerSecond: Double {
            switch self {
            case .poisson(let r), .bursty(let r, _, _): return r
            case .atStart: return 0
            }
        }
    }
}

/// One sandbox kind under test: its start-up profile (defaults from `StartupCatalogue`, any phase
/// overridden by the scenario).
public struct SandboxVariant: Sendable, Hashable {
    public var name: String
    public var profile: StartupProfile

    public init(name: String, profile: StartupProfile) {
        self.name = name
        self.profile = profile
    }
}
