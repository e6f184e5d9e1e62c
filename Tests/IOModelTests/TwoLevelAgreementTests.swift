import Testing
import IOModel
import VirtModel

/// One cost model, two levels: the interval-level overhead that consolidation uses equals the
/// CPU the request-level simulation spends on I/O, per request, times the request rate.
@Suite("Interval and request levels agree")
struct TwoLevelAgreementTests {
    @Test("I/O component of CostModel.overhead = measured path CPU per request × request rate",
          arguments: ["full", "para", "container", "container-in-vm"],
                     ["database-oltp", "file-server"])
    func agree(kindName: String, application: String) throws {
        let kind = try #require(GuestKind(rawValue: kindName))
        let ops = try #require(OperationProfile.named(application))
        let profile = try #require(HardwareProfile.named("xeon-sandybridge-2012"))
        let spec = IOExperimentSpec(hardware: profile.name, kinds: ["native", kindName], workload: "application",
                                    application: application, queueDepth: 2,
                                    warmupSeconds: 0.005, durationSeconds: 0.3, seed: 3)
        let r = IOExperiment.run(spec)
        let native = try #require(r.rows.first { $0.variant == "native" })
        let virt = try #require(r.rows.first { $0.variant == kindName })
        #expect(virt.requests > 500)

        // Request level: extra CPU per request measured from the simulated CPUs' busy time.
        let ioRate = ops.diskRequests + ops.networkPackets
        let requestLevel = (virt.measuredPathCPUMicrosPerRequest - native.measuredPathCPUMicrosPerRequest) * 1e-6 * ioRate

        // Interval level: the cost model's disk + network components.
        let o = CostModel(profile: profile).overhead(kind: kind, operations: ops)
        let intervalLevel = o.fraction(of: .diskRequest) + o.fraction(of: .networkPacket)

        #expect(intervalLevel > 0)
        #expect(abs(requestLevel - intervalLevel) / intervalLevel < 0.05,
                "request level \(requestLevel) vs interval level \(intervalLevel)")
    }
}

/// The hosted VMM's stalled vCPU at both levels: a CPU-bound process with synchronous disk reads
/// loses 1 − 1 / (1 + CPU + stall) of its throughput in the request-level model, as the interval
/// level's stall fraction says.
@Suite("Hosted disk stall at both levels")
struct HostedStallAgreementTests {
    @Test("fio with 10 ms of compute per 8 KiB random read on the hosted path", arguments: [0.0, 1.0])
    func agree(share: Double) throws {
        let spec = IOExperimentSpec(hardware: "dell2650-2003", kinds: ["native", "full"], workload: "fio",
                                    blockSizeBytes: 8192, readFraction: 1, queueDepth: 4, computeMicrosPerRequest: 10_000,
                                    inputs: ["hostedSynchronousReadFraction": share],
                                    warmupSeconds: 0.2, durationSeconds: 8, seed: 5)
        #expect(spec.validate().isEmpty)
        let r = IOExperiment.run(spec)
        let native = try #require(r.rows.first { $0.variant == "native" })
        let full = try #require(r.rows.first { $0.variant == "full" })
        let p = try #require(HardwareProfile.named("dell2650-2003")?.setting("hostedSynchronousReadFraction", to: share))
        let ops = OperationProfile(name: "t", diskRequests: 100, diskRequestBytes: 8192, diskReadFraction: 1)
        let model = CostModel(profile: p)
        let o = model.overhead(kind: .full, operations: ops)
        // Per request natively: 10 ms of compute plus the native driver work; the path adds CPU and stall.
        let nativeSeconds = 0.010 + model.nativeMicros(operation: .diskRequest, operations: ops) * 1e-6
        let expectedRatio = nativeSeconds / (nativeSeconds + (o.fraction(of: .diskRequest) + o.stallFraction) / 100)
        let ratio = full.throughput / native.throughput
        #expect(abs(ratio - expectedRatio) < 0.04, "request level \(ratio) vs interval level \(expectedRatio)")
    }

    @Test("A fraction input outside [0, 1] is refused at its path")
    func fractionRange() {
        let spec = IOExperimentSpec(hardware: "dell2650-2003", inputs: ["hostedSynchronousWriteFraction": 2])
        #expect(spec.validate().contains { $0.property == "inputs.hostedSynchronousWriteFraction" })
    }
}
