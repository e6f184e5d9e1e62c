#!/usr/bin/env python3
"""Writes the small CPU traces of scenarios/planner-example.json (VirtSim's generic long CSV:
guest,timestamp_s,cpu_percent). Deterministic: a fixed linear congruential generator, no
library randomness, so the files are byte-identical on every machine and Python version.

They are invented, plausible profiles for a worked example (not measurements): a business-day
diurnal swing plus noise, per guest a different mean. Usage: scripts/make-planner-traces.py DIR
"""
import math
import sys

class LCG:
    """Knuth's MMIX constants; returns floats in [0, 1)."""
    def __init__(self, seed):
        self.x = seed
    def next(self):
        self.x = (6364136223846793005 * self.x + 1442695040888963407) % (1 << 64)
        return (self.x >> 11) / float(1 << 53)

def write(path, prefix, guests, mean_lo, mean_hi, amplitude, noise, peak_hour, seed):
    rng = LCG(seed)
    with open(path, "w", newline="\n") as f:
        f.write("guest,timestamp_s,cpu_percent\n")
        for g in range(guests):
            mean = mean_lo + (mean_hi - mean_lo) * rng.next()
            for k in range(288):  # one day of 5-minute samples
                hour = k * 5 / 60
                v = mean * (1 + amplitude * math.cos(2 * math.pi * (hour - peak_hour) / 24))
                v += noise * (2 * rng.next() - 1)
                v = min(100.0, max(0.0, v))
                f.write(f"{prefix}-{g + 1},{k * 300},{v:.1f}\n")

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "scenarios/planner-traces"
    write(f"{out}/web.csv", "web", 20, 10, 40, 0.6, 6, 14, 1)
    write(f"{out}/db.csv", "db", 10, 20, 50, 0.3, 8, 11, 2)
