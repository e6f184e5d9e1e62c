/// First fit: the lowest-index suitable host (CloudSim `PowerVmAllocationPolicySimple`, used by the
/// NonPowerAware and Dvfs experiments, reference §3.5). With an overload check in the context, hosts it
/// rejects are skipped.
public struct FirstFitPlacement: PlacementPolicy {
    public static let registryName = "first-fit"
    public var name: String { Self.registryName }
    public var sortsByDecreasingDemand: Bool { false }
    public init() {}

    public func chooseHost(for guest: PlacementGuest, in table: HostTable, context: inout PlacementContext) -> Int? {
        FirstFitScan.choose(guest, table, &context)
    }

    public func explain(for guest: PlacementGuest, in table: HostTable, context: inout PlacementContext) -> PlacementExplanation {
        FirstFitScan.explain(name, guest, table, context)
    }
}

/// Shared by first fit and first-fit-decreasing.
enum FirstFitScan {
    static func choose(_ guest: PlacementGuest, _ table: HostTable, _ context: inout PlacementContext) -> Int? {
        var start = 0
        while start < table.count {
            let found = context.useSIMD
                ? SuitabilityKernel.firstSuitableSIMD(for: guest, in: table, from: start)
                : SuitabilityKernel.firstSuitableScalar(for: guest, in: table, from: start)
            guard let h = found else { return nil }
            if let check = context.wouldBeOverloaded, check(h, guest) {
                start = h + 1
                continue
            }
            return h
        }
        return nil
    }

    static func explain(_ name: String, _ guest: PlacementGuest, _ table: HostTable, _ context: PlacementContext) -> PlacementExplanation {
        // Score = host index: the first valid host wins.
        let (verdicts, chosen) = ScoredChoice.explain(for: guest, hostCount: table.count, context: context, score: { h in
            if let r = SuitabilityKernel.rejection(of: h, for: guest, in: table) { return (nil, r) }
            return (Double(h), nil)
        }, needsCheck: { _ in true })
        return PlacementExplanation(policy: name, guest: guest, scoreName: "host index", candidates: verdicts,
                                    chosenHost: chosen, notes: ["the first valid host in index order wins"])
    }
}
