// virtsim-bench: release-build benchmarks of VirtSim's hot paths.
//
//   swift run -c release virtsim-bench [kernel] [io] [scheduling] [consolidation] [--scale] [--scale-size H:G] [--traces DIR]
//   swift run -c release virtsim-bench fuzz [--cases N] [--start K] [--seed S] [--scenarios DIR]   (see FuzzCampaign)
//
// With no group named, runs kernel, io, scheduling and consolidation (the PlanetLab day when traces
// are available, and the whole `virtsim run` of it with its phases from timing.json). The 100k-host / 1M-guest run is opt-in with --scale (minutes, ~GBs of memory);
// --scale-size HOSTS:GUESTS runs the same synthetic day at another size (profiling).
// Each group reports throughputs and, where it can, a ratio against a reference measured in the same
// run, so numbers from different machines compare by ratio.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "fuzz" { exit(FuzzCampaign.main(Array(arguments.dropFirst()))) }
if arguments.contains("--help") || arguments.contains("-h") {
    print("""
    OVERVIEW: Release-build benchmarks of VirtSim.

    USAGE: virtsim-bench [kernel] [io] [scheduling] [consolidation] [--scale] [--scale-size <hosts:guests>]
                         [--traces <dir>]

    OPTIONS:
      --scale                 Also run the 100,000-host / 1,000,000-guest day (consolidation group).
      --scale-size <h:g>      Run the synthetic day with h hosts and g guests instead (implies --scale;
                              e.g. 10000:100000 for profiling).
      --traces <dir>          PlanetLab trace root (default: $VIRTSIM_TRACES).
      --version               Show the version.
      -h, --help              Show help information.
    """)
    exit(0)
}
if arguments.contains("--version") { print("0.1.0"); exit(0) }

var traceRoot = ProcessInfo.processInfo.environment["VIRTSIM_TRACES"]
var groups: [String] = []
var scaleSize: (hosts: Int, guests: Int)? = nil
var i = 0
while i < arguments.count {
    let a = arguments[i]
    switch a {
    case "--scale": if scaleSize == nil { scaleSize = (100_000, 1_000_000) }
    case "--scale-size":
        let parts = i + 1 < arguments.count ? arguments[i + 1].split(separator: ":") : []
        guard parts.count == 2, let h = Int(parts[0]), let g = Int(parts[1]), h > 0, g >= 0 else {
            FileHandle.standardError.write(Data("Error: '--scale-size' needs HOSTS:GUESTS, e.g. 10000:100000\n".utf8))
            exit(2)
        }
        scaleSize = (h, g)
        i += 1
    case "--traces":
        guard i + 1 < arguments.count else {
            FileHandle.standardError.write(Data("Error: missing value for '--traces'\n".utf8))
            exit(2)
        }
        traceRoot = arguments[i + 1]
        i += 1
    case "kernel", "io", "scheduling", "consolidation": groups.append(a)
    default:
        FileHandle.standardError.write(Data("Error: unknown argument '\(a)'\n".utf8))
        exit(2)
    }
    i += 1
}
if groups.isEmpty { groups = ["kernel", "io", "scheduling", "consolidation"] }

#if DEBUG
FileHandle.standardError.write(Data("warning: debug build; run with 'swift run -c release virtsim-bench' for meaningful numbers\n".utf8))
#endif

func report(_ group: String, _ rows: [(name: String, value: Double, unit: String)]) {
    for r in rows {
        let value = r.value >= 100 ? String(format: "%.0f", r.value) : String(format: "%.3g", r.value)
        print("\(group.padding(toLength: 14, withPad: " ", startingAt: 0)) \(r.name.padding(toLength: 58, withPad: " ", startingAt: 0)) \(value) \(r.unit)")
    }
}

for g in groups {
    switch g {
    case "kernel": report(g, KernelBench.run())
    case "io": report(g, IOBench.run())
    case "scheduling": report(g, SchedulingBench.run())
    default: report(g, ConsolidationBench.run(traceRoot: traceRoot, scaleSize: scaleSize))
    }
}
