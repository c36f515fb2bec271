"""Peta in a real browser: 15 polygons, offline; a click opens that kabupaten's profile."""

import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.e2e

QUERY = "program=PKH&indikator=tepat_waktu"


def _map_frame(page):
    """Wait for the map's 15 polygons; a locator re-resolves if the iframe is re-mounted by a rerun."""
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', state="attached", timeout=120_000)
    wait_until_idle(page)
    inner = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    expect(inner.locator("path.leaflet-interactive")).to_have_count(15, timeout=60_000)
    return inner


def test_map_draws_15_kabupaten_offline(app_url, page):
    started = time.perf_counter()
    page.goto(f"{app_url}/peta?{QUERY}")
    inner = _map_frame(page)
    print(f"page load to polygons drawn: {time.perf_counter() - started:.2f} s")
    assert inner.locator("path.leaflet-interactive").count() == 15
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    wait_until_idle(page)
    assert page.get_by_text("Legenda: ambang kebijakan").count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "peta")
    assert page.outside_requests == []


def test_click_on_kabupaten_opens_its_profile(app_url, page):
    page.goto(f"{app_url}/wilayah?lang=id")
    inner = _map_frame(page)
    polygon = inner.locator("path.leaflet-interactive").nth(1)
    # Click a point that is really inside this polygon (the bounding-box centre of a concave
    # area can fall on a neighbour): scan the box for a point whose top element is the path.
    point = polygon.evaluate(
        """(path) => {
            const box = path.getBoundingClientRect();
            for (let fy = 0.5; fy < 1; fy += 0.05) for (const sy of [1, -1])
                for (let fx = 0.5; fx < 1; fx += 0.05) for (const sx of [1, -1]) {
                    const x = box.left + box.width * (0.5 + sx * (fx - 0.5));
                    const y = box.top + box.height * (0.5 + sy * (fy - 0.5));
                    if (document.elementFromPoint(x, y) === path) return {x: x - box.left, y: y - box.top};
                }
            return null;
        }"""
    )
    assert point is not None
    polygon.click(position=point, force=True)
    header = page.wait_for_selector("h2", timeout=60_000)
    name = header.inner_text()
    page.wait_for_selector(f"text=› {name}", timeout=30_000)
    assert "/profil" in page.url and "kab=18.02" in page.url
    assert name == "Lampung Tengah"  # the second feature (18.02)
    wait_until_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.outside_requests == []
