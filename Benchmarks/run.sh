#!/usr/bin/env bash
# Benchmark of `moteplass validate` on a synthetic corpus (Benchmarks/make-corpus.py).
#
#   Benchmarks/run.sh                    # (make bench-validate) 10,000 recommendations, 1 warm-up + 11 timed runs
#   RUNS=5 RECOMMENDATIONS=2000 Benchmarks/run.sh
#   CORPUS=/tmp/bm Benchmarks/run.sh     # reuse (or create once and keep) the corpus in /tmp/bm
#
# Environment: RUNS (timed runs, default 11), RECOMMENDATIONS (default 10000),
# CORPUS (a folder to generate the corpus into and keep; default: a temporary folder, deleted),
# SKIP_BUILD=1 (use the existing .build/release/moteplass).
# Target (SPEC §7, brief): median wall time under 1 s on the 2-core reference machine.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-11}
RECOMMENDATIONS=${RECOMMENDATIONS:-10000}
BIN=$ROOT/.build/release/moteplass

fail() { echo "run.sh: FAIL: $*" >&2; exit 1; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a positive integer, not '$RUNS'"

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    echo "== swift build -c release --product moteplass"
    swift build -c release --product moteplass
fi
[[ -x $BIN ]] || fail "$BIN is missing (build it, or unset SKIP_BUILD)"

if [[ -n ${CORPUS:-} ]]; then
    if [[ ! -f $CORPUS/site.yml ]]; then
        python3 "$ROOT/Benchmarks/make-corpus.py" "$CORPUS" --recommendations "$RECOMMENDATIONS"
    else
        echo "== reusing the corpus in $CORPUS"
    fi
else
    TMP=$(mktemp -d "${TMPDIR:-/tmp}/moteplass-bench.XXXXXX")
    trap 'rm -rf "$TMP"' EXIT
    CORPUS=$TMP/content
    echo "== generating the corpus"
    python3 "$ROOT/Benchmarks/make-corpus.py" "$CORPUS" --recommendations "$RECOMMENDATIONS"
fi

python3 - "$BIN" "$CORPUS" "$RUNS" <<'PY'
import json, os, resource, shutil, statistics, subprocess, sys, time

bin_, corpus, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
cmd = [bin_, "validate", "--content", corpus]

def fail(message, proc=None):
    print(f"run.sh: FAIL: {message}", file=sys.stderr)
    if proc is not None:
        print("--- stdout (first 4000 characters)", proc.stdout[:4000], "--- stderr", proc.stderr[:4000], sep="\n", file=sys.stderr)
    sys.exit(1)

files = mb = 0
for folder, _, names in os.walk(corpus):
    for name in names:
        files += 1
        mb += os.path.getsize(os.path.join(folder, name))
mb /= 1e6
print(f"== corpus: {corpus}: {files} files, {mb:.1f} MB")
print(f"== machine: {os.cpu_count()} CPUs, load average {' '.join(open('/proc/loadavg').read().split()[:3])}")

# The corpus must be clean: 0 errors and 0 warnings (--strict makes warnings fail too).
check = subprocess.run([bin_, "validate", "--content", corpus, "--strict", "--format", "json"],
                       capture_output=True, text=True)
try:
    counts = json.loads(check.stdout)
except ValueError:
    fail(f"validate --format json printed no JSON (exit status {check.returncode})", check)
if check.returncode != 0 or counts.get("errors") != 0 or counts.get("warnings") != 0:
    fail(f"the corpus is not clean: exit status {check.returncode}, "
         f"{counts.get('errors')} errors, {counts.get('warnings')} warnings", check)
print("== corpus validates: 0 errors, 0 warnings")

def cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime

def run():
    cpu_before = cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        fail(f"`{' '.join(cmd)}` exited with status {proc.returncode}", proc)
    return elapsed, cpu() - cpu_before, proc

# Wall time is what the target is about; CPU time (user + sys of the run) is printed beside it
# because it varies much less when the machine is shared.
print(f"== {' '.join(cmd)}")
warm, warm_cpu, proc = run()
print(f"warm-up  {warm:8.3f} s wall  {warm_cpu:8.3f} s CPU   ({proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else 'no output'})")
times, cpus = [], []
for i in range(1, runs + 1):
    elapsed, used, _ = run()
    times.append(elapsed)
    cpus.append(used)
    print(f"run {i:2d}   {elapsed:8.3f} s wall  {used:8.3f} s CPU")
median = statistics.median(times)
print(f"median   {median:8.3f} s wall  {statistics.median(cpus):8.3f} s CPU   "
      f"(wall min {min(times):.3f}, max {max(times):.3f}; {runs} runs)")

# Peak resident set size of one run.
gnu_time = shutil.which("time", path="/usr/bin")
if gnu_time:
    proc = subprocess.run([gnu_time, "-v"] + cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        fail(f"`/usr/bin/time -v {' '.join(cmd)}` exited with status {proc.returncode}", proc)
    line = next((l for l in proc.stderr.splitlines() if "Maximum resident set size" in l), None)
    if line is None:
        fail("/usr/bin/time -v printed no 'Maximum resident set size'", proc)
    rss_kb, how = int(line.rsplit(":", 1)[1]), "/usr/bin/time -v"
else:
    # A fresh interpreter whose only child is this run: RUSAGE_CHILDREN is that run's peak.
    probe = ("import resource, subprocess, sys\n"
             "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
             "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", probe] + cmd, capture_output=True, text=True, check=True).stdout.split()
    if out[0] != "0":
        fail(f"`{' '.join(cmd)}` exited with status {out[0]}")
    rss_kb, how = int(out[1]), "getrusage(RUSAGE_CHILDREN)"
print(f"peak RSS {rss_kb / 1024:8.1f} MB   ({how})")

target = 1.0
verdict = "OK" if median < target else "OVER TARGET"
print(f"== {verdict}: median {median:.3f} s, target < {target:.1f} s")
PY
