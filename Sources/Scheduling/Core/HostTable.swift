import VirtModel

/// Scheduling view of every host as a struct of arrays: one contiguous buffer per field, indexed by
/// host index (0 ..< count). The placement, overload and under-load kernels stream over these buffers
/// with SIMD lanes; nothing here is a class, so a copy of the table is a snapshot (copy-on-write), which
/// is how a consolidation round saves and restores its allocation.
///
/// Field meanings follow CloudSim's power package so the CloudSim-compatible engine can feed them
/// one-to-one (reference §3.3, §3.7):
/// - `freeMips`: the VM scheduler's available MIPS (what suitability compares the request with);
/// - `measuredMips` / `measuredUtilization`: host utilization at the last update
///   (`getUtilizationOfCpuMips`, `getUtilizationOfCpu` with its (1, 1.01) → 1 clamp);
/// - `plannedMips`: the base of the power-after-allocation estimate (CloudSim: measured MIPS plus
///   9 × the 10 % reservation of each migrating-in VM, i.e. migrating-in VMs at their full request);
/// - `tentativeMips`: MIPS added (or removed) by tentative placements of the current round;
/// - `requestedMips`: Σ uncapped current requests of the host's guests, tentative ones included
///   (U_req = requestedMips / totalMips is what THR/IQR/MAD compare).
public struct HostTable: Sendable {
    /// Static description of one host, used to build the table.
    public struct HostSpec: Sendable, Hashable {
        public var peCount: Int
        public var peMips: Double
        public var ramMB: Double
        public var bandwidthMbps: Double
        public var powerModel: SpecPowerModel
        public init(peCount: Int, peMips: Double, ramMB: Double, bandwidthMbps: Double, powerModel: SpecPowerModel) {
            self.peCount = peCount
            self.peMips = peMips
            self.ramMB = ramMB
            self.bandwidthMbps = bandwidthMbps
            self.powerModel = powerModel
        }
        /// Total MIPS = PEs × MIPS per PE.
        public var totalMips: Double { Double(peCount) * peMips }
    }

    public let count: Int
    /// How watts are computed from utilization (CloudSim bit-exact or VirtSim).
    public let powerFormula: PowerFormula
    /// When true (VirtSim), an asleep host's current power is its sleep draw, so waking it costs its
    /// idle power in the power-increase score. CloudSim measures every host from P(utilization), i.e.
    /// an empty host from P(0), so waking is free there (reference §3.7 notes).
    public let chargesWakeUp: Bool

    // Capacities (fixed after init).
    public private(set) var totalMips: [Double]
    public private(set) var peMips: [Double]
    public private(set) var peCount: [Int32]
    public private(set) var ramCapacityMB: [Double]
    public private(set) var bandwidthCapacityMbps: [Double]
    /// Index into `powerModels` for each host.
    public private(set) var powerModelIndex: [Int32]
    /// Distinct power models, in order of first appearance among the hosts.
    public private(set) var powerModels: [SpecPowerModel]
    /// `powerModels[i].watts` flattened: 11 values per model, model i at 11·i.
    public private(set) var powerTables: [Double]

    // Dynamic state.
    public private(set) var freeMips: [Double]
    public private(set) var freeRamMB: [Double]
    public private(set) var freeBandwidthMbps: [Double]
    public private(set) var requestedMips: [Double]
    public private(set) var measuredMips: [Double]
    public private(set) var measuredUtilization: [Double]
    /// Power at the last update (P(measuredUtilization), or sleep/off draw, see `chargesWakeUp`).
    public private(set) var currentPower: [Double]
    public private(set) var plannedMips: [Double]
    public private(set) var tentativeMips: [Double]
    public private(set) var guestCount: [Int32]
    /// `HostPowerState.rawValue` per host.
    public private(set) var stateRaw: [UInt8]
    /// 1 = excluded as a placement target this round.
    public private(set) var excludedRaw: [UInt8]
    /// 1 = not eligible as an under-load (evacuation) candidate this round.
    public private(set) var underloadExcludedRaw: [UInt8]

    /// Builds a table of empty, powered-on hosts with all resources free. O(n).
    public init(hosts: [HostSpec], powerFormula: PowerFormula = .virtSim, chargesWakeUp: Bool? = nil) {
        count = hosts.count
        self.powerFormula = powerFormula
        self.chargesWakeUp = chargesWakeUp ?? (powerFormula == .virtSim)
        var models: [SpecPowerModel] = []
        var modelIndex: [Int32] = []
        modelIndex.reserveCapacity(hosts.count)
        for h in hosts {
            // Linear search: a datacenter has a handful of server models; keeps first-appearance order.
            if let i = models.firstIndex(of: h.powerModel) {
                modelIndex.append(Int32(i))
            } else {
                models.append(h.powerModel)
                modelIndex.append(Int32(models.count - 1))
            }
        }
        powerModels = models
        powerModelIndex = modelIndex
        powerTables = models.flatMap(\.watts)
        totalMips = hosts.map(\.totalMips)
        peMips = hosts.map(\.peMips)
        peCount = hosts.map { Int32($0.peCount) }
        ramCapacityMB = hosts.map(\.ramMB)
        bandwidthCapacityMbps = hosts.map(\.bandwidthMbps)
        freeMips = totalMips
        freeRamMB = ramCapacityMB
        freeBandwidthMbps = bandwidthCapacityMbps
        let zeros = [Double](repeating: 0, count: hosts.count)
        requestedMips = zeros
        measuredMips = zeros
        measuredUtilization = zeros
        plannedMips = zeros
        tentativeMips = zeros
        guestCount = [Int32](repeating: 0, count: hosts.count)
        stateRaw = [UInt8](repeating: HostPowerState.on.rawValue, count: hosts.count)
        excludedRaw = [UInt8](repeating: 0, count: hosts.count)
        underloadExcludedRaw = [UInt8](repeating: 0, count: hosts.count)
        currentPower = zeros
        for h in 0..<count { currentPower[h] = basePower(h) }
    }

    // MARK: Reading

    @inlinable public func state(of host: Int) -> HostPowerState { HostPowerState(rawValue: stateRaw[host])! }
    @inlinable public func isExcluded(_ host: Int) -> Bool { excludedRaw[host] != 0 }
    @inlinable public func isUnderloadExcluded(_ host: Int) -> Bool { underloadExcludedRaw[host] != 0 }
    /// U_req = requested / total MIPS (uncapped, may exceed 1).
    @inlinable public func requestedUtilization(of host: Int) -> Double { requestedMips[host] / totalMips[host] }
    public func powerModel(of host: Int) -> SpecPowerModel { powerModels[Int(powerModelIndex[host])] }

    /// Watts of `host` at utilization `u` by the table's formula; nil when CloudSim's model would throw (u ∉ [0, 1]).
    public func power(of host: Int, atUtilization u: Double) -> Double? {
        let base = Int(powerModelIndex[host]) * 11
        return powerTables.withUnsafeBufferPointer {
            PowerCurve.watts(UnsafeBufferPointer(rebasing: $0[base..<base + 11]), utilization: u, formula: powerFormula)
        }
    }

    /// Utilization the host would have after placing `guest`: (planned [+ tentative] + request) / total.
    @inlinable
    public func utilizationAfterPlacing(_ guest: PlacementGuest, on host: Int, includeTentative: Bool) -> Double {
        let base = includeTentative ? plannedMips[host] + tentativeMips[host] : plannedMips[host]
        return (base + guest.mips) / totalMips[host]
    }

    // MARK: Updating from the engine

    /// Records the host's utilization at an update: `measuredUtilization` = mips / total with CloudSim's
    /// clamp of (1, 1.01) to 1 (`HostDynamicWorkload.getUtilizationOfCpu`), and refreshes `currentPower`.
    /// Also sets `plannedMips` to `plannedMips ?? utilizationMips` and clears `tentativeMips`. O(1).
    public mutating func recordMeasurement(host: Int, utilizationMips: Double, plannedMips planned: Double? = nil) {
        measuredMips[host] = utilizationMips
        var u = utilizationMips / totalMips[host]
        if u > 1 && u < 1.01 { u = 1 }
        measuredUtilization[host] = u
        plannedMips[host] = planned ?? utilizationMips
        tentativeMips[host] = 0
        currentPower[host] = basePower(host)
    }

    /// Sets the planned MIPS base of the power-increase estimate (see type doc). O(1).
    public mutating func setPlannedMips(host: Int, _ mips: Double) { plannedMips[host] = mips }

    /// Sets Σ uncapped current requests of the host's guests. O(1).
    public mutating func setRequestedMips(host: Int, _ mips: Double) { requestedMips[host] = mips }

    /// Sets free resources as the engine's allocator computed them. O(1).
    public mutating func setFree(host: Int, mips: Double, ramMB: Double? = nil, bandwidthMbps: Double? = nil) {
        freeMips[host] = mips
        if let ramMB { freeRamMB[host] = ramMB }
        if let bandwidthMbps { freeBandwidthMbps[host] = bandwidthMbps }
    }

    public mutating func setGuestCount(host: Int, _ n: Int) { guestCount[host] = Int32(n) }

    /// Changes a host's power state and refreshes its current power. O(1).
    public mutating func setState(host: Int, _ state: HostPowerState) {
        stateRaw[host] = state.rawValue
        currentPower[host] = basePower(host)
    }

    public mutating func setExcluded(_ host: Int, _ excluded: Bool = true) { excludedRaw[host] = excluded ? 1 : 0 }
    public mutating func setUnderloadExcluded(_ host: Int, _ excluded: Bool = true) { underloadExcludedRaw[host] = excluded ? 1 : 0 }
    /// Clears both exclusion masks. O(n).
    public mutating func clearExclusions() {
        for i in 0..<count { excludedRaw[i] = 0; underloadExcludedRaw[i] = 0 }
    }

    // MARK: Tentative placement within a round

    /// Tentatively places `guest` on `host` so that later decisions of the same round see it:
    /// free MIPS drop by the PE-capped request (CloudSim `allocatePesForVm`: to 0 when the host becomes
    /// over-subscribed), free RAM/bandwidth drop, requested and tentative MIPS rise, guest count + 1. O(1).
    public mutating func tentativelyPlace(_ guest: PlacementGuest, on host: Int) {
        let capped = cappedRequest(guest, on: host)
        freeMips[host] = freeMips[host] >= capped ? freeMips[host] - capped : 0
        freeRamMB[host] -= guest.ramMB
        freeBandwidthMbps[host] -= guest.bandwidthMbps
        tentativeMips[host] += guest.mips
        requestedMips[host] += guest.mips
        guestCount[host] += 1
    }

    /// Undoes `tentativelyPlace`, or tentatively removes a guest that lives on `host` (VM selection
    /// on an overloaded host). Free MIPS come back capped at the host's total; when the engine needs
    /// CloudSim's exact recomputation after an over-subscription it should call `setFree`. O(1).
    public mutating func tentativelyRemove(_ guest: PlacementGuest, from host: Int) {
        let capped = cappedRequest(guest, on: host)
        freeMips[host] = min(totalMips[host], freeMips[host] + capped)
        freeRamMB[host] += guest.ramMB
        freeBandwidthMbps[host] += guest.bandwidthMbps
        tentativeMips[host] -= guest.mips
        requestedMips[host] -= guest.mips
        guestCount[host] -= 1
    }

    /// The guest's request with each PE capped at the host's PE MIPS (CloudSim over-subscription scheduler).
    @inlinable
    public func cappedRequest(_ guest: PlacementGuest, on host: Int) -> Double {
        if guest.peCount <= 1 { return min(guest.mips, peMips[host]) }
        let perPe = guest.mips / Double(guest.peCount)
        return Double(guest.peCount) * min(perPe, peMips[host])
    }

    // MARK: Private

    private func basePower(_ host: Int) -> Double {
        let model = powerModels[Int(powerModelIndex[host])]
        switch HostPowerState(rawValue: stateRaw[host])! {
        case .asleep where chargesWakeUp: return model.sleepWatts
        case .off, .failed: return chargesWakeUp ? model.offWatts : (power(of: host, atUtilization: 0) ?? model.idleWatts)
        default:
            let u = min(max(measuredUtilization[host], 0), 1)
            return power(of: host, atUtilization: u) ?? model.maxWatts
        }
    }
}
