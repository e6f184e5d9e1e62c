import VirtModel

/// CloudSim's PlanetLab power experiment (CloudSim 3.0.3 examples `power/planetlab`, reference
/// docs/cloudsim-semantics.md §3.1–3.2): 800 hosts, HP ProLiant ML110 G4 and G5 alternating by id,
/// one VM per trace file in four EC2-like types by index block, one day at 5-minute intervals.
public enum PlanetLabExperiment {
    /// The ten policy combinations of CloudSim's examples, by scenario name.
    public static let policyNames = ["npa", "dvfs", "thr-mmt-0.8", "iqr-mmt-1.5", "mad-mmt-2.5", "lr-mmt-1.2",
                                     "lrr-mmt-1.2", "lr-mc-1.2", "lr-mu-1.2", "lr-rs-1.2"]
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
        switch name {
        case "npa":
            return PolicySpec(placement: baselinePlacement, overload: "none", selection: "mmt", underload: false, powerAware: false)
        case "dvfs":
            return PolicySpec(placement: baselinePlacement, overload: "none", selection: "mmt", underload: false, powerAware: true)
        default:
            // "<detector>-<selection>-<parameter>"
            let parts = name.split(separator: "-").map(String.init)
            guard parts.count == 3, let parameter = Double(parts[2]),
                  ["thr", "iqr", "mad", "lr", "lrr"].contains(parts[0]),
                  ["mmt", "mc", "mu", "rs"].contains(parts[1]) else {
                throw EngineError.unknownPolicy(kind: "PlanetLab experiment", name: name)
            }
            return PolicySpec(placement: "power-aware-best-fit-decreasing", overload: parts[0], overloadParameter: parameter,
                              selection: parts[1], underload: true, migrationModel: "cloudsim", powerAware: true)
        }
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
