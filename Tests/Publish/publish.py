#!/usr/bin/env python3
"""`moteplass publish` from CI, end to end, against a bare git repository standing in for GitHub.

    Tests/Publish/publish.py <moteplass binary>

A content repository is made and pushed to the bare repository; every publish runs in a fresh
clone of it, as a CI run would (an empty HOME: no git identity, no global configuration).
- Two runs, the release changed in site.yml between them: the branch then holds both releases,
  the first byte for byte as the first run left it, `latest/` the second, `versions.json` both,
  `.nojekyll`; the branch is exactly what `moteplass build` writes; each commit names its release
  and content commit, the second on top of the first; a CNAME committed to the branch between
  them (as GitHub does for a custom domain) is kept. Publishing again changes nothing.
- `build` into a folder holding only the branch's `versions.json` stops with status 2 naming
  the missing release folders, and writes nothing.
- A publish killed with SIGKILL (its whole process group, as a cancelled CI job is) while it
  fetches, while it builds, after the build, before the push, and while the remote runs its
  pre-receive hook leaves the branch at the same commit; killed after the remote took the push, the
  release is there whole. Each time the next publish in the same clone succeeds.
- Content errors (a published id dropped, found against the branch's releases) stop a publish
  with status 1, and a push the remote refuses with status 2 naming the command; the branch
  stays as it was.
- Two publishes racing, the first held until the second has pushed: in the remote's pre-receive
  hook, and just before its push. The first is refused, fetches again and builds on top; both
  releases end on the branch.

Every wait is for a condition (a file appearing), never for a time.
"""
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GIT = shutil.which("git")
BRANCH = "refs/heads/gh-pages"


def make_content(binary, repository):
    """A new content repository (`moteplass init`): its `Content/`, workflows and README, and no
    `Templates/`, so every build uses the theme built into the tool."""
    run([binary, "init", repository])


class Failures(list):
    def check(self, condition, message):
        if not condition:
            self.append(message)
        return condition


def run(command, cwd=None, env=None, check=True):
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f"Tests/Publish/publish.py: {' '.join(map(str, command))} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result


class Road:
    """The bare remote, the content repository's history, and fresh clones of it."""

    def __init__(self, work, binary):
        self.work, self.binary = work, Path(binary).resolve()
        home = work / "home"
        home.mkdir()
        shim = work / "shim"
        shim.mkdir()
        # A `git` before the real one on PATH that, when the publish runs the subcommand named in
        # MOTEPLASS_TEST_HOLD, creates the file MOTEPLASS_TEST_HELD and waits while the file
        # MOTEPLASS_TEST_HELD.gate exists (or until it is killed).
        (shim / "git").write_text(f"""#!/bin/sh
skip=
for argument in "$@"; do
  if [ -n "$skip" ]; then skip=; continue; fi
  case "$argument" in
    -c|-C) skip=1 ;;
    -*) ;;
    *) if [ "$argument" = "$MOTEPLASS_TEST_HOLD" ]; then
         : > "$MOTEPLASS_TEST_HELD"
         while [ -e "$MOTEPLASS_TEST_HELD.gate" ]; do sleep 0.02; done
       fi
       break ;;
  esac
done
exec {GIT} "$@"
""")
        (shim / "git").chmod(0o755)
        self.env = {"PATH": f"{shim}:{os.environ['PATH']}", "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "LANG": "C.UTF-8"}
        self.remote = work / "remote.git"
        run([GIT, "init", "--quiet", "--bare", "-b", "main", self.remote], env=self.env)
        # The pre-receive hook holds a push while `hold-receive` exists, once (the first push
        # that claims `claimed`), after saying so in `receiving`.
        hook = self.remote / "hooks/pre-receive"
        hook.write_text(f"""#!/bin/sh
cat >/dev/null
if [ -e "{self.remote}/deny" ]; then echo "avvist av testen" >&2; exit 1; fi
if [ -e "{self.remote}/hold-receive" ] && mkdir "{self.remote}/claimed" 2>/dev/null; then
  : > "{self.remote}/receiving"
  while [ -e "{self.remote}/hold-receive" ]; do sleep 0.02; done
fi
""")
        hook.chmod(0o755)
        # After the remote has taken a push: held while `hold-received` exists.
        hook = self.remote / "hooks/post-receive"
        hook.write_text(f"""#!/bin/sh
cat >/dev/null
if [ -e "{self.remote}/hold-received" ]; then : > "{self.remote}/received"; exec sleep 3600; fi
""")
        hook.chmod(0o755)
        self.source = work / "source"
        make_content(self.binary, self.source)
        self.git(self.source, "init", "--quiet", "-b", "main")
        self.git(self.source, "remote", "add", "origin", self.remote)
        self.clones = 0

    def git(self, folder, *arguments, check=True):
        return run([GIT, "-c", "user.name=Redaktør", "-c", "user.email=redaktor@example.org", *arguments], cwd=folder, env=self.env,
                   check=check).stdout.strip()

    def commit_release(self, name, date):
        """Sets the release in site.yml, commits and pushes it to main; returns the commit."""
        site = self.source / "Content/site.yml"
        text = re.sub(r"^release: .*$", f'release: "{name}"', site.read_text(), flags=re.M)
        site.write_text(re.sub(r"^release_date: .*$", f"release_date: {date}", text, flags=re.M))
        self.git(self.source, "add", "--all")
        self.git(self.source, "commit", "--quiet", "-m", f"Utgave {name}")
        self.git(self.source, "push", "--quiet", "origin", "main")
        return self.git(self.source, "rev-parse", "HEAD")

    def clone(self):
        """A fresh clone of the content repository, as a CI run checks it out."""
        self.clones += 1
        folder = self.work / f"ci-{self.clones}"
        self.git(self.work, "clone", "--quiet", self.remote, folder)
        return folder

    def start(self, clone, hold=None):
        env = dict(self.env)
        if hold:
            env["MOTEPLASS_TEST_HOLD"], env["MOTEPLASS_TEST_HELD"] = hold, str(clone / "held")
            (clone / "held.gate").touch()
        return subprocess.Popen([self.binary, "publish", "--content", "Content"], cwd=clone,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)

    def publish(self, clone):
        process = self.start(clone)
        out, err = process.communicate()
        return process.returncode, out + err

    def head(self):
        result = run([GIT, "--git-dir", self.remote, "rev-parse", "--verify", "--quiet", BRANCH], env=self.env, check=False)
        return result.stdout.strip() or None

    def tree(self, commit=None):
        """path -> blob id (equal ids: equal bytes) of the branch's files."""
        listing = run([GIT, "--git-dir", self.remote, "ls-tree", "-r", "-z", commit or BRANCH], env=self.env).stdout
        files = {}
        for entry in filter(None, listing.split("\0")):
            meta, path = entry.split("\t", 1)
            files[path] = meta.split()[2]
        return files

    def show(self, path, commit=BRANCH):
        return run([GIT, "--git-dir", self.remote, "show", f"{commit}:{path}"], env=self.env).stdout


def blobs(folder):
    """path -> git blob id of every file under `folder`, as `tree` gives them."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            files[str(path.relative_to(folder))] = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
    return files


def under(files, prefix):
    return {path[len(prefix):]: blob for path, blob in files.items() if path.startswith(prefix)}


def wait_for(process, condition, what):
    """Waits until `condition()` holds; fails if the process ends first."""
    while not condition():
        if process.poll() is not None:
            out, err = process.communicate()
            sys.exit(f"Tests/Publish/publish.py: the publish ended ({process.returncode}) before {what}:\n{out}{err}")
        time.sleep(0.005)


def session(leader):
    """The live processes (not zombies) in the session that `leader` started: pid -> command."""
    found = {}
    for entry in os.listdir("/proc"):
        try:
            stat = (Path("/proc") / entry / "stat").read_text()
        except (OSError, ValueError):
            continue  # not a process, or one that ended while we looked
        command, fields = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
        if fields[0] != "Z" and int(fields[3]) == leader:
            found[int(entry)] = command
    return found


def kill(process, failures):
    """SIGKILL to the publish's process group, as a cancelled CI job gets: everything the publish
    started (git, the remote's hooks) must be in it and end with it, or it would go on alone."""
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    deadline = time.monotonic() + 30
    while (left := session(process.pid)) and time.monotonic() < deadline:
        time.sleep(0.01)
    if not failures.check(not left, f"processes of the killed publish lived on outside its process group: {sorted(left.values())}"):
        for pid in left:
            os.kill(pid, signal.SIGKILL)


def versions(road):
    return [entry["version"] for entry in json.loads(road.show("versions.json"))]


def two_runs(road, failures):
    """Two CI runs from fresh clones, the release changed between them."""
    first_content = road.commit_release("1.0", "2020-05-04")
    code, said = road.publish(road.clone())
    if not failures.check(code == 0, f"the first publish failed ({code}): {said}"):
        return None
    first, first_tree = road.head(), road.tree()
    failures.check(run([GIT, "--git-dir", road.remote, "rev-list", "--count", BRANCH], env=road.env).stdout.strip() == "1",
                   "the first publish made more than one commit")
    message = run([GIT, "--git-dir", road.remote, "log", "-1", "--format=%B", first], env=road.env).stdout
    failures.check("1.0" in message and first_content in message, f"the first commit's message names neither release nor content commit: {message!r}")
    failures.check(".nojekyll" in first_tree, "the branch has no .nojekyll")

    # The branch is what `moteplass build` writes, plus .nojekyll.
    built = road.work / "built"
    run([road.binary, "build", "--content", road.source / "Content", "--output", built], env=road.env)
    failures.check({k: v for k, v in first_tree.items() if k != ".nojekyll"} == blobs(built),
                   "the first publish's branch differs from what `moteplass build` writes")

    # GitHub commits a CNAME to the branch when a custom domain is set; publishing keeps it.
    pages = road.work / "pages"
    road.git(road.work, "clone", "--quiet", "--branch", "gh-pages", road.remote, pages)
    (pages / "CNAME").write_text("moteplass.example.org\n")
    road.git(pages, "add", "CNAME")
    road.git(pages, "commit", "--quiet", "-m", "Create CNAME")
    road.git(pages, "push", "--quiet", "origin", "gh-pages")
    first, first_tree = road.head(), road.tree()

    second_content = road.commit_release("1.1", "2020-06-01")
    clone = road.clone()
    code, said = road.publish(clone)
    if not failures.check(code == 0, f"the second publish failed ({code}): {said}"):
        return None
    tree = road.tree()
    failures.check(under(tree, "v/1.0/") == under(first_tree, "v/1.0/"), "v/1.0/ changed in the second publish")
    failures.check(under(tree, "v/1.1/") and under(tree, "latest/") == under(tree, "v/1.1/"), "latest/ is not the second release")
    failures.check(versions(road) == ["1.1", "1.0"], f"versions.json lists {versions(road)}, not 1.1 and 1.0")
    failures.check(tree.get("CNAME") == first_tree["CNAME"], "the second publish dropped the CNAME")
    parent = run([GIT, "--git-dir", road.remote, "rev-parse", f"{BRANCH}^"], env=road.env).stdout.strip()
    failures.check(parent == first, "the second publish's commit is not on top of the first")
    message = run([GIT, "--git-dir", road.remote, "log", "-1", "--format=%B", BRANCH], env=road.env).stdout
    failures.check("1.1" in message and second_content in message, f"the second commit's message: {message!r}")
    failures.check(blobs(clone / "public") == tree, "the output folder does not hold the published site")
    failures.check(road.git(clone, "status", "--porcelain", "--", "Content") == "", "publishing changed the checkout")

    # Publishing the same again changes nothing.
    head = road.head()
    code, said = road.publish(road.clone())
    failures.check(code == 0 and road.head() == head, f"publishing 1.1 again moved the branch ({code}): {said}")

    # The mistake the guard in build is for: an output folder with versions.json but no releases.
    lonely = road.work / "lonely"
    lonely.mkdir()
    (lonely / "versions.json").write_text(road.show("versions.json"))
    result = run([road.binary, "build", "--content", road.source / "Content", "--output", lonely],
                 env=road.env, check=False)
    failures.check(result.returncode == 2 and "v/1.0/" in result.stderr and "v/1.1/" in result.stderr,
                   f"build beside a versions.json without its releases: status {result.returncode}: {result.stderr}")
    failures.check(sorted(os.listdir(lonely)) == ["versions.json"], f"that build wrote {sorted(os.listdir(lonely))}")
    return tree


def staging(clone):
    output = clone / "public"
    return lambda: output.is_dir() and any(name.startswith(".moteplass-release-") for name in os.listdir(output))


def killed(road, failures, tree):
    """A publish killed at each point leaves the branch as it was; the next one succeeds."""
    releases = ["1.1"]
    points = [
        ("while fetching", "fetch", None),
        ("while building", None, staging),
        ("after building", "add", None),
        ("before pushing", "push", None),
        ("in the remote's pre-receive hook", None, lambda clone: (road.remote / "receiving").exists),
    ]
    for number, (point, hold, condition) in enumerate(points, start=2):
        release = f"1.{number}"
        road.commit_release(release, f"2020-{6 + number:02}-01")
        clone = road.clone()
        before = road.head()
        if point.startswith("in the remote"):
            (road.remote / "hold-receive").touch()
        process = road.start(clone, hold=hold)
        wait_for(process, (lambda: (clone / "held").exists()) if hold else condition(clone), point)
        kill(process, failures)
        for name in ["hold-receive", "receiving", "claimed"]:
            path = road.remote / name
            shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
        failures.check(road.head() == before, f"a publish killed {point} moved the branch")
        fsck = run([GIT, "--git-dir", road.remote, "fsck", "--no-progress"], env=road.env, check=False)
        failures.check(fsck.returncode == 0, f"the remote is not sound after a publish killed {point}: {fsck.stdout}{fsck.stderr}")
        code, said = road.publish(clone)
        releases.insert(0, release)
        if failures.check(code == 0, f"the publish after one killed {point} failed ({code}): {said}"):
            failures.check(versions(road)[:len(releases)] == releases, f"after the kill {point}: versions.json lists {versions(road)}")
            failures.check(under(road.tree(), "v/1.0/") == under(tree, "v/1.0/"), f"v/1.0/ changed after the kill {point}")

    # Killed after the remote took the push: the release is there whole, and publishing it again
    # is a no-op.
    road.commit_release("1.9", "2021-01-01")
    clone = road.clone()
    (road.remote / "hold-received").touch()
    process = road.start(clone)
    wait_for(process, (road.remote / "received").exists, "the remote took the push")
    kill(process, failures)
    (road.remote / "hold-received").unlink()
    (road.remote / "received").unlink()
    failures.check(versions(road)[0] == "1.9" and under(road.tree(), "latest/") == under(road.tree(), "v/1.9/"),
                   "a publish killed after the remote took the push left a partial release")
    head = road.head()
    code, said = road.publish(clone)
    failures.check(code == 0 and road.head() == head, f"publishing 1.9 again after that moved the branch or failed ({code}): {said}")
    return len(points) + 1


def refused(road, failures):
    """Content errors (found against the releases on the branch) and a push the remote refuses
    stop the publish with status 1 and 2, the branch as it was."""
    clone = road.clone()
    before = road.head()
    # A recommendation the branch's newest release has, its file removed; content without one
    # gets a release date that is no date.
    manifest = json.loads(road.show(f"v/{versions(road)[0]}/manifest.json"))
    published = [r["url"].strip("/").split("/")[1:] for r in manifest["recommendations"]]
    if published:
        (clone / "Content/recommendations" / published[0][0] / f"{published[0][1]}.md").unlink()
    else:
        site = clone / "Content/site.yml"
        site.write_text(re.sub(r"^release_date: .*$", "release_date: 2021-13-45", site.read_text(), flags=re.M))
    code, said = road.publish(clone)
    failures.check(code == 1 and ("error[id-removed]" in said or not published) and "Ingenting ble publisert" in said,
                   f"a publish with content errors: status {code}: {said}")
    failures.check(road.head() == before, "a publish with content errors moved the branch")
    road.git(clone, "checkout", "--", "Content")
    road.commit_release("1.10", "2021-01-15")
    clone = road.clone()
    (road.remote / "deny").touch()
    code, said = road.publish(clone)
    (road.remote / "deny").unlink()
    failures.check(code == 2 and "`git push --quiet origin " in said and "avvist av testen" in said and "prøver igjen" not in said,
                   f"a push the remote refuses: status {code}: {said}")
    failures.check(road.head() == before, "a refused push moved the branch")


def race(road, failures, at, older, newer, month):
    """Two publishes at once: the first held `at` the remote (in its pre-receive hook, where the
    remote refuses to move the branch from a commit it has left) or just before its push (where
    the remote refuses a push that is not a fast-forward) until the second has pushed."""
    road.commit_release(older, f"2021-{month:02}-01")
    first = road.clone()
    road.commit_release(newer, f"2021-{month + 1:02}-01")
    second = road.clone()
    before = road.tree()
    if at == "pre-receive":
        (road.remote / "hold-receive").touch()
        held = road.start(first)
        wait_for(held, (road.remote / "receiving").exists, "its push reached the remote")
    else:
        held = road.start(first, hold="push")
        wait_for(held, (first / "held").exists, "it was about to push")
    code, said = road.publish(second)
    failures.check(code == 0, f"the second of two racing publishes ({at}) failed ({code}): {said}")
    (road.remote / "hold-receive").unlink(missing_ok=True)
    (first / "held.gate").unlink(missing_ok=True)
    out, err = held.communicate()
    failures.check(held.returncode == 0, f"the first of two racing publishes ({at}) failed ({held.returncode}): {out}{err}")
    failures.check("prøver igjen" in out, f"the first of two racing publishes ({at}) did not say it tried again: {out}")
    listed = versions(road)
    failures.check(listed[:2] == [newer, older], f"after the race ({at}) versions.json lists {listed}")
    tree = road.tree()
    for release in listed[2:]:
        failures.check(under(tree, f"v/{release}/") == under(before, f"v/{release}/"), f"v/{release}/ changed in the race ({at})")
    failures.check(under(tree, "latest/") == under(tree, f"v/{newer}/"), f"after the race ({at}) latest/ is not {newer}")


def main(binary):
    failures = Failures()
    with tempfile.TemporaryDirectory() as temporary:
        road = Road(Path(temporary), binary)
        tree = two_runs(road, failures)
        kills = killed(road, failures, tree) if tree else 0
        if tree:
            refused(road, failures)
            race(road, failures, "pre-receive", "2.0", "2.1", 2)
            race(road, failures, "push", "2.2", "2.3", 4)
    if failures:
        print("Tests/Publish/publish.py: FAIL", *failures, sep="\n- ", file=sys.stderr)
        sys.exit(1)
    print(f"Tests/Publish/publish.py: ok (two CI runs keep both releases; {kills} publishes killed with SIGKILL left the branch "
          "as it was or whole, and the next publish succeeded; two races, both releases landed each time)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
