/// Worst fit: the suitable host with the most free MIPS left after placing the guest (spreads load),
/// lowest index on ties. Scored as −(free MIPS left) so that, like every policy, lower is better.
public struct WorstFitPlacement: PlacementPolicy {
    public static let registryName = "worst-fit"
    public var name: String { Self.registryName }
    public var sortsByDecreasingDemand: Bool { false }
    public init() {}

    public func chooseHost(for guest: PlacementGuest, in table: HostTable, context: inout PlacementContext) -> Int? {
        ResidualFit.choose(guest, table, &context, sign: -1)
    }

    public func explain(for guest: PlacementGuest, in table: HostTable, context: inout PlacementContext) -> PlacementExplanation {
        ResidualFit.explain(name, guest, table, context, sign: -1, scoreName: "−(free MIPS left) (MIPS)")
    }
}
