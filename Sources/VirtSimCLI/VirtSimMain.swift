import Foundation

/// The `virtsim` command-line tool. `main()` exits the process; `execute(_:console:)` returns the
/// exit status so tests can drive every command in-process.
public enum VirtSimMain {
    public static let version = "0.1.0"

    static let commands: [(name: String, summary: String)] = [
        ("run", "Run a scenario (default: the built-in seed consolidation scenario) and write CSV results."),
        ("validate", "Check scenario files and report every problem with its JSON path."),
        ("list", "List the shipped scenarios (or, with --hardware, hardware profiles and power tables)."),
        ("show", "Show a hardware profile or power table with every number's unit and source."),
        ("verify", "Run the catalogue of published figures and compare with the expected bands."),
        ("explain", "Explain a placement decision for one guest at one time."),
        ("size", "Find how many hosts of one pool keep SLATAH under a target (bisection, with the curve)."),
        ("merge", "Merge the shard folders of a sharded run into the one-process run's folder."),
        ("slurm", "Write (and optionally submit) a Slurm job array of a run's shards and its merge job."),
        ("k8s", "Write Kubernetes manifests: an Indexed Job of a run's shards and its merge Job."),
        ("regenerate", "Re-run every shipped scenario and rewrite results/ (the reference outputs)."),
        ("schema", "Print the JSON Schema of scenario files' numeric keys and their ranges."),
    ]

    static var usage: String {
        var s = """
        OVERVIEW: VirtSim \(version), a discrete-event simulator of virtualization architectures.

        USAGE: virtsim <subcommand> [options]

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        SUBCOMMANDS:

        """
        for c in commands { s += "  " + c.name.padding(toLength: 12, withPad: " ", startingAt: 0) + c.summary + "\n" }
        s += "\n  See 'virtsim <subcommand> --help' for detailed help."
        return s
    }

    public static func main() -> Never {
        // A closed pipe becomes EPIPE on write (dropped by StandardStream), not a kill mid-write.
        signal(SIGPIPE, SIG_IGN)
        StandardStream.reopenClosedDescriptors()
        var status = execute(Array(CommandLine.arguments.dropFirst()), console: .standard)
        // Output lost to a full disk or an I/O error is a failure; a reader that went away (EPIPE)
        // is not: it asked for no more.
        if let code = StandardStream.output.failure, code != EPIPE {
            Console.standard.err("Error: cannot write to standard output: " + String(cString: strerror(code)).lowercased())
            if status == .success { status = .badInput }
        }
        exit(status.rawValue)
    }

    public static func execute(_ args: [String], console: Console) -> ExitStatus {
        guard let first = args.first else {
            // No subcommand: the newcomer's path, run the built-in default scenario.
            return RunCommand.execute([], console: console)
        }
        let rest = Array(args.dropFirst())
        switch first {
        case "--version": console.out(version); return .success
        case "-h", "--help", "help":
            if let sub = rest.first {
                guard commands.contains(where: { $0.name == sub }) else {
                    console.err("Error: unknown subcommand '\(sub)'\n\n\(usage)")
                    return .badInput
                }
                return execute([sub, "--help"], console: console)
            }
            console.out(usage)
            return .success
        case "run": return RunCommand.execute(rest, console: console)
        case "validate": return ValidateCommand.execute(rest, console: console)
        case "list": return ListCommand.execute(rest, console: console)
        case "show": return ShowCommand.execute(rest, console: console)
        case "verify": return VerifyCommand.execute(rest, console: console)
        case "explain": return ExplainCommand.execute(rest, console: console)
        case "size": return SizeCommand.execute(rest, console: console)
        case "merge": return MergeCommand.execute(rest, console: console)
        case "slurm": return SlurmCommand.execute(rest, console: console)
        case "k8s": return K8sCommand.execute(rest, console: console)
        case "regenerate": return RegenerateCommand.execute(rest, console: console)
        case "schema": return SchemaCommand.execute(rest, console: console)
        default:
            console.err("Error: unknown subcommand '\(first)'\n\(usage)")
            return .badInput
        }
    }

    /// Parses a command's arguments; prints help or the usage error and returns the status to exit
    /// with, or nil to go on.
    static func parse(_ args: [String], help: String, options: [String], flags: [String], maxPositionals: Int,
                      console: Console) -> (ParsedArguments?, ExitStatus?) {
        do {
            let parsed = try ParsedArguments(args, optionNames: options, flagNames: flags, maxPositionals: maxPositionals)
            if parsed.flags.contains("help") { console.out(help); return (nil, .success) }
            return (parsed, nil)
        } catch {
            console.err("Error: \(error)\n\n" + help)
            return (nil, .badInput)
        }
    }
}
