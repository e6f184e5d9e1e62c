/// Best fit: the suitable host with the least free MIPS left after placing the guest (tightest fit),
/// lowest index on ties. With an overload check in the context, hosts it rejects are skipped.
public struct BestFitPlacement: PlacementPolicy {
    public static let registryName = "best-fit"
    public var name: String { Self.registryName }
    public var sortsByDecreasingDemand: Bool { false }
    public init() {}

    public func chooseHost(for guest: PlacementGuest, in table: HostTable, context: inout PlacementContext) -> Int? {
        ResidualFit.choose(guest, table, &context, sign: 1)
    }

    public func explain(for guest: PlacementGuest, in table: HostTable, context: inout PlacementContext) -> PlacementExplanation {
        ResidualFit.explain(name, guest, table, context, sign: 1, scoreName: "free MIPS left (MIPS)")
    }
}

/// Shared by best fit and worst fit.
enum ResidualFit {
    static func choose(_ guest: PlacementGuest, _ table: HostTable, _ context: inout PlacementContext, sign: Double) -> Int? {
        ScoredChoice.choose(for: guest, hostCount: table.count, context: &context, fill: { scores, simd in
            if simd {
                ResidualKernel.scoresSIMD(for: guest, in: table, sign: sign, into: &scores)
            } else {
                ResidualKernel.scoresScalar(for: guest, in: table, sign: sign, into: &scores)
            }
        }, needsCheck: { _ in true })
    }

    static func explain(_ name: String, _ guest: PlacementGuest, _ table: HostTable, _ context: PlacementContext,
                        sign: Double, scoreName: String) -> PlacementExplanation {
        let (verdicts, chosen) = ScoredChoice.explain(for: guest, hostCount: table.count, context: context, score: {
            ResidualKernel.score(of: $0, for: guest, in: table, sign: sign)
        }, needsCheck: { _ in true })
        return PlacementExplanation(policy: name, guest: guest, scoreName: scoreName, candidates: verdicts,
                                    chosenHost: chosen, notes: ["ties: lowest host index wins"])
    }
}
