import Testing
import Scheduling
@testable import Consolidation

/// `TimeSharedCPUScheduler` on its own (CloudSim's `VmSchedulerTimeSharedOverSubscription`):
/// one host of 2 cores × 1000 MIPS, node lists built by hand, every switch combination.
@Suite("Time-shared CPU scheduler")
struct TimeSharedCPUSchedulerTests {
    /// The two switches the scheduler reads, as values.
    struct Rule: CPUAllocationRule, CustomStringConvertible {
        let appliesMigrationShares: Bool
        let floorsOversubscribedAllocations: Bool
        var description: String { "shares \(appliesMigrationShares), floor \(floorsOversubscribedAllocations)" }
    }

    static let rules = [false, true].flatMap { shares in
        [false, true].map { Rule(appliesMigrationShares: shares, floorsOversubscribedAllocations: $0) }
    }

    /// One 2 × 1000-MIPS host and guests of `vcpus` vCPUs of 1000 MIPS each, none listed yet.
    struct Host {
        var lists: NodeLists
        var hosts: HostTable
        var guests: GuestColumns

        init(vcpus: [Int]) throws {
            let specs = vcpus.enumerated().map { i, v in
                GuestSpec(id: i, name: "g\(i)", kind: .native, mips: 1000, vcpus: v, ramMB: 100, utilization: .constant(1))
            }
            guests = try GuestColumns(specs)
            lists = NodeLists(hosts: 1, guests: specs.count)
            hosts = HostTable(types: [0], specs: [(totalMips: 2000, peMips: 1000, ramMB: 4096, bandwidthMbps: 1000)])
        }

        /// Appends node `n` (a primary node, or an extra node of `guest` of `kind`) with `request`
        /// at the tail of the host's list, as `EngineState.link` does.
        mutating func append(guest g: Int, kind: NodeKind = .primary, request: Double) -> Int {
            var n = g
            if kind != .primary {
                lists.guest.append(Int32(g)); lists.host.append(-1); lists.next.append(-1); lists.prev.append(-1)
                lists.kind.append(kind); lists.request.append(0); lists.allocation.append(0)
                n = lists.guest.count - 1
            }
            lists.host[n] = 0
            lists.request[n] = request
            let tail = lists.tail[0]
            lists.prev[n] = tail
            if tail >= 0 { lists.next[Int(tail)] = Int32(n) } else { lists.head[0] = Int32(n) }
            lists.tail[0] = Int32(n)
            return n
        }

        mutating func recompute(_ rule: Rule) {
            TimeSharedCPUScheduler(rules: rule).recompute(0, lists: &lists, hosts: &hosts, guests: guests)
        }
    }

    @Test("requests that fit are granted in full, capped at one core per vCPU", arguments: rules)
    func fits(rule: Rule) throws {
        var host = try Host(vcpus: [1, 2])
        _ = host.append(guest: 0, request: 1500)  // one vCPU: at most one 1000-MIPS core
        _ = host.append(guest: 1, request: 600)   // two vCPUs: 300 per core
        host.recompute(rule)
        #expect(host.lists.allocation[0] == 1000)
        #expect(host.lists.allocation[1] == 600)
        #expect(host.hosts.freeMips[0] == 400)
    }

    @Test("over-subscription scales every request by capacity / total, floored when the rule says so",
          arguments: rules)
    func oversubscribed(rule: Rule) throws {
        var host = try Host(vcpus: [1, 1, 1])
        for g in 0..<3 { _ = host.append(guest: g, request: 800) }
        host.recompute(rule)
        let scaled = 800 * (2000.0 / 2400)
        for g in 0..<3 {
            if rule.floorsOversubscribedAllocations {
                #expect(host.lists.allocation[g] == scaled.rounded(.down))
            } else {
                #expect(abs(host.lists.allocation[g] - scaled) < 1e-9)
            }
        }
        #expect(host.hosts.freeMips[0] == 0)
    }

    @Test("migration shares: the source keeps its source share, the reservation takes its target share",
          arguments: rules)
    func migrationShares(rule: Rule) throws {
        var host = try Host(vcpus: [1, 1])
        host.guests.inMigration[0] = true  // migrating away (source share 0.9)
        _ = host.append(guest: 0, request: 1000)
        let reservation = host.append(guest: 1, kind: .incoming, request: 1000)  // migrating in (target share 0.1)
        host.recompute(rule)
        if rule.appliesMigrationShares {
            #expect(host.lists.allocation[0] == 900)
            #expect(host.lists.allocation[reservation] == 100)
            #expect(host.hosts.freeMips[0] == 2000 - 1000 - 100)  // the source's request counts in full
        } else {
            #expect(host.lists.allocation[0] == 1000)
            #expect(host.lists.allocation[reservation] == 1000)
            #expect(host.hosts.freeMips[0] == 0)
        }
    }

    @Test("over-subscribed with a migration: the shares apply after scaling", arguments: rules)
    func oversubscribedWithMigration(rule: Rule) throws {
        var host = try Host(vcpus: [1, 1, 1])
        host.guests.inMigration[0] = true
        _ = host.append(guest: 0, request: 1000)
        _ = host.append(guest: 1, request: 1000)
        let reservation = host.append(guest: 2, kind: .incoming, request: 1000)
        host.recompute(rule)
        let shares = rule.appliesMigrationShares
        // What each node takes: 1000, 1000 and the reservation's 100 (1000 without shares).
        let reserved: Double = shares ? 100 : 1000
        let s: Double = 2000 / (2000 + reserved)
        let expected: [Double] = shares ? [1000 * s * 0.9, 1000 * s, 1000 * 0.1 * s] : [1000 * s, 1000 * s, 1000 * s]
        for (n, e) in zip([0, 1, reservation], expected) {
            if rule.floorsOversubscribedAllocations {
                #expect(host.lists.allocation[n] == e.rounded(.down))
            } else {
                #expect(abs(host.lists.allocation[n] - e) < 1e-9)
            }
        }
        #expect(host.hosts.freeMips[0] == 0)
    }

    @Test("an appended node that fits takes only its grant; one that does not rescales the host", arguments: rules)
    func appended(rule: Rule) throws {
        var host = try Host(vcpus: [1, 1, 1])
        let scheduler = TimeSharedCPUScheduler(rules: rule)
        _ = host.append(guest: 0, request: 0)
        scheduler.allocateAppended(0, on: 0, request: 800, lists: &host.lists, hosts: &host.hosts, guests: host.guests)
        host.lists.allocation[0] = 700  // a stale grant: the fast path must leave it alone
        _ = host.append(guest: 1, request: 0)
        scheduler.allocateAppended(1, on: 0, request: 800, lists: &host.lists, hosts: &host.hosts, guests: host.guests)
        #expect(host.lists.allocation[0] == 700 && host.lists.allocation[1] == 800)
        #expect(host.hosts.freeMips[0] == 400)
        _ = host.append(guest: 2, request: 0)
        scheduler.allocateAppended(2, on: 0, request: 800, lists: &host.lists, hosts: &host.hosts, guests: host.guests)
        #expect(host.lists.request[2] == 800)
        let scaled = 800 * (2000.0 / 2400)
        for g in 0..<3 {  // every node rescaled, the stale one included
            #expect(abs(host.lists.allocation[g] - (rule.floorsOversubscribedAllocations ? scaled.rounded(.down) : scaled)) < 1e-9)
        }
        #expect(host.hosts.freeMips[0] == 0)
    }
}
