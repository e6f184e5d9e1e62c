/// A server's power draw as a SPECpower_ssj2008 table: watts at 0 %, 10 %, …, 100 % CPU load,
/// linearly interpolated between deciles, plus the draw when asleep or off.
///
/// Tables carry their citation in `source`. Interpolation follows CloudSim's
/// `PowerModelSpecPower`: an exact decile returns the table entry.
public struct SpecPowerModel: Sendable, Hashable, Codable {
    public var name: String
    /// Watts at 0, 10, …, 100 % load (11 entries).
    public var watts: [Double]
    /// Watts while suspended to RAM (ACPI S3).
    public var sleepWatts: Double
    /// Watts while off (soft-off, BMC only).
    public var offWatts: Double
    /// Where the numbers come from.
    public var source: String
    /// Where the sleep and off draws come from (SPECpower does not measure them).
    public var standbySource: String

    public init(name: String, watts: [Double], sleepWatts: Double, offWatts: Double, source: String,
                standbySource: String = "assumption: not given") {
        precondition(watts.count == 11, "a SPECpower table has 11 points")
        self.standbySource = standbySource
        self.name = name
        self.watts = watts
        self.sleepWatts = sleepWatts
        self.offWatts = offWatts
        self.source = source
    }

    /// Watts at CPU utilization `u` in [0, 1] (clamped). O(1).
    @inlinable
    public func power(atUtilization u: Double) -> Double {
        watts.withUnsafeBufferPointer { Self.interpolatedWatts($0, utilization: u) }
    }

    /// The interpolation rule of a SPECpower table (`watts`: 11 entries at 0 %, 10 %, …, 100 %):
    /// linear between the two entries around `u`, clamped to [0, 1]. The one definition: the
    /// engine's and the kernels' power (Scheduling's `PowerCurve.virtSimWatts`) call it, and its
    /// SIMD form (`PowerCurve.virtSimWatts4`) is tested against it. O(1).
    @inlinable @inline(__always)
    public static func interpolatedWatts(_ watts: UnsafeBufferPointer<Double>, utilization u: Double) -> Double {
        let x = min(max(u, 0), 1) * 10
        let lo = Int(x.rounded(.down))
        if lo >= 10 { return watts[10] }
        let frac = x - Double(lo)
        if frac == 0 { return watts[lo] }
        return watts[lo] + (watts[lo + 1] - watts[lo]) * frac
    }

    /// Idle (0 % load, powered on) watts.
    public var idleWatts: Double { watts[0] }
    /// Full-load watts.
    public var maxWatts: Double { watts[10] }

    /// HP ProLiant ML110 G4 (Xeon 3040, 2 × 1860 MIPS). Beloglazov & Buyya 2012, Table I;
    /// CloudSim `PowerModelSpecPowerHpProLiantMl110G4Xeon3040`. Sleep/off draw are not in the
    /// table: 10 W suspended and 0 W off are typical ACPI S3 / soft-off figures for a 1U server
    /// (assumption, stated in README).
    public static let hpProLiantML110G4 = SpecPowerModel(
        name: "hp-ml110-g4",
        watts: [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117],
        sleepWatts: 10, offWatts: 0,
        source: "SPECpower_ssj2008 via Beloglazov & Buyya, CCPE 2012, Table I",
        standbySource: standby)

    /// HP ProLiant ML110 G5 (Xeon 3075, 2 × 2660 MIPS). Beloglazov & Buyya 2012, Table I.
    public static let hpProLiantML110G5 = SpecPowerModel(
        name: "hp-ml110-g5",
        watts: [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135],
        sleepWatts: 10, offWatts: 0,
        source: "SPECpower_ssj2008 via Beloglazov & Buyya, CCPE 2012, Table I",
        standbySource: standby)

    private static let standby = "assumption: SPECpower measures no sleep or off draw; 10 W suspended to RAM (ACPI S3) and 0 W soft-off are typical figures for a 1U server"

    /// Dell PowerEdge R640 (1U, two Xeon Scalable "Skylake-SP" sockets), SPECpower_ssj2008
    /// result power_ssj2008-20170829-00781. Average active power at active idle and 10 … 100 %
    /// target load. The eleven values were transcribed from a copy of the result's table (the
    /// SPEC page could not be opened when they were added): check them against the result page
    /// before relying on the last watt.
    public static let dellPowerEdgeR640 = SpecPowerModel(
        name: "dell-poweredge-r640",
        watts: [55, 125, 151, 176, 202, 232, 261, 301, 357, 421, 469],
        sleepWatts: 10, offWatts: 0,
        source: "SPECpower_ssj2008 result power_ssj2008-20170829-00781 (Dell Inc. PowerEdge R640, 2017 Q3), https://www.spec.org/power_ssj2008/results/res2017q3/power_ssj2008-20170829-00781.html; transcribed from a copy of the table, not re-checked against the SPEC page",
        standbySource: standbyTwoSocket)

    /// Dell PowerEdge R740 (2U, two Xeon Scalable "Skylake-SP" sockets), SPECpower_ssj2008
    /// result power_ssj2008-20170829-00780; same caveat as the R640.
    public static let dellPowerEdgeR740 = SpecPowerModel(
        name: "dell-poweredge-r740",
        watts: [52.3, 129, 147, 170, 195, 224, 255, 292, 344, 408, 457],
        sleepWatts: 10, offWatts: 0,
        source: "SPECpower_ssj2008 result power_ssj2008-20170829-00780 (Dell Inc. PowerEdge R740, 2017 Q3), https://www.spec.org/power_ssj2008/results/res2017q3/power_ssj2008-20170829-00780.html; transcribed from a copy of the table, not re-checked against the SPEC page",
        standbySource: standbyTwoSocket)

    private static let standbyTwoSocket = "assumption: SPECpower measures no sleep or off draw; 10 W suspended to RAM (ACPI S3) and 0 W soft-off are taken as for the 1U ML110 tables, not measured for this server"

    /// Models known by name in scenario files.
    public static let catalogue: [SpecPowerModel] = [hpProLiantML110G4, hpProLiantML110G5, dellPowerEdgeR640, dellPowerEdgeR740]

    public static func named(_ name: String) -> SpecPowerModel? {
        catalogue.first { $0.name == name }
    }
}
