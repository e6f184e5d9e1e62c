import Testing
import VirtModel

/// The hosted-VMM path (Sugerman et al. 2001): world switches and a host system call per request,
/// and a virtual CPU stalled for the disk access when the host's system call blocks.
@Suite("Hosted VMM path")
struct HostedPathTests {
    static let p2001 = HardwareProfile.named("pentium3-733-2001")!
    static let dell = HardwareProfile.named("dell2650-2003")!

    static func shape(_ device: IODeviceClass, _ direction: IODirection, bytes: Double = 1448) -> IORequestShape {
        IORequestShape(device: device, direction: direction, bytes: bytes)
    }

    @Test("On a hosted-VMM profile the emulated path is the hosted path",
          arguments: [IODeviceClass.storage, .network], [IODirection.read, .write])
    func emulatedIsHosted(device: IODeviceClass, direction: IODirection) {
        for p in [Self.p2001, Self.dell] {
            let s = Self.shape(device, direction)
            let e = EmulatedPath().cost(s, on: p), h = HostedPath().cost(s, on: p)
            #expect(e.total == h.total && e.components == h.components && e.synchronousDeviceFraction == h.synchronousDeviceFraction)
            #expect(h.hostWorkOnGuestCPU)
        }
    }

    @Test("A transmitted packet pays one world-switch round trip (2 × 8.90 µs measured), the host's write() and no stall")
    func transmitPacket() {
        let c = HostedPath().cost(Self.shape(.network, .write), on: Self.p2001)
        let ws = c.components[IOCostComponent.worldSwitch.rawValue]
        #expect(abs(ws - 4 * 8.90) < 1e-9)   // issue + the interrupt-driven completion (nothing batched)
        #expect(c.synchronousDeviceFraction == 0)
        #expect(c.components[IOCostComponent.hostStack.rawValue] >= Self.p2001.native.syscall.value)
    }

    @Test("A blocking disk read stalls the vCPU and returns inside its first round trip; a buffered write does neither")
    func diskStall() {
        let read = HostedPath().cost(Self.shape(.storage, .read, bytes: 8192), on: Self.dell)
        let write = HostedPath().cost(Self.shape(.storage, .write, bytes: 8192), on: Self.dell)
        #expect(read.synchronousDeviceFraction == 1)
        #expect(write.synchronousDeviceFraction == 0)
        let roundTrip = 2 * Self.dell.worldSwitchMicros.value
        #expect(abs(read.components[IOCostComponent.worldSwitch.rawValue] - roundTrip) < 1e-9)
        #expect(abs(write.components[IOCostComponent.worldSwitch.rawValue] - 2 * roundTrip) < 1e-9)
    }

    @Test("Stalled seconds = disk reads × synchronous share × the device's time for one request",
          arguments: [0.0, 0.5, 1.0])
    func stallSeconds(share: Double) throws {
        var p = Self.dell
        p = try #require(p.setting("hostedSynchronousReadFraction", to: share))
        let ops = OperationProfile(name: "t", diskRequests: 100, diskRequestBytes: 8192, diskReadFraction: 1)
        let o = CostModel(profile: p).overhead(kind: .full, operations: ops)
        let device = (p.storage.randomReadPositioningMicros.value + 8192 / p.storage.bandwidthMBps.value) * 1e-6
        #expect(abs(o.stallFraction - 100 * share * device) < 1e-12)
        // Stall is lost guest time, not CPU: the CPU fraction does not include it.
        #expect(o.cpuFraction < 0.01)
        // Only the hosted path stalls.
        #expect(CostModel(profile: p).overhead(kind: .para, operations: ops).stallFraction == 0)
        #expect(CostModel(profile: HardwareProfile.named("xeon-sandybridge-2012")!).overhead(kind: .full, operations: ops).stallFraction == 0)
    }

    @Test("The 2001 machine's transmit path is the size Sugerman et al. measured (31.63 µs from OUT to return, 30.65 µs of world switches and host work)")
    func sugermanTransmit() {
        let c = HostedPath().cost(Self.shape(.network, .write), on: Self.p2001)
        // The submission half: one round trip plus the host's work (device model, write(), driver + bridge, copy).
        let hostSubmit = c.hostSubmit
        #expect(hostSubmit > 25 && hostSubmit < 36, "host submit \(hostSubmit) µs")
    }
}
