/// Power-aware best fit decreasing (Beloglazov & Buyya, CCPE 2012, Algorithm 1; CloudSim
/// `PowerVmAllocationPolicyMigrationAbstract.findHostForVm`, reference §3.7):
/// among suitable hosts, choose the one whose power rises least, ΔP = P(util after) − P(now);
/// strict `<`, so the lowest host index wins ties. Batches are placed by decreasing requested MIPS.
///
/// Modes:
/// - `cloudSimCompatible == true`: the tentative overload check is skipped for hosts whose measured
///   MIPS at the last update is 0 (CloudSim tests `getUtilizationOfCpuMips() != 0`), and ΔP's
///   utilization-after counts the planned MIPS only (CloudSim's `getUtilizationOfCpuMips` is not
///   changed by tentative placements of the same round).
/// - `cloudSimCompatible == false` (VirtSim): every suitable host must pass the overload check, and
///   tentative placements of the round count in ΔP. With `HostTable.chargesWakeUp` an asleep host's
///   ΔP includes its idle power.
public struct PowerAwareBestFitDecreasingPlacement: PlacementPolicy {
    public static let registryName = "power-aware-best-fit-decreasing"
    public var name: String { Self.registryName }
    public var sortsByDecreasingDemand: Bool { true }
    public var cloudSimCompatible: Bool

    public init(cloudSimCompatible: Bool = false) { self.cloudSimCompatible = cloudSimCompatible }

    private func needsCheck(_ host: Int, _ t: HostTable) -> Bool {
        cloudSimCompatible ? t.measuredMips[host] != 0 : true
    }

    /// O(hosts) SIMD scoring + overload checks on the best candidates only.
    public func chooseHost(for guest: PlacementGuest, in table: HostTable, context: inout PlacementContext) -> Int? {
        let includeTentative = !cloudSimCompatible
        return ScoredChoice.choose(for: guest, hostCount: table.count, context: &context, fill: { scores, simd in
            if simd {
                PowerIncreaseKernel.scoresSIMD(for: guest, in: table, includeTentative: includeTentative, into: &scores)
            } else {
                PowerIncreaseKernel.scoresScalar(for: guest, in: table, includeTentative: includeTentative, into: &scores)
            }
        }, fusedArgmin: context.useSIMD ? {
            PowerIncreaseKernel.argminSIMD(for: guest, in: table, includeTentative: includeTentative)?.host
        } : nil, needsCheck: { needsCheck($0, table) })
    }

    public func explain(for guest: PlacementGuest, in table: HostTable, context: inout PlacementContext) -> PlacementExplanation {
        let includeTentative = !cloudSimCompatible
        let (verdicts, chosen) = ScoredChoice.explain(for: guest, hostCount: table.count, context: context, score: {
            PowerIncreaseKernel.score(of: $0, for: guest, in: table, includeTentative: includeTentative)
        }, needsCheck: { needsCheck($0, table) })
        var notes = ["ties: lowest host index wins (strict <)"]
        notes.append(cloudSimCompatible
            ? "CloudSim mode: overload check skipped on hosts with 0 measured MIPS; ΔP ignores tentative placements of this round"
            : "VirtSim mode: overload check on every suitable host; ΔP includes tentative placements of this round")
        if context.wouldBeOverloaded == nil { notes.append("no overload check supplied") }
        return PlacementExplanation(policy: name, guest: guest, scoreName: "power increase (W)",
                                    candidates: verdicts, chosenHost: chosen, notes: notes)
    }
}
