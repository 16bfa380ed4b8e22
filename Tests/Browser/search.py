#!/usr/bin/env python3
"""Search in a real browser (headless Chromium through Selenium) over a built release's own index (sok/).

    Tests/Browser/search.py <release folder>

- a word from a recommendation's body, typed in the header's search field with the keyboard
  alone, finds that recommendation, shown with its title, its set and an excerpt;
- the party filter leaves only recommendations that give that party a duty
  (api/recommendations.json says which), in the search and on the list of recommendations;
- no request leaves the site and the console stays clean.
"""
import json
import re
import sys
from pathlib import Path

from browser import check, chrome, finish, serve
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

        requests = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
        check(all(r.startswith(origin) for r in requests), f"requests leave the site: {[r for r in requests if not r.startswith(origin)]}")
        errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, f"console errors: {errors[:3]}")
    finally:
        driver.quit()
        server.shutdown()

    finish("Tests/Browser/search.py", f"{word!r} finds {target['id']} from the header, by keyboard; the party filter keeps "
           f"only {party}'s recommendations; no outside request, no console error")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
