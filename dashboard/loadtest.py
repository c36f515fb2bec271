"""Load test: ``python -m dashboard.loadtest --sessions 20 --seconds 60``.

Starts the app on a free loopback port (local mode, the project's data),
opens ``--sessions`` headless Chromium pages (Debian ``/usr/bin/chromium``
through Playwright) that each keep opening pages of the app with different
filters for ``--seconds``, and prints the p50/p95/max time from a request
to a finished rerun (the status widget gone and the page title drawn), plus
how many requests were sent, answered, timed out or ended in an exception.

Only loopback addresses are used; sessions, duration and per-request
timeout are bounded. A measurement, never a pass/fail test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_SESSIONS = 50
MAX_SECONDS = 600
REQUEST_TIMEOUT_S = 60
ROUTES = (
    "ringkasan",
    "ringkasan?program=SEMBAKO",
    "peta",
    "profil?kab=18.05",
    "profil?kab=18.71",
    "bandingkan",
    "ketepatan-waktu",
    "ketepatan-sasaran",
    "kesenjangan",
    "kualitas-data",
)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


@dataclass
class Tally:
    """Counts and durations over every session."""

    sent: int = 0
    answered: int = 0
    timed_out: int = 0
    exceptions: int = 0
    durations: list[float] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    """Start ``streamlit run`` on 127.0.0.1 in local mode and wait for its health check."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PRESISI_LOCAL_MODE": "1"}
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.headless=true",
            "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false",
        ],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                if resp.read() == b"ok":
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("streamlit tidak mau mulai (server did not start)")


async def _session(browser, base: str, until: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        while time.monotonic() < until:
            route = rng.choice(ROUTES)
            tally.sent += 1
            started = time.monotonic()
            try:
                await page.goto(
                    f"{base}/{route}", wait_until="domcontentloaded", timeout=REQUEST_TIMEOUT_S * 1000
                )
                await page.wait_for_selector("h1", timeout=REQUEST_TIMEOUT_S * 1000)
                await page.wait_for_function(
                    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                    timeout=REQUEST_TIMEOUT_S * 1000,
                )
            except Exception:  # playwright TimeoutError and navigation errors
                tally.timed_out += 1
                continue
            tally.durations.append(time.monotonic() - started)
            tally.answered += 1
            if await page.query_selector('[data-testid="stException"]'):
                tally.exceptions += 1
    finally:
        await context.close()


async def drive(base: str, sessions: int, seconds: float, chromium: str) -> Tally:
    """Run ``sessions`` concurrent browser sessions against ``base`` for ``seconds``."""
    from playwright.async_api import async_playwright

    tally = Tally()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        # warm-up: builds the shared engine once
        await _session(browser, base, time.monotonic() + 1, Tally(), -1)
        until = time.monotonic() + seconds
        await asyncio.gather(*(_session(browser, base, until, tally, n) for n in range(sessions)))
        await browser.close()
    return tally


def summary(tally: Tally) -> str:
    """Return the figures as text."""
    d = sorted(tally.durations)
    if not d:
        return f"dikirim {tally.sent}, dijawab 0, habis waktu {tally.timed_out}"
    p95 = d[min(len(d) - 1, round(0.95 * (len(d) - 1)))]
    return (
        f"permintaan dikirim {tally.sent}, dijawab {tally.answered}, habis waktu {tally.timed_out}, "
        f"berakhir exception {tally.exceptions}\n"
        f"waktu rerun halaman (s): p50 {statistics.median(d):.2f}, p95 {p95:.2f}, maks {d[-1]:.2f}, "
        f"rata-rata {statistics.fmean(d):.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the load test and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.loadtest", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--url", help="aplikasi yang sudah jalan di loopback (existing loopback app)")
    args = parser.parse_args(argv)
    sessions = max(1, min(args.sessions, MAX_SESSIONS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    chromium = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    proc = None
    if args.url:
        host = args.url.split("//", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
        if host not in ("127.0.0.1", "localhost", "[::1]"):
            print("Hanya alamat loopback yang diizinkan (loopback only)", file=sys.stderr)  # noqa: T201
            return 2
        base = args.url.rstrip("/")
    else:
        port = _free_port()
        proc = start_server(port)
        base = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        tally = asyncio.run(drive(base, sessions, seconds, chromium))
        print(f"{sessions} sesi bersamaan selama {time.monotonic() - started:.0f} s di {base}")  # noqa: T201
        print(summary(tally))  # noqa: T201
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return 0 if tally.answered == tally.sent else 1


if __name__ == "__main__":
    raise SystemExit(main())
