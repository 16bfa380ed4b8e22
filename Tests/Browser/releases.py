#!/usr/bin/env python3
"""Two releases in one output folder, in a real browser (headless Chromium through Selenium).

    Tests/Browser/releases.py <moteplass binary> <content folder>

Builds the content as release 1.0, then as 1.1 (a later date, one recommendation changed) into a
temporary output folder, serves it on 127.0.0.1 under the path of base_url, and checks:
- v/1.0/ is byte for byte what the first build wrote, and latest/ equals v/1.1/;
- 1.1's what-changed page names the changed recommendation with its changelog;
- the switcher on a page of 1.1 leads to the same page in 1.0;
- a page of 1.0 shows "Du leser en eldre utgave (1.0)" linking to the same page in latest/, and
  its switcher gains 1.1 from versions.json; a page in latest/ shows no banner;
- without JavaScript, 1.0's page works and lists the releases known when it was built.
"""
import filecmp
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from browser import check, chrome, finish, serve
from selenium.webdriver.common.by import By

def snapshot(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(binary, content, output):
    result = subprocess.run([binary, "build", "--content", str(content), "--templates", "Templates", "--output", str(output)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"Tests/Browser/releases.py: the build failed:\n{result.stdout}{result.stderr}")


def main(binary, source):
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        content = work / "content"
        shutil.copytree(source, content)
        site = (content / "site.yml").read_text()
        base_path = urlparse(re.search(r"^base_url:\s*(\S+)", site, re.M).group(1)).path or "/"
        serve_root = work / "www"
        output = serve_root / base_path.strip("/") if base_path.strip("/") else serve_root
        output.parent.mkdir(parents=True, exist_ok=True)

        (content / "site.yml").write_text(re.sub(r'^release: .*$', 'release: "1.0"', re.sub(r"^release_date: .*$", "release_date: 2020-05-04", site, flags=re.M), flags=re.M))
        build(binary, content, output)
        first = snapshot(output / "v/1.0")

        (content / "site.yml").write_text(re.sub(r'^release: .*$', 'release: "1.1"', re.sub(r"^release_date: .*$", "release_date: 2020-06-01", site, flags=re.M), flags=re.M))
        recommendation = sorted((content / "recommendations").glob("*/[!_]*.md"))[0]
        text = recommendation.read_text()
        version = re.search(r"^version: (\d+)\.(\d+)\.(\d+)", text, re.M)
        new_version = f"{version.group(1)}.{int(version.group(2)) + 1}.0"
        text = text.replace(version.group(0), f"version: {new_version}", 1)
        text = re.sub(r"^changelog:\n", f"changelog:\n  - version: {new_version}\n    date: 2020-06\n    summary: Endret i testen.\n", text, count=1, flags=re.M)
        if "changelog:" not in text:
            text = text.replace("\n---\n", f"\nchangelog:\n  - version: {new_version}\n    date: 2020-06\n    summary: Endret i testen.\n---\n", 1)
        recommendation.write_text(text)
        build(binary, content, output)

        check(snapshot(output / "v/1.0") == first, "building 1.1 changed v/1.0/")
        comparison = filecmp.dircmp(output / "latest", output / "v/1.1")
        check(not comparison.diff_files and not comparison.left_only and not comparison.right_only, "latest/ is not v/1.1/")
        slug = recommendation.stem
        set_slug = recommendation.parent.name
        page = f"anbefalinger/{set_slug}/{slug}/index.html"
        changes = (output / "v/1.1/endringer/index.html").read_text()
        check(f"anbefalinger/{set_slug}/{slug}/index.html" in changes and "Endret i testen." in changes,
              "the what-changed page of 1.1 does not name the changed recommendation with its changelog")

        server = serve(serve_root)
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        root = origin + base_path
        driver = chrome()
        try:
            driver.get(root + "v/1.1/" + page)
            link = driver.find_element(By.CSS_SELECTOR, "[data-version-switcher] li[data-release='1.0'] a")
            check(link.get_attribute("href") == root + "v/1.0/" + page, f"1.1's switcher leads to {link.get_attribute('href')}")
            check(not driver.find_element(By.CSS_SELECTOR, "[data-old-release]").is_displayed(), "1.1 shows the older-release banner")

            driver.get(root + "v/1.0/" + page)
            banner = driver.find_element(By.CSS_SELECTOR, "[data-old-release]")
            driver.implicitly_wait(5)
            driver.find_element(By.CSS_SELECTOR, "[data-old-release] a")
            check(banner.is_displayed() and "Du leser en eldre utgave (1.0)" in banner.text, f"1.0 shows no banner: {banner.text!r}")
            target = driver.find_element(By.CSS_SELECTOR, "[data-old-release] a").get_attribute("href")
            check(target == root + "latest/" + page, f"the banner leads to {target}")
            releases = [li.get_attribute("data-release") for li in driver.find_elements(By.CSS_SELECTOR, "[data-version-switcher] li")]
            check(releases == ["1.1", "1.0"], f"1.0's switcher after versions.json: {releases}")
            driver.implicitly_wait(0)

            driver.get(root + "latest/" + page)
            check(not driver.find_element(By.CSS_SELECTOR, "[data-old-release]").is_displayed(), "latest/ shows the older-release banner")
        finally:
            driver.quit()

        driver = chrome(javascript=False)
        try:
            driver.get(root + "v/1.0/" + page)
            check(not driver.find_element(By.CSS_SELECTOR, "[data-old-release]").is_displayed(), "without JavaScript: a banner shows")
            releases = [li.get_attribute("data-release") for li in driver.find_elements(By.CSS_SELECTOR, "[data-version-switcher] li")]
            check(releases == ["1.0"], f"without JavaScript: 1.0's switcher lists {releases}")
            driver.get(root + "v/1.1/utgivelser/index.html")
            rows = driver.find_elements(By.CSS_SELECTOR, "main tbody tr")
            check(len(rows) == 2, f"1.1's release list has {len(rows)} rows")
        finally:
            driver.quit()
            server.shutdown()

    finish("Tests/Browser/releases.py", f"1.0 then 1.1 under {base_path}: old release unchanged, latest/, what changed, switcher, banner, no-JS")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], Path(sys.argv[2]))
