import Foundation
import Testing
@testable import VirtModel

/// A fresh folder with the given files; removed by the caller.
private func folder(_ files: [String: String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("virtsim-trace-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
    return dir
}

private func error(_ body: () throws -> Void) -> TraceError? {
    do { try body(); return nil } catch { return error as? TraceError }
}

@Suite("Trace readers")
struct TraceReaderTests {
    @Test("Generic CSV: units in the header, guests in order of first row, each guest's samples in time order")
    func genericCSV() throws {
        let dir = try folder(["t.csv": "guest,timestamp_s,cpu_percent,memory_mb\nweb,0,10,900\ndb,0,50,4000\nweb,300,30,910\r\ndb,600,70,4100\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try TraceReaders.read(format: "csv", path: dir + "/t.csv")
        #expect(t.guests.map(\.id) == ["web", "db"])
        #expect(t.guests[0].cpu == [0.1, 0.3])
        #expect(t.guests[1].times == [0, 600])
        #expect(t.guests[1].peakMemoryMB == 4100)
        #expect(t.nominalInterval == 300)
        let limited = try TraceReaders.read(format: "csv", path: dir + "/t.csv", limit: 1)
        #expect(limited.guests.map(\.id) == ["web"])
        #expect(limited.guests[0].cpu.count == 2)
    }

    static let badCSV: [(text: String, line: Int, says: String)] = [
        ("guest,time,cpu_percent\nweb,0,1\n", 1, "unknown column \"time\""),
        ("guest,timestamp_s\nweb,0\n", 1, "expected at least guest, timestamp_s and cpu_percent"),
        ("guest,timestamp_s,cpu_percent\nweb,0,10\nweb,x,10\n", 3, "timestamp_s \"x\" is not a number"),
        ("guest,timestamp_s,cpu_percent\nweb,0,150\n", 2, "outside 0–100 (cpu_percent)"),
        ("guest,timestamp_s,cpu_fraction\nweb,0,1.5\n", 2, "outside 0–1 (cpu_fraction)"),
        ("guest,timestamp_s,cpu_percent\nweb,300,1\nweb,0,1\n", 3, "not after its previous sample"),
        ("guest,timestamp_s,cpu_percent\nweb,0\n", 2, "found 2 fields; expected 3"),
        ("guest,timestamp_s,cpu_percent,memory_mb\nweb,0,1,-5\n", 2, "memory_mb \"-5\""),
    ]

    @Test("Generic CSV errors name the file, the line and what was expected", arguments: badCSV)
    func genericCSVErrors(_ c: (text: String, line: Int, says: String)) throws {
        let dir = try folder(["t.csv": c.text])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let e = try #require(error { _ = try TraceReaders.read(format: "csv", path: dir + "/t.csv") })
        #expect(e.path == dir + "/t.csv")
        #expect(e.line == c.line)
        #expect(e.message.contains(c.says), "\(e)")
        #expect(e.description.hasPrefix("\(dir)/t.csv:\(c.line): "))
    }

    @Test("Azure: vmtable order, buckets as vCPUs and memory, readings streamed across files")
    func azure() throws {
        let dir = try folder([
            "vmtable.csv": "vmA,s,d,0,900,90,20,80,Interactive,2,4\nvmB,s,d,0,900,90,20,80,Delay-insensitive,>24,>64\nvmC,s,d,0,900,1,1,1,Unknown,4,8\n",
            "vm_cpu_readings-file-1-of-2.csv": "0,vmB,1,2,40\n0,vmA,1,2,10.5\n300,vmA,1,2,20\n0,vmZ,1,1,1\n",
            "vm_cpu_readings-file-2-of-2.csv": "600,vmA,1,2,30\n300,vmB,1,2,50\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try TraceReaders.read(format: "azure", path: dir)
        #expect(t.guests.map(\.id) == ["vmA", "vmB"])     // vmC has no readings, vmZ is not in the table
        #expect(t.guests[0].cpu == [0.105, 0.2, 0.3])
        #expect(t.guests[0].times == [0, 300, 600])
        #expect(t.guests[1].vcpus == 24 && t.guests[1].memoryCapacityMB == 64 * 1024)
        #expect(t.nominalInterval == 300)
        #expect(try TraceReaders.read(format: "azure", path: dir, limit: 1).guests.map(\.id) == ["vmA"])
    }

    @Test("Azure errors name file and line")
    func azureErrors() throws {
        let dir = try folder(["vmtable.csv": "vmA,s,d,0,900,90,20,80,Interactive,2\n",
                              "vm_cpu_readings-file-1-of-1.csv": "0,vmA,1,2,10\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let e = try #require(error { _ = try TraceReaders.read(format: "azure", path: dir) })
        #expect(e.line == 1 && e.path.hasSuffix("vmtable.csv") && e.message.contains("expected 11"))
        try "vmA,s,d,0,900,90,20,80,Interactive,2,4\n".write(toFile: dir + "/vmtable.csv", atomically: true, encoding: .utf8)
        try "0,vmA,1,2,10\n300,vmA,1,2,101\n".write(toFile: dir + "/vm_cpu_readings-file-1-of-1.csv", atomically: true, encoding: .utf8)
        let e2 = try #require(error { _ = try TraceReaders.read(format: "azure", path: dir) })
        #expect(e2.line == 2 && e2.message.contains("outside 0–100"))
    }

    static let bitbrainsHeader = "Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\tCPU usage [%];\tMemory capacity provisioned [KB];\tMemory usage [KB];\tDisk read throughput [KB/s];\tDisk write throughput [KB/s];\tNetwork received throughput [KB/s];\tNetwork transmitted throughput [KB/s]\n"

    @Test("Bitbrains GWA-T-12: per-VM files in numeric order, seconds, usage capped at 100 %")
    func bitbrains() throws {
        let dir = try folder([
            "10.csv": Self.bitbrainsHeader + "1376314846;\t4;\t11704;\t2926;\t25.0;\t8388608;\t4194304;\t0;\t0;\t0;\t0\n",
            "2.csv": Self.bitbrainsHeader + "1376314846;\t2;\t5852;\t585.2;\t10.0;\t4194304;\t1048576;\t0;\t0;\t0;\t0\n1376315146;\t2;\t5852;\t6000;\t102.5;\t4194304;\t2097152;\t0;\t0;\t0;\t0\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try TraceReaders.read(format: "bitbrains", path: dir)
        #expect(t.guests.map(\.id) == ["2", "10"])
        #expect(t.guests[0].cpu == [0.1, 1.0])
        #expect(t.guests[0].times == [1376314846, 1376315146])
        #expect(t.guests[0].memoryMB == [1024, 2048])
        #expect(t.guests[0].vcpus == 2 && t.guests[0].memoryCapacityMB == 4096)
        #expect(t.origin == 1376314846)
    }

    @Test("Bitbrains errors: a missing column, a bad number")
    func bitbrainsErrors() throws {
        let dir = try folder(["1.csv": "Timestamp [ms];\tCPU cores\n1;\t2\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let e = try #require(error { _ = try TraceReaders.read(format: "bitbrains", path: dir) })
        #expect(e.line == 1 && e.message.contains("CPU usage [%]"))
        try (Self.bitbrainsHeader + "1;\t2;\t1;\t1;\tabc;\t1;\t1;\t0;\t0;\t0;\t0\n").write(toFile: dir + "/1.csv", atomically: true, encoding: .utf8)
        let e2 = try #require(error { _ = try TraceReaders.read(format: "bitbrains", path: dir) })
        #expect(e2.line == 2 && e2.message.contains("CPU usage [%] \"abc\""))
    }

    @Test("PlanetLab day folder: file i is guest i, 288 samples 300 s apart")
    func planetLab() throws {
        let values = (0..<288).map { String($0 % 101) }.joined(separator: "\n") + "\n"
        let dir = try folder(["b": values, "a": values])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let t = try TraceReaders.read(format: "planetlab", path: dir)
        #expect(t.guests.map(\.id) == ["a", "b"])
        #expect(t.guests[0].cpu[3] == 0.03 && t.guests[0].times[3] == 900)
        try "1\nx\n".write(toFile: dir + "/a", atomically: true, encoding: .utf8)
        let e = try #require(error { _ = try TraceReaders.read(format: "planetlab", path: dir) })
        #expect(e.line == 2)
    }

    @Test("Resampling: time-weighted means over each step, holding coarser samples, zero outside the trace")
    func resampling() {
        // Samples at 0 (0.2), 300 (0.6), 600 (1.0), the last lasting 300 s.
        let r = UtilizationTrace.resample(times: [0, 300, 600], values: [0.2, 0.6, 1.0], hold: 300, origin: 0, step: 600, count: 3)
        #expect(r == [0.4, 0.5, 0])
        let finer = UtilizationTrace.resample(times: [0, 300], values: [0.2, 0.6], hold: 300, origin: 0, step: 150, count: 5)
        #expect(finer == [0.2, 0.2, 0.6, 0.6, 0])
        // A guest that starts later than the trace's origin keeps its offset.
        let late = UtilizationTrace.resample(times: [450], values: [0.8], hold: 300, origin: 0, step: 300, count: 3)
        #expect(late == [0, 0.4, 0.4])
    }
}
