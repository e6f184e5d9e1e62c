/// Scenarios compiled into the binary, so `virtsim run` works from any folder.
/// A test checks that each one equals its copy under `scenarios/`.
enum BuiltInScenarios {
    /// `scenarios/seed-consolidation.json`: the default of `virtsim run` (figure S1).
    static let seedConsolidation = """
{
  "$schema": "scenario.schema.json",
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

}
