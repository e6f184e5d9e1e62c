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

    /// A decimal integer option within `range`: ASCII digits only (no sign, no space, no
    /// exponent), so `+5` is refused and `9223372036854775808` is an error rather than a trap.
    func integer(_ name: String, in range: ClosedRange<UInt64> = 0...UInt64.max) throws -> UInt64? {
        guard let text = options[name] else { return nil }
        let expected = range.upperBound == UInt64.max && range.lowerBound == 0
            ? "a non-negative integer" : "an integer from \(range.lowerBound) to \(range.upperBound)"
        guard let v = ParsedArguments.decimal(Substring(text)), range.contains(v) else {
            throw UsageError(message: "'--\(name)' expects \(expected), found '\(text)'")
        }
        return v
    }

    /// The one rule for integers on the command line: ASCII digits only (no sign, space or
    /// exponent, which Swift's `Int("+1")` would accept), within UInt64.
    static func decimal(_ text: Substring) -> UInt64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return UInt64(text)
    }

    /// A decimal number option: digits with an optional sign, fraction and exponent (no hex,
    /// `inf` or `nan`), finite.
    func number(_ name: String) throws -> Double? {
        guard let text = options[name] else { return nil }
        let allowed = text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x65 || $0 == 0x45 || $0 == 0x2B || $0 == 0x2D }
        guard allowed, let v = Double(text), v.isFinite else { throw UsageError(message: "'--\(name)' expects a number, found '\(text)'") }
        return v
    }

    /// `--day`: a PlanetLab trace day, eight digits (yyyymmdd), the form of the scenario's `day`.
    func day() throws -> String? {
        guard let text = options["day"] else { return nil }
        guard text.utf8.count == 8, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw UsageError(message: "'--day' expects eight digits (yyyymmdd), found '\(text)'")
        }
        return text
    }
}
