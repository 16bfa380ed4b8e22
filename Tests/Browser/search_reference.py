#!/usr/bin/env python3
"""Our search against Pagefind, the reference, in headless Chromium; and words.js against libstemmer.

    Tests/Browser/search_reference.py <Content/ output> <fixture output> [<corpus output> …]

Each argument is a folder `moteplass build` wrote (its `latest/` is used).

1. The stemmer: every form of every index (sok/ord/*.json) must get its key from words.js in the
   browser (`MoteplassOrd.key(form)`), as the build gave it with libstemmer; and words.js's stem
   must be libstemmer's (called here through ctypes) for every form of every index with
   Norwegian endings added (inflections that are not in the index), and for 20,000 seeded random
   words.
2. The queries of Tests/Search/queries.tsv: Pagefind 1.5.2 (pagefind-bin, `--force-language nb`)
   indexes a copy of the same built pages; each query runs through both in Chromium. It fails
   when ours does not have the expected page in its top 3 — in particular when Pagefind has and
   ours has not. Both scores are printed.
"""
import ctypes
import json
import random
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

from browser import check, chrome, finish, serve
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "Tests/Search/queries.tsv"
ENDINGS = ["", "e", "en", "et", "a", "er", "ene", "ane", "as", "es", "ens", "ets", "ers", "s", "het", "heten", "hetene",
           "ert", "erte", "ede", "ende", "ande", "lig", "elig", "ig", "leg", "els", "lov", "dt", "vt", "ks"]
PAGEFIND_HARNESS = """<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Pagefind</title></head><body>
<script type="module">
window.pagefindTop = async function (query) {
  const pagefind = await import("./pagefind/pagefind.js");
  const found = await pagefind.search(query);
  const pages = await Promise.all(found.results.slice(0, 3).map((result) => result.data()));
  return pages.map((page) => page.url);
};
window.pagefindLoaded = true;
</script></body></html>
"""


def libstemmer():
    """libstemmer's Norwegian stemmer, the build's, through ctypes."""
    library = ctypes.CDLL("libstemmer.so.0d")
    library.sb_stemmer_new.restype = ctypes.c_void_p
    library.sb_stemmer_stem.restype = ctypes.c_void_p
    library.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    library.sb_stemmer_length.argtypes = [ctypes.c_void_p]
    stemmer = library.sb_stemmer_new(b"norwegian", b"UTF_8")

    def stem(word):
        data = word.encode()
        pointer = library.sb_stemmer_stem(stemmer, data, len(data))
        return ctypes.string_at(pointer, library.sb_stemmer_length(stemmer)).decode()
    return stem


def random_words(count, seed=16):
    """Seeded words of Norwegian letters (vowels, æøå, é and a digit now and then) ending in a
    Norwegian ending: the corners a real text may not reach."""
    generator = random.Random(seed)
    letters = "aaeeiioouyæøåébdfghjklmnprsstttvkz0"
    return ["".join(generator.choice(letters) for _ in range(generator.randint(1, 10))) + generator.choice(ENDINGS)
            for _ in range(count)]


def index_forms(release):
    """(form, key) for every form of the release's index."""
    pairs = []
    for shard in sorted((release / "sok/ord").glob("*.json")):
        for key, entry in json.loads(shard.read_text()).items():
            pairs += [(item, key) for item in entry if isinstance(item, str)]
    return pairs


def normalised(url, origin=""):
    """A page's address relative to the release, without `index.html`."""
    path = urllib.parse.urlparse(url).path if url.startswith("http") else url
    path = path[len(urllib.parse.urlparse(origin).path):] if origin and path.startswith(urllib.parse.urlparse(origin).path) else path
    path = path.lstrip("/")
    return path[: -len("index.html")] if path.endswith("index.html") else path


def our_top(driver, origin, query):
    """Our top 3, from the search page, once the latest search has drawn them."""
    driver.get(origin + "sok/index.html?q=" + urllib.parse.quote(query))
    read = """var list = document.getElementById('sok-treff');
        if (!list || list.getAttribute('aria-busy') !== 'false') return null;
        return [Array.from(list.querySelectorAll('.search-result-title a')).map(a => a.href),
                document.getElementById('sok-status').textContent];"""
    try:
        links, _ = WebDriverWait(driver, 15).until(lambda d: d.execute_script(read))
    except TimeoutException:
        return ["(no answer in 15 s)"]
    return [normalised(link, origin) for link in links[:3]]


def pagefind_top(driver, origin, query):
    driver.get(origin + "pagefind-reference.html")
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return window.pagefindLoaded === true"))
    found = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.pagefindTop(arguments[0]).then(done, (error) => done(['error: ' + error]));", query)
    return [normalised(url) for url in found]


def check_stemmer(driver, origin, releases, stem):
    """words.js against the index's keys and against libstemmer."""
    driver.get(origin + "sok/index.html")
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return typeof MoteplassOrd === 'object'"))
    total = 0
    for release in releases:
        pairs = index_forms(release)
        total += len(pairs)
        wrong = driver.execute_script(
            "return arguments[0].filter(function (p) { return MoteplassOrd.key(p[0]) !== p[1]; }).slice(0, 20);", pairs)
        check(not wrong, f"{release}: words.js gives another key than the build for {len(wrong)}+ forms: {wrong[:5]}")
    forms = sorted({form for release in releases for form, _ in index_forms(release) if not form.isdigit()})
    variants = sorted({form + ending for form in forms for ending in ENDINGS} | set(random_words(20000)))
    expected = [[word, stem(word)] for word in variants]
    wrong = driver.execute_script(
        "return arguments[0].filter(function (p) { return MoteplassOrd.stem(p[0]) !== p[1]; }).slice(0, 20);", expected)
    check(not wrong, f"words.js stems {len(wrong)}+ inflected forms otherwise than libstemmer: {wrong[:5]}")
    return total, len(variants)


def main(outputs):
    releases = [Path(output) / "latest" for output in outputs]
    queries = [line.split("\t") for line in QUERIES.read_text().splitlines() if line and not line.startswith("#")]
    sites = {"content": releases[0], "fixture": releases[1]}
    driver = chrome()
    servers = []
    scores = {"ours": 0, "pagefind": 0}
    try:
        server = serve(releases[0])
        servers.append(server)
        forms, variants = check_stemmer(driver, f"http://127.0.0.1:{server.server_address[1]}/", releases, libstemmer())
        for name, release in sites.items():
            copy = Path(tempfile.mkdtemp(prefix="moteplass-pagefind-")) / "site"
            shutil.copytree(release, copy)
            subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", str(copy), "--force-language", "nb"],
                           check=True, capture_output=True)
            (copy / "pagefind-reference.html").write_text(PAGEFIND_HARNESS)
            server = serve(copy)
            servers.append(server)
            origin = f"http://127.0.0.1:{server.server_address[1]}/"
            for site, category, query, expected in queries:
                if site != name:
                    continue
                ours, reference = our_top(driver, origin, query), pagefind_top(driver, origin, query)
                found, reference_found = expected in ours, expected in reference
                scores["ours"] += found
                scores["pagefind"] += reference_found
                mark = ("ok  " if found else "MISS") + (" pagefind ok  " if reference_found else " pagefind MISS")
                print(f"{mark} {site:8} {category:30} {query!r:45} → {expected}")
                if not found:
                    print(f"       ours: {ours}\n       pagefind: {reference}")
                check(found, f"{site}: {query!r} ({category}) does not find {expected} in the top 3: {ours}"
                             + (" (Pagefind does)" if reference_found else ""))
            shutil.rmtree(copy.parent)
    finally:
        driver.quit()
        for server in servers:
            server.shutdown()
    print(f"Found in the top 3, of {len(queries)} queries: ours {scores['ours']}, Pagefind 1.5.2 (nb) {scores['pagefind']}")
    finish("Tests/Browser/search_reference.py",
           f"ours {scores['ours']}/{len(queries)}, Pagefind {scores['pagefind']}/{len(queries)} in the top 3; words.js gives the "
           f"build's key for {forms} index forms and libstemmer's stem for {variants} inflected forms")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1:])
