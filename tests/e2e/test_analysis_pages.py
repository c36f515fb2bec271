"""The analysis and data pages in a real browser: drawn, offline, no error, screenshot saved."""

import time

import pytest

from tests.e2e.conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.e2e

PAGES = (
    ("ketepatan-waktu", "Ketepatan Waktu", True),
    ("ketepatan-sasaran", "Ketepatan Sasaran", True),
    ("kesenjangan", "Kesenjangan", True),
    ("kualitas-data", "Kualitas Data", True),
    ("metodologi", "Metodologi", False),
    ("pemberdayaan-respons", "Pemberdayaan", True),
)


@pytest.mark.parametrize(("path", "title", "has_chart"), PAGES)
def test_analysis_page_renders_offline(app_url, page, path, title, has_chart):
    started = time.perf_counter()
    page.goto(f"{app_url}/{path}")
    page.wait_for_selector(f"h1:has-text('{title}')", timeout=120_000)
    if has_chart:
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
    else:
        page.get_by_text("BSD-2-Clause").first.wait_for(state="attached", timeout=60_000)
    wait_until_idle(page)
    print(f"{path}: drawn in {time.perf_counter() - started:.2f} s")
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, f"analysis_{path}")
    assert page.outside_requests == []
