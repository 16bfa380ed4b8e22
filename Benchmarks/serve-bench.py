#!/usr/bin/env python3
"""How long a saved change takes to show in the browser with `moteplass serve` (issue 8's target: 150 ms).

    Benchmarks/serve-bench.py [--binary .build/release/moteplass] [--recommendations 1000] [--runs 11]

Generates a synthetic corpus (Benchmarks/make-corpus.py), starts `moteplass serve` on it (release
build), and opens one recommendation in headless Chromium. Then, --runs times, it changes the
recommendation's title in its file and waits until the page shows the new title. The time
counted runs from just before the file is written to the moment the new title is in the page's
DOM (a MutationObserver in the page notes it, on the same clock; if the page was loaded anew,
its DOMContentLoaded), so how often this script looks does not count. Prints each run and the
median.
"""
import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Notes when the page's h1 first holds the marker (the preview puts a new body in place).
WATCH = """
window.moteplassMarker = arguments[0];
window.moteplassShownAt = null;
if (!window.moteplassObserver) {
  window.moteplassObserver = new MutationObserver(function () {
    var heading = document.querySelector("h1");
    if (!window.moteplassShownAt && heading && heading.textContent.indexOf(window.moteplassMarker) >= 0) {
      window.moteplassShownAt = performance.timeOrigin + performance.now();
    }
  });
  window.moteplassObserver.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
}
"""
SHOWN = """
if (window.moteplassShownAt) { return [window.moteplassShownAt, "new body"]; }
return [performance.timeOrigin + performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd, "page loaded anew"];
"""
sys.path.insert(0, str(ROOT / "Tests/Browser"))
from browser import chrome  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=str(ROOT / ".build/release/moteplass"))
    parser.add_argument("--recommendations", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=11)
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        content = Path(temporary) / "content"
        subprocess.run([sys.executable, str(ROOT / "Benchmarks/make-corpus.py"), str(content),
                        "--recommendations", str(arguments.recommendations)], check=True, stdout=subprocess.DEVNULL)
        files = sorted((content / "recommendations" / "set-01").glob("*.md"))
        recommendation = next(path for path in files if path.name != "_set.md")
        address = f"anbefalinger/set-01/{recommendation.stem}/index.html"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen([arguments.binary, "serve", "--content", str(content), "--templates", str(ROOT / "Templates"),
                                   "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        driver = None
        try:
            server.stdout.readline()
            driver = chrome()
            driver.get(f"http://127.0.0.1:{port}/{address}")
            text = recommendation.read_text()
            title = re.search(r'^title: "(.*)"$', text, re.M).group(1)
            delays = []
            for run in range(arguments.runs + 1):
                marker = f"{title} – endring {run}"
                time.sleep(0.5)
                driver.execute_script(WATCH, marker)
                saved = time.time() * 1000
                recommendation.write_text(re.sub(r'^title: ".*"$', f'title: "{marker}"', text, count=1, flags=re.M))
                deadline = time.monotonic() + 10
                while marker not in driver.execute_script("return document.querySelector('h1')?.textContent ?? ''"):
                    if time.monotonic() > deadline:
                        sys.exit(f"serve-bench.py: the page did not show change {run} within 10 s")
                    time.sleep(0.005)
                shown, how = driver.execute_script(SHOWN)
                if run > 0:  # the first change warms up
                    delays.append(shown - saved)
                    print(f"  change {run:2}: {shown - saved:6.1f} ms from save to the new title in the page ({how})")
        finally:
            if driver:
                driver.quit()
            server.terminate()
            server.wait(timeout=10)
    print(f"serve-bench.py: {arguments.recommendations} recommendations, {len(delays)} changes: "
          f"median {statistics.median(delays):.0f} ms (min {min(delays):.0f}, max {max(delays):.0f}) from save to the new title in the page")


if __name__ == "__main__":
    main()
