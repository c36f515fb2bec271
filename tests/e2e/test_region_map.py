"""Peta Wilayah in a real browser: 15 polygons, offline, screenshot saved."""

import time

import pytest

from tests.e2e.conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.e2e


def test_region_map_draws_15_kabupaten_offline(app_url, page):
    started = time.perf_counter()
    page.goto(f"{app_url}/wilayah")
    frame = page.wait_for_selector(
        'iframe[title="streamlit_folium.st_folium"]', state="attached", timeout=60_000
    )
    inner = frame.content_frame()
    inner.wait_for_function(
        "() => document.querySelectorAll('path.leaflet-interactive').length >= 15", timeout=60_000
    )
    elapsed = time.perf_counter() - started
    print(f"page load to polygons drawn: {elapsed:.2f} s")
    assert inner.locator("path.leaflet-interactive").count() == 15
    assert inner.get_by_text("Pesisir Barat").count() >= 1
    wait_until_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "wilayah")
    assert page.outside_requests == []
