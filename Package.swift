// swift-tools-version:6.0
// VirtSim: a discrete-event simulator of virtualization architectures.
// No package dependencies: the Swift toolchain alone (see README).
import PackageDescription

let package = Package(
    name: "VirtSim",
    products: [
        .executable(name: "virtsim", targets: ["virtsim"]),
        .executable(name: "virtsim-bench", targets: ["virtsim-bench"]),
        .library(name: "VirtSimCLI", targets: ["VirtSimCLI"]),
    ],
    // Each target lists exactly the modules its files import (Foundation, Dispatch, Synchronization
    // and the test libraries come with the toolchain).
    targets: [
        // Domain-free event kernel and random streams. No Foundation.
        .target(name: "SimKernel"),
        // The names, units and meanings of every summary metric (one table for every study and README).
        .target(name: "MetricCatalogue"),
        // Hosts, power, hypervisor cost model, guests, workloads, migration models.
        .target(name: "VirtModel", dependencies: ["SimKernel"]),
        // Request-level I/O paths (native, emulated, para-virtual rings, container, SR-IOV).
        .target(name: "IOModel", dependencies: ["SimKernel", "VirtModel", "MetricCatalogue"]),
        // Vectorized host table and placement / consolidation policies.
        .target(name: "Scheduling", dependencies: ["SimKernel", "VirtModel"]),
        // Interval-level datacenter engine (VirtSim semantics and CloudSim-compatible mode).
        .target(name: "Consolidation", dependencies: ["SimKernel", "VirtModel", "Scheduling", "MetricCatalogue"]),
        // Continuity and isolation: start-up and serverless platforms, boot storms (later: failures,
        // HA restart, blast radius).
        .target(name: "Continuity", dependencies: ["SimKernel", "VirtModel", "Scheduling", "MetricCatalogue"]),
        // Scenario files: schema, validation with JSON paths, sweeps.
        .target(name: "Scenario", dependencies: ["VirtModel", "IOModel", "Scheduling", "Consolidation", "Continuity"]),
        // CSV tables, atomic file writes, SVG charts.
        .target(name: "Reports"),
        // The command-line tool's commands as a library (so tests can call them in-process).
        .target(name: "VirtSimCLI", dependencies: ["SimKernel", "VirtModel", "IOModel", "Scheduling", "Consolidation", "Continuity", "Scenario", "Reports", "MetricCatalogue"]),
        .executableTarget(name: "virtsim", dependencies: ["VirtSimCLI"]),
        .executableTarget(name: "virtsim-bench", dependencies: ["VirtSimCLI", "SimKernel", "VirtModel", "IOModel", "Scheduling", "Consolidation", "CHeapReference"]),
        // A plain C binary heap: the benchmark's reference for the event kernel (not used by the simulator).
        .target(name: "CHeapReference"),

        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel"]),
        .testTarget(name: "VirtModelTests", dependencies: ["VirtModel", "SimKernel"]),
        .testTarget(name: "IOModelTests", dependencies: ["IOModel", "VirtModel"]),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling", "VirtModel", "SimKernel"]),
        .testTarget(name: "ConsolidationTests", dependencies: ["Consolidation", "Scheduling", "VirtModel", "SimKernel"]),
        .testTarget(name: "ContinuityTests", dependencies: ["Continuity", "VirtModel", "MetricCatalogue"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "Scheduling", "IOModel", "VirtModel"]),
        .testTarget(name: "CLITests", dependencies: ["VirtSimCLI", "Reports", "Scenario", "Scheduling", "VirtModel", "MetricCatalogue", "Consolidation"],
                    exclude: ["FuzzCrashers"]),  // inputs the fuzz test reads by path, not resources
    ]
)
