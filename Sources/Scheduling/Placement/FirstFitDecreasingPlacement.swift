/// First fit decreasing: first fit, with batches placed by decreasing requested MIPS (stable).
public struct FirstFitDecreasingPlacement: PlacementPolicy {
    public static let registryName = "first-fit-decreasing"
    public var name: String { Self.registryName }
    public var sortsByDecreasingDemand: Bool { true }
    public init() {}

    public func chooseHost(for guest: PlacementGuest, in table: HostTable, context: inout PlacementContext) -> Int? {
        FirstFitScan.choose(guest, table, &context)
    }

    public func explain(for guest: PlacementGuest, in table: HostTable, context: inout PlacementContext) -> PlacementExplanation {
        FirstFitScan.explain(name, guest, table, context)
    }
}
