/// The behaviour switches of the engine. Every quirk of CloudSim 3.0.3's power package
/// (docs/cloudsim-semantics.md §2–§3.10) is one Bool, so a user can flip one at a time
/// and see what it changes. Two presets: `.cloudSimCompatible` (every quirk on, to reproduce
/// CloudSim's numbers) and `.virtSim` (the intended behaviour).
public struct Semantics: Sendable, Hashable {
    /// CloudSim clock (§2): the first update is at 0.1 + Δ and later ones are reached by
    /// repeatedly adding Δ (0.1 + 300k); nothing is measured before the first update.
    /// Off: updates at exactly k·Δ (k·Δ computed by multiplication) from time 0.
    public var cloudSimClock: Bool
    /// A guest runs from its creation whatever its boot time, as in CloudSim, which has no boot
    /// phase. Off: a guest with a boot time boots first. (Formerly part of `cloudSimClock`.)
    public var skipBootDelays: Bool
    /// Linear interpolation between samples at the update instant (§3.3). Off: demand is a step
    /// function that holds sample k on [kΔ, (k+1)Δ).
    public var interpolateSamples: Bool
    /// Every host is updated (and demand re-read) at each migration completion (§2). Off: only
    /// the two hosts involved are updated (demand does not change between samples).
    public var fullUpdateAtMigrationCompletion: Bool
    /// Per-core caps as CloudSim does them (§3.3, §3.7): a host is suitable when one core is at
    /// least the guest's *current* per-vCPU request, and allocations are capped at core MIPS.
    /// Off: a host is suitable only if its cores are at least the guest's *nominal* vCPU MIPS
    /// (the cap is then never reached).
    public var perCoreCapOnCurrentRequest: Bool
    /// Migration CPU shares (docs/cloudsim-semantics.md §3.3; docs/published-figures.md M2): the migrating guest gets 0.9 of its request at
    /// the source (the source host is charged the full request) and the target reserves 0.1.
    public var migrationCpuShares: Bool
    /// Under over-subscription, allocations are scaled and floored to integers (§3.3).
    /// Off: scaled, not floored.
    public var floorOversubscribedAllocations: Bool
    /// A guest not in migration whose requested MIPS is exactly 0 at an update is removed for
    /// the rest of the run (§3.4, upstream issue #64). Off: idle guests stay.
    public var deleteIdleGuests: Bool
    /// At creation a guest requests its full MIPS, and its allocation stays at full MIPS until
    /// the first update (§3.5). Off: placement uses the guest's current demand.
    public var requestFullMipsAtCreation: Bool
    /// Power-aware placement as CloudSim does it (§3.7): a host with planner MIPS 0 skips the
    /// overload test, and an empty host's power increase is measured from P(0), so waking it
    /// looks free. Off: every candidate must pass the overload test, and waking a sleeping host
    /// costs its idle power over its sleep draw.
    public var wakingHostsLooksFree: Bool
    /// RAM is checked only when a guest is created (requests are 0 afterwards, §3.2).
    /// Off: RAM is a hard constraint at every placement, and the destination reserves the
    /// guest's memory for the whole migration.
    public var ramOnlyAtCreation: Bool
    /// CloudSim's statistics in the overload detectors (§3.6): LR/LRR fit by plain least squares
    /// (CloudSim never applies its weights), IQR with CloudSim's quartile positions, and a host
    /// history of 30 slots padded with zeros that the detectors trim themselves. Off: tricube /
    /// bisquare weights, type-7 quartiles, the observed history only. (Formerly
    /// `unweightedRegression`, still accepted as an alias: the weights were only one of the three.)
    public var cloudSimStatistics: Bool
    /// The targets of the overload phase stay eligible as under-load candidates in the same round
    /// (§3.8 code quirk: the exclusion reads an empty list). Off: they are excluded.
    public var underloadConsidersOverloadTargets: Bool
    /// A host whose measured utilization is 0 counts as switched off in the under-load phase
    /// (§3.8): it is neither evacuated nor a target. Off: a host is off only when it has no
    /// guests, and an idle host that is on is the first candidate for evacuation.
    public var switchedOffMeansZeroUtilization: Bool
    /// Energy is the trapezoid (P(u_prev) + P(u_now))/2 · Δt between updates (§3.9).
    /// Off: exact integration of piecewise-constant power between events.
    public var trapezoidEnergy: Bool
    /// A host whose utilization at the previous update was 0 adds no energy (§3.9): empty and
    /// idle hosts draw 0 W, and nothing is counted before the first update. Off: an empty host
    /// sleeps and draws its sleep watts; an idle host that is on draws idle power.
    public var zeroEnergyAfterIdleUpdate: Bool
    /// CloudSim's power formula (`PowerModelSpecPower`: the `u % 0.1 == 0` test) and its clamp of
    /// host utilizations in (1, 1.01) to 1. Off: VirtSim's interpolation, no clamp.
    public var cloudSimPowerFormula: Bool
    /// A guest's size is one core's MIPS where CloudSim reads `vm.getMips()`: its weight in its
    /// host's utilization history, and the key that sorts guests by CPU for placement (u × one
    /// core's MIPS). Off: the guest's whole host-level size (every vCPU, with its overhead).
    public var guestSizeIsOneCoreMips: Bool
    /// SLA formulas of CloudSim's `Helper` (§3.10): SLATAH counts "allocated < requested"
    /// (including migration targets' reservations, which count as demand), PDM is one ratio of
    /// sums, intervals end at the last update. Off: SLATAH is time at 100 % demand
    /// (demand ≥ capacity) over active time, PDM is the per-guest mean (Beloglazov & Buyya
    /// 2012, eq. 17–18), the last interval runs to the horizon.
    public var cloudSimSlaFormulas: Bool
    /// A host counts as active (for SLATAH's denominator, active-host means and shutdowns) when
    /// its allocated MIPS are above 0, and every host starts "on" for the shutdown count, as
    /// CloudSim's `Helper` reads it. Off: active means at least one guest listed, and a shutdown
    /// is counted only for an on → off transition.
    public var activeMeansNonZeroAllocation: Bool
    /// The non-migrating baselines (overload `none`, no under-load step: npa, dvfs) place
    /// first-fit in id order (§3.5; `PolicySpec.resolvingBaselinePlacement`). Off: they use the
    /// configured placement (power-aware best fit decreasing in the shipped files).
    public var baselinesPlaceFirstFit: Bool
    /// A guest that finds no host when it is created is dropped for the whole run and counted
    /// (`rejected_guests`), as CloudSim's datacenter fails a VM creation. Off: it waits, and is
    /// tried again at every tick until a host takes it (`guests_waited`, `guest_hours_waiting`).
    public var rejectUnplacedGuests: Bool = false

    /// Every switch set to `value`, except `migrationCpuShares` (the M2 migration model itself, on in both presets).
    init(allQuirks value: Bool) {
        cloudSimClock = value
        skipBootDelays = value
        interpolateSamples = value
        fullUpdateAtMigrationCompletion = value
        perCoreCapOnCurrentRequest = value
        migrationCpuShares = true
        floorOversubscribedAllocations = value
        deleteIdleGuests = value
        requestFullMipsAtCreation = value
        wakingHostsLooksFree = value
        ramOnlyAtCreation = value
        cloudSimStatistics = value
        underloadConsidersOverloadTargets = value
        switchedOffMeansZeroUtilization = value
        trapezoidEnergy = value
        zeroEnergyAfterIdleUpdate = value
        cloudSimPowerFormula = value
        guestSizeIsOneCoreMips = value
        cloudSimSlaFormulas = value
        activeMeansNonZeroAllocation = value
        baselinesPlaceFirstFit = value
        rejectUnplacedGuests = value
    }

    /// Every quirk of CloudSim 3.0.3, to reproduce its PlanetLab numbers.
    public static let cloudSimCompatible = Semantics(allQuirks: true)

    /// The intended behaviour (default for non-PlanetLab scenarios). Keeps the M2 migration CPU
    /// shares, which are the migration model itself (docs/published-figures.md M2), not a quirk.
    public static let virtSim = Semantics(allQuirks: false)

    /// Switch names in a stable order (for reports and explanations): one per stored switch.
    public static let switchNames: [String] = [
        "cloudSimClock", "skipBootDelays", "interpolateSamples", "fullUpdateAtMigrationCompletion", "perCoreCapOnCurrentRequest",
        "migrationCpuShares", "floorOversubscribedAllocations", "deleteIdleGuests", "requestFullMipsAtCreation",
        "wakingHostsLooksFree", "ramOnlyAtCreation", "cloudSimStatistics", "underloadConsidersOverloadTargets",
        "switchedOffMeansZeroUtilization", "trapezoidEnergy", "zeroEnergyAfterIdleUpdate", "cloudSimPowerFormula",
        "guestSizeIsOneCoreMips", "cloudSimSlaFormulas", "activeMeansNonZeroAllocation", "baselinesPlaceFirstFit",
        "rejectUnplacedGuests",
    ]

    /// Former switch names still accepted in scenarios, each setting the switches it used to
    /// control together (a switch that did several things was split, so each name does one).
    public static let aliases: [(name: String, switches: [String])] = [
        ("unweightedRegression", ["cloudSimStatistics"]),
        ("cloudSimPowerArithmetic", ["cloudSimPowerFormula", "guestSizeIsOneCoreMips"]),
        ("cloudSimMetricFormulas", ["cloudSimSlaFormulas", "activeMeansNonZeroAllocation"]),
    ]

    /// Every name a scenario may use: the switches, then the aliases.
    public static var acceptedSwitchNames: [String] { switchNames + aliases.map(\.name) }

    /// Reads or writes a switch by name (nil if the name is unknown). An alias reads true when
    /// every switch it sets is on, and writes all of them.
    public subscript(switchNamed name: String) -> Bool? {
        get {
            if let alias = Semantics.aliases.first(where: { $0.name == name }) {
                return alias.switches.allSatisfy { self[switchNamed: $0] == true }
            }
            switch name {
            case "cloudSimClock": return cloudSimClock
            case "skipBootDelays": return skipBootDelays
            case "interpolateSamples": return interpolateSamples
            case "fullUpdateAtMigrationCompletion": return fullUpdateAtMigrationCompletion
            case "perCoreCapOnCurrentRequest": return perCoreCapOnCurrentRequest
            case "migrationCpuShares": return migrationCpuShares
            case "floorOversubscribedAllocations": return floorOversubscribedAllocations
            case "deleteIdleGuests": return deleteIdleGuests
            case "requestFullMipsAtCreation": return requestFullMipsAtCreation
            case "wakingHostsLooksFree": return wakingHostsLooksFree
            case "ramOnlyAtCreation": return ramOnlyAtCreation
            case "cloudSimStatistics": return cloudSimStatistics
            case "underloadConsidersOverloadTargets": return underloadConsidersOverloadTargets
            case "switchedOffMeansZeroUtilization": return switchedOffMeansZeroUtilization
            case "trapezoidEnergy": return trapezoidEnergy
            case "zeroEnergyAfterIdleUpdate": return zeroEnergyAfterIdleUpdate
            case "cloudSimPowerFormula": return cloudSimPowerFormula
            case "guestSizeIsOneCoreMips": return guestSizeIsOneCoreMips
            case "cloudSimSlaFormulas": return cloudSimSlaFormulas
            case "activeMeansNonZeroAllocation": return activeMeansNonZeroAllocation
            case "baselinesPlaceFirstFit": return baselinesPlaceFirstFit
            case "rejectUnplacedGuests": return rejectUnplacedGuests
            default: return nil
            }
        }
        set {
            guard let v = newValue else { return }
            if let alias = Semantics.aliases.first(where: { $0.name == name }) {
                for sw in alias.switches { self[switchNamed: sw] = v }
                return
            }
            switch name {
            case "cloudSimClock": cloudSimClock = v
            case "skipBootDelays": skipBootDelays = v
            case "interpolateSamples": interpolateSamples = v
            case "fullUpdateAtMigrationCompletion": fullUpdateAtMigrationCompletion = v
            case "perCoreCapOnCurrentRequest": perCoreCapOnCurrentRequest = v
            case "migrationCpuShares": migrationCpuShares = v
            case "floorOversubscribedAllocations": floorOversubscribedAllocations = v
            case "deleteIdleGuests": deleteIdleGuests = v
            case "requestFullMipsAtCreation": requestFullMipsAtCreation = v
            case "wakingHostsLooksFree": wakingHostsLooksFree = v
            case "ramOnlyAtCreation": ramOnlyAtCreation = v
            case "cloudSimStatistics": cloudSimStatistics = v
            case "underloadConsidersOverloadTargets": underloadConsidersOverloadTargets = v
            case "switchedOffMeansZeroUtilization": switchedOffMeansZeroUtilization = v
            case "trapezoidEnergy": trapezoidEnergy = v
            case "zeroEnergyAfterIdleUpdate": zeroEnergyAfterIdleUpdate = v
            case "cloudSimPowerFormula": cloudSimPowerFormula = v
            case "guestSizeIsOneCoreMips": guestSizeIsOneCoreMips = v
            case "cloudSimSlaFormulas": cloudSimSlaFormulas = v
            case "activeMeansNonZeroAllocation": activeMeansNonZeroAllocation = v
            case "baselinesPlaceFirstFit": baselinesPlaceFirstFit = v
            case "rejectUnplacedGuests": rejectUnplacedGuests = v
            default: break
            }
        }
    }
}
