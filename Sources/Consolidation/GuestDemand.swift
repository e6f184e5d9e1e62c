import VirtModel

/// The fleet's demand over time: where each guest's utilization comes from (`DemandSource`:
/// a window of shared samples, a constant or a synthetic series), how it is read between samples
/// (the run's `DemandReading`, resolved once), and the utilization histories the policies read.
///
/// Why a type of its own: every read of a guest's demand goes through it, so the rule "demand =
/// utilization at t × the guest's MIPS × its vCPUs" and the history bookkeeping exist once. It
/// writes the guests' current utilization and request columns (`GuestColumns`); the engine calls
/// `refresh` at every full update and `read` when it places one guest.
struct GuestDemand<R: DemandReading> {
    /// Where each guest's utilization comes from. Read-only once built.
    let source: DemandSource
    /// How a value is read between samples (interpolated or held).
    let reading: R
    /// The guests' utilization histories (empty when no policy reads them).
    var history: UtilizationHistory

    /// The demand of `guests`; `keepHistory`: a policy reads utilization histories. O(guests);
    /// throws for an empty or out-of-range sample window.
    init(guests: [GuestSpec], reading: R, keepHistory: Bool) throws {
        source = try DemandSource(guests: guests)
        self.reading = reading
        history = UtilizationHistory(guests: guests.count, keep: keepHistory)
    }

    /// Guest `g`'s utilization at `t` (a fraction of its own MIPS). O(1).
    @inline(__always)
    func utilization(_ g: Int, at t: Double) -> Double {
        reading.utilization(source, g, at: t)
    }

    /// Sets guest `g`'s current utilization and request (MIPS) in `guests` from its demand at `t`
    /// and returns the utilization. O(1).
    @inline(__always)
    @discardableResult
    func read(_ g: Int, at t: Double, into guests: inout GuestColumns) -> Double {
        let u = utilization(g, at: t)
        guests.utilization[g] = u
        guests.request[g] = u * guests.mips[g] * Double(guests.pes[g])
        return u
    }

    /// Re-reads every placed (running or booting) guest's demand at `t`; on a sample tick the
    /// value is also appended to the guest's history. O(guests).
    mutating func refresh(_ guests: inout GuestColumns, at t: Double, tick: Bool) {
        for g in 0..<guests.phase.count {
            let phase = guests.phase[g]
            guard phase == .running || phase == .booting else { continue }
            let u = read(g, at: t, into: &guests)
            if tick { history.push(g, u) }
        }
    }
}
