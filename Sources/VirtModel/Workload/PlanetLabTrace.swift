#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
// Reader for the PlanetLab CoMon CPU traces used by CloudSim's power experiments
// (Beloglazov & Buyya, CCPE 2012; docs/cloudsim-semantics.md §1). No Foundation: the
// directory is listed with opendir/readdir and files are read with open/read.

/// A trace problem, naming the file (and line when it applies).
public struct PlanetLabTraceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or directory concerned.
    public var path: String
    /// 1-based line number, or nil when the problem is not about one line.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}

/// One day of PlanetLab traces: file i is VM i, files in byte-sorted name order.
public struct PlanetLabDay: Sendable {
    /// The day's folder name, e.g. "20110303".
    public var day: String
    /// The directory the files were read from.
    public var directory: String
    /// File names in byte-value order (the portable order, reference §1).
    public var fileNames: [String]
    /// CPU utilization in percent, `PlanetLabTrace.samplesPerFile` values per file, file i at
    /// `i * samplesPerFile` (integers stored exactly as Float).
    public var percents: [Float]

    public init(day: String, directory: String, fileNames: [String], percents: [Float]) {
        self.day = day
        self.directory = directory
        self.fileNames = fileNames
        self.percents = percents
    }

    /// Number of VMs (files).
    public var count: Int { fileNames.count }

    /// The samples of file `i` as fractions (percent / 100, exactly as CloudSim computes them).
    public func utilization(ofFile i: Int) -> [Double] {
        let n = PlanetLabTrace.samplesPerFile
        return (0..<n).map { Double(percents[i * n + $0]) / 100.0 }
    }
}

/// A trace day as read from disk once: its parsed samples and the exact bytes of each file, so
/// the digest of the files a run read (`run.json`) comes from the same read as the samples it
/// simulates.
public struct PlanetLabDaySnapshot: Sendable {
    /// The day's files parsed: names in byte-value order, samples.
    public var parsed: PlanetLabDay
    /// Every file's bytes, concatenated in file order.
    public var bytes: [UInt8]
    /// Where each file's bytes end in `bytes`: file i is `bytes[fileEnds[i - 1] ..< fileEnds[i]]`
    /// (from 0 for file 0).
    public var fileEnds: [Int]

    public init(parsed: PlanetLabDay, bytes: [UInt8], fileEnds: [Int]) {
        self.parsed = parsed
        self.bytes = bytes
        self.fileEnds = fileEnds
    }

    /// The bytes of file `i`, as read. O(1).
    public func contents(ofFile i: Int) -> ArraySlice<UInt8> {
        bytes[(i == 0 ? 0 : fileEnds[i - 1])..<fileEnds[i]]
    }
}

/// The CoMon trace format: one integer CPU percentage per line, 288 lines (5-minute samples over
/// 24 h), LF line ends, no header.
public enum PlanetLabTrace {
    public static let samplesPerFile = 288
    /// Seconds between samples.
    public static let sampleInterval = 300.0
    /// The ten days shipped with CloudSim's examples.
    public static let knownDays = ["20110303", "20110306", "20110309", "20110322", "20110325",
                                   "20110403", "20110409", "20110411", "20110412", "20110420"]

    /// The largest trace file read, in bytes. A CoMon file has 288 lines of at most "100\r\n"
    /// (1,440 bytes); the cap keeps a link to a huge or endless file (`/dev/zero`) from being read
    /// into memory.
    public static let maximumFileBytes = 64 * 1024

    /// Whether `day` has the form of a trace day: eight ASCII digits (yyyymmdd). Anything else
    /// (`..`, a path) is refused before it touches the file system.
    public static func isDayName(_ day: String) -> Bool {
        day.utf8.count == 8 && day.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Finds the folder of `day` from a trace root that may be the data folder (containing
    /// `planetlab/`), the `planetlab` folder itself, or the day folder. The folder found, links
    /// resolved, must lie within the root. O(1) stat calls.
    public static func dayDirectory(root: String, day: String) throws(PlanetLabTraceError) -> String {
        guard isDayName(day) else {
            throw PlanetLabTraceError(path: root, message: "day \"\(sanitized(Array(day.utf8)))\" is not eight digits (yyyymmdd)")
        }
        let dir = try findDayDirectory(root: root, day: day)
        guard let realRoot = realPath(root), let realDir = realPath(dir), realDir == realRoot || isWithin(realDir, realRoot) else {
            throw PlanetLabTraceError(path: dir, message: "leaves the trace root \(root) (a link to elsewhere)")
        }
        return dir
    }

    private static func findDayDirectory(root: String, day: String) throws(PlanetLabTraceError) -> String {
        let trimmed = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        let candidates = [trimmed + "/planetlab/" + day, trimmed + "/" + day, trimmed]
        for (i, c) in candidates.enumerated() where isDirectory(c) {
            if i < 2 { return c }
            // The root itself only when it is the day folder.
            if lastComponent(c) == day { return c }
        }
        if !isDirectory(trimmed) {
            throw PlanetLabTraceError(path: root, message: "trace directory does not exist")
        }
        throw PlanetLabTraceError(path: root, message:
            "no folder for day \(day): looked for \(candidates[0]), \(candidates[1]) and for \(root) being the day folder")
    }

    /// Days available under a root (data folder or planetlab folder), sorted.
    public static func availableDays(root: String) -> [String] {
        let base = isDirectory(root + "/planetlab") ? root + "/planetlab" : root
        guard let names = try? listDirectory(base) else { return [] }
        return names.filter { isDirectory(base + "/" + $0) }
    }

    /// Reads every file of `day`. Errors name the file and line: missing directory, a line that
    /// is not an integer, a value outside 0–100, a file without exactly 288 lines, an entry that is
    /// not a regular file (a FIFO is refused, never waited on) or is larger than
    /// `maximumFileBytes`, a link leading out of the trace root. Quoted file content is a short,
    /// printable excerpt. O(total bytes); about a millisecond for the 1,052 files of 20110303 in a
    /// release build.
    public static func readDay(root: String, day: String) throws(PlanetLabTraceError) -> PlanetLabDay {
        try readDaySnapshot(root: root, day: day).parsed
    }

    /// `readDay`, keeping the bytes of every file read beside the parsed samples, so that a run
    /// reads a day once and checks, digests and simulates it from that one read. Same checks,
    /// same errors, same order (each file is read, then parsed, before the next is opened).
    /// O(total bytes).
    public static func readDaySnapshot(root: String, day: String) throws(PlanetLabTraceError) -> PlanetLabDaySnapshot {
        let dir = try dayDirectory(root: root, day: day)
        let names = try listDirectory(dir).filter { !isDirectory(dir + "/" + $0) }
        if names.isEmpty { throw PlanetLabTraceError(path: dir, message: "no trace files in the day folder") }
        let realRoot = realPath(root) ?? root
        var percents: [Float] = []
        percents.reserveCapacity(names.count * samplesPerFile)
        var bytes: [UInt8] = []
        // A CoMon file is at most 1,440 bytes (288 lines of "100\r\n").
        bytes.reserveCapacity(names.count * 5 * samplesPerFile)
        var fileEnds: [Int] = []
        fileEnds.reserveCapacity(names.count)
        var buffer = [UInt8](repeating: 0, count: maximumFileBytes + 1)
        for name in names {
            let path = dir + "/" + name
            if isSymbolicLink(path) {
                guard let target = realPath(path), isWithin(target, realRoot) else {
                    throw PlanetLabTraceError(path: path, message: "is a link that leaves the trace root \(root)")
                }
            }
            let count = try readFile(path, into: &buffer)
            try parse(buffer, count: count, path: path, into: &percents)
            bytes.append(contentsOf: buffer[..<count])
            fileEnds.append(bytes.count)
        }
        return PlanetLabDaySnapshot(parsed: PlanetLabDay(day: day, directory: dir, fileNames: names, percents: percents),
                                    bytes: bytes, fileEnds: fileEnds)
    }

    /// Parses one file's bytes (`count` of them) and appends its 288 values.
    public static func parse(_ bytes: [UInt8], count: Int, path: String, into out: inout [Float]) throws(PlanetLabTraceError) {
        var line = 0
        var i = 0
        while i < count {
            line += 1
            var value = 0
            var digits = 0
            var sawOther = false
            while i < count && bytes[i] != 0x0A {
                let b = bytes[i]
                if b >= 0x30 && b <= 0x39 {
                    if digits < 6 { value = value * 10 + Int(b - 0x30) }
                    digits += 1
                } else if b == 0x0D && (i + 1 == count || bytes[i + 1] == 0x0A) {
                    // Tolerate CRLF line ends.
                } else {
                    sawOther = true
                }
                i += 1
            }
            i += 1  // the LF
            if sawOther || digits == 0 {
                let text = lineText(bytes, count: count, line: line)
                throw PlanetLabTraceError(path: path, line: line, message: "expected an integer percentage, found \"\(text)\"")
            }
            if value > 100 || digits > 3 {
                throw PlanetLabTraceError(path: path, line: line, message: "value \(lineText(bytes, count: count, line: line)) is outside 0–100")
            }
            if line > samplesPerFile {
                throw PlanetLabTraceError(path: path, line: line, message: "more than \(samplesPerFile) lines")
            }
            out.append(Float(value))
        }
        if line != samplesPerFile {
            throw PlanetLabTraceError(path: path, line: line == 0 ? nil : line,
                                      message: "expected \(samplesPerFile) lines, found \(line)")
        }
    }

    // MARK: - Glibc helpers

    static func isDirectory(_ path: String) -> Bool {
        guard let d = opendir(path) else { return false }
        closedir(d)
        return true
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Entry names (no dot files), in byte-value order.
    static func listDirectory(_ path: String) throws(PlanetLabTraceError) -> [String] {
        guard let d = opendir(path) else {
            throw PlanetLabTraceError(path: path, message: "cannot open directory")
        }
        defer { closedir(d) }
        var names: [[UInt8]] = []
        while let entry = readdir(d) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name.first == 0x2E { continue }  // ".", "..", hidden files
            names.append(name)
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        return names.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads a whole regular file into `buffer` (at least `maximumFileBytes + 1` long); returns
    /// the byte count. Opened non-blocking so a FIFO cannot stall the open; anything but a regular
    /// file, or a file over the cap, is an error.
    static func readFile(_ path: String, into buffer: inout [UInt8]) throws(PlanetLabTraceError) -> Int {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        if fd < 0 { throw PlanetLabTraceError(path: path, message: "cannot open file") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            throw PlanetLabTraceError(path: path, message: "not a regular file")
        }
        if Int(st.st_size) > maximumFileBytes {
            throw PlanetLabTraceError(path: path, message: "\(st.st_size) bytes, more than a trace file's \(maximumFileBytes)")
        }
        var total = 0
        while total <= maximumFileBytes {
            let n = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress! + total, raw.count - total)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw PlanetLabTraceError(path: path, message: "read error")
            }
            if n == 0 { break }
            total += n
        }
        // The file grew while being read.
        if total > maximumFileBytes {
            throw PlanetLabTraceError(path: path, message: "more than a trace file's \(maximumFileBytes) bytes")
        }
        return total
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    /// The absolute path with every link and `.`/`..` resolved, or nil when it does not resolve.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Whether resolved path `path` lies strictly inside resolved folder `folder`.
    static func isWithin(_ path: String, _ folder: String) -> Bool {
        folder == "/" ? path.count > 1 : path.hasPrefix(folder + "/")
    }

    /// At most 40 bytes of `bytes` as printable ASCII: other bytes become `?`, a cut is marked `…`.
    /// File content quoted in an error never carries terminal controls or a long dump.
    static func sanitized(_ bytes: some Collection<UInt8>) -> String {
        var s = String(decoding: bytes.prefix(40).map { $0 >= 0x20 && $0 < 0x7F ? $0 : 0x3F }, as: UTF8.self)
        if bytes.count > 40 { s += "…" }
        return s
    }

    static func lineText(_ bytes: [UInt8], count: Int, line: Int) -> String {
        var current = 1
        var start = 0
        var i = 0
        while i < count && current < line {
            if bytes[i] == 0x0A { current += 1; start = i + 1 }
            i += 1
        }
        var end = start
        while end < count && bytes[end] != 0x0A && end - start <= 40 { end += 1 }
        if end > start && end < count && bytes[end] == 0x0A && bytes[end - 1] == 0x0D { end -= 1 }
        return sanitized(bytes[start..<end])
    }
}
