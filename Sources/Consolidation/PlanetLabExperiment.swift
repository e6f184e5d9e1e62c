import Scheduling
import VirtModel

/// CloudSim's PlanetLab power experiment (CloudSim 3.0.3 examples `power/planetlab`, reference
/// docs/cloudsim-semantics.md §3.1–3.2): 800 hosts, HP ProLiant ML110 G4 and G5 alternating by id,
/// one VM per trace file in four EC2-like types by index block, one day at 5-minute intervals.
public enum PlanetLabExperiment {
    /// The ten policy combinations of CloudSim's examples (`PlanetLabRunner` names): the scenario
    /// name, the overload policy with its parameter as one typed value (nil: a baseline without
    /// dynamic consolidation), and the selection policy. A name is looked up here, never parsed:
    /// the parameter in a name like "lr-mmt-1.2" is written once, in this table.
    static let combinations: [(name: String, overload: OverloadPolicy?, selection: String)] = [
        ("npa", nil, "mmt"), ("dvfs", nil, "mmt"),
        ("thr-mmt-0.8", .threshold(0.8), "mmt"), ("iqr-mmt-1.5", .interQuartileRange(safety: 1.5), "mmt"),
        ("mad-mmt-2.5", .medianAbsoluteDeviation(safety: 2.5), "mmt"), ("lr-mmt-1.2", .localRegression(safety: 1.2), "mmt"),
        ("lrr-mmt-1.2", .robustLocalRegression(safety: 1.2), "mmt"), ("lr-mc-1.2", .localRegression(safety: 1.2), "mc"),
        ("lr-mu-1.2", .localRegression(safety: 1.2), "mu"), ("lr-rs-1.2", .localRegression(safety: 1.2), "rs"),
    ]
    /// The ten policy combinations of CloudSim's examples, by scenario name.
    public static let policyNames = combinations.map(\.name)
    /// `PlanetLabConstants.NUMBER_OF_HOSTS`.
    public static let hostCount = 800
    /// `Constants.SIMULATION_LIMIT`: 24 h.
    public static let horizon = 86400.0
    /// `Constants.SCHEDULING_INTERVAL`.
    public static let schedulingInterval = 300.0

    /// Host types (`Constants.HOST_*`): 2 PEs of 1860 / 2660 MIPS, 4096 MB, 1 Gbit/s.
    public static let hostTypes: [HostTypeSpec] = [
        HostTypeSpec(name: "HP ProLiant ML110 G4 (Xeon 3040)", cores: 2, mipsPerCore: 1860, ramMB: 4096,
                     bandwidthMbps: 1000, power: .hpProLiantML110G4, count: hostCount / 2),
        HostTypeSpec(name: "HP ProLiant ML110 G5 (Xeon 3075)", cores: 2, mipsPerCore: 2660, ramMB: 4096,
                     bandwidthMbps: 1000, power: .hpProLiantML110G5, count: hostCount / 2),
    ]

    /// VM types (`Constants.VM_*`): MIPS and RAM of High-CPU Medium, Extra Large, Small, Micro.
    public static let vmTypes: [(mips: Double, ramMB: Double)] = [(2500, 870), (2000, 1740), (1000, 1740), (500, 613)]

    /// The policies of one experiment name. `semantics` decides whether the baselines place
    /// first-fit (CloudSim's `PowerVmAllocationPolicySimple`) or power-aware.
    public static func policies(named name: String, semantics: Semantics) throws -> PolicySpec {
        let baselinePlacement = semantics.baselinesPlaceFirstFit ? "first-fit" : "power-aware-best-fit-decreasing"
        guard let c = combinations.first(where: { $0.name == name }) else {
            throw EngineError.unknownPolicy(kind: "PlanetLab experiment", name: name)
        }
        guard let overload = c.overload else {
            // NPA draws full power whatever the load; DVFS follows the power model.
            return PolicySpec(placement: baselinePlacement, overloadPolicy: .none, selection: c.selection, underload: false,
                              powerAware: name != "npa")
        }
        return PolicySpec(placement: "power-aware-best-fit-decreasing", overloadPolicy: overload,
                          selection: c.selection, underload: true, migrationModel: "cloudsim", powerAware: true)
    }

    /// The engine configuration of experiment `policy` on a day of traces.
    public static func config(policy: String, day: PlanetLabDay, semantics: Semantics, seed: UInt64 = 1,
                              recordHostIntervals: Bool = false, reportInterval: Double = 3600) throws -> EngineConfig {
        let policies = try Self.policies(named: policy, semantics: semantics)
        let n = day.count
        let buffer = SampleBuffer(day.percents)
        // `Helper.createVmList`: type = i / ⌈n / 4⌉.
        let block = (n + vmTypes.count - 1) / vmTypes.count
        var guests: [GuestSpec] = []
        guests.reserveCapacity(n)
        for i in 0..<n {
            let type = vmTypes[i / block]
            guests.append(GuestSpec(id: i, name: day.fileNames[i], kind: .para, mips: type.mips, vcpus: 1,
                                    ramMB: type.ramMB, cpuOverheadFraction: 0,
                                    utilization: .samples(buffer, offset: i * PlanetLabTrace.samplesPerFile,
                                                          count: PlanetLabTrace.samplesPerFile, divisor: 100),
                                    sampleInterval: PlanetLabTrace.sampleInterval))
        }
        // `Helper.createHostList`: host type = id mod 2.
        let layout = (0..<hostCount).map { $0 % 2 }
        return EngineConfig(hostTypes: hostTypes, hostLayout: layout, guests: guests, policies: policies,
                            semantics: semantics, horizon: horizon, consolidationInterval: schedulingInterval,
                            seed: seed, recordHostIntervals: recordHostIntervals, reportInterval: reportInterval)
    }

    /// Reads `day` under `traceRoot` and runs experiment `policy`.
    public static func run(policy: String, day: String = "20110303", traceRoot: String,
                           semantics: Semantics = .cloudSimCompatible, seed: UInt64 = 1,
                           progress: ((Double) -> Void)? = nil) throws -> EngineResult {
        let traces = try PlanetLabTrace.readDay(root: traceRoot, day: day)
        return try ConsolidationEngine.run(config(policy: policy, day: traces, semantics: semantics, seed: seed),
                                           progress: progress)
    }
}
