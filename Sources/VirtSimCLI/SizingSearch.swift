import Consolidation
import Reports
import Scenario

/// "How many hosts of pool X do I need so that SLATAH stays under Y %?": the smallest fixed size
/// of one pool (every other pool as the scenario gives it) at which the run meets the target,
/// found by bisection over the pool size.
///
/// A size *meets* the target when SLATAH ≤ Y % and no guest had to wait for a host (a pool too
/// small to place everyone would otherwise look good: a guest that waits overloads nothing).
/// Bisection assumes that a larger pool never does worse; the curve of every size it ran is
/// returned, so a reader can see whether that held over the points tried.
struct SizingSearch {
    let scenario: Scenario
    let study: ConsolidationStudy
    /// Index of the pool being sized in `study.hostPools`.
    let pool: Int
    let slatahMaxPercent: Double
    /// The variant whose runs are measured (sized guests: "planned").
    let variant: VariantConfig
    /// Largest size tried (default: one host per guest, enough for any guest mix that fits alone).
    let maximum: Int

    /// One run of the curve.
    struct Point {
        var hosts: Int
        var slatahPercent: Double
        var energyKWh: Double
        var guestsWaited: Int
        var guestHoursWaiting: Double
        var activeHostsMax: Double
        var meets: Bool
    }

    /// Finds the pool named `name` (a pool label such as `big@r1`, or a type name that only one pool has).
    static func pool(named name: String, in study: ConsolidationStudy) throws -> Int {
        if let i = study.hostPools.firstIndex(where: { $0.label == name }) { return i }
        let byType = study.hostPools.indices.filter { study.hostPools[$0].type.name == name }
        if byType.count == 1 { return byType[0] }
        let labels = study.hostPools.map { "'\($0.label)'" }.joined(separator: ", ")
        if byType.isEmpty { throw UsageError(message: "no host pool '\(name)'; expected one of \(labels)") }
        throw UsageError(message: "host type '\(name)' has \(byType.count) pools; name one of \(labels)")
    }

    /// Runs the variant with the pool at `hosts` hosts. O(one engine run).
    func evaluate(_ hosts: Int, context: RunContext) throws -> Point {
        var s = study
        s.hostPools[pool].count = hosts
        s.variants = [variant]
        let runner = ConsolidationStudyRunner(scenario: scenario, study: s)
        let config = try runner.engineConfig(for: variant, workloads: try runner.makeWorkloads())
        let result = try ConsolidationEngine.run(config)
        let m = result.metrics, c = result.capacity
        return Point(hosts: hosts, slatahPercent: m.slatahPercent, energyKWh: m.energyKWh, guestsWaited: c.guestsWaited,
                     guestHoursWaiting: c.guestHoursWaiting, activeHostsMax: c.perType[pool].activeHostsMax,
                     meets: m.slatahPercent <= slatahMaxPercent && c.guestsWaited == 0)
    }

    /// The smallest size that meets the target (nil when even `maximum` does not) and every
    /// point run, by size. Starts from the scenario's size (or 1), doubles until a size meets the
    /// target, then bisects: O(log maximum) runs.
    func search(context: RunContext, progress: (Point) -> Void = { _ in }) throws -> (answer: Int?, curve: [Point]) {
        var points: [Int: Point] = [:]
        func at(_ n: Int) throws -> Point {
            if let p = points[n] { return p }
            let p = try evaluate(n, context: context)
            points[n] = p
            progress(p)
            return p
        }
        var lo = 0  // largest size known to miss (0: none run yet; a pool of 0 hosts is not tried)
        var hi = min(max(study.hostPools[pool].count ?? 1, 1), maximum)
        while try !at(hi).meets {
            lo = hi
            if hi == maximum { return (nil, points.keys.sorted().map { points[$0]! }) }
            hi = min(2 * hi, maximum)
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if try at(mid).meets { hi = mid } else { lo = mid }
        }
        return (hi, points.keys.sorted().map { points[$0]! })
    }

    static let header = ["pool_hosts", "slatah_percent", "energy_kwh", "guests_waited", "guest_hours_waiting",
                         "active_max_hosts", "meets_target"]

    static func row(_ p: Point) -> [String] {
        [String(p.hosts), NumberFormat.format(p.slatahPercent), NumberFormat.format(p.energyKWh), String(p.guestsWaited),
         NumberFormat.format(p.guestHoursWaiting), NumberFormat.format(p.activeHostsMax), p.meets ? "yes" : "no"]
    }
}
