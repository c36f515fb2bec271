"""App timings for ``python -m dashboard bench --app``: server time per page and browser paint.

Server time is the duration of a script run measured with Streamlit's
AppTest (the same script the server runs, without the network): the first
run of a page (cold caches in this process), a plain rerun (warm) and a
rerun after a filter change. Browser times start a real ``streamlit run`` on
a free loopback port and measure, in Debian Chromium, the time from
navigation to the page's main content (cold = first visit after the server
started, warm = a second visit). Figures are reported, never asserted.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboard import config
from dashboard.ui import pages

APP = str(config.PACKAGE_DIR / "app.py")
#: A filter change per page: (URL parameter, value). Pages without one are rerun unchanged.
FILTER_CHANGE = {"program": "SEMBAKO"}


def server_times(processed_dir: Path, repeats: int = 3) -> dict[str, dict[str, float]]:
    """Return cold, warm and filter-change script times (ms) for every page.

    Parameters
    ----------
    processed_dir : Path
        Dataset the app reads (``PRESISI_PROCESSED_DIR``).
    repeats : int
        Warm reruns per page; the median is reported.

    Returns
    -------
    dict
        page key → ``{"cold_ms", "warm_ms", "filter_change_ms"}``.
    """
    from streamlit.testing.v1 import AppTest

    os.environ["PRESISI_PROCESSED_DIR"] = str(processed_dir)
    os.environ.setdefault("PRESISI_LOCAL_MODE", "1")
    results: dict[str, dict[str, float]] = {}
    for spec in pages.PAGES:
        if not (config.PACKAGE_DIR / spec.file).exists() or spec.key == "upload":
            continue
        at = AppTest.from_file(APP, default_timeout=600)
        at.run()
        started = time.perf_counter()
        at.switch_page(spec.file).run()
        cold = time.perf_counter() - started
        warm = []
        for _ in range(repeats):
            started = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - started)
        for name, value in FILTER_CHANGE.items():
            at.query_params[name] = value
        key = "filter.program"
        if key in at.session_state:
            at.session_state[key] = FILTER_CHANGE["program"]
        started = time.perf_counter()
        at.run()
        changed = time.perf_counter() - started
        results[spec.key] = {
            "cold_ms": round(cold * 1000, 1),
            "warm_ms": round(statistics.median(warm) * 1000, 1),
            "filter_change_ms": round(changed * 1000, 1),
            "exception": bool(at.exception),
        }
    return results


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _server(processed_dir: Path) -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "PRESISI_PROCESSED_DIR": str(processed_dir),
        "PYTHONPATH": str(config.ROOT),
        "PRESISI_LOCAL_MODE": "1",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", APP, "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false"],
        cwd=config.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def browser_times(processed_dir: Path) -> dict[str, dict[str, float]]:
    """Return cold and warm time (s) from navigation to main content, per page, in Chromium."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("BROWSER_PATH", "/usr/bin/chromium")
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    results: dict[str, dict[str, float]] = {}
    with _server(processed_dir) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=args)
        for spec in pages.PAGES:
            if not (config.PACKAGE_DIR / spec.file).exists() or spec.key == "upload":
                continue
            timings = []
            for _ in range(2):
                tab = browser.new_page(viewport={"width": 1400, "height": 1000})
                started = time.perf_counter()
                tab.goto(f"{url}/{'' if spec.key == 'summary' else spec.url_path}")
                tab.wait_for_selector("h1", timeout=300_000)
                tab.wait_for_function(
                    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=300_000
                )
                timings.append(time.perf_counter() - started)
                tab.close()
            results[spec.key] = {"cold_s": round(timings[0], 2), "warm_s": round(timings[1], 2)}
        browser.close()
    return results
