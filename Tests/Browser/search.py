#!/usr/bin/env python3
"""Search in a real browser (headless Chromium through Selenium) over a built release's own index (sok/).

    Tests/Browser/search.py <release folder>

- a word from a recommendation's body, typed in the header's search field with the keyboard
  alone, finds that recommendation, shown with its title, its set and an excerpt;
- the party filter leaves only recommendations that give that party a duty
  (api/recommendations.json says which), in the search and on the list of recommendations;
- typed in the header's search field by keyboard alone (Tab to the field, type, Enter), one query
  of each kind in Tests/Search/queries.tsv finds its page in the top 3: an inflected form, a typo
  (and "Mente du …?" names the word it was taken for), letters folded (and the result marks the
  real spelling), a synonym, and a partial match (labelled, naming the missing word); each page
  of results passes axe-core (WCAG 2.1 A and AA);
- no request leaves the site and the console stays clean.
"""
import json
import re
import sys
from pathlib import Path

import axe_playwright_python

from browser import check, chrome, finish, serve
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.support.ui import Select, WebDriverWait


def results(driver, seconds=15):
    """The result links once the latest search has drawn them (the list is no longer aria-busy),
    read in one script call."""
    read = """var list = document.getElementById('sok-treff');
        if (!list || list.getAttribute('aria-busy') !== 'false') return null;
        return Array.from(list.querySelectorAll('.search-result-title a')).map(a => a.href);"""
    try:
        return WebDriverWait(driver, seconds).until(lambda d: d.execute_script(read))
    except TimeoutException:
        return []


QUERIES = Path(__file__).resolve().parents[1] / "Search/queries.tsv"
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
KINDS = ["inflection", "typo", "folding", "synonym", "partial"]


def fold(text):
    """As words.js folds (enough for the checks here)."""
    import unicodedata
    text = text.lower().replace("æ", "ae").replace("ä", "ae").replace("ø", "o").replace("ö", "o")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not 0x300 <= ord(c) <= 0x36F)
    return text.replace("aa", "a")


def header_search(driver, origin, query):
    """`query` typed into the header's search field with the keyboard alone; the search page's
    top results, status, correction and marked words once drawn."""
    driver.get(origin + "index.html")
    for _ in range(40):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.execute_script("return document.activeElement && document.activeElement.id") == "sokefelt":
            break
    ActionChains(driver).send_keys(query, Keys.ENTER).perform()
    read = """var list = document.getElementById('sok-treff');
        if (!list || list.getAttribute('aria-busy') !== 'false') return null;
        var fixed = document.getElementById('sok-rettet');
        return {links: Array.from(list.querySelectorAll('.search-result-title a')).map(a => a.href),
                status: document.getElementById('sok-status').textContent,
                correction: fixed && !fixed.hidden ? fixed.textContent : '',
                missing: Array.from(list.querySelectorAll('.search-result-missing')).map(p => p.textContent),
                marks: Array.from(list.querySelectorAll('mark')).map(m => m.textContent)};"""
    try:
        return WebDriverWait(driver, 15).until(lambda d: d.execute_script(read))
    except TimeoutException:
        return {"links": [], "status": "(no answer in 15 s)", "correction": "", "missing": [], "marks": []}


def kinds_of_query(driver, origin, release):
    """One query of each kind whose page is in this release, from the header."""
    rows = [line.split("\t") for line in QUERIES.read_text().splitlines() if line and not line.startswith("#")]
    tried = []
    for kind in KINDS:
        row = next((r for r in rows if r[1].startswith(kind) and (release / r[3] / "index.html").exists()), None)
        check(row is not None, f"Tests/Search/queries.tsv has no {kind} query for {release}")
        if row is None:
            continue
        _, category, query, expected = row
        shown = header_search(driver, origin, query)
        top = [link[len(origin):].removesuffix("index.html") for link in shown["links"][:3]]
        check(expected in top, f"{query!r} ({category}) typed in the header does not find {expected} in the top 3: {top}")
        if kind == "typo":
            check("Mente du" in shown["correction"], f"{query!r}: no 'Mente du …?': {shown['correction']!r}")
        if kind == "folding":
            real = [mark for mark in shown["marks"] if fold(mark) != mark.lower()]
            check(real, f"{query!r}: the results do not mark the real spelling: {shown['marks'][:5]}")
        if kind == "partial":
            check("Ingen side har alle ordene" in shown["status"], f"{query!r}: not labelled as partial: {shown['status']!r}")
            check(shown["missing"] and "Mangler" in shown["missing"][0], f"{query!r}: the missing word is not named: {shown['missing'][:2]}")
        driver.execute_script(AXE)
        violations = driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then("
            "function (r) { done(r.violations.map(function (v) { return v.id + ': ' + v.help; })); },"
            "function (e) { done(['axe failed: ' + e]); });")
        check(not violations, f"{query!r}: the results fail axe: {violations[:3]}")
        tried.append(query)
    return tried


def main(release):
    check((release / "sok/sider.json").exists(), "the release has no search index (sok/sider.json)")
    recommendations = json.loads((release / "api/recommendations.json").read_text())["recommendations"]
    target = next(r for r in recommendations if r["responsible"])
    body = (release / target["url"] / "index.html").read_text()
    prose = re.search(r'<div class="prose">(.*?)</div>', body, re.S)
    words = re.findall(r"(?<!\w)[a-zæøå]{8,}(?!\w)", re.sub(r"<[^>]+>", " ", prose.group(1) if prose else ""))
    # The word of its body that the fewest other pages have.
    pages = [p.read_text().lower() for p in release.rglob("*.html")]
    word = min(words, key=lambda w: (sum(w in page for page in pages), w)) if words else target["title"].split()[0]

    server = serve(release)
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = chrome(console=True)
    try:
        driver.get(origin + "index.html")
        field = driver.find_element(By.ID, "sokefelt")
        field.send_keys(word)
        field.send_keys(Keys.ENTER)
        found = results(driver)
        check(origin + target["url"] + "index.html" in found, f"searching for {word!r} does not find {target['id']}: {found[:5]}")
        metas = [m.text for m in driver.find_elements(By.CSS_SELECTOR, ".search-result-meta")]
        check(any(target["set"]["title"] in meta for meta in metas), f"the result does not name its set: {metas[:3]}")
        marks = [m.text.lower() for m in driver.find_elements(By.CSS_SELECTOR, ".search-result-excerpt mark")]
        check(any(word in mark for mark in marks), f"the excerpts do not mark {word!r}: {marks[:5]}")

        driver.get(origin + "sok/index.html")
        driver.find_element(By.ID, "sok-ord").send_keys("pasienten", Keys.ENTER)
        before = set(results(driver))
        check(len(before) > 0, "searching for 'pasienten' finds nothing")
        party = target["responsible"][0]["party"]["id"]
        driver.find_element(By.CSS_SELECTOR, ".search-filters summary").click()
        driver.find_element(By.CSS_SELECTOR, f"input[name='part'][value='{party}']").click()
        WebDriverWait(driver, 15).until(lambda d: f"part={party}" in d.current_url)
        after = set(results(driver))
        allowed = {origin + r["url"] + "index.html" for r in recommendations if party in [d["party"]["id"] for d in r["responsible"]]}
        check(after and after <= allowed, f"filtering by {party}: {sorted(after - allowed)[:3]} give {party} no duty")
        check(f"part={party}" in driver.current_url, f"the address does not keep the filter: {driver.current_url}")

        # The party filter on the list of recommendations.
        driver.get(origin + "anbefalinger/index.html")
        party_id = target["responsible"][0]["party"]["id"]
        Select(driver.find_element(By.ID, "partfilter")).select_by_value(party_id)
        rows = driver.find_elements(By.CSS_SELECTOR, "tr[data-parties]")
        shown = [row.get_attribute("data-parties").split() for row in rows if row.is_displayed()]
        check(shown and all(party_id in parties for parties in shown), f"the list filtered by {party_id} shows {shown}")

        tried = kinds_of_query(driver, origin, release)

        requests = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
        check(all(r.startswith(origin) for r in requests), f"requests leave the site: {[r for r in requests if not r.startswith(origin)]}")
        errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, f"console errors: {errors[:3]}")
    finally:
        driver.quit()
        server.shutdown()

    finish("Tests/Browser/search.py", f"{word!r} finds {target['id']} from the header, by keyboard; the party filter keeps "
           f"only {party}'s recommendations; from the header {', '.join(map(repr, tried))} find their pages; "
           "no outside request, no console error")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
