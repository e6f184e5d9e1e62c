import Testing
@testable import VirtModel

@Suite("Migration models")
struct MigrationTests {
    @Test("CloudSim M2: 1024 MB over 1 Gb/s takes RAM / (bandwidth / 2)")
    func cloudSimM2() {
        let plan = CloudSimMigrationModel().plan(MigrationRequest(memoryMB: 1024, linkBandwidthMbps: 1000))
        // 1024 MB = 8192 Mb over half of 1000 Mb/s = 500 Mb/s → 16.384 s.
        let expected = 1024.0 * 8 / (1000.0 / 2)
        #expect(abs(plan.totalSeconds - expected) < 1e-12)
        #expect(plan.downtimeSeconds == 0)
        #expect(plan.sourceCpuShare == 0.9 && plan.targetReservationShare == 0.1)
    }

    @Test("CloudSim M2 is bit-identical to CloudSim's ram / (bw / (2 · 8000)) for its VM types",
          arguments: [870.0, 1740, 613])
    func cloudSimExactOrder(ram: Double) {
        let bwKbit = 1_000_000.0
        #expect(CloudSimMigrationModel.seconds(memoryMB: ram, bandwidthMbps: 1000) == ram / (bwKbit / (2 * 8000)))
    }

    @Test("naive stop-and-copy of 512 MB: 32 / 16 / 8 s at 128 / 256 / 512 Mb/s (Clark et al.)",
          arguments: [(128.0, 32.0), (256, 16), (512, 8)])
    func naiveStopAndCopy(rate: Double, seconds: Double) {
        #expect(PreCopyMigrationModel.stopAndCopySeconds(memoryMB: 512, rateMbps: rate) == seconds)
        // An idle guest under pre-copy needs a single round at the first-round rate plus an empty stop-and-copy.
        let idle = PreCopyMigrationModel(minimumRateMbps: rate).plan(MigrationRequest(memoryMB: 512, linkBandwidthMbps: 1000))
        #expect(idle.totalSeconds == seconds && idle.downtimeSeconds == 0 && idle.rounds == 2)
    }

    /// A fixed-rate pre-copy (minimum = maximum rate).
    static func fixedRate(_ mbps: Double) -> PreCopyMigrationModel {
        PreCopyMigrationModel(minimumRateMbps: mbps, maximumRateMbps: mbps, stopAndCopyRateMbps: mbps)
    }

    @Test("pre-copy: more dirtying never shortens the downtime (to within the stop threshold's 256 KB)",
          arguments: [100.0, 1000, 10_000])
    func downtimeMonotonicInDirtyRate(link: Double) {
        let model = PreCopyMigrationModel()
        let tolerance = model.stopThresholdMB * 8 / link
        var previous: MigrationPlan? = nil
        for dirty in stride(from: 0.0, through: 400, by: 2.5) {
            let plan = model.plan(MigrationRequest(memoryMB: 800, linkBandwidthMbps: link, dirtyRateMBps: dirty, writableWorkingSetMB: 200))
            if let p = previous { #expect(plan.downtimeSeconds >= p.downtimeSeconds - tolerance) }
            previous = plan
        }
        #expect(previous!.downtimeSeconds > 100 * tolerance, "at 400 MB/s the working set goes in the stop-and-copy")
    }

    @Test("pre-copy: more bandwidth never lengthens the downtime (to within the stop threshold)", arguments: [5.0, 20, 60, 500])
    func downtimeMonotonicInBandwidth(dirty: Double) {
        let model = PreCopyMigrationModel()
        var previous: MigrationPlan? = nil
        for link in stride(from: 200.0, through: 10_000, by: 100) {
            let plan = model.plan(MigrationRequest(memoryMB: 512, linkBandwidthMbps: link, dirtyRateMBps: dirty, writableWorkingSetMB: 64))
            if let p = previous { #expect(plan.downtimeSeconds <= p.downtimeSeconds + model.stopThresholdMB * 8 / 200) }
            previous = plan
        }
    }

    @Test("pre-copy that converges: more dirtying means more time and data", arguments: [100.0, 500, 1000])
    func convergingMonotonic(rate: Double) {
        // At a fixed rate r, rounds converge while the dirtying rate stays below r − 50 Mb/s.
        var previous: MigrationPlan? = nil
        for dirty in stride(from: 0.0, to: (rate - 50) / 8, by: (rate - 50) / 8 / 40) {
            let plan = Self.fixedRate(rate).plan(MigrationRequest(memoryMB: 800, linkBandwidthMbps: 1000, dirtyRateMBps: dirty,
                                                                  writableWorkingSetMB: 200))
            if let p = previous {
                #expect(plan.totalSeconds >= p.totalSeconds)
                #expect(plan.bytesSent >= p.bytesSent)
            }
            previous = plan
        }
    }

    @Test("pre-copy that converges: more bandwidth means less time", arguments: [1.0, 5])
    func convergingFasterWithBandwidth(dirty: Double) {
        var previous: MigrationPlan? = nil
        for link in stride(from: 100.0, through: 10_000, by: 100) {
            let plan = Self.fixedRate(link).plan(MigrationRequest(memoryMB: 512, linkBandwidthMbps: link, dirtyRateMBps: dirty,
                                                                  writableWorkingSetMB: 64))
            if let p = previous { #expect(plan.totalSeconds <= p.totalSeconds) }
            previous = plan
        }
    }

    @Test("pre-copy: the downtime never exceeds sending the larger of the working set and the stop threshold",
          arguments: [0.5, 5, 50, 500])
    func downtimeBound(dirty: Double) {
        let model = PreCopyMigrationModel()
        for wws in [16.0, 64, 256] {
            let plan = model.plan(MigrationRequest(memoryMB: 512, linkBandwidthMbps: 1000, dirtyRateMBps: dirty, writableWorkingSetMB: wws))
            #expect(plan.downtimeSeconds <= max(wws, model.stopThresholdMB) * 8 / 1000)
            #expect(plan.totalSeconds >= 512 * 8 / 1000.0)
        }
    }

    @Test("pre-copy: the adaptive rate is the previous dirtying rate + 50 Mb/s, rounds add up")
    func adaptiveRate() throws {
        let plan = PreCopyMigrationModel().plan(MigrationRequest(memoryMB: 400, linkBandwidthMbps: 1000, dirtyRateMBps: 10))
        let r = plan.roundDetails
        #expect(r.count >= 3)
        // Round 1: 400 MB at 100 Mb/s = 32 s, dirtying 320 MB (10 MB/s) = 80 Mb/s → round 2 at 130 Mb/s.
        #expect(r[0].seconds == 32 && r[0].dirtiedMB == 320)
        #expect(abs(r[1].rateMbps - 130) < 1e-9)
        #expect(r.dropLast().allSatisfy { !$0.stopAndCopy } && r.last!.stopAndCopy)
        #expect(abs(plan.megabytesSent - r.reduce(0) { $0 + $1.sentMB }) < 1e-6)
        #expect(abs(plan.totalSeconds - r.reduce(0) { $0 + $1.seconds }) < 1e-9)
        #expect(plan.downtimeSeconds == r.last!.seconds)
    }

    @Test("pre-copy: a working set rewritten faster than the link is sent in the stop-and-copy")
    func thrashing() {
        // Writes far faster than any rate: every round re-dirties the whole 256 MB set.
        let plan = PreCopyMigrationModel().plan(MigrationRequest(memoryMB: 512, linkBandwidthMbps: 1000,
                                                                 dirtyRateMBps: 10_000, writableWorkingSetMB: 256))
        #expect(plan.roundDetails.last!.sentMB == 256)
        #expect(plan.downtimeSeconds == 256.0 * 8 / 1000)
    }

    @Test("pre-copy: the suspend handshake and the resume add to downtime and total, nothing else")
    func suspendAndResume() {
        let request = MigrationRequest(memoryMB: 64, linkBandwidthMbps: 1000, dirtyRateMBps: 20, writableWorkingSetMB: 2)
        let bare = PreCopyMigrationModel(minimumRateMbps: 100, maximumRateMbps: 500).plan(request)
        let xen = PreCopyMigrationModel.xen2005.plan(request)
        #expect(abs(xen.downtimeSeconds - bare.downtimeSeconds - 0.010) < 1e-12)
        #expect(abs(xen.totalSeconds - bare.totalSeconds - 0.010) < 1e-12)
        #expect(xen.bytesSent == bare.bytesSent && xen.rounds == bare.rounds)
        let resumed = PreCopyMigrationModel(suspendSeconds: 0.02, resumeSeconds: 0.03).plan(request)
        let plain = PreCopyMigrationModel().plan(request)
        #expect(abs(resumed.downtimeSeconds - plain.downtimeSeconds - 0.05) < 1e-12)
    }

    @Test("cold migration: shut down, copy the image unless storage is shared, boot")
    func cold() {
        let model = ColdMigrationModel(shutdownSeconds: 5, bootSeconds: 20)
        let local = model.plan(MigrationRequest(memoryMB: 1024, linkBandwidthMbps: 1000, imageMB: 2500, sharedStorage: false))
        #expect(local.totalSeconds == 5 + 2500 * 8 / 1000 + 20 && local.downtimeSeconds == local.totalSeconds)
        let shared = model.plan(MigrationRequest(memoryMB: 1024, linkBandwidthMbps: 1000, imageMB: 2500))
        #expect(shared.totalSeconds == 25 && shared.bytesSent == 0)
        let suspend = ColdMigrationModel(suspendResume: true).plan(MigrationRequest(memoryMB: 1024, linkBandwidthMbps: 1000))
        #expect(suspend.totalSeconds == 1024 * 8 / 1000.0)
    }

    @Test("models by name", arguments: MigrationModels.allNames)
    func named(name: String) {
        #expect(MigrationModels.named(name)?.name == name)
        #expect(MigrationModels.named("teleport") == nil)
    }
}

@Suite("Migration dirtying model")
struct DirtyingModelTests {
    @Test("the hot set saturates at the writable working set; the background adds on the rest of memory")
    func dirtied() {
        let r = MigrationRequest(memoryMB: 100, linkBandwidthMbps: 1000, dirtyRateMBps: 10, writableWorkingSetMB: 20,
                                 backgroundDirtyRateMBps: 1)
        #expect(r.dirtiedMB(during: 1) == 10 + 1)
        #expect(r.dirtiedMB(during: 5) == 20 + 5)        // hot set full
        #expect(r.dirtiedMB(during: 1000) == 20 + 80)    // everything dirty, never more than memory
    }
}

/// A guest's measured resume time on the target is added after the final copy and replaces the
/// model's default; the plan reports the split.
@Test(arguments: [nil, 0.0, 0.009, 0.040] as [Double?])
func guestResumeAddsToTheFinalCopy(resume: Double?) {
    let model = PreCopyMigrationModel.xen2005
    let base = MigrationRequest(memoryMB: 64, linkBandwidthMbps: 1000, dirtyRateMBps: 20, writableWorkingSetMB: 2)
    var request = base
    request.resumeSeconds = resume
    let plain = model.plan(base)
    let plan = model.plan(request)
    #expect(plan.resumeSeconds == (resume ?? model.resumeSeconds))
    #expect(abs(plan.finalCopySeconds - plain.finalCopySeconds) < 1e-12, "the copy does not depend on the resume")
    #expect(abs(plan.downtimeSeconds - (plain.downtimeSeconds + (resume ?? 0))) < 1e-12)
    #expect(abs(plan.totalSeconds - (plain.totalSeconds + (resume ?? 0))) < 1e-12)
}
