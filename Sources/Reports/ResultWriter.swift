import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of one result: plain file names (no folders) with their bytes, in the order added.
/// A command builds the whole set, then hands it to `ResultWriter`; adding a file to every run's
/// output is one `add` call where the set is built.
public struct ResultFiles: Sendable {
    public private(set) var entries: [(name: String, data: Data)] = []

    public init() {}

    /// Adds a file. - Precondition: `name` is a plain file name (no `/`, not `.` or `..`, not
    /// hidden) not added before.
    public mutating func add(_ name: String, data: Data) {
        precondition(!name.isEmpty && !name.contains("/") && !name.hasPrefix("."), "result file name '\(name)' is not a plain file name")
        precondition(!entries.contains { $0.name == name }, "result file '\(name)' added twice")
        entries.append((name, data))
    }

    public mutating func add(_ name: String, text: String) { add(name, data: Data(text.utf8)) }

    public var names: [String] { entries.map(\.name) }
}

/// A result that could not be written, as a plain sentence for the user (exit status 2).
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
    public init(_ message: String) { self.message = message }
}

/// Writes results so that they appear as a whole or not at all, whatever happens to the process.
///
/// A result folder is written in full into a fresh hidden sibling (`.NAME.virtsim-PID-N.new`),
/// then swapped with the target in one atomic `renameat2(RENAME_EXCHANGE)` (Linux; `renamex_np`
/// RENAME_SWAP on macOS), after which the sibling holds the previous result and is removed. A kill
/// at any point therefore leaves the target holding either the complete previous result or the
/// complete new one, never a mix, and never stale files of an earlier result (the folder is
/// replaced, not updated). Where the file system cannot exchange, the previous folder is first
/// renamed aside (`.old`) and put back if the second rename fails; a kill between those two renames
/// leaves the target missing for an instant, and the next write restores the `.old` folder.
/// A single file (`verify.csv`) is written to `.NAME.virtsim-PID-N.tmp` and renamed over its target.
///
/// Temporaries of earlier runs that were killed are recognised by that name pattern and removed
/// (an `.old` folder put back when its target is missing) when the process named in them is gone;
/// those of live processes, and of this process, are left alone (another write may own them).
///
/// On any failure (full disk, unwritable folder, a name too long, the target a file) the
/// temporaries and the folders this write created are removed and an `OutputError` says what went
/// wrong in a sentence. Files are not fsync'ed: the guarantee is against kills and errors, not
/// against a power cut.
public struct ResultWriter: Sendable {
    /// write(2) on an open descriptor: bytes written, or -1 with `errno` set. Replaced in tests to
    /// simulate a full disk.
    var writeBytes: @Sendable (Int32, UnsafeRawBufferPointer) -> Int

    /// The writer of every command: POSIX write(2).
    public static let standard = ResultWriter(writeBytes: { fd, buffer in
        #if canImport(Glibc)
        Glibc.write(fd, buffer.baseAddress, buffer.count)
        #else
        Darwin.write(fd, buffer.baseAddress, buffer.count)
        #endif
    })

    init(writeBytes: @escaping @Sendable (Int32, UnsafeRawBufferPointer) -> Int) { self.writeBytes = writeBytes }

    /// Makes the folder at `path` hold exactly `files` (creating missing parent folders).
    /// An existing folder is replaced only if it is empty or looks like a result (it holds a
    /// `summary.csv` or a `run.json`, and no subfolder), so a mistyped `--out` never wipes
    /// unrelated files.
    /// O(total bytes).
    public func replaceFolder(_ path: String, with files: ResultFiles) throws(OutputError) {
        let target = try Self.resolve(path)
        let (parent, name) = Self.split(target)
        var created: [String] = []
        do throws(OutputError) {
            switch Self.kind(of: target) {
            case .missing: break
            case .directory:
                if let problem = Self.notAResultFolder(target) {
                    throw OutputError("refusing to replace '\(path)': \(problem); name a new or empty folder, or a previous result folder")
                }
            case .other: throw OutputError("cannot write results to '\(path)': it is a file, not a folder")
            case .error(let code): throw OutputError(Self.sentence(code, path: path))
            }
            created = try makeParents(parent, shownAs: path)
            Self.removeStaleTemporaries(in: parent)
            let stage = parent + "/" + Self.temporaryName(for: name, suffix: "new")
            guard mkdir(stage, 0o777) == 0 else { throw OutputError(Self.sentence(errno, path: path)) }
            do throws(OutputError) {
                for file in files.entries { try write(file.data, to: stage + "/" + file.name, shownAs: path + "/" + file.name) }
                try Self.swap(stage, into: target, shownAs: path)
            } catch {
                Self.removeTree(stage)
                throw error
            }
            Self.removeTree(stage)   // after the exchange it holds the previous result
        } catch {
            for dir in created.reversed() { rmdir(dir) }
            throw error
        }
    }

    /// Replaces the file at `path` with `data` (creating missing parent folders). O(bytes).
    public func replaceFile(_ path: String, with data: Data) throws(OutputError) {
        let target = try Self.resolve(path)
        let (parent, name) = Self.split(target)
        var created: [String] = []
        do throws(OutputError) {
            switch Self.kind(of: target) {
            case .missing, .other: break
            case .directory: throw OutputError("cannot write '\(path)': it is a folder, not a file")
            case .error(let code): throw OutputError(Self.sentence(code, path: path))
            }
            created = try makeParents(parent, shownAs: path)
            Self.removeStaleTemporaries(in: parent)
            let temp = parent + "/" + Self.temporaryName(for: name, suffix: "tmp")
            do throws(OutputError) {
                try write(data, to: temp, shownAs: path)
                guard rename(temp, target) == 0 else { throw OutputError(Self.sentence(errno, path: path)) }
            } catch {
                unlink(temp)
                throw error
            }
        } catch {
            for dir in created.reversed() { rmdir(dir) }
            throw error
        }
    }

    // MARK: - Steps

    private func write(_ data: Data, to file: String, shownAs shown: String) throws(OutputError) {
        let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw OutputError(Self.sentence(errno, path: shown)) }
        var failure: Int32 = 0
        data.withUnsafeBytes { (all: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < all.count {
                let n = writeBytes(fd, UnsafeRawBufferPointer(rebasing: all[offset...]))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { failure = EIO; return }
                offset += n
            }
        }
        // close can report a deferred write error (NFS, quotas).
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 { throw OutputError(Self.sentence(failure, path: shown)) }
    }

    /// Creates the missing folders of `dir`, outermost first; returns those it created.
    private func makeParents(_ dir: String, shownAs shown: String) throws(OutputError) -> [String] {
        var missing: [String] = []
        var cursor = dir
        while !cursor.isEmpty, cursor != "/" {
            switch Self.kind(of: cursor) {
            case .directory: cursor = ""
            case .missing:
                missing.append(cursor)
                cursor = Self.split(cursor).parent
            case .other: throw OutputError("cannot write '\(shown)': '\(cursor)' is a file, not a folder")
            case .error(let code): throw OutputError(Self.sentence(code, path: shown))
            }
        }
        var created: [String] = []
        for d in missing.reversed() {
            if mkdir(d, 0o777) != 0 && errno != EEXIST {
                let code = errno
                for c in created.reversed() { rmdir(c) }
                throw OutputError(Self.sentence(code, path: shown))
            }
            created.append(d)
        }
        return created
    }

    /// Puts the complete folder `stage` at `target` in one step; afterwards `stage` holds the
    /// previous result (or nothing).
    private static func swap(_ stage: String, into target: String, shownAs shown: String) throws(OutputError) {
        if rename(stage, target) == 0 { return }          // no previous result, or an empty one
        let first = errno
        guard first == EEXIST || first == ENOTEMPTY else { throw OutputError(sentence(first, path: shown)) }
        if exchange(stage, target) { return }
        // No atomic exchange on this file system: move the previous result aside, then in.
        let (parent, name) = split(target)
        let old = parent + "/" + temporaryName(for: name, suffix: "old")
        guard rename(target, old) == 0 else { throw OutputError(sentence(errno, path: shown)) }
        guard rename(stage, target) == 0 else {
            let code = errno
            rename(old, target)
            throw OutputError(sentence(code, path: shown))
        }
        rename(old, stage)
    }

    #if canImport(Glibc)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// glibc's renameat2 (2.28+), looked up at run time: Swift's Glibc module does not export it.
    private static let renameat2: RenameAt2? = dlsym(dlopen(nil, RTLD_NOW), "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
    #endif

    /// Atomically exchanges two paths (both must exist). False where unsupported.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if canImport(Glibc)
        guard let renameat2 else { return false }
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0
        #elseif canImport(Darwin)
        return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0
        #else
        return false
        #endif
    }

    // MARK: - Stale temporaries

    /// The hidden sibling name of a temporary of `name`: `.NAME.virtsim-PID-N.SUFFIX`, NAME cut so
    /// that the whole stays within the usual 255-byte limit of a file name.
    static func temporaryName(for name: String, suffix: String) -> String {
        var stem = name
        while stem.utf8.count > 150 { stem.removeLast() }
        let n = sequence.wrappingAdd(1, ordering: .relaxed).newValue
        return ".\(stem).virtsim-\(getpid())-\(n).\(suffix)"
    }

    private static let sequence = Atomic<Int>(0)

    /// The process id in a temporary's name, and its kind: `.X.virtsim-PID-N.(new|old|tmp)`, or the
    /// `.X.PID.tmp` files of earlier versions.
    static func parseTemporary(_ entry: String) -> (pid: Int32, suffix: String, stem: String)? {
        guard entry.hasPrefix("."), let dot = entry.lastIndex(of: ".") else { return nil }
        let suffix = String(entry[entry.index(after: dot)...])
        guard ["new", "old", "tmp"].contains(suffix) else { return nil }
        let body = entry[entry.index(after: entry.startIndex)..<dot]
        if let marker = body.range(of: ".virtsim-", options: .backwards) {
            let parts = body[marker.upperBound...].split(separator: "-")
            guard parts.count == 2, let pid = Int32(parts[0]), pid > 0, Int(parts[1]) != nil else { return nil }
            return (pid, suffix, String(body[..<marker.lowerBound]))
        }
        guard suffix == "tmp", let pidDot = body.lastIndex(of: "."), let pid = Int32(body[body.index(after: pidDot)...]), pid > 0
        else { return nil }
        return (pid, suffix, String(body[..<pidDot]))
    }

    /// Removes the temporaries of dead processes in `dir`; an `.old` folder whose target is
    /// missing (a kill between the two renames of the fallback swap) is put back instead.
    /// O(entries of dir).
    static func removeStaleTemporaries(in dir: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for entry in entries.sorted() {
            guard let t = parseTemporary(entry), t.pid != getpid(), !isAlive(t.pid) else { continue }
            let path = dir + "/" + entry
            if t.suffix == "old", case .missing = kind(of: dir + "/" + t.stem), rename(path, dir + "/" + t.stem) == 0 { continue }
            removeTree(path)
        }
    }

    private static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }

    // MARK: - Paths

    private enum Kind { case missing, directory, other, error(Int32) }

    /// What is at `path`, following symbolic links.
    private static func kind(of path: String) -> Kind {
        var st = stat()
        if stat(path, &st) != 0 { return errno == ENOENT ? .missing : .error(errno) }
        return (st.st_mode & S_IFMT) == S_IFDIR ? .directory : .other
    }

    /// Why `dir` is not a folder this writer may replace, or nil.
    private static func notAResultFolder(_ dir: String) -> String? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return "it cannot be listed" }
        if entries.isEmpty { return nil }
        if entries.contains(where: { if case .directory = kind(of: dir + "/" + $0) { return true } else { return false } }) {
            return "it holds subfolders"
        }
        return entries.contains("summary.csv") || entries.contains("run.json") ? nil : "it holds files but neither summary.csv nor run.json"
    }

    /// An absolute path without `.`/`..` components or trailing slashes, with a symbolic link at
    /// the end followed (the link's target is replaced, not the link).
    private static func resolve(_ path: String) throws(OutputError) -> String {
        guard !path.isEmpty else { throw OutputError("the output path is empty") }
        guard !path.utf8.contains(0) else { throw OutputError("the output path contains a NUL byte") }
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var st = stat()
        if lstat(url.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK { url = url.resolvingSymlinksInPath() }
        let p = url.path
        guard p != "/" else { throw OutputError("cannot write results to '/'") }
        return p.hasSuffix("/") ? String(p.dropLast()) : p
    }

    private static func split(_ path: String) -> (parent: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let parent = String(path[..<slash])
        return (parent.isEmpty ? "/" : parent, String(path[path.index(after: slash)...]))
    }

    private static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A plain sentence for a failed file operation.
    static func sentence(_ code: Int32, path: String) -> String {
        switch code {
        case ENOSPC, EDQUOT: return "cannot write '\(path)': the disk is full"
        case EACCES, EPERM: return "cannot write '\(path)': permission denied"
        case EROFS: return "cannot write '\(path)': the file system is read-only"
        case ENAMETOOLONG: return "cannot write '\(path)': a file or folder name is too long"
        case ENOTDIR: return "cannot write '\(path)': a part of the path is a file, not a folder"
        case EISDIR: return "cannot write '\(path)': it is a folder, not a file"
        case EFBIG: return "cannot write '\(path)': the file is larger than this system allows"
        case ELOOP: return "cannot write '\(path)': too many symbolic links in the path"
        default: return "cannot write '\(path)': " + String(cString: strerror(code)).lowercased()
        }
    }
}
