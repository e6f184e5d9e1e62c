/// Readers for the utilization trace layouts a user can bring. Each reports the first problem as
/// `file:line: what was found; what was expected` (`TraceError`).
///
/// | format | path | sampling |
/// |---|---|---|
/// | `csv` | one file, header `guest,timestamp_s,cpu_percent` (or `cpu_fraction`), optional `memory_mb` | as the timestamps say |
/// | `azure` | folder with `vmtable.csv` and `vm_cpu_readings-*.csv` (Azure public dataset V1 2017 / V2 2019) | 300 s |
/// | `bitbrains` | folder of per-VM `<id>.csv` (GWA-T-12 `fastStorage` / `Rnd`) | 300 s |
/// | `planetlab` | one day folder of CoMon files (288 integer percentages each) | 300 s |
public enum TraceReaders {
    /// Reads `path` in `format`, keeping at most `limit` guests (nil: all) in the layout's order.
    public static func read(format: String, path: String, limit: Int? = nil) throws(TraceError) -> UtilizationTrace {
        switch format {
        case "csv": return try GenericCSVTrace.read(path, limit: limit)
        case "azure": return try AzureVMTrace.read(folder: path, limit: limit)
        case "bitbrains": return try BitbrainsTrace.read(folder: path, limit: limit)
        case "planetlab": return try planetLab(folder: path, limit: limit)
        default: throw TraceError(path: path, message: "unknown trace format \"\(format)\"; expected one of \(UtilizationTrace.formats.joined(separator: ", "))")
        }
    }

    /// A PlanetLab day folder (CloudSim's layout, `PlanetLabTrace`): file i is guest i in byte order
    /// of names, sample k at k × 300 s.
    static func planetLab(folder: String, limit: Int?) throws(TraceError) -> UtilizationTrace {
        let names = try PlanetLabTrace.listDirectory(folder).filter { !PlanetLabTrace.isDirectory(folder + "/" + $0) }
        if names.isEmpty { throw TraceError(path: folder, message: "no trace files; expected CoMon files of 288 integer percentages") }
        var guests: [TraceGuest] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        for name in names.prefix(limit ?? names.count) {
            let path = folder + "/" + name
            var percents: [Float] = []
            let count = try PlanetLabTrace.readFile(path, into: &buffer)
            try PlanetLabTrace.parse(buffer, count: count, path: path, into: &percents)
            guests.append(TraceGuest(id: name, times: percents.indices.map { Double($0) * PlanetLabTrace.sampleInterval },
                                     cpu: percents.map { Double($0) / 100 }))
        }
        return UtilizationTrace(format: "planetlab", guests: guests, nominalInterval: PlanetLabTrace.sampleInterval)
    }
}

/// VirtSim's generic long CSV: one row per guest and sample, units in the header names.
///
///     guest,timestamp_s,cpu_percent,memory_mb
///     web-1,0,12.5,900
///     web-1,300,30,910
///
/// Columns in any order; `cpu_percent` (0–100) or `cpu_fraction` (0–1), `memory_mb` optional.
/// Rows of different guests may interleave; each guest's timestamps must increase. Guests keep
/// the order of their first row. The nominal interval (how long the last sample lasts) is the
/// smallest step between two consecutive samples of one guest.
public enum GenericCSVTrace {
    public static let columns = ["guest", "timestamp_s", "cpu_percent", "cpu_fraction", "memory_mb"]

    public static func read(_ path: String, limit: Int? = nil) throws(TraceError) -> UtilizationTrace {
        var index: [String: Int] = [:]
        var guests: [TraceGuest] = []
        var col = (guest: -1, time: -1, cpu: -1, memory: -1)
        var cpuScale = 1.0
        var width = 0
        var step = Double.infinity
        try TraceLines.forEach(path) { (n, line) throws(TraceError) in
            if n == 1 {
                let names = TraceLines.fields(line).map(String.init)
                for (i, name) in names.enumerated() {
                    switch name {
                    case "guest": col.guest = i
                    case "timestamp_s": col.time = i
                    case "cpu_percent": col.cpu = i; cpuScale = 0.01
                    case "cpu_fraction": col.cpu = i; cpuScale = 1
                    case "memory_mb": col.memory = i
                    default:
                        throw TraceError(path: path, line: 1, message: "unknown column \"\(name)\"; expected the columns guest, timestamp_s, cpu_percent or cpu_fraction, and optionally memory_mb (units in the names)")
                    }
                }
                if col.guest < 0 || col.time < 0 || col.cpu < 0 {
                    throw TraceError(path: path, line: 1, message: "found header \"\(line)\"; expected at least guest, timestamp_s and cpu_percent (or cpu_fraction)")
                }
                width = names.count
                return
            }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { return }
            let f = TraceLines.fields(line)
            guard f.count == width else {
                throw TraceError(path: path, line: n, message: "found \(f.count) fields; expected \(width) as in the header")
            }
            let id = String(f[col.guest])
            if id.isEmpty { throw TraceError(path: path, line: n, message: "empty guest id") }
            guard let t = TraceLines.number(f[col.time]) else {
                throw TraceError(path: path, line: n, message: "timestamp_s \"\(f[col.time])\" is not a number (seconds)")
            }
            guard let c = TraceLines.number(f[col.cpu]), c >= 0, c * cpuScale <= 1 else {
                throw TraceError(path: path, line: n, message: "CPU \"\(f[col.cpu])\" is outside \(cpuScale == 1 ? "0–1 (cpu_fraction)" : "0–100 (cpu_percent)")")
            }
            var memory: Double?
            if col.memory >= 0 {
                guard let m = TraceLines.number(f[col.memory]), m >= 0 else {
                    throw TraceError(path: path, line: n, message: "memory_mb \"\(f[col.memory])\" is not a number ≥ 0 (MB)")
                }
                memory = m
            }
            let g: Int
            if let i = index[id] {
                g = i
            } else {
                if let limit, guests.count >= limit { return }
                g = guests.count
                index[id] = g
                guests.append(TraceGuest(id: id, times: [], cpu: [], memoryMB: col.memory >= 0 ? [] : nil))
            }
            if let last = guests[g].times.last {
                guard t > last else {
                    throw TraceError(path: path, line: n, message: "timestamp_s \(f[col.time]) of guest \"\(id)\" is not after its previous sample (\(last) s); expected each guest's rows in time order")
                }
                step = min(step, t - last)
            }
            guests[g].times.append(t)
            guests[g].cpu.append(c * cpuScale)
            if let memory { guests[g].memoryMB?.append(memory) }
        }
        if guests.isEmpty { throw TraceError(path: path, message: "no samples; expected a header and at least one row") }
        return UtilizationTrace(format: "csv", guests: guests, nominalInterval: step.isFinite ? step : 300)
    }
}

/// The Azure public VM dataset (V1, 2017; V2, 2019), as published in the AzurePublicDataset
/// repository: a folder with `vmtable.csv` (no header: vm id, subscription id, deployment id,
/// created, deleted, max CPU, avg CPU, p95 max CPU, category, core-count bucket, memory bucket in
/// GB) and the CPU readings files `vm_cpu_readings-file-*-of-*.csv` (no header: timestamp s, vm id,
/// min, max, avg CPU %), 5-minute readings.
///
/// Guests are the first `limit` VMs of `vmtable.csv` that have readings, in table order; CPU is the
/// 5-minute average. Buckets give vCPUs and memory (">24" cores and ">64" GB read as their lower
/// bound). Readings files are streamed in byte order of their names.
public enum AzureVMTrace {
    public static let sampleInterval = 300.0

    public static func read(folder: String, limit: Int? = nil) throws(TraceError) -> UtilizationTrace {
        let table = folder + "/vmtable.csv"
        var index: [String: Int] = [:]
        var guests: [TraceGuest] = []
        try TraceLines.forEach(table) { (n, line) throws(TraceError) in
            if line.isEmpty { return }
            let f = TraceLines.fields(line)
            guard f.count == 11 else {
                throw TraceError(path: table, line: n, message: "found \(f.count) fields; expected 11 (vm id, subscription, deployment, created, deleted, max, avg, p95 CPU, category, core bucket, memory bucket)")
            }
            if let limit, guests.count >= limit { return }
            let id = String(f[0])
            guard index[id] == nil else { throw TraceError(path: table, line: n, message: "vm id \(id) listed twice") }
            guard let cores = bucket(f[9]), let memoryGB = bucket(f[10]) else {
                throw TraceError(path: table, line: n, message: "core bucket \"\(f[9])\" or memory bucket \"\(f[10])\" is not a number (or \">N\")")
            }
            index[id] = guests.count
            guests.append(TraceGuest(id: id, times: [], cpu: [], vcpus: cores, memoryCapacityMB: memoryGB * 1024))
        }
        let names = try PlanetLabTrace.listDirectory(folder).filter { $0.hasPrefix("vm_cpu_readings") && $0.hasSuffix(".csv") }
        if names.isEmpty { throw TraceError(path: folder, message: "no vm_cpu_readings-*.csv files beside vmtable.csv") }
        for name in names {
            let path = folder + "/" + name
            try TraceLines.forEach(path) { (n, line) throws(TraceError) in
                if line.isEmpty { return }
                let f = TraceLines.fields(line)
                guard f.count == 5 else {
                    throw TraceError(path: path, line: n, message: "found \(f.count) fields; expected 5 (timestamp s, vm id, min, max, avg CPU %)")
                }
                guard let g = index[String(f[1])] else { return }
                guard let t = TraceLines.number(f[0]) else { throw TraceError(path: path, line: n, message: "timestamp \"\(f[0])\" is not a number (seconds)") }
                guard let avg = TraceLines.number(f[4]), avg >= 0, avg <= 100 else {
                    throw TraceError(path: path, line: n, message: "avg CPU \"\(f[4])\" is outside 0–100 (%)")
                }
                if let last = guests[g].times.last, !(t > last) {
                    throw TraceError(path: path, line: n, message: "timestamp \(f[0]) of vm \(f[1]) is not after its previous reading (\(last) s)")
                }
                guests[g].times.append(t)
                guests[g].cpu.append(avg / 100)
            }
        }
        return UtilizationTrace(format: "azure", guests: guests.filter { !$0.times.isEmpty }, nominalInterval: sampleInterval)
    }

    /// "8" → 8, ">24" → 24.
    static func bucket(_ s: Substring) -> Double? {
        TraceLines.number(s.hasPrefix(">") ? s.dropFirst() : s)
    }
}

/// The Bitbrains GWA-T-12 traces (`fastStorage`, `Rnd`; the layout OpenDC reads): a folder of
/// per-VM files `<id>.csv`, fields separated by `;` and a tab, header
/// `Timestamp [ms]; CPU cores; CPU capacity provisioned [MHZ]; CPU usage [MHZ]; CPU usage [%];
/// Memory capacity provisioned [KB]; Memory usage [KB]; …` and 5-minute rows.
///
/// The timestamp column is labelled milliseconds but holds Unix seconds (rows 300 apart); VirtSim
/// reads it as seconds. CPU is `CPU usage [%]` of the provisioned capacity; the few readings above
/// 100 % (usage over the provisioned MHz) are capped at 100 %. Files are taken in numeric order of
/// their names when every name is a number, else byte order.
public enum BitbrainsTrace {
    public static let sampleInterval = 300.0

    public static func read(folder: String, limit: Int? = nil) throws(TraceError) -> UtilizationTrace {
        var names = try PlanetLabTrace.listDirectory(folder).filter { $0.hasSuffix(".csv") }
        if names.isEmpty { throw TraceError(path: folder, message: "no <id>.csv files; expected the GWA-T-12 per-VM files") }
        let stems = names.map { Int($0.dropLast(4)) }
        if stems.allSatisfy({ $0 != nil }) {
            names = zip(names, stems).sorted { $0.1! < $1.1! }.map(\.0)
        }
        var guests: [TraceGuest] = []
        for name in names.prefix(limit ?? names.count) {
            let path = folder + "/" + name
            var col: [String: Int] = [:]
            var g = TraceGuest(id: String(name.dropLast(4)), times: [], cpu: [], memoryMB: [])
            try TraceLines.forEach(path) { (n, line) throws(TraceError) in
                let f = TraceLines.fields(line, separator: ";")
                if n == 1 {
                    for (i, c) in f.enumerated() { col[String(c)] = i }
                    for needed in ["Timestamp [ms]", "CPU cores", "CPU usage [%]", "Memory capacity provisioned [KB]", "Memory usage [KB]"]
                    where col[needed] == nil {
                        throw TraceError(path: path, line: 1, message: "header has no \"\(needed)\" column; expected the GWA-T-12 header (Timestamp [ms]; CPU cores; …)")
                    }
                    return
                }
                if line.isEmpty { return }
                guard f.count >= col.count else { throw TraceError(path: path, line: n, message: "found \(f.count) fields; expected \(col.count) as in the header") }
                func value(_ name: String) throws(TraceError) -> Double {
                    guard let x = TraceLines.number(f[col[name]!]), x >= 0 else {
                        throw TraceError(path: path, line: n, message: "\(name) \"\(f[col[name]!])\" is not a number ≥ 0")
                    }
                    return x
                }
                let t = try value("Timestamp [ms]")
                if let last = g.times.last, !(t > last) {
                    throw TraceError(path: path, line: n, message: "timestamp \(t) is not after the previous row's (\(last)); expected rows in time order")
                }
                g.times.append(t)
                g.cpu.append(min(try value("CPU usage [%]"), 100) / 100)
                g.memoryMB?.append(try value("Memory usage [KB]") / 1024)
                g.vcpus = try value("CPU cores")
                g.memoryCapacityMB = try value("Memory capacity provisioned [KB]") / 1024
            }
            if !g.times.isEmpty { guests.append(g) }
        }
        return UtilizationTrace(format: "bitbrains", guests: guests, nominalInterval: sampleInterval)
    }
}
