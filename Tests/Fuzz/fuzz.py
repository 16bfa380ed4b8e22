#!/usr/bin/env python3
"""The libFuzzer harnesses of Tests/Fuzz (see FuzzChecks for what each checks).

    fuzz.py run [--time SECONDS] [HARNESS ...]   build, seed, and run each harness in turn
    fuzz.py merge [HARNESS ...]                  minimise what they found into Tests/Fuzz/Corpus

Everything is built and kept in .build-fuzz/: the harnesses (release, -sanitize=fuzzer,address),
the seeds (from Content/, Tests/Fixtures/ and Templates/), the growing corpus, the inputs that
failed (artifacts/) and a line per run in results.tsv. A harness stops at its first failure;
the run goes on with the next and ends with status 1.
"""
import argparse
import datetime
import hashlib
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRATCH = ROOT / ".build-fuzz"
HARNESSES = ["content", "markdown", "templates", "yaml"]
ENVIRONMENT = dict(
    os.environ,
    # The harness targets exist only in this build (Package.swift).
    MOTEPLASS_FUZZ="1",
    # Swift's own crash reporter would take the signal from libFuzzer, which saves the input.
    SWIFT_BACKTRACE="enable=no",
    # The Swift runtime keeps caches for the life of the process.
    ASAN_OPTIONS="detect_leaks=0:" + os.environ.get("ASAN_OPTIONS", ""),
)


def build(names):
    for name in names:
        # SwiftPM's --sanitize options instrument the C targets (libyaml's CYaml, CMarkArena), but
        # reach swiftc as two -sanitize= flags of which only the last counts: without the combined
        # flag the Swift code would get no coverage counters, and the fuzzer would run blind.
        command = ["swift", "build", "--scratch-path", str(SCRATCH), "-c", "release",
                   "--sanitize=fuzzer", "--sanitize=address", "-Xswiftc", "-sanitize=fuzzer,address",
                   "--product", f"fuzz-{name}"]
        print("$ MOTEPLASS_FUZZ=1 " + " ".join(command), flush=True)
        subprocess.run(command, cwd=ROOT, env=ENVIRONMENT, check=True)


def binary(name):
    return SCRATCH / "release" / f"fuzz-{name}"


def content_type(relative):
    """The content harness's file type (its first byte, ContentFuzz.files' order) for a path."""
    parts = relative.parts
    if parts == ("site.yml",): return 0
    if parts == ("parties.yml",): return 1
    if parts == ("index.md",): return 2
    if len(parts) == 3 and parts[0] == "recommendations": return 3 if parts[2] == "_set.md" else 4
    if len(parts) == 2 and parts[0] == "meetings": return 5
    if len(parts) == 2 and parts[0] == "checklists": return 6
    if len(parts) == 2 and parts[0] == "pages": return 7
    return None


def split_front_matter(data):
    lines = data.split(b"\n")
    if not lines or lines[0].rstrip() != b"---": return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() == b"---":
            return b"\n".join(lines[1:i]), b"\n".join(lines[i + 1:])
    return None


def write_seeds():
    """Seed inputs for each harness from the project's own content, fixtures and templates."""
    seeds = {name: set() for name in HARNESSES}
    sites = [ROOT / "Content"] + sorted(p for p in (ROOT / "Tests/Fixtures").iterdir() if p.is_dir())
    for site in sites:
        for path in sorted(site.rglob("*")):
            if not path.is_file(): continue
            data = path.read_bytes()
            kind = content_type(path.relative_to(site))
            if kind is not None: seeds["content"].add(bytes([kind]) + data)
            if path.suffix == ".yml": seeds["yaml"].add(data)
            if path.suffix == ".md":
                split = split_front_matter(data)
                if split:
                    seeds["yaml"].add(split[0])
                    seeds["markdown"].add(split[1])
                else:
                    seeds["markdown"].add(data)
    for path in sorted((ROOT / "Templates").glob("*.mustache")):
        seeds["templates"].add(path.read_bytes())
    # Templates that use each other, under the harness's names: main, a, b and layout.
    seeds["templates"] |= {
        b"{{<layout}}{{$main}}{{#list}}{{>a}}{{/list}}{{/main}}{{/layout}}\0<li>{{name}}{{^flag}}!{{/flag}}</li>\0{{b}}\0"
        b"<html>\n  {{$main}}standard{{/main}}\n</html>\n",
        b"{{#items}}{{.}}{{^last()}}, {{/last()}}{{/items}} {{count(list)}} {{#empty(empty)}}tom{{/empty(empty)}}\0\0\0",
        b"{{=<% %>=}}<%a%> <%={{ }}=%>{{{html}}} {{&html}} {{obj.inner.deep}} {{! kommentar }}\n  {{>b}}\n\0\0{{#obj}}{{.name}}{{/obj}}",
    }
    # What the project's files lack: shapes that broke something once, and their neighbours.
    seeds["markdown"] |= {
        "Tekst\n| a | b |\n|---|---|\n| 1 | 2 |\n".encode(), "> sitat\nlat linje\n\n- punkt\n lat [x](id:Y)\n".encode(),
        "`k og ``kode`` \\* &amp; <https://x.no>\n".encode(), "a  \nb\\\nc\n\n<div>\nrå\n</div>\n\n*a* <i>b</i>\n".encode(),
        "# H\n## H\nH\n===\n\n   innrykk\n\tfane\n".encode(), "- [ ] ikke\n- [x] gjort\n\n~~borte~~ www.x.no\n".encode(),
    }
    seeds["yaml"] |= {
        "title: a\u2028b\nowner: x\n".encode(), "tags: [a, b]\nx: \"\\u2028 \\t\"\n".encode(), b"key:\tvalue\n",
        b"a: b\r\nc: d\n", "- a\n- b:\n    c: >-\n      d\n      e\n".encode(), b"a: 'x''y'\nb: ~\nc:\nd: [ ]\n",
    }
    for name, inputs in seeds.items():
        folder = SCRATCH / "seeds" / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for data in inputs:
            (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def run(names, seconds):
    build(names)
    write_seeds()
    failed = []
    summary = []
    for name in names:
        corpus = SCRATCH / "corpus" / name
        artifacts = SCRATCH / "artifacts" / name
        corpus.mkdir(parents=True, exist_ok=True)
        artifacts.mkdir(parents=True, exist_ok=True)
        log = SCRATCH / "logs" / f"{name}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        before = set(artifacts.iterdir())
        # New inputs go into the first folder; the others are read.
        inputs = [corpus] + [folder for folder in [ROOT / "Tests/Fuzz/Corpus" / name, ROOT / "Tests/Fuzz/Crashes" / name]
                             if folder.exists()] + [SCRATCH / "seeds" / name]
        command = [str(binary(name)), f"-max_total_time={seconds}", "-timeout=10", "-rss_limit_mb=2048",
                   "-print_final_stats=1", f"-artifact_prefix={artifacts}/"] + [str(folder) for folder in inputs]
        print(f"\n== fuzz-{name}: {seconds} s (log: {log.relative_to(ROOT)})", flush=True)
        started = time.monotonic()
        with open(log, "w") as out:
            status = subprocess.run(command, cwd=ROOT, env=ENVIRONMENT, stdout=out, stderr=subprocess.STDOUT).returncode
        took = round(time.monotonic() - started)
        text = log.read_text(errors="replace")
        runs = re.findall(r"stat::number_of_executed_units: (\d+)", text) or re.findall(r"^#(\d+)", text, re.MULTILINE)
        coverage = re.findall(r"cov: (\d+) ft: (\d+) corp: (\d+)", text)
        new = sorted(set(artifacts.iterdir()) - before)
        result = "ok" if status == 0 and not new else "FAILED: " + " ".join(str(p.relative_to(ROOT)) for p in new)
        if result != "ok":
            failed.append(name)
            failures = [line for line in text.splitlines() if "FUZZ FAILURE" in line or "ERROR:" in line or "SUMMARY" in line]
            print("\n".join(failures[:5]))
        line = (f"{datetime.datetime.now().isoformat(timespec='seconds')}\t{name}\t{runs[-1] if runs else '?'} runs\t"
                f"{took} s\tcov {coverage[-1][0] if coverage else '?'}\t{result}")
        summary.append(line)
        with open(SCRATCH / "results.tsv", "a") as results:
            results.write(line + "\n")
    print("\n" + "\n".join(summary))
    if failed:
        print(f"\nmake fuzz: {', '.join(failed)} failed; the inputs are named above. Reproduce with "
              f"SWIFT_BACKTRACE=enable=no .build-fuzz/release/fuzz-<harness> <input>")
        sys.exit(1)


def merge(names):
    """The corpus each harness has grown, minimised with the committed one into Tests/Fuzz/Corpus."""
    build(names)
    for name in names:
        target = ROOT / "Tests/Fuzz/Corpus" / name
        fresh = SCRATCH / "merged" / name
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        target.mkdir(parents=True, exist_ok=True)
        sources = [target, SCRATCH / "corpus" / name]
        # Edge coverage without hit counts: the fewest inputs that reach every edge reached.
        command = [str(binary(name)), "-merge=1", "-set_cover_merge=1", "-use_counters=0", "-timeout=10",
                   str(fresh)] + [str(s) for s in sources if s.exists()]
        subprocess.run(command, cwd=ROOT, env=ENVIRONMENT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(target)
        shutil.copytree(fresh, target)
        print(f"Tests/Fuzz/Corpus/{name}: {len(list(target.iterdir()))} inputs")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["run", "merge"])
    parser.add_argument("--time", type=int, default=300, help="seconds per harness (run)")
    parser.add_argument("harnesses", nargs="*", metavar="HARNESS", help=", ".join(HARNESSES) + " (default: all)")
    arguments = parser.parse_intermixed_args()
    names = arguments.harnesses or HARNESSES
    if unknown := [name for name in names if name not in HARNESSES]:
        parser.error(f"no harness {', '.join(unknown)}; there are {', '.join(HARNESSES)}")
    if arguments.command == "run":
        run(names, arguments.time)
    else:
        merge(names)


if __name__ == "__main__":
    main()
