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
