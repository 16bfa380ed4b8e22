#!/usr/bin/env python3
"""`moteplass validate` of two binaries side by side on one content folder.

    Benchmarks/validate-ab.py BEFORE AFTER CONTENT [--runs N]

One warm-up run each, then N timed rounds (default 11), the two binaries alternating so that
both meet the same load. Prints for each the median wall time (and its range) and the median CPU
time (user + system, from getrusage of the child), then the CPU ratio after/before and the load.
Both must report no errors (exit 0).
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time


def run(binary, content):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    process = subprocess.run([binary, "validate", "--content", content], capture_output=True, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        sys.exit(f"validate-ab: {binary} exited with {process.returncode}:\n{process.stdout}{process.stderr}")
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("content")
    parser.add_argument("--runs", type=int, default=11)
    arguments = parser.parse_args()
    binaries = {"before": arguments.before, "after": arguments.after}
    for binary in binaries.values():
        run(binary, arguments.content)
    times = {name: [] for name in binaries}
    for _ in range(arguments.runs):
        for name, binary in binaries.items():
            times[name].append(run(binary, arguments.content))
    cpu = {}
    for name, runs in times.items():
        walls = [wall for wall, _ in runs]
        cpu[name] = statistics.median(used for _, used in runs)
        print(f"{name}: wall {statistics.median(walls):.3f} s ({min(walls):.3f}–{max(walls):.3f}), CPU {cpu[name]:.3f} s")
    print(f"CPU after/before: {cpu['after'] / cpu['before']:.3f}; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
