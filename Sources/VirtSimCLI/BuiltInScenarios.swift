/// Scenarios compiled into the binary, so `virtsim run` works from any folder.
/// A test checks that each one equals its copy under `scenarios/`.
enum BuiltInScenarios {
    /// `scenarios/seed-consolidation.json`: the default of `virtsim run` (figure S1).
    static let seedConsolidation = """
{
  "name": "seed-consolidation",
  "description": "Seed figure S1: 400 one-workload servers at their measured low utilization, then the same workloads consolidated onto virtualized hosts, once per guest kind.",
  "seed": 2025,
  "study": "consolidation",
  "consolidation": {
    "hardwareProfile": "xeon-sandybridge-2012",
    "horizonHours": 48,
    "sampleMinutes": 5,
    "consolidationMinutes": 5,
    "reportMinutes": 120,
    "hostType": {
      "name": "hp-ml110-g5",
      "cores": 2,
      "mipsPerCore": 2660,
      "ramMB": 4096,
      "bandwidthMbps": 1000,
      "power": "hp-ml110-g5"
    },
    "fleet": {
      "servers": 400,
      "meanUtilization": {
        "cdf": [[0, 0], [0.10, 0.47], [0.20, 0.68], [0.50, 0.95], [1.0, 1.0]],
        "source": "Cortez et al., SOSP 2017 (Azure): 47% of VMs average <= 10% CPU, 68% <= 20%, 95% <= 50%"
      },
      "components": [
        {"type": "diurnal", "amplitude": 0.5, "peakHour": 14, "source": "assumption: business-hours load, peak twice the trough-to-mean gap"},
        {"type": "bursty", "ratePerHour": 0.5, "meanMinutes": 15, "multiplier": 2.5, "source": "assumption: a burst every two hours on average"},
        {"type": "heavy-tailed", "alpha": 3, "source": "assumption: Pareto per-sample noise, finite variance"}
      ],
      "appMemoryMB": {
        "cdf": [[128, 0], [512, 0.5], [1024, 1.0]],
        "source": "assumption: departmental application servers"
      },
      "operations": "web-server"
    },
    "variants": [
      {"name": "dedicated", "kind": "native", "dedicated": true},
      {"name": "full", "kind": "full"},
      {"name": "para", "kind": "para"},
      {"name": "container", "kind": "container"}
    ],
    "policies": {
      "placement": "power-aware-best-fit-decreasing",
      "overload": "thr",
      "overloadParameter": 0.8,
      "selection": "mmt",
      "underload": true,
      "migration": "cloudsim"
    }
  }
}
"""

    /// `scenarios/labs/live-migration.json`: the inputs of figure M1 (`verify` plans its guests).
    static let liveMigrationLab = """
{
  "name": "lab-live-migration",
  "description": "Lab: iterative pre-copy live migration (Clark et al., NSDI 2005) with Xen 2.0's limits. Four guests over gigabit Ethernet: a web server, a game server, a memory-thrashing worst case and an idle guest; swept over the cap on the pre-copy rate. Shows why downtime depends on the writable working set and not on memory size, and how the rate cap trades total time against downtime.",
  "seed": 1,
  "study": "migration",
  "migration": {
    "model": "pre-copy",
    "preset": "xen2005",
    "maximumRateMbps": 500,
    "linkBandwidthMbps": 1000,
    "guests": [
      {"name": "specweb99", "memoryMB": 800, "dirtyRateMBps": 100, "writableWorkingSetMB": 18.2, "backgroundDirtyRateMBps": 1,
       "resumeSeconds": 0.009,
       "source": "Clark et al. 2005 §4 and §6 (SPECweb99, 800 MB VM): working set and rates recalled, not re-read; resume on the target 9 ms as the paper splits its 210 ms downtime (§6, measured)"},
      {"name": "quake3", "memoryMB": 64, "dirtyRateMBps": 20, "writableWorkingSetMB": 2,
       "resumeSeconds": 0.040,
       "source": "Clark et al. 2005 §6 (Quake 3 server, 64 MB VM): working set and rate recalled, not re-read; start-up on the target 40 ms as the paper splits its 60 ms downtime (§6, measured)"},
      {"name": "memory-thrash", "memoryMB": 512, "dirtyRateMBps": 2000, "writableWorkingSetMB": 256,
       "source": "Clark et al. 2005 §6 (512 MB VM rewriting a 256 MB region); no resume time published for it: none modelled"},
      {"name": "idle", "memoryMB": 512,
       "source": "a guest that writes nothing: pre-copy is one round of all memory at the starting rate"}
    ]
  },
  "sweep": {
    "parameters": [
      {"path": "$.migration.maximumRateMbps", "values": [100, 250, 500, 1000]}
    ]
  }
}
"""
}
