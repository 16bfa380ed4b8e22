"""What the browser tests share: collected failures, a quiet local web server, headless Chromium."""
import functools
import http.server
import sys
import threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def finish(script, summary):
    """Reports the failures and exits 1, or prints that the script passed."""
    if failures:
        print(f"{script}: FAIL", *failures, sep="\n- ", file=sys.stderr)
        sys.exit(1)
    print(f"{script}: ok ({summary})")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    """`folder` served on 127.0.0.1 on a free port, in a background thread; shut it down after."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def chrome(javascript=True, window=None, downloads=None, console=False):
    """Debian's headless Chromium through its chromedriver."""
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"] + ([f"--window-size={window}"] if window else []):
        options.add_argument(argument)
    prefs = {}
    if downloads:
        prefs.update({"download.default_directory": str(downloads), "download.prompt_for_download": False})
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    if prefs:
        options.add_experimental_option("prefs", prefs)
    if console:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    if downloads:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver
