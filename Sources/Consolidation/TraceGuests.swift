import VirtModel

/// Guests made one per file of a PlanetLab trace day, each of one of a few sized types: the way
/// CloudSim's PlanetLab experiment (CloudSim 3.0.3 examples `power/planetlab`, reference
/// docs/cloudsim-semantics.md §3.1–3.2) builds its VMs, with the types and the rule that deals
/// files to types given as data (a scenario's `traceGuests`).
public enum TraceGuests {
    /// A guest type: vCPUs of `mipsPerVcpu` each, `ramMB` reserved, of guest kind `kind`.
    public struct GuestType: Sendable, Hashable {
        public var name: String
        public var kind: GuestKind
        public var vcpus: Int
        public var mipsPerVcpu: Double
        public var ramMB: Double

        public init(name: String, kind: GuestKind, vcpus: Int, mipsPerVcpu: Double, ramMB: Double) {
            self.name = name
            self.kind = kind
            self.vcpus = vcpus
            self.mipsPerVcpu = mipsPerVcpu
            self.ramMB = ramMB
        }
    }

    /// How trace file i of n is dealt a type out of `types`.
    public enum Assignment: String, Sendable, CaseIterable {
        /// Consecutive blocks of ⌈n / types⌉ files per type, in type order: CloudSim 3.0.3
        /// `Helper.createVmList`, `vmType = i / (int) Math.ceil((double) vmsNumber / VM_TYPES)`.
        case blocks
        /// Type i mod types: the types take turns.
        case cyclic

        /// The type index of file `i` of `n`. O(1).
        public func type(of i: Int, files n: Int, types: Int) -> Int {
            switch self {
            case .blocks: return i / ((n + types - 1) / types)
            case .cyclic: return i % types
            }
        }
    }

    /// The guests of a trace day: guest i is file i (byte order of names), its demand the file's
    /// percentages / 100 as a fraction of its vCPUs, sampled every `PlanetLabTrace.sampleInterval`;
    /// no CPU overhead is added (the trace is the measured demand). O(files).
    public static func guests(day: PlanetLabDay, types: [GuestType], assignment: Assignment) -> [GuestSpec] {
        precondition(!types.isEmpty, "at least one guest type")
        let n = day.count
        let buffer = SampleBuffer(day.percents)
        var guests: [GuestSpec] = []
        guests.reserveCapacity(n)
        for i in 0..<n {
            let type = types[assignment.type(of: i, files: n, types: types.count)]
            guests.append(GuestSpec(id: i, name: day.fileNames[i], kind: type.kind, mips: type.mipsPerVcpu, vcpus: type.vcpus,
                                    ramMB: type.ramMB, cpuOverheadFraction: 0,
                                    utilization: .samples(buffer, offset: i * PlanetLabTrace.samplesPerFile,
                                                          count: PlanetLabTrace.samplesPerFile, divisor: 100),
                                    sampleInterval: PlanetLabTrace.sampleInterval))
        }
        return guests
    }
}

/// The order of a datacenter's hosts (their ids) when it has several pools.
public enum HostOrder: String, Sendable, CaseIterable {
    /// Pool after pool, in file order.
    case pools
    /// The pools take turns, each while it has hosts left: with two pools of equal size, host i is
    /// of pool i mod 2, CloudSim 3.0.3 `Helper.createHostList` (`hostType = i % HOST_TYPES`).
    case interleaved

    /// The pool index of every host, given each pool's host count. O(hosts × pools).
    public func layout(counts: [Int]) -> [Int] {
        switch self {
        case .pools:
            return counts.enumerated().flatMap { repeatElement($0.offset, count: $0.element) }
        case .interleaved:
            var left = counts
            var layout: [Int] = []
            layout.reserveCapacity(counts.reduce(0, +))
            while left.contains(where: { $0 > 0 }) {
                for p in left.indices where left[p] > 0 {
                    layout.append(p)
                    left[p] -= 1
                }
            }
            return layout
        }
    }
}

extension PolicySpec {
    /// The placement a run uses under `semantics`: with `baselinesPlaceFirstFit`, a policy that
    /// never migrates (overload `none`, no under-load step: CloudSim's npa and dvfs baselines)
    /// places first-fit in host id order, as CloudSim's `PowerVmAllocationPolicySimple`; else the
    /// configured placement. The one place the switch is read.
    public func resolvingBaselinePlacement(_ semantics: Semantics) -> PolicySpec {
        guard semantics.baselinesPlaceFirstFit, overload == "none", !underload else { return self }
        var p = self
        p.placement = "first-fit"
        return p
    }
}
