/// HA admission control: how much of a cluster's capacity is held back so that the guests of
/// failed hosts can restart, and whether one more guest may start. The policies vSphere HA and
/// OpenStack offer (docs/availability.md):
///
/// - `none`: every guest that fits a host starts; restarts take whatever is left.
/// - `hostFailures(k)` (N+k): the capacity of the k largest hosts, per resource, is reserved.
///   This is the rule vSphere HA's cluster-resource-percentage policy applies when it derives the
///   percentage from the number of host failures to tolerate; it counts capacity, not placement,
///   so fragmentation can still leave a guest without a host (the simulation measures it).
/// - `percentage(cpu, memory)`: that share of the cluster's total CPU and memory is reserved.
///
/// Restarts after a failure are not subject to admission control (vSphere HA's failover is
/// not): the reserve exists to be used by them.
public enum AdmissionPolicy: Sendable, Hashable {
    case none
    case hostFailures(Int)
    case percentage(cpuPercent: Double, memoryPercent: Double)

    /// Scenario names, in documentation order.
    public static let scenarioNames = ["none", "host-failures", "percentage"]

    /// Capacity (cores, MB) held back on a cluster whose hosts have `cores` and `ramMB`
    /// (parallel arrays). O(hosts log hosts).
    public func reserve(cores: [Double], ramMB: [Double]) -> (cores: Double, ramMB: Double) {
        switch self {
        case .none:
            return (0, 0)
        case .hostFailures(let k):
            let largestCores = cores.sorted(by: >).prefix(k).reduce(0, +)
            let largestRam = ramMB.sorted(by: >).prefix(k).reduce(0, +)
            return (largestCores, largestRam)
        case .percentage(let cpu, let memory):
            return (cores.reduce(0, +) * cpu / 100, ramMB.reduce(0, +) * memory / 100)
        }
    }

    /// True when the cluster's guests, with one more of (`vcpus`, `memoryMB`), stay within the
    /// capacity less the reserve. The one admission rule. O(1).
    public static func admits(used: (cores: Double, ramMB: Double), adding vcpus: Double, _ memoryMB: Double,
                              capacity: (cores: Double, ramMB: Double), reserve: (cores: Double, ramMB: Double)) -> Bool {
        used.cores + vcpus <= capacity.cores - reserve.cores && used.ramMB + memoryMB <= capacity.ramMB - reserve.ramMB
    }
}
