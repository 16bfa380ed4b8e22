#!/usr/bin/env python3
"""The printed edition of built sites, printed to PDF by headless Chromium and read back.

    Tests/Browser/print.py <output folder>…

For each output folder (its `latest/`), prints the edition of the whole release (`utskrift/`) and
the edition of each set (`anbefalinger/<set>/utskrift/`), every part of each (`side/<n>/`), to PDF
with Chromium's own printing (DevTools `Page.printToPDF`, as Chromium prints a page for a reader
who chooses Skriv ut), reads each PDF with `pdftotext -layout` and checks:
- the recommendations printed are those in force, taken from `api/recommendations.json` (its
  `inForce`), not from the HTML: each with its id and title, in the site's order, numbered
  through the edition ("Anbefaling k av N");
- the first PDF page of the first part is the title page (the edition's name, the site's title,
  the release and its date), with nothing of a recommendation on it;
- each recommendation begins a new PDF page (pdftotext ends a page with a form feed), and no
  page holds the beginning of two;
- nothing of the site's header, menu, search, breadcrumbs, version switcher or footer is printed;
- an edition with nothing in force says so and prints no recommendation.
The PDFs are kept in `.build/print-pdf/<output folder's name>/` for a person to look at
(`pdftoppm -r 60 -png`).
"""
import base64
import html
import json
import re
import subprocess
import sys
from pathlib import Path

from browser import check, chrome, finish, serve

# What the site's chrome prints when it is not hidden: the skip link, the search button's label
# and the field's placeholder, the footer's lines and the version switcher.
CHROME_TEXTS = ["Hopp til hovedinnholdet", "Søk, f.eks.", "Nyhetsstrøm", "Tilgjengelighetserklæring",
                "Andre utgaver av denne siden", "Alle utgaver", "Skrevet ut fra"]
# The menu's first items on one line (pdftotext -layout keeps a line of links as one line), and
# the breadcrumbs' separator after "Forside".
MENU = re.compile(r"Forside\s+Anbefalinger\s+Hvem gjør hva")
CRUMBS = re.compile(r"Forside\s*›")
START = re.compile(r"Anbefaling (\d+) av (\d+)")


def normal(text):
    """Text with every run of white space one space: a title may wrap in the PDF."""
    return " ".join(text.split())


def norwegian_date(iso):
    months = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"]
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day}. {months[month - 1]} {year}"


def parts(latest, first):
    """The files of an edition's parts, in order: the first, then `side/2/` …"""
    later = sorted((int(p.name), f"{first}side/{p.name}/index.html") for p in (latest / first / "side").glob("*") if p.name.isdigit())
    return [f"{first}index.html"] + [page for _, page in later]


def print_pdf(driver, url, pdf):
    """The page at `url`, printed by Chromium to `pdf`; its text, page by page."""
    driver.get(url)
    # Printing waits for the page's load event, which `get` has waited for.
    printed = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})
    pdf.write_bytes(base64.b64decode(printed["data"]))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def check_edition(driver, site, latest, first, expected, name, pdfs, config):
    """Prints every part of one edition and checks its pages against `expected`."""
    total = len(expected)
    seen = []  # (number, page index in the whole edition, part) of each recommendation's start
    page_count = 0
    for index, page in enumerate(parts(latest, first)):
        pdf = pdfs / (first.strip("/").replace("/", "-") + f"-{index + 1}.pdf")
        pages = print_pdf(driver, site + page, pdf)
        check(pages, f"{name}: {page} prints no page")
        if not pages:
            continue
        for number, text in enumerate(pages):
            for needle in CHROME_TEXTS:
                check(needle not in text, f"{name}: {page}, PDF page {number + 1} prints the site's chrome: {needle!r}")
            check(not MENU.search(text), f"{name}: {page}, PDF page {number + 1} prints the menu")
            check(not CRUMBS.search(text), f"{name}: {page}, PDF page {number + 1} prints the breadcrumbs")
            starts = START.findall(text)
            check(len(starts) <= 1, f"{name}: {page}, PDF page {number + 1} holds the beginning of {len(starts)} recommendations")
            for match in START.finditer(text):
                k, of = match.groups()
                check(int(of) == total, f"{name}: {page} says «Anbefaling {k} av {of}», but {total} are in force")
                seen.append((int(k), page_count + number, page, normal(text), normal(text[:match.start()])))
        if index == 0:
            # Lower-cased: the labels of the facts are printed in capitals.
            title = normal(pages[0]).lower()
            for needle in [config["title"], config["heading"], "utskrift", "utgave", config["release"], norwegian_date(config["date"])]:
                check(normal(needle).lower() in title, f"{name}: the first PDF page is not the title page: {needle!r} is not on it")
            check(not START.search(pages[0]), f"{name}: a recommendation begins on the title page")
            if not expected:
                check("er gjeldende i denne utgaven" in title, f"{name}: an edition with nothing in force does not say so")
        page_count += len(pages)
    numbers = [k for k, *_ in seen]
    wrong = next((i for i, (k, want) in enumerate(zip(numbers + [None] * total, range(1, total + 1))) if k != want), None)
    check(numbers == list(range(1, total + 1)),
          f"{name}: the recommendations begin as …{numbers[max(0, (wrong or 0) - 2):(wrong or 0) + 3]}…, not 1–{total} in order")
    for (k, _, page, text, before), recommendation in zip(seen, expected):
        check(normal(recommendation["id"]) in text and normal(recommendation["title"]) in text,
              f"{name}: {page}: recommendation {k} should be {recommendation['id']} «{recommendation['title']}», "
              f"which is not on the PDF page where it begins")
        # Only the set's title (in the edition of the whole release) may come before it on its page.
        set_title = normal(recommendation["set"]["title"] or "")
        check(before in ("", set_title, set_title + " (fortsatt)"),
              f"{name}: {page}: recommendation {k} does not begin a new PDF page (after «{before[-60:]}»)")
    # The pages run in order: each recommendation on a later PDF page than the one before.
    places = [place for _, place, *_ in seen]
    check(places == sorted(set(places)), f"{name}: two recommendations begin on one PDF page, or out of order")
    return page_count


def main(outputs):
    summary = []
    driver = chrome(window="1280,1000")
    try:
        for output in outputs:
            latest = output / "latest"
            data = json.loads((latest / "api" / "recommendations.json").read_text(encoding="utf-8"))
            recommendations = data["recommendations"]
            check(all("inForce" in r for r in recommendations), f"{output}: api/recommendations.json has no inForce")
            in_force = [r for r in recommendations if r.get("inForce")]
            config = {"release": data["release"], "date": data["generated"]}
            front = (latest / "index.html").read_text(encoding="utf-8")
            config["title"] = html.unescape(re.search(r'<a class="site-title"[^>]*>(?:<img[^>]*>)?([^<]+)</a>', front).group(1))
            pdfs = Path(".build/print-pdf") / output.resolve().name
            pdfs.mkdir(parents=True, exist_ok=True)
            for old in pdfs.glob("*.pdf"):
                old.unlink()
            server = serve(output)
            site = f"http://127.0.0.1:{server.server_address[1]}/latest/"
            try:
                pages = check_edition(driver, site, latest, "utskrift/", in_force, f"{output} utskrift/", pdfs,
                                      dict(config, heading="Alle gjeldende anbefalinger"))
                editions = 1
                sets = {}
                for r in recommendations:
                    sets.setdefault(r["set"]["slug"], r["set"]["title"])
                for folder in sorted(p.parent.parent.name for p in latest.glob("anbefalinger/*/utskrift/index.html")):
                    mine = [r for r in in_force if r["set"]["slug"] == folder]
                    title = sets.get(folder)
                    if title is None:
                        # A set without recommendations: its title from its page.
                        page = (latest / "anbefalinger" / folder / "index.html").read_text(encoding="utf-8")
                        title = html.unescape(re.search(r"<h1>([^<]+)</h1>", page).group(1))
                    pages += check_edition(driver, site, latest, f"anbefalinger/{folder}/utskrift/", mine,
                                           f"{output} anbefalinger/{folder}/utskrift/", pdfs, dict(config, heading=title))
                    editions += 1
                every_set = {p.name for p in latest.glob("anbefalinger/*") if (p / "index.html").exists()} - {"side", "utskrift"}
                printed = {p.parent.parent.name for p in latest.glob("anbefalinger/*/utskrift/index.html")}
                check(every_set <= printed, f"{output}: sets without a printed edition: {sorted(every_set - printed)}")
                summary.append(f"{output}: {editions} editions, {len(in_force)} recommendations in force, {pages} PDF pages")
            finally:
                server.shutdown()
    finally:
        driver.quit()
    finish("Tests/Browser/print.py", "; ".join(summary))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main([Path(argument) for argument in sys.argv[1:]])
