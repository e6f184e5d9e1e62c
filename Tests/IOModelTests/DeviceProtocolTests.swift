import Testing
@testable import IOModel
import VirtModel

/// Emulated device protocols: the number of trapping register accesses per request comes from
/// the controller's programming interface, and the loss follows it.
@Suite("Emulated device protocols")
struct DeviceProtocolTests {
    static let modern = HardwareProfile.named("xeon-sandybridge-2012")!

    /// The seed workload (fio 64 KiB random, 70% reads, qd 1, 80 µs of application CPU).
    static func seedLike(_ device: String, depth: Int = 1) -> IOExperimentSpec {
        IOExperimentSpec(hardware: "xeon-sandybridge-2012", kinds: ["native", "full"], fullDiskDevice: device,
                         workload: "fio", blockSizeBytes: 65536, readFraction: 0.7, queueDepth: depth,
                         computeMicrosPerRequest: 80, warmupSeconds: 0.005, durationSeconds: 0.08, seed: 5)
    }

    static func fullLoss(_ r: IOExperimentResult) -> Double {
        r.rows.first { $0.variant == "full" }!.throughputLossPercent
    }

    @Test("every controller's trap counts are cited, and the driver-derived ones are not assumptions",
          arguments: EmulatedStorageController.allCases)
    func storageProtocolIsCited(controller: EmulatedStorageController) {
        let d = controller.profile(deviceModelMicros: Cited(4, "test"))
        for c in [d.trapsPerSubmit, d.trapsPerCompletion, d.trapsPerInterrupt, d.maxOutstanding] {
            #expect(!c.source.isEmpty)
            #expect(c.value >= 0)
        }
        #expect(!d.trapsPerSubmit.isAssumption)
        #expect(!d.trapsPerInterrupt.isAssumption)
        #expect(d.trapsPerSubmit.value >= 1, "a request needs at least a doorbell")
        #expect(d.controller == controller.rawValue)
    }

    @Test("register-by-register IDE traps more than AHCI's doorbell, which traps more than LSI Logic's FIFO")
    func trapOrdering() {
        let traps = EmulatedStorageController.allCases.map {
            ($0, $0.profile(deviceModelMicros: Cited(4, "test")).trapsPerRequest(batch: 1))
        }
        let ide = traps.first { $0.0 == .ide }!.1, ahci = traps.first { $0.0 == .ahci }!.1, lsi = traps.first { $0.0 == .lsiLogic }!.1
        #expect(ide == 26)
        #expect(ahci == 7)
        #expect(lsi == 3)
        #expect(ide > ahci && ahci > lsi)
    }

    @Test("fewer trapping accesses per request, lower loss: IDE > AHCI > LSI Logic on the seed workload")
    func lossFollowsTraps() {
        let ide = Self.fullLoss(IOExperiment.run(Self.seedLike("ide")))
        let ahci = Self.fullLoss(IOExperiment.run(Self.seedLike("ahci")))
        let lsi = Self.fullLoss(IOExperiment.run(Self.seedLike("lsi-logic")))
        #expect(ide > ahci)
        #expect(ahci > lsi)
        #expect(lsi > 0)
    }

    @Test("interrupt coalescing spreads per-interrupt traps over the requests completed, except on IDE",
          arguments: [EmulatedStorageController.ahci, .lsiLogic])
    func coalescing(controller: EmulatedStorageController) {
        let d = controller.profile(deviceModelMicros: Cited(4, "test"))
        #expect(d.trapsPerRequest(batch: 8) < d.trapsPerRequest(batch: 1))
        let ide = EmulatedStorageController.ide.profile(deviceModelMicros: Cited(4, "test"))
        #expect(ide.trapsPerRequest(batch: 8) == ide.trapsPerRequest(batch: 1), "one command per channel: one per interrupt")
        // The request-level cost sees the same thing.
        let p = Self.modern.withEmulatedDisk(controller)
        let one = EmulatedPath().cost(IORequestShape(device: .storage, direction: .read, bytes: 4096, requestsPerNotification: 1), on: p)
        let eight = EmulatedPath().cost(IORequestShape(device: .storage, direction: .read, bytes: 4096, requestsPerNotification: 8), on: p)
        #expect(eight.total < one.total)
    }

    @Test("an IDE channel holds one command: deeper queues cannot use the SSD's parallelism")
    func ideSerializes() {
        let ide = IOExperiment.run(Self.seedLike("ide", depth: 8))
        let ahci = IOExperiment.run(Self.seedLike("ahci", depth: 8))
        let ideFull = ide.rows.first { $0.variant == "full" }!, ahciFull = ahci.rows.first { $0.variant == "full" }!
        #expect(ideFull.throughput < ahciFull.throughput)
        // One command at a time: at most one positioning + transfer per ~(64 + 23) µs.
        #expect(ideFull.requestsPerSecond < 1e6 / 60)
    }

    @Test("the spec names devices by controller and rejects unknown ones")
    func specDevices() {
        var spec = IOExperimentSpec()
        spec.fullDiskDevice = "scsi-9000"
        spec.fullNetworkDevice = "token-ring"
        let props = spec.validate().map(\.property)
        #expect(props.contains("fullDiskDevice"))
        #expect(props.contains("fullNetworkDevice"))
        spec.fullDiskDevice = "ahci"
        spec.fullNetworkDevice = "lance"
        #expect(spec.validate().isEmpty)
        let p = spec.applyingDevices(to: Self.modern)
        #expect(p.emulatedDisk.controller == "ahci")
        #expect(p.emulatedNIC.controller == "lance")
        #expect(p.emulatedDisk.deviceModelMicros.value == Self.modern.emulatedDisk.deviceModelMicros.value)
        #expect(IOExperimentSpec().applyingDevices(to: Self.modern).emulatedDisk.controller == Self.modern.emulatedDisk.controller)
    }
}
