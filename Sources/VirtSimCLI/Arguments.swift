import Foundation

/// Exit statuses, as documented in README.
public enum ExitStatus: Int32 {
    case success = 0
    /// A figure in `verify` (or a check) failed.
    case verificationFailed = 1
    /// Bad usage or bad input (scenario, traces).
    case badInput = 2
}

/// A usage error: printed with the command's usage line, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A command's parsed arguments, in the conventions of swift-argument-parser: `--name value` or
/// `--name=value` options, `--flag` switches, positionals in order, `--` ends options.
struct ParsedArguments {
    var options: [String: String] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    /// - Parameters:
    ///   - optionNames: options that take a value (without dashes).
    ///   - flagNames: switches (without dashes); `help` is always accepted.
    init(_ args: [String], optionNames: [String], flagNames: [String], maxPositionals: Int) throws {
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyPositionals || !a.hasPrefix("-") || a == "-" {
                positionals.append(a)
                continue
            }
            if a == "--" { onlyPositionals = true; continue }
            if a == "-h" { flags.insert("help"); continue }
            guard a.hasPrefix("--") else { throw UsageError(message: "unknown option '\(a)'") }
            var name = String(a.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if name == "help" || flagNames.contains(name) {
                if inlineValue != nil { throw UsageError(message: "'--\(name)' takes no value") }
                flags.insert(name)
            } else if optionNames.contains(name) {
                if let v = inlineValue {
                    options[name] = v
                } else {
                    guard i < args.count else { throw UsageError(message: "missing value for '--\(name)'") }
                    options[name] = args[i]
                    i += 1
                }
            } else {
                throw UsageError(message: "unknown option '--\(name)'")
            }
        }
        if !flags.contains("help") && positionals.count > maxPositionals {
            throw UsageError(message: "unexpected argument '\(positionals[maxPositionals])'")
        }
    }

    func integer(_ name: String) throws -> UInt64? {
        guard let text = options[name] else { return nil }
        guard let v = UInt64(text) else { throw UsageError(message: "'--\(name)' expects a non-negative integer, found '\(text)'") }
        return v
    }

    func number(_ name: String) throws -> Double? {
        guard let text = options[name] else { return nil }
        guard let v = Double(text), v.isFinite else { throw UsageError(message: "'--\(name)' expects a number, found '\(text)'") }
        return v
    }
}

/// Where messages go: tables to stdout, errors and progress to stderr (progress only when
/// stderr is a terminal, so logs and CI stay quiet).
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    public var progressEnabled: Bool

    public static let standard = Console(
        out: { text in FileHandle.standardOutput.write(Data((text + "\n").utf8)) },
        err: { text in FileHandle.standardError.write(Data((text + "\n").utf8)) },
        progressEnabled: isatty(2) == 1)

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, progressEnabled: Bool) {
        self.out = out
        self.err = err
        self.progressEnabled = progressEnabled
    }

    /// A throttled progress line on stderr ("\r" overwrite), or nothing when not a terminal.
    func progress(_ label: String) -> (@Sendable (Double) -> Void)? {
        guard progressEnabled else { return nil }
        return { fraction in
            let pct = Int((fraction * 100).rounded(.down))
            FileHandle.standardError.write(Data("\r\(label) \(pct)%\u{1B}[K".utf8))
            if fraction >= 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}
