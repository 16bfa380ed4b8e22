#!/usr/bin/env python3
"""`moteplass serve` over real HTTP, Server-Sent Events and a real browser.

    Tests/Preview/serve.py <moteplass binary>

Serves a copy of the clean fixture on a free port and checks: the pages, content types, 404
page, a folder's address without `/` redirected, no folder listing and nothing outside the
site; nothing written (no public/, no temporary folder); the reload event after a save, with the
new text; a slow save (emptied, then written) is one change with no error between; a content error → a status event, the last good page still served, and the error box
over the page in headless Chromium with file:line, rule and message; fixed → the page reloads
by itself and the box is gone; a page whose event stream was closed still gets a change (it asks
for the status every two seconds); a half-written file, a burst of saves, a deleted and a new file,
and a template with a syntax error do not stop the server; a second server on the same port
exits 2 with a message; Ctrl-C ends it with status 0; a built
release holds no trace of the preview's script. Then, on a copy of the project's Content/:
the site is served, an edit of MO-FS-07 reaches an open page in Chromium, and an error shows in
the box and clears. Last, without --templates: the built-in theme is served, and a Templates/
folder beside the content overrides the footer partial; saving it reloads the pages. Prints the time from a save to the reload event.
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Browser"))
from browser import check, chrome, finish  # noqa: E402

from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
RECOMMENDATION = "recommendations/utskrivning/timer.md"
PAGE = "/anbefalinger/utskrivning/timer/index.html"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(binary, content, *options, cwd=None, env=None):
    """`moteplass serve` of `content` on a free port (with `options` before `--port`): the process
    and its port."""
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--content", str(content), *map(str, options), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd, env=env)
    return server, port


def get(base, path):
    """(status, content type, body) of a GET, without following anything."""
    connection = http.client.HTTPConnection("127.0.0.1", base, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheader("Content-Type", ""), body.decode("utf-8", "replace")


class Events:
    """The server's event stream, read in a thread: (time received, event name) as they come.
    Made once the stream is open (its opening comment has arrived)."""

    def __init__(self, port):
        self.received = []
        self.opened = threading.Event()
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.connection.request("GET", "/__moteplass/events")
        response = self.connection.getresponse()
        self.content_type = response.getheader("Content-Type", "")
        threading.Thread(target=self.read, args=(response,), daemon=True).start()
        check(self.opened.wait(20), "the event stream sent nothing when it opened")

    def read(self, response):
        try:
            while True:
                line = response.readline()
                if not line:
                    return
                line = line.decode().strip()
                if line.startswith(":"):
                    self.opened.set()
                elif line.startswith("event: "):
                    self.received.append((time.monotonic(), line[len("event: "):]))
        except Exception:
            return

    def wait(self, name, after, timeout=20):
        """The time of the first `name` event received after `after`, or None."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for moment, event in list(self.received):
                if moment > after and event == name:
                    return moment
            time.sleep(0.01)
        return None


def box_text(driver, condition, timeout=15):
    """The text of the preview's error box once `condition(text)` holds, read in one script call
    each time (the box is drawn anew when the errors change, so an element found in one call may
    be gone in the next); the last text seen (None: no box) if it never holds."""
    read = "var box = document.getElementById('moteplass-feil'); return box ? box.textContent : null"
    seen = [None]

    def holds(d):
        seen[0] = d.execute_script(read)
        return condition(seen[0])
    try:
        WebDriverWait(driver, timeout).until(holds)
    except TimeoutException:
        pass
    return seen[0]


def wait_until(condition, timeout=15):
    """Whether `condition()` came true within `timeout` seconds (asked every 20 ms)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def edit(path, old, new):
    text = path.read_text()
    check(old in text, f"{path.name} lacks {old!r}")
    path.write_text(text.replace(old, new, 1))


def main(binary):
    work = Path(tempfile.mkdtemp())
    content, templates = work / "content", work / "templates"
    shutil.copytree(ROOT / "Tests/Fixtures/clean", content)
    shutil.copytree(ROOT / "Templates", templates)
    # A temporary folder of its own, so that what other programs put in /tmp meanwhile is not
    # taken for serve's.
    temporary = Path(tempfile.mkdtemp())
    server, port = start(binary, content, "--templates", templates, cwd=work, env={**os.environ, "TMPDIR": str(temporary)})
    driver = None
    try:
        line = server.stdout.readline()
        check(f"http://127.0.0.1:{port}/" in line, f"serve did not print its address: {line!r}")

        # Pages, types, 404, no listing, nothing outside the site.
        status, kind, body = get(port, "/")
        check(status == 200 and kind.startswith("text/html"), f"/ gave {status} {kind}")
        check(re.search(r'<script src="/__moteplass/live.js" data-build="\d+" defer></script>', body), "the front page lacks the preview's script")
        for path, expected in [("/moter.ics", "text/calendar"), ("/feed.xml", "application/xml"), ("/versions.json", None),
                               ("/api/recommendations.json", "application/json"), ("/assets/style.css", "text/css"),
                               ("/anbefalinger/", "text/html")]:
            status, kind, _ = get(port, path)
            if expected:
                check(status == 200 and kind.startswith(expected), f"{path} gave {status} {kind}, expected {expected}")
            else:
                check(status == 404, f"{path} (not part of a release) gave {status}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/anbefalinger")
        response = connection.getresponse()
        check(response.status == 301 and response.getheader("Location") == "/anbefalinger/",
              f"/anbefalinger gave {response.status} {response.getheader('Location')}")
        connection.close()
        status, _, body = get(port, "/anbefalinger/legevakt/utkast/index.html")
        check(status == 200 and "banner-draft" in body, f"the draft is not served with its banner ({status})")
        status, kind, body = get(port, "/finnes/ikke")
        check(status == 404 and "live.js" in body, f"a missing page gave {status}, not the 404 page")
        for path in ["/assets/", "/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/.hidden"]:
            status, _, body = get(port, path)
            check(status == 404 and "root:" not in body, f"{path} gave {status}")
        check(get(port, "/__moteplass/status")[1].startswith("application/json"), "status is not JSON")

        events = Events(port)
        check(events.content_type.startswith("text/event-stream"), f"events are {events.content_type}")

        # A save reloads the page, with the new text; timed five times.
        delays = []
        for round in range(5):
            saved = time.monotonic()
            edit(content / RECOMMENDATION, f"Time hos fastlegen etter utskrivning{'' if round == 0 else f' ({round})'}",
                 f"Time hos fastlegen etter utskrivning ({round + 1})")
            reloaded = events.wait("reload", saved)
            check(reloaded is not None, f"no reload event after save {round + 1}")
            if reloaded:
                delays.append(reloaded - saved)
            check(f"utskrivning ({round + 1})" in get(port, PAGE)[2], f"the page lacks the new title after save {round + 1}")

        # A slow save (the file emptied, then written a moment later, as some editors save) is one
        # change: the page reloads once, and no error for the empty file is shown in between.
        saved = time.monotonic()
        text = (content / RECOMMENDATION).read_text()
        with open(content / RECOMMENDATION, "w") as handle:
            handle.flush()
            os.fsync(handle.fileno())
            time.sleep(0.2)  # the writer is slow: the shape of this save, not a wait for the server
            handle.write(text.replace(f"utskrivning ({round + 1})", "utskrivning (sakte)", 1))
        check(events.wait("reload", saved) is not None, "no reload event after a slow save")
        check(not [e for m, e in events.received if m > saved and e == "status"], "a slow save showed an error in between")
        saved = time.monotonic()
        edit(content / RECOMMENDATION, "utskrivning (sakte)", f"utskrivning ({round + 1})")
        check(events.wait("reload", saved) is not None, "no reload event after the slow save was undone")

        # A content error: a status event, the last good page still served.
        saved = time.monotonic()
        edit(content / RECOMMENDATION, "responsible:", "responsibl:")
        check(events.wait("status", saved) is not None, "no status event after an error")
        state = json.loads(get(port, "/__moteplass/status")[2])
        check(state["failed"] and any(d["rule"] == "responsible-missing" and d["file"].endswith(RECOMMENDATION)
                                      for d in state["diagnostics"]), f"the status lacks the error: {state}")
        status, _, body = get(port, PAGE)
        check(status == 200 and "utskrivning (5)" in body, "the last good page is not served while the content has errors")

        # In a browser: the box over the page, then gone when fixed, without touching the page.
        driver = chrome()
        driver.get(f"http://127.0.0.1:{port}{PAGE}")
        text = box_text(driver, lambda t: t and "responsible-missing" in t)
        check(text and "responsible-missing" in text and RECOMMENDATION in text and "hvem som gjør hva" in text,
              f"the error box lacks file, rule or message: {(text or 'no box')[:300]!r}")
        check(driver.execute_script("var b = document.getElementById('moteplass-feil'); return !!b && b.checkVisibility()"),
              "the error box is not visible")
        driver.execute_script("window.sameWindow = true")
        edit(content / RECOMMENDATION, "responsibl:", "responsible:\n  # rettet")
        edit(content / RECOMMENDATION, "utskrivning (5)", "utskrivning (rettet)")
        try:
            WebDriverWait(driver, 15).until(lambda d: "(rettet)" in d.execute_script("return document.querySelector('h1').textContent"))
        except Exception:
            check(False, "the page did not show the fixed text by itself")
        check(box_text(driver, lambda t: t is None) is None, "the error box stayed after the fix")
        check(driver.execute_script("return window.sameWindow === true"),
              "the page was loaded anew instead of getting its new body in place")
        # A page whose event stream is gone (window.stop() closes it for good) still gets the change
        # from the status it asks for every two seconds.
        driver.execute_script("window.stop()")
        edit(content / RECOMMENDATION, "utskrivning (rettet)", "utskrivning (uten strøm)")
        try:
            WebDriverWait(driver, 10).until(lambda d: "(uten strøm)" in d.execute_script("return document.querySelector('h1').textContent"))
        except Exception:
            check(False, "a page without its event stream did not get the change")
        edit(content / RECOMMENDATION, "utskrivning (uten strøm)", "utskrivning (rettet)")
        # A page with scripts of its own (the search) is loaded anew instead.
        driver.get(f"http://127.0.0.1:{port}/sok/index.html")
        driver.execute_script("window.sameWindow = true")
        edit(content / RECOMMENDATION, "utskrivning (rettet)", "utskrivning (5)")
        try:
            WebDriverWait(driver, 15).until(lambda d: not d.execute_script("return window.sameWindow === true"))
        except Exception:
            check(False, "the search page was not loaded anew after a change")

        # Robust: half-written file, burst of saves, deleted and new files, broken template.
        saved = time.monotonic()
        (content / RECOMMENDATION).write_text((content / RECOMMENDATION).read_text()[:40])
        check(events.wait("status", saved) is not None, "no status event for a half-written file")
        text = (ROOT / "Tests/Fixtures/clean" / RECOMMENDATION).read_text()
        for i in range(15):
            (content / RECOMMENDATION).write_text(text.replace("Time hos fastlegen", f"Time hos fastlegen {i}", 1))
            time.sleep(0.01)
        saved = time.monotonic()
        check(events.wait("reload", saved - 0.2) is not None, "no reload after a burst of saves")
        check(wait_until(lambda: "Time hos fastlegen 14" in get(port, PAGE)[2]), "the page does not show the last of a burst of saves")
        meeting = next((content / "meetings").glob("*.md"))
        moved = meeting.with_name("2021-01-01-flyttet.md")
        saved = time.monotonic()
        meeting.rename(moved)
        check(events.wait("reload", saved) is not None, "no reload after a renamed file")
        # The reload above may be a late one of the burst before: wait for the page itself.
        check(wait_until(lambda: get(port, "/moter/2021-01-01-flyttet/index.html")[0] == 200),
              "a renamed meeting is not served at its new address")
        saved = time.monotonic()
        moved.unlink()
        check(events.wait("reload", saved) is not None, "no reload after a deleted file")
        check(wait_until(lambda: get(port, "/moter/2021-01-01-flyttet/index.html")[0] == 404), "a deleted meeting is still served")
        saved = time.monotonic()
        (templates / "page.mustache").write_text("{{#title}}uten slutt")
        check(events.wait("status", saved) is not None, "no status event for a broken template")
        state = json.loads(get(port, "/__moteplass/status")[2])
        check(state["failed"] and any(d["rule"] == "template-syntax" for d in state["diagnostics"]),
              f"the broken template is not reported: {state}")
        saved = time.monotonic()
        shutil.copy(ROOT / "Templates/page.mustache", templates / "page.mustache")
        check(events.wait("reload", saved) is not None, "no reload after the template was fixed")
        check(get(port, "/")[0] == 200, "the server stopped answering")

        # The port in use.
        second = subprocess.run([binary, "serve", "--content", str(content), "--templates", str(templates), "--port", str(port)],
                                capture_output=True, text=True, timeout=30)
        check(second.returncode == 2 and f"porten {port} er allerede i bruk" in second.stderr,
              f"a second server on the port gave {second.returncode}: {second.stderr!r}")

        # Ctrl-C.
        server.send_signal(signal.SIGINT)
        try:
            check(server.wait(timeout=10) == 0, f"Ctrl-C ended serve with status {server.returncode}")
        except subprocess.TimeoutExpired:
            check(False, "Ctrl-C did not stop serve")
        written = sorted(temporary.iterdir())
        check(not written and sorted(p.name for p in work.iterdir()) == ["content", "templates"],
              f"serve wrote files: {written or sorted(work.iterdir())}")

        # Watching by polling (--poll) reloads too.
        polled, poll_port = start(binary, content, "--templates", templates, "--poll")
        try:
            polled.stdout.readline()
            poll_events = Events(poll_port)
            saved = time.monotonic()
            edit(content / RECOMMENDATION, "Time hos fastlegen 14", "Time hos fastlegen etter polling")
            check(poll_events.wait("reload", saved) is not None, "no reload event with --poll")
            check("etter polling" in get(poll_port, PAGE)[2], "the page lacks the new title with --poll")
        finally:
            polled.send_signal(signal.SIGINT)
            polled.wait(timeout=10)

        # A built release knows nothing of the preview.
        built = work / "public"
        subprocess.run([binary, "build", "--content", str(content), "--templates", str(templates), "--output", str(built)],
                       check=True, capture_output=True)
        traces = [p for p in built.rglob("*") if p.is_file() and b"__moteplass" in p.read_bytes()]
        check(not traces, f"a built release mentions the preview: {traces[:3]}")
    finally:
        if driver:
            driver.quit()
        if server.poll() is None:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(temporary, ignore_errors=True)

    project_content(binary)
    site_templates(binary)

    median = statistics.median(delays) * 1000 if delays else float("nan")
    finish("Tests/Preview/serve.py",
           f"pages, drafts with their banner, types, 404, reload after a save (median {median:.0f} ms from save to event, fixture), error box in "
           "Chromium and gone when fixed, a change without the event stream, half-written file, burst, rename, delete, broken template, port in use, Ctrl-C, --poll; Content/: served, an edit shown, an error boxed and cleared; "
           "the built-in theme with no Templates/, and a Templates/ beside the content overriding the footer, reloaded when saved")


def project_content(binary):
    """The Done-when of issue 8 on the project's own content."""
    work = Path(tempfile.mkdtemp())
    content = work / "Content"
    shutil.copytree(ROOT / "Content", content)
    page = "/anbefalinger/fastlege-sykehus/timebestilling/index.html"
    file = content / "recommendations/fastlege-sykehus/timebestilling.md"
    server, port = start(binary, content, "--templates", ROOT / "Templates", cwd=work)
    driver = None
    try:
        server.stdout.readline()
        check(get(port, "/")[0] == 200 and get(port, page)[0] == 200, "the project's content is not served")
        driver = chrome()
        driver.get(f"http://127.0.0.1:{port}{page}")
        events = Events(port)
        saved = time.monotonic()
        edit(file, "title: Timebestilling hos fastlege", "title: Timebestilling hos fastlegen")
        check(events.wait("reload", saved) is not None, "Content/: no reload event after an edit")
        try:
            WebDriverWait(driver, 10).until(lambda d: "hos fastlegen etter" in d.execute_script("return document.querySelector('h1').textContent"))
        except Exception:
            check(False, "Content/: the open page did not show the edit")
        saved = time.monotonic()
        edit(file, "  - party: sykehus\n", "  - party: sykehuset\n")
        check(events.wait("status", saved) is not None, "Content/: no status event after an error")
        text = box_text(driver, lambda t: t and "party-unknown" in t)
        check(text and "party-unknown" in text and "timebestilling.md" in text,
              f"Content/: the error box says {(text or 'nothing: no box')[:200]!r}")
        edit(file, "  - party: sykehuset\n", "  - party: sykehus\n")
        check(box_text(driver, lambda t: t is None) is None, "Content/: the error box stayed after the fix")
    finally:
        if driver:
            driver.quit()
        server.send_signal(signal.SIGINT)
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


def site_templates(binary):
    """Issue 18: without --templates the built-in theme is used, and a Templates/ folder beside
    the content overrides a single file (here the footer partial); saving it reloads the pages."""
    work = Path(tempfile.mkdtemp())
    content, overrides = work / "site/Content", work / "site/Templates"
    shutil.copytree(ROOT / "Tests/Fixtures/clean", content)
    server, port = start(binary, content, cwd=work)
    try:
        server.stdout.readline()
        status, _, body = get(port, "/")
        check(status == 200 and '<footer class="site-footer">' in body, f"the built-in theme gave {status}")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=10)
    overrides.mkdir()
    footer = overrides / "footer.mustache"
    shutil.copy(ROOT / "Templates/footer.mustache", footer)
    server, port = start(binary, content, cwd=work)
    try:
        server.stdout.readline()
        check("Eget tillegg" not in get(port, "/")[2], "the copied footer is not the theme's")
        events = Events(port)
        saved = time.monotonic()
        edit(footer, "</footer>", "<p>Eget tillegg</p>\n</footer>")
        check(events.wait("reload", saved) is not None, "no reload after the overriding footer was saved")
        check(wait_until(lambda: "<p>Eget tillegg</p>" in get(port, "/")[2]), "the page does not show the overriding footer")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(str(Path(sys.argv[1]).resolve()))
