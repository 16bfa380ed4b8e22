#!/usr/bin/env python3
"""Every browser and preview check run N times in a row, to make flakiness visible.

    Tests/flaky.py [--runs N] [--only NAME ...]

Runs each script of `make test` that drives a browser, a server or a killed process
(`Tests/Browser/*.py`, `Tests/Preview/serve.py`, `Tests/Releases/kill_build.py`,
`Tests/Publish/publish.py`, `Tests/Init/check.py`) N times (default 20) on one build of the tool and of the sites
(`make flaky` makes them first, as `make test` does:
`.build/debug/moteplass`, `.build/release-check`, `.build/release-check-fixture`). Prints, per
check, how many runs passed and, for each run that did not, the lines of its failure. Exits 1
unless every check passed every run.
"""
import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINARY = ".build/debug/moteplass"
CONTENT, FIXTURE = ".build/release-check", ".build/release-check-fixture"

# The checks, as `make release-check` runs them: (name, command).
CHECKS = [
    ("checklist_form Content/", ["Tests/Browser/checklist_form.py", f"{CONTENT}/latest"]),
    ("search Content/", ["Tests/Browser/search.py", f"{CONTENT}/latest"]),
    ("search fixture", ["Tests/Browser/search.py", f"{FIXTURE}/latest"]),
    ("search_reference", ["Tests/Browser/search_reference.py", CONTENT, FIXTURE, ".build/release-check-corpus"]),
    ("quality Content/", ["Tests/Browser/quality.py", CONTENT, ".build/screenshots/flaky-content"]),
    ("quality fixture", ["Tests/Browser/quality.py", FIXTURE, ".build/screenshots/flaky-fixture"]),
    ("pagination", ["Tests/Browser/pagination.py", ".build/release-check-corpus"]),
    ("print", ["Tests/Browser/print.py", CONTENT, FIXTURE]),
    ("releases", ["Tests/Browser/releases.py", BINARY, "Tests/Fixtures/clean"]),
    ("kill_build", ["Tests/Releases/kill_build.py", BINARY]),
    ("publish", ["Tests/Publish/publish.py", BINARY]),
    ("init", ["Tests/Init/check.py", BINARY]),
    ("serve", ["Tests/Preview/serve.py", BINARY]),
]


def failure_lines(output):
    """The lines that say what failed: a script's `- …` list, or the end of a traceback."""
    lines = [line for line in output.splitlines() if line.strip()]
    said = [line for line in lines if line.startswith("- ") or "FAIL" in line]
    return said or lines[-3:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", nargs="*", help="names of checks to run (default: all)")
    arguments = parser.parse_args()
    chosen = [(name, command) for name, command in CHECKS if not arguments.only or any(o in name for o in arguments.only)]
    if not chosen:
        sys.exit(f"flaky.py: no check is named {arguments.only}; the checks are: {', '.join(n for n, _ in CHECKS)}")
    for path in [BINARY, CONTENT, FIXTURE]:
        if not (ROOT / path).exists():
            sys.exit(f"flaky.py: {path} is missing; run `make flaky`, which builds it first")

    results = {}
    for name, command in chosen:
        passed, failed, seconds = 0, [], []
        for run in range(1, arguments.runs + 1):
            started = time.monotonic()
            process = subprocess.run([sys.executable] + command, cwd=ROOT, capture_output=True, text=True)
            seconds.append(time.monotonic() - started)
            if process.returncode == 0:
                passed += 1
            else:
                failed.append((run, process.returncode, failure_lines(process.stdout + process.stderr)))
            print(f"{name}: run {run}/{arguments.runs} {'ok' if process.returncode == 0 else 'FAILED'} "
                  f"({seconds[-1]:.0f} s)", flush=True)
            # Said at once too, so that a long run shows why a run failed without waiting for its end.
            for line in failed[-1][2] if process.returncode != 0 else []:
                print(f"      {line}", flush=True)
        results[name] = (passed, failed, sorted(seconds)[len(seconds) // 2])

    print(f"\nflaky.py: {arguments.runs} runs of each check, one after another")
    for name, (passed, failed, median) in results.items():
        print(f"{name:<22} {passed:>3} of {arguments.runs} passed   (median {median:.0f} s a run)")
        for run, code, lines in failed:
            print(f"    run {run} (exit {code}):")
            for line in lines:
                print(f"      {line}")
    sys.exit(0 if all(not failed for _, failed, _ in results.values()) else 1)


if __name__ == "__main__":
    main()
