import MetricCatalogue
import VirtModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Isolation boundaries of a placement and what one compromised boundary exposes.
///
/// A guest that escapes its own sandbox reaches the first boundary it shares with others:
/// - a full or para-virtualized VM reaches the **hypervisor** of its host (every guest there);
/// - a container, or a native workload, reaches the **host kernel** (every container there);
/// - a container in a VM reaches its VM's **guest kernel**. Containers of one tenant on one host
///   share one VM (a tenant's own VM per host, as when each tenant runs its containers in its own
///   VMs), so that boundary holds one tenant; behind it is the hypervisor of the host.
///
/// O(guests log guests) (boundaries are built in a deterministic order).
public enum BlastRadius {
    public enum BoundaryKind: String, Sendable, CaseIterable {
        case hypervisor
        case hostKernel = "host-kernel"
        case guestKernel = "guest-kernel"
    }

    /// One placed guest.
    public struct Guest: Sendable, Hashable {
        public var host: Int
        public var tenant: Int
        public var kind: GuestKind
        public init(host: Int, tenant: Int, kind: GuestKind) {
            self.host = host
            self.tenant = tenant
            self.kind = kind
        }
    }

    /// A boundary and the guests (indices into the input) behind it.
    public struct Boundary: Sendable, Hashable {
        public var kind: BoundaryKind
        public var host: Int
        /// The tenant whose VM it is (guest kernels only).
        public var tenant: Int?
        public var guests: [Int]
        public var tenants: Int
    }

    /// The first shared boundary of each guest's kind.
    public static func innermost(_ kind: GuestKind) -> BoundaryKind {
        switch kind {
        case .full, .para: return .hypervisor
        case .container, .native: return .hostKernel
        case .containerInVM: return .guestKernel
        }
    }

    /// The host-level boundary (hypervisor, or the host kernel when there is no hypervisor).
    static func hostLevel(_ kind: GuestKind) -> BoundaryKind {
        switch kind {
        case .container, .native: return .hostKernel
        case .full, .para, .containerInVM: return .hypervisor
        }
    }

    /// Boundaries of the placement, innermost (`hostLevel` false) or per host (true), sorted by
    /// (host, tenant). Guests with a negative host (not placed) are left out.
    public static func boundaries(_ guests: [Guest], hostLevel level: Bool) -> [Boundary] {
        struct Key: Hashable, Comparable {
            var host: Int, tenant: Int
            static func < (a: Key, b: Key) -> Bool { (a.host, a.tenant) < (b.host, b.tenant) }
        }
        var members: [Key: [Int]] = [:]
        var kinds: [Key: BoundaryKind] = [:]
        for (i, g) in guests.enumerated() where g.host >= 0 {
            let kind = level ? hostLevel(g.kind) : innermost(g.kind)
            let key = Key(host: g.host, tenant: kind == .guestKernel ? g.tenant : -1)
            members[key, default: []].append(i)
            kinds[key] = kind
        }
        // Sorted keys: the output never depends on dictionary order.
        return members.keys.sorted().map { key in
            let m = members[key]!
            var tenants = m.map { guests[$0].tenant }
            tenants.sort()
            var distinct = 0
            for (j, t) in tenants.enumerated() where j == 0 || t != tenants[j - 1] { distinct += 1 }
            return Boundary(kind: kinds[key]!, host: key.host, tenant: key.tenant >= 0 ? key.tenant : nil,
                            guests: m, tenants: distinct)
        }
    }

    /// Summary rows (metric, value, unit) of a placement:
    /// - `isolation_boundaries`: innermost shared boundaries (count);
    /// - `tenants_per_boundary_mean` / `_max`: distinct tenants behind one innermost boundary;
    /// - `blast_radius_percent_max`: share of all placed guests behind the largest one;
    /// - `blast_radius_percent_mean`: the share behind the boundary of a guest chosen at random
    ///   (the expected reach of one compromised guest's escape);
    /// - `tenants_exposed_mean`: other tenants behind a random guest's boundary;
    /// - `host_boundary_tenants_mean` / `_max`: the same at host level (hypervisor or host kernel),
    ///   the second wall for containers in VMs.
    public static func metrics(_ guests: [Guest]) -> [MetricValue] {
        let inner = boundaries(guests, hostLevel: false)
        let outer = boundaries(guests, hostLevel: true)
        let placed = Double(guests.filter { $0.host >= 0 }.count)
        guard placed > 0 else { return [] }
        func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }
        var reach = 0.0, exposed = 0.0
        for b in inner {
            let n = Double(b.guests.count)
            reach += n * (n / placed)                // each of its n guests reaches n guests
            exposed += n * Double(b.tenants - 1)
        }
        return [
            MetricValue(.isolationBoundaries, Double(inner.count)),
            MetricValue(.tenantsPerBoundaryMean, mean(inner.map { Double($0.tenants) })),
            MetricValue(.tenantsPerBoundaryMax, Double(inner.map(\.tenants).max() ?? 0)),
            MetricValue(.blastRadiusPercentMax, 100 * Double(inner.map(\.guests.count).max() ?? 0) / placed),
            MetricValue(.blastRadiusPercentMean, 100 * reach / placed),
            MetricValue(.tenantsExposedMean, exposed / placed),
            MetricValue(.hostBoundaryTenantsMean, mean(outer.map { Double($0.tenants) })),
            MetricValue(.hostBoundaryTenantsMax, Double(outer.map(\.tenants).max() ?? 0)),
        ]
    }
}

/// How guests are given tenants: `count` tenants, tenant k (1-based) drawn with probability
/// ∝ 1 / k^exponent (0: uniform; larger: a few big tenants and a long tail).
public struct TenantDistribution: Sendable, Hashable {
    public var count: Int
    public var zipfExponent: Double

    public init(count: Int, zipfExponent: Double) {
        self.count = count
        self.zipfExponent = zipfExponent
    }

    /// Cumulative probabilities of tenants 0 … count−1. O(count).
    public var cumulative: [Double] {
        var weights = (1...max(1, count)).map { 1 / pow(Double($0), zipfExponent) }
        let total = weights.reduce(0, +)
        var acc = 0.0
        for i in weights.indices { acc += weights[i] / total; weights[i] = acc }
        weights[weights.count - 1] = 1
        return weights
    }

    /// The tenant of each of `guests` guests, from one uniform draw each of `uniform`. O(guests · log count).
    public func assign(_ guests: Int, uniform: () -> Double) -> [Int] {
        let cdf = cumulative
        return (0..<guests).map { _ in
            let u = uniform()
            var lo = 0, hi = cdf.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cdf[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
    }
}

/// A placement constraint for isolation, set per variant.
public enum IsolationConstraint: String, Sendable, CaseIterable {
    /// Tenants share hosts freely.
    case none
    /// Tenant anti-affinity: a host holds one tenant's guests at a time, whatever the kind.
    case tenantPerHost = "tenant-per-host"
    /// No two tenants share a kernel: hosts are tenant-exclusive only where guests share the
    /// host's kernel (containers, native workloads); VMs have their own kernels, and containers in
    /// VMs run in their tenant's own VM, so they are unconstrained.
    case tenantPerKernel = "tenant-per-kernel"

    public static let scenarioNames = allCases.map(\.rawValue)

    /// Whether guests of `kind` under this constraint need tenant-exclusive hosts. O(1).
    public func requiresExclusiveHosts(kind: GuestKind) -> Bool {
        switch self {
        case .none: return false
        case .tenantPerHost: return true
        case .tenantPerKernel: return BlastRadius.innermost(kind) == .hostKernel
        }
    }
}
