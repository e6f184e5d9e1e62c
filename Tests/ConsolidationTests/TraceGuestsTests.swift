import Testing
import VirtModel
@testable import Consolidation

/// The rules that build CloudSim's PlanetLab datacenter from a scenario's data.
@Suite("Trace guests and host orders")
struct TraceGuestsTests {
    @Test("blocks: consecutive blocks of ⌈n / types⌉ files per type (CloudSim's createVmList); cyclic: i mod types",
          arguments: [(1052, 4), (898, 4), (10, 3), (3, 4), (7, 1)])
    func assignment(n: Int, types: Int) {
        let block = Int((Double(n) / Double(types)).rounded(.up))
        for i in 0..<n {
            #expect(TraceGuests.Assignment.blocks.type(of: i, files: n, types: types) == i / block)
            #expect(TraceGuests.Assignment.cyclic.type(of: i, files: n, types: types) == i % types)
            #expect(TraceGuests.Assignment.blocks.type(of: i, files: n, types: types) < types)
        }
    }

    @Test("interleaved: two equal pools alternate (CloudSim's createHostList, i mod 2); unequal pools take turns while they have hosts")
    func interleaved() {
        #expect(HostOrder.interleaved.layout(counts: [400, 400]) == (0..<800).map { $0 % 2 })
        #expect(HostOrder.interleaved.layout(counts: [1, 3, 2]) == [0, 1, 2, 1, 2, 1])
        #expect(HostOrder.interleaved.layout(counts: [0, 2]) == [1, 1])
        #expect(HostOrder.pools.layout(counts: [2, 1, 3]) == [0, 0, 1, 2, 2, 2])
    }

    @Test("One guest per trace file, typed by the rule, demand the file's percentages of its vCPUs")
    func guestsOfADay() {
        let percents: [Float] = (0..<5).flatMap { f in (0..<PlanetLabTrace.samplesPerFile).map { _ in Float(10 * f) } }
        let day = PlanetLabDay(day: "20110303", directory: "/x", fileNames: ["a", "b", "c", "d", "e"], percents: percents)
        let types = [TraceGuests.GuestType(name: "big", kind: .para, vcpus: 2, mipsPerVcpu: 2000, ramMB: 1024),
                     TraceGuests.GuestType(name: "small", kind: .full, vcpus: 1, mipsPerVcpu: 500, ramMB: 512)]
        let guests = TraceGuests.guests(day: day, types: types, assignment: .blocks)
        #expect(guests.map(\.name) == ["a", "b", "c", "d", "e"])
        #expect(guests.map(\.mips) == [2000, 2000, 2000, 500, 500])
        #expect(guests.map(\.vcpus) == [2, 2, 2, 1, 1])
        #expect(guests.map(\.kind) == [.para, .para, .para, .full, .full])
        #expect(guests.allSatisfy { $0.cpuOverheadFraction == 0 && $0.sampleInterval == PlanetLabTrace.sampleInterval })
        let cyclic = TraceGuests.guests(day: day, types: types, assignment: .cyclic)
        #expect(cyclic.map(\.ramMB) == [1024, 512, 1024, 512, 1024])
    }

    @Test("baselinesPlaceFirstFit turns a non-migrating policy's placement into first-fit, and nothing else")
    func baselinePlacement() {
        let baseline = PolicySpec(placement: "power-aware-best-fit-decreasing", overload: "none", underload: false)
        let migrating = PolicySpec(placement: "power-aware-best-fit-decreasing", overload: "lr", overloadParameter: 1.2)
        #expect(baseline.resolvingBaselinePlacement(.cloudSimCompatible).placement == "first-fit")
        #expect(baseline.resolvingBaselinePlacement(.virtSim).placement == "power-aware-best-fit-decreasing")
        #expect(migrating.resolvingBaselinePlacement(.cloudSimCompatible).placement == "power-aware-best-fit-decreasing")
    }
}
