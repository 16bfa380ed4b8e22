#!/usr/bin/env python3
"""`moteplass init` from the outside: a new content repository, validated and built with no
Templates/ anywhere, its pages checked, and its two GitHub workflows read and run.

Usage: python3 Tests/Init/check.py .build/debug/moteplass

- `init` refuses a folder that is not empty (status 2, a Norwegian message, nothing written)
  and writes the expected files into a new one;
- `validate` reports exactly the placeholders of site.yml (`site-placeholder`, warnings) and the
  checklist's missing consultation details (`hearing-missing`), so it passes, and fails with
  `--strict`;
- `build` works at once, without the example draft, and with it under `--drafts`; every page of
  both builds passes the Nu HTML Checker and the headings, ids and links checks of the property
  test (Tests/Property/check.py's `nu_checker` and `check_pages`);
- the workflows (parsed with PyYAML): the pull-request one downloads the archive from
  `$MOTEPLASS_DOWNLOAD`, checks it with `sha256sum -c` and runs `moteplass validate --strict`;
  the publishing one (a push to main that changes site.yml) runs `moteplass publish` as the README documents. Their
  download step is run for real, against a local archive (curl reads `file://`), once as it is
  (the tool ends up on `GITHUB_PATH`) and once with a tampered archive (the step fails).
"""

import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("property_check", HERE.parent / "Property" / "check.py")
property_check = importlib.util.module_from_spec(_spec)
sys.path.insert(0, str(HERE.parent / "Property"))
_spec.loader.exec_module(property_check)

EXPECTED_FILES = [
    ".github/workflows/publish.yml",
    ".github/workflows/validate.yml",
    ".gitignore",
    "Content/checklists/omfordeling-av-oppgaver.md",
    "Content/index.md",
    "Content/parties.yml",
    "Content/recommendations/eksempel/_set.md",
    "Content/recommendations/eksempel/eksempel-pa-anbefaling.md",
    "Content/site.yml",
    "README.md",
]
CONTRACT_PARTIES = {
    "pasient", "parorende", "fastlege", "sykehus", "legevakt", "kad", "helsehus", "sykehjem", "hjemmetjenesten",
    "bydel", "pko", "amk", "helsestasjon", "moteplass-arbeidsforum", "nfa-faggruppe-samhandling",
}

failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)


def run(command, cwd, env=None):
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)


def files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in Path(folder).rglob("*") if p.is_file())


def check_refusal(moteplass, work):
    taken = work / "finnes"
    taken.mkdir()
    (taken / "notat.md").write_text("mitt\n", encoding="utf-8")
    result = run([moteplass, "init", "finnes"], work)
    expect(result.returncode == 2, f"init into a non-empty folder: status {result.returncode}, expected 2")
    expect(
        result.stderr == "feil: finnes: mappen finnes og er ikke tom (`notat.md`); velg en ny eller tom mappe, så blir ingenting overskrevet\n",
        f"init into a non-empty folder said {result.stderr!r}")
    expect(files_under(taken) == ["notat.md"], f"init into a non-empty folder wrote {files_under(taken)}")
    expect(sorted(p.name for p in work.iterdir()) == ["finnes"], f"init left {sorted(p.name for p in work.iterdir())}")


def check_site(moteplass, work):
    result = run([moteplass, "init", "ny", "--date", "2026-01-15"], work)
    expect(result.returncode == 0, f"init: status {result.returncode}: {result.stderr}")
    site = work / "ny"
    expect(files_under(site) == EXPECTED_FILES, f"init wrote {files_under(site)}")
    for path in files_under(site):
        text = (site / path).read_text(encoding="utf-8")
        expect("{{release_date}}" not in text and "{{moteplass_version}}" not in text, f"{path} keeps a template field")
    parties = yaml.safe_load((site / "Content/parties.yml").read_text(encoding="utf-8"))
    expect(CONTRACT_PARTIES <= {p["id"] for p in parties}, "parties.yml lacks contract ids")
    # The starter's checklist asks the questions of the project's own (the source material's).
    def questions(path):
        return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])["questions"]
    expect(questions(site / "Content/checklists/omfordeling-av-oppgaver.md")
           == questions(HERE.parent.parent / "Content/checklists/omfordeling-av-oppgaver.md"),
           "the starter's checklist differs from Content/checklists/omfordeling-av-oppgaver.md")

    result = run([moteplass, "validate", "--content", "ny/Content", "--format", "json"], work)
    expect(result.returncode == 0, f"validate: status {result.returncode}")
    report = json.loads(result.stdout)
    found = [(d["file"], d["line"], d["severity"], d["rule"]) for d in report["diagnostics"]]
    # The checklist is on consultation (`høring`) with no deadline in the source material: the
    # new site says when it closes and where to answer (`hearing:`), or moves its status on.
    expected = [("ny/Content/checklists/omfordeling-av-oppgaver.md", 5, "warning", "hearing-missing")]
    expected += [("ny/Content/site.yml", line, "warning", "site-placeholder") for line in (4, 5, 6, 10)]
    expect(found == expected, f"validate found {found}, expected the placeholders and the checklist's hearing {expected}")
    strict = run([moteplass, "validate", "--content", "ny/Content", "--strict"], work)
    expect(strict.returncode == 1, f"validate --strict: status {strict.returncode}, expected 1")

    for output, drafts in (("public", []), ("public-drafts", ["--drafts"])):
        result = run([moteplass, "build", "--content", "ny/Content", "--output", output] + drafts, work)
        expect(result.returncode == 0, f"build {' '.join(drafts)}: status {result.returncode}: {result.stderr}")
        example = work / output / "v/0.1/anbefalinger/eksempel/eksempel-pa-anbefaling/index.html"
        expect(example.exists() == bool(drafts), f"{output}: the example draft {'missing' if drafts else 'published'}")
        expect((work / output / "v/0.1/sjekkliste/omfordeling-av-oppgaver/index.html").exists(), f"{output}: no checklist page")
        pages, problems = property_check.check_pages(work / output, "https://fyll-inn.invalid/")
        expect(pages > 10, f"{output}: only {pages} pages")
        problems += property_check.nu_checker(work / output)
        for page, message in problems:
            failures.append(f"{output}/{page}: {message}")
    return site


def step_running(steps, text):
    """The index of the first step whose `run` contains `text`."""
    return next((i for i, step in enumerate(steps) if text in step.get("run", "")), None)


def check_workflows(site):
    flows = {name: yaml.safe_load((site / f".github/workflows/{name}.yml").read_text(encoding="utf-8"))
             for name in ("validate", "publish")}
    for name, flow in flows.items():
        env = flow.get("env", {})
        version = env.get("MOTEPLASS_VERSION", "")
        expect(version and "{" not in version, f"{name}.yml: MOTEPLASS_VERSION is {version!r}")
        expect(env.get("MOTEPLASS_DOWNLOAD", "").startswith("https://"), f"{name}.yml: MOTEPLASS_DOWNLOAD is not a https address")
        jobs = list(flow["jobs"].values())
        expect(len(jobs) == 1, f"{name}.yml has {len(jobs)} jobs")
        steps = jobs[0]["steps"]
        expect(steps[0].get("uses", "").startswith("actions/checkout@"), f"{name}.yml does not check out first")
        download = step_running(steps, '"$MOTEPLASS_DOWNLOAD/$archive"')
        expect(download is not None, f"{name}.yml has no step downloading from $MOTEPLASS_DOWNLOAD")
        if download is not None:
            script = steps[download]["run"]
            expect('archive="moteplass-${MOTEPLASS_VERSION}-linux-$(uname -m).tar.gz"' in script, f"{name}.yml: archive name")
            expect('sha256sum -c "$archive.sha256"' in script, f"{name}.yml: no sha256sum -c")
            expect(script.index("sha256sum -c") < script.index("tar -xzf"), f"{name}.yml unpacks before checking")
        # The archive's binary needs only glibc, which the runners have: nothing to install.
        expect(step_running(steps, "apt-get") is None, f"{name}.yml installs packages the archive does not need")
        command = {"validate": "moteplass validate", "publish": "moteplass publish"}[name]
        used = step_running(steps, command)
        expect(used is not None and download is not None and used > download, f"{name}.yml: `{command}` not run after the download")
    # PyYAML reads the key `on` as True.
    triggers = {name: flow.get("on", flow.get(True)) for name, flow in flows.items()}
    expect("pull_request" in triggers["validate"], "validate.yml does not run on pull requests")
    expect(triggers["publish"].get("push", {}).get("branches") == ["main"], "publish.yml does not run on a push to main")
    expect(triggers["publish"]["push"].get("paths") == ["Content/site.yml"],
           "publish.yml runs on every push to main, not only when site.yml (the release) changes")
    expect(flows["publish"].get("permissions", {}).get("contents") == "write", "publish.yml cannot push (permissions)")
    validate_steps = list(flows["validate"]["jobs"].values())[0]["steps"]
    expect(validate_steps[step_running(validate_steps, "moteplass validate")]["run"].strip()
           == "moteplass validate --content Content --format github --strict", "validate.yml: the validate command")
    publish_steps = list(flows["publish"]["jobs"].values())[0]["steps"]
    expect(publish_steps[step_running(publish_steps, "moteplass publish")]["run"].strip().splitlines()[-1]
           == "moteplass publish --content Content --output public --branch gh-pages --remote origin",
           "publish.yml: the publish command")
    return flows["validate"]


def check_download_step(moteplass, work, flow):
    """Runs the workflow's download step against a local release folder, as the archive's
    interface describes it (a folder with bin/moteplass, and a sha256sum file beside)."""
    steps = list(flow["jobs"].values())[0]["steps"]
    script = steps[step_running(steps, '"$MOTEPLASS_DOWNLOAD/$archive"')]["run"]
    version = flow["env"]["MOTEPLASS_VERSION"]
    name = f"moteplass-{version}-linux-{platform.machine()}"
    releases = work / "releases"
    (releases / name / "bin").mkdir(parents=True)
    shutil.copy(moteplass, releases / name / "bin" / "moteplass")
    with tarfile.open(releases / f"{name}.tar.gz", "w:gz") as archive:
        archive.add(releases / name, arcname=name)
    digest = run(["sha256sum", f"{name}.tar.gz"], releases).stdout
    (releases / f"{name}.tar.gz.sha256").write_text(digest, encoding="utf-8")
    for tampered in (False, True):
        if tampered:
            with open(releases / f"{name}.tar.gz", "ab") as archive:
                archive.write(b"\0")
        runner = work / ("runner-tampered" if tampered else "runner")
        runner.mkdir()
        path_file = runner / "github_path"
        env = dict(os.environ, MOTEPLASS_VERSION=version, MOTEPLASS_DOWNLOAD=f"file://{releases}", GITHUB_PATH=str(path_file))
        result = subprocess.run(["bash", "-e", "-c", script], cwd=runner, capture_output=True, text=True, env=env)
        if tampered:
            expect(result.returncode != 0, "the download step accepted an archive whose SHA-256 does not match")
            expect(not (runner / name).exists(), "the download step unpacked a tampered archive")
            continue
        expect(result.returncode == 0, f"the download step failed: {result.stderr}")
        added = path_file.read_text(encoding="utf-8").strip() if path_file.exists() else ""
        expect(added == str(runner / name / "bin"), f"the download step put {added!r} on GITHUB_PATH")
        tool = Path(added) / "moteplass"
        expect(tool.exists() and run([str(tool), "--help"], runner).returncode == 0, "the downloaded moteplass does not run")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    moteplass = str(Path(sys.argv[1]).resolve())
    with tempfile.TemporaryDirectory(prefix="moteplass-init-") as folder:
        work = Path(folder)
        (work / "refusal").mkdir()
        check_refusal(moteplass, work / "refusal")
        (work / "site").mkdir()
        site = check_site(moteplass, work / "site")
        flow = check_workflows(site)
        check_download_step(moteplass, work, flow)
    for failure in failures:
        print(f"FAIL {failure}")
    if failures:
        sys.exit(1)
    print("init: refusal, validate (placeholders and the checklist's hearing only), build with and without drafts (Nu HTML Checker, headings, "
          "ids, links), both workflows and their download step: OK")


if __name__ == "__main__":
    main()
