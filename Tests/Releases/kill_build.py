#!/usr/bin/env python3
"""`kill -9` of `moteplass build` mid-write leaves the output folder's visible files as they were.

    Tests/Releases/kill_build.py <moteplass binary>

Generates a synthetic corpus (Benchmarks/make-corpus.py, 300 recommendations) and builds it
once as release A. Then, again and again, starts a build of release B and kills it with SIGKILL
after a delay spread over the time a full build takes, and checks every time that the visible
files (not the hidden `.moteplass-*` temporaries) are exactly as before — or, if the build got
to the end first, exactly as a finished build of B leaves them. A last build must succeed and
remove every leftover.
"""
import hashlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def visible(folder):
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0].startswith(".") or not path.is_file():
            continue
        files[str(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def build(binary, content, output):
    """A build started; its standard error goes to a file (`errors(process)`), not a pipe: a build
    that prints more warnings than a pipe holds (64 kB) would otherwise wait for a reader that
    only reads once it has ended."""
    log = tempfile.TemporaryFile()
    process = subprocess.Popen([binary, "build", "--content", str(content), "--templates", str(ROOT / "Templates"),
                                "--output", str(output)], stdout=subprocess.DEVNULL, stderr=log)
    process.log = log
    return process


def errors(process):
    process.log.seek(0)
    return process.log.read().decode(errors="replace")


def set_release(content, name, date):
    site = content / "site.yml"
    text = re.sub(r"^release: .*$", f'release: "{name}"', site.read_text(), flags=re.M)
    site.write_text(re.sub(r"^release_date: .*$", f"release_date: {date}", text, flags=re.M))


def main(binary):
    failures = []
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        content, output = work / "content", work / "public"
        subprocess.run([sys.executable, str(ROOT / "Benchmarks/make-corpus.py"), str(content), "--recommendations", "300"],
                       check=True, stdout=subprocess.DEVNULL)
        set_release(content, "A", "2020-01-01")
        process = build(binary, content, output)
        if process.wait() != 0:
            sys.exit(f"kill_build.py: the first build failed: {errors(process)}")
        before = visible(output)

        # How long a build of B takes, measured in a copy of the output folder.
        set_release(content, "B", "2020-02-01")
        probe = work / "probe"
        subprocess.run(["cp", "-a", str(output), str(probe)], check=True)
        start = time.monotonic()
        process = build(binary, content, probe)
        if process.wait() != 0:
            sys.exit(f"kill_build.py: the build of B failed: {errors(process)}")
        duration = time.monotonic() - start
        after = visible(probe)

        kills = 8
        unchanged = 0
        for attempt in range(kills):
            process = build(binary, content, output)
            time.sleep(duration * (attempt + 0.5) / kills)
            process.send_signal(signal.SIGKILL)
            process.wait()
            state = visible(output)
            if state == before:
                unchanged += 1
            elif state != after:
                changed = sorted(set(state.items()) ^ set(before.items()))[:5]
                failures.append(f"kill after {duration * (attempt + 0.5) / kills:.2f} s left a half-written folder: {changed}")
                break
            else:
                before = state  # the build finished before the kill; later kills compare with B
        process = build(binary, content, output)
        if process.wait() != 0:
            failures.append(f"the build after the kills failed: {errors(process)}")
        final = visible(output)
        if final != after:
            differing = sorted(set(final) ^ set(after)) + sorted(k for k in set(final) & set(after) if final[k] != after[k])
            failures.append(f"the build after the kills did not give the same folder as an undisturbed build: {differing[:5]}")
        leftovers = [name for name in os.listdir(output) if name.startswith(".")]
        if leftovers:
            failures.append(f"leftovers after the next build: {leftovers}")
        if unchanged == 0:
            failures.append(f"no kill landed before the build finished (a build takes {duration:.2f} s): the test proved nothing")

    if failures:
        print("Tests/Releases/kill_build.py: FAIL", *failures, sep="\n- ", file=sys.stderr)
        sys.exit(1)
    print(f"Tests/Releases/kill_build.py: ok ({kills} builds killed with SIGKILL over {duration:.2f} s, "
          f"{unchanged} mid-write: folder unchanged each time; the next build cleaned up)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
