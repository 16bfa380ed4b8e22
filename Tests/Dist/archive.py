#!/usr/bin/env python3
"""The release archive of `make dist`, unpacked and run as a user would run it.

    Tests/Dist/archive.py <archive.tar.gz> [--reference <moteplass binary>]

Checks the archive against its `.sha256` file (`sha256sum -c`) and its layout (one folder named
after the archive, holding bin/moteplass, README.txt and lisenser/); checks with `readelf` and
`ldd` that the binary needs no library but glibc's and libgcc_s (no Swift runtime library, no
libcurl); then unpacks it into an empty folder and runs the binary with `env -i`
(PATH=/usr/bin:/bin only, an empty HOME) through `--version`, `init` of a new repository and
`validate` and `build` of it, and `validate` and `build` of a copy of Tests/Fixtures/clean — with no Templates/ anywhere: the theme is the one built in. With
--reference, the site it builds of the fixture must be byte-identical to the one the reference
binary (the tested debug build) builds.
"""
import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Libraries that would mean the Swift runtime is not linked in.
SWIFT_RUNTIME = re.compile(r"libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|libicu")
# What the binary may name itself (its NEEDED entries): glibc and GCC's libgcc_s (which glibc
# depends on). Not libcurl: no module of the tool imports Foundation's networking.
ALLOWED = re.compile(r"^(ld-linux[-.\w]*|libc|libm|libdl|libpthread|librt|libgcc_s)\.so(\.[\d.]+)?$")


def tree(folder):
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("archive", type=Path)
    parser.add_argument("--reference", type=Path)
    arguments = parser.parse_args()
    archive = arguments.archive.resolve()
    failures = []

    match = re.fullmatch(r"(moteplass-([\w.+-]+)-linux-(\w+))\.tar\.gz", archive.name)
    if not match:
        sys.exit(f"{archive.name}: not named moteplass-<version>-linux-<arch>.tar.gz")
    name, version = match.group(1), match.group(2)
    checked = subprocess.run(["sha256sum", "-c", archive.name + ".sha256"], cwd=archive.parent,
                             capture_output=True, text=True)
    if checked.returncode != 0:
        failures.append(f"sha256sum -c: {checked.stdout}{checked.stderr}")

    with tarfile.open(archive) as tar:
        members = tar.getmembers()
    tops = {member.name.split("/")[0] for member in members}
    if tops != {name}:
        failures.append(f"the archive should hold one folder {name}/, holds {sorted(tops)}")
    names = {member.name for member in members}
    for expected in [f"{name}/bin/moteplass", f"{name}/README.txt", f"{name}/lisenser/swift.txt"]:
        if expected not in names:
            failures.append(f"{expected} is missing from the archive")
    for member in members:
        if (member.uid, member.gid) != (0, 0):
            failures.append(f"{member.name}: owner {member.uid}:{member.gid}, not 0:0")

    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        unpacked, home, site = work / "unpacked", work / "home", work / "site"
        for folder in [unpacked, home]:
            folder.mkdir()
        subprocess.run(["tar", "-xzf", str(archive), "-C", str(unpacked)], check=True)
        binary = unpacked / name / "bin" / "moteplass"

        dynamic = subprocess.run(["readelf", "-d", str(binary)], capture_output=True, text=True, check=True).stdout
        direct = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)
        print("NEEDED:", ", ".join(direct))
        for library in direct:
            if not ALLOWED.match(library):
                failures.append(f"the binary needs {library}, which is not glibc's or libgcc_s")
        # Every library loaded, the ones those need too: the kernel's vDSO, glibc's and libgcc_s only.
        loaded = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True).stdout
        for line in loaded.splitlines():
            if SWIFT_RUNTIME.search(line):
                failures.append(f"ldd: the binary needs a Swift runtime library: {line.strip()}")
            elif not line.strip().startswith("linux-vdso.so") and not ALLOWED.match(Path(line.split()[0]).name):
                failures.append(f"ldd: the binary loads {line.strip()}, which is not glibc's or libgcc_s")
        if "not found" in loaded:
            failures.append(f"ldd: a library is not found:\n{loaded}")

        shutil.copytree(ROOT / "Tests" / "Fixtures" / "clean", site)
        environment = {"PATH": "/usr/bin:/bin", "HOME": str(home)}

        def run(*command):
            result = subprocess.run(["env", "-i", *(f"{key}={value}" for key, value in environment.items()),
                                     str(binary), *command], cwd=work, capture_output=True, text=True, timeout=300)
            print(f"moteplass {' '.join(command)}: exit {result.returncode}")
            if result.returncode != 0:
                failures.append(f"moteplass {' '.join(command)} exited with {result.returncode}:\n"
                                f"{result.stdout}{result.stderr}")
            return result

        version_output = run("--version").stdout
        if version_output != f"moteplass {version}\n":
            failures.append(f"--version printed {version_output!r}, not 'moteplass {version}'")
        # The runs of a new user, in order.
        for command in [
            ("init", "ny"),
            ("validate", "--content", "ny/Content"),
            ("build", "--content", "ny/Content", "--output", "ny/public"),
            ("validate", "--content", "site"),
            ("build", "--content", "site", "--output", "public"),
        ]:
            run(*command)
        if not (work / "ny/public/latest/index.html").is_file():
            failures.append("init's repository built no ny/public/latest/index.html")

        built = tree(work / "public")
        for expected in ["latest/index.html", "versions.json"]:
            if expected not in built:
                failures.append(f"build wrote no {expected}")
        if any(home.iterdir()):
            failures.append(f"the tool wrote into HOME: {sorted(p.name for p in home.iterdir())}")

        if arguments.reference:
            reference = work / "reference"
            subprocess.run([str(arguments.reference.resolve()), "build", "--content", str(site), "--output", str(reference)],
                           check=True, capture_output=True)
            expected = tree(reference)
            differing = sorted(path for path in expected.keys() | built.keys() if expected.get(path) != built.get(path))
            if differing:
                failures.append(f"{len(differing)} files differ from the reference build, e.g. {differing[:5]}")
            else:
                print(f"{len(built)} files, byte-identical to the reference build")

    for failure in failures:
        print("FAIL:", failure)
    print(f"{archive.name}: {'FAILED' if failures else 'ok'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
