#!/usr/bin/env python3
"""The search, measured: a full build before and after a change side by side, and queries in Chromium.

    Benchmarks/search-bench.py --before BIN [--after BIN] [--recommendations 10000] [--runs 5]

1. Builds the same synthetic corpus (Benchmarks/make-corpus.py, seeded) with two release binaries
   of the tool, alternating (one warm-up round, then `--runs` rounds; each run into a new, empty
   folder of its own, deleted only after the last run, as build-bench.py explains), and prints
   the medians of wall time, CPU time and peak RSS (GNU time) and the ratio after/before.
2. Serves the release the `--after` binary built and, in headless Chromium, types queries of
   every kind into the search page: an inflected form, a typo, letters folded, a synonym, a
   partial match, a prefix and a common word. Each is timed in the page, from the form's submit
   to the list being drawn with its excerpts (no longer aria-busy): first cold, on a page just
   opened (it has loaded only the list of pages and the synonyms, as it does when it opens,
   before anyone has typed a word), and then warm (the same query again, five times); the files
   and bytes the cold query fetched are counted. The server speaks HTTP/1.1 with keep-alive, as
   every web server does. Prints the medians and the slowest.
"""
import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "Benchmarks"))
sys.path.insert(0, str(ROOT / "Tests/Browser"))
import subprocess  # noqa: E402

from importlib import import_module  # noqa: E402

timed = import_module("build-bench").timed
import browser  # noqa: E402
from browser import chrome, serve  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

# Words of the corpus (make-corpus.py writes Norwegian-looking prose from Content/'s vocabulary).
QUERIES = [
    ("inflection", "pasientene"),
    ("inflection", "epikrisen"),
    ("typo", "epikirse"),
    ("typo", "hjemmesykepleein"),
    ("folding", "parorende"),
    ("synonym", "spesialisthelsetjenesten"),
    ("partial", "epikrise tannlege"),
    ("prefix", "utskr"),
    ("common", "fastlegen skal"),
    ("two words", "time fastlege"),
]

MEASURE = """
const [query, done] = [arguments[0], arguments[arguments.length - 1]];
const field = document.getElementById('sok-ord'), list = document.getElementById('sok-treff');
const status = document.getElementById('sok-status');
const before = performance.getEntriesByType('resource').length;
const start = performance.now();
let shown = null;
const observer = new MutationObserver(() => {
  if (shown === null && (list.children.length > 0 || list.getAttribute('aria-busy') === 'false')) shown = performance.now() - start;
  if (list.getAttribute('aria-busy') !== 'false') return;
  observer.disconnect();
  const elapsed = performance.now() - start;
  const loaded = performance.getEntriesByType('resource').slice(before);
  done([shown, elapsed, loaded.length, loaded.reduce((sum, e) => sum + (e.encodedBodySize || 0), 0), status.textContent]);
});
list.setAttribute('aria-busy', 'pending');
observer.observe(list, {attributes: true, attributeFilter: ['aria-busy'], childList: true});
field.value = query;
document.getElementById('sok').requestSubmit();
"""


def build_side_by_side(before, after, corpus, runs, work):
    binaries = {"before": before, "after": after}
    samples = {name: [] for name in binaries}
    outputs = work / "out"
    outputs.mkdir()
    for round_ in range(runs + 1):  # round 0 warms up
        for name, binary in binaries.items():
            measured = timed([str(binary), "build", "--content", str(corpus), "--templates", str(ROOT / "Templates"),
                              "--output", str(outputs / f"{round_}-{name}")])
            if round_ > 0:
                samples[name].append(measured)
            print(f"  round {round_} {name}: {measured[0]:.2f} s wall, {measured[1]:.2f} s CPU, {measured[2]:.0f} MB", flush=True)
    medians = {name: [statistics.median(v[i] for v in values) for i in range(3)] for name, values in samples.items()}
    return medians, outputs / f"{runs}-after"


def time_queries(release):
    browser.QuietHandler.protocol_version = "HTTP/1.1"
    server = serve(release)
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = chrome()
    rows = []
    try:
        driver.set_script_timeout(30)
        for kind, query in QUERIES:
            driver.get(origin + "sok/index.html")  # a new page: what it loads when it opens, and no more (cold) …
            WebDriverWait(driver, 30).until(lambda d: d.execute_script(
                "return ['sider.json', 'synonymer.json'].every(function (name) {"
                "  return performance.getEntriesByName(new URL(name, location.href).href).length > 0; })"))
            cold = driver.execute_async_script(MEASURE, query)
            warm = [driver.execute_async_script(MEASURE, query)[1] for _ in range(5)]  # … then warm
            rows.append((kind, query, cold, statistics.median(warm)))
    finally:
        driver.quit()
        server.shutdown()
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True, help="the release binary before the change")
    parser.add_argument("--after", default=str(ROOT / ".build/release/moteplass"))
    parser.add_argument("--recommendations", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="moteplass-search-bench."))
    try:
        corpus = work / "corpus"
        subprocess.run([sys.executable, str(ROOT / "Benchmarks/make-corpus.py"), str(corpus), "--recommendations",
                        str(args.recommendations)], check=True, stdout=subprocess.DEVNULL)
        print(f"== machine load average {' '.join(open('/proc/loadavg').read().split()[:3])}; "
              f"{args.recommendations:,} recommendations, {args.runs} rounds")
        medians, output = build_side_by_side(Path(args.before), Path(args.after), corpus, args.runs, work)
        print("\n| binary | wall (median) | CPU | peak RSS |\n|---|---:|---:|---:|")
        for name, (wall, cpu, rss) in medians.items():
            print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB |")
        print(f"\nafter/before: wall {medians['after'][0] / medians['before'][0]:.3f}, "
              f"CPU {medians['after'][1] / medians['before'][1]:.3f}")
        index = output / "latest/sok"
        files = [p for p in index.rglob("*.json")]
        shards = [p.stat().st_size for p in (index / "ord").glob("*.json")]
        print(f"\nsok/: {len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB; ord/: {len(shards)} files, "
              f"median {statistics.median(shards) / 1e3:.0f} kB, largest {max(shards) / 1e3:.0f} kB; "
              f"sider.json {(index / 'sider.json').stat().st_size / 1e6:.2f} MB")
        rows = time_queries(output / "latest")
        print("\n| kind | query | cold: results shown (ms) | cold: with excerpts (ms) | files, kB fetched | warm (ms, median of 5) | results |"
              "\n|---|---|---:|---:|---:|---:|---|")
        for kind, query, cold, warm in rows:
            print(f"| {kind} | {query} | {cold[0]:.0f} | {cold[1]:.0f} | {cold[2]}, {cold[3] / 1e3:.0f} | {warm:.0f} | {cold[4]} |")
        for name, values in [("cold, results shown", [r[2][0] for r in rows]), ("cold, with excerpts", [r[2][1] for r in rows]),
                             ("warm", [r[3] for r in rows])]:
            print(f"{name}: median {statistics.median(values):.0f} ms, slowest {max(values):.0f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
