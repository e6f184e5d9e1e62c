import Testing
import IOModel
import VirtModel

/// vCPUs time-sharing cores: what a switch costs, how the slice trades throughput for the
/// waiting time of a woken guest, and what the credit scheduler's boost changes.
@Suite("CPU time-sharing")
struct TimeSharingTests {
    static func config(cores: Int = 2, guests: Int, slice: Double, interactive: Bool = false,
                       scheduler: TimeSharingConfig.Scheduler = .roundRobin, switchMicros: Double = 2, refillMicros: Double = 8) -> TimeSharingConfig {
        TimeSharingConfig(cores: cores, cpuBoundGuests: guests, interactive: interactive, sliceMicros: slice,
                          switchMicros: switchMicros, refillMicros: refillMicros, scheduler: scheduler,
                          warmupSeconds: 0.01, durationSeconds: 0.5, seed: 3)
    }

    @Test("No more vCPUs than cores: no switch, every vCPU gets its whole core", arguments: [1, 2])
    func noSharing(guests: Int) {
        let r = TimeSharingSimulation.run(Self.config(guests: guests, slice: 1000))
        #expect(r.switchesPerSecond == 0)
        #expect(r.overheadPercent == 0)
        #expect(abs(r.cpuBoundThroughput - Double(guests)) < 1e-9)
    }

    @Test("Round robin over more vCPUs than cores loses (switch + refill) / slice of the cores' time",
          arguments: [100.0, 1000, 10000], [4, 16])
    func switchLoss(slice: Double, guests: Int) {
        let r = TimeSharingSimulation.run(Self.config(guests: guests, slice: slice))
        let expected = 100 * 10 / slice
        #expect(abs(r.overheadPercent - expected) < 0.02 * expected + 0.01, "\(r.overheadPercent) vs \(expected)")
        #expect(abs(r.cpuBoundThroughput - 2 * (1 - 10 / slice)) < 0.01)
        #expect(jainFairnessIndex(r.cpuBoundWork) > 0.99)
    }

    @Test("A woken guest waits for the vCPUs ahead of it under round robin; the credit boost lets it run at once")
    func creditBoost() {
        let rr = TimeSharingSimulation.run(Self.config(guests: 8, slice: 10_000, interactive: true))
        let credit = TimeSharingSimulation.run(Self.config(guests: 8, slice: 10_000, interactive: true, scheduler: .credit))
        let mean = { (x: [Double]) in x.reduce(0, +) / Double(x.count) }
        #expect(rr.wakeDelaysMicros.count > 5 && credit.wakeDelaysMicros.count > 100)
        // Round robin: behind ~8 vCPUs on 2 cores, slices of 10 ms: tens of milliseconds.
        #expect(mean(rr.wakeDelaysMicros) > 10_000)
        // Credit: it preempts at once and waits only for the switch and the refill.
        #expect(credit.wakeDelaysMicros.allSatisfy { abs($0 - 10) < 1e-6 })
        // The boost costs switches: more of them per second than round robin.
        #expect(credit.switchesPerSecond > rr.switchesPerSecond)
    }

    @Test("Same configuration, same result (the think times are the only draws)")
    func deterministic() {
        let c = Self.config(guests: 6, slice: 500, interactive: true, scheduler: .credit)
        let a = TimeSharingSimulation.run(c), b = TimeSharingSimulation.run(c)
        #expect(a.cpuBoundWork == b.cpuBoundWork && a.wakeDelaysMicros == b.wakeDelaysMicros)
    }

    @Test("The profile's inputs: an exit round trip with handling plus a host context switch; refill from lmbench's 16p/64K − 2p/0K")
    func profileInputs() {
        let p = HardwareProfile.named("xeon-sandybridge-2012")!
        let i = TimeSharingConfig.switchInputs(p)
        #expect(abs(i.switchMicros - (p.exitMicros + p.native.contextSwitch.value)) < 1e-12)
        #expect(abs(i.refillMicros - (8 - 1.2)) < 1e-12)
    }
}
