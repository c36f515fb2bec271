"""Profil Wilayah in a real browser: the map draws exactly the kabupaten's kecamatan."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.e2e

GEO = Path(__file__).resolve().parents[2] / "data" / "geo" / "kecamatan.geojson"


def _kecamatan_count(kab: str) -> int:
    features = json.loads(GEO.read_text())["features"]
    return sum(1 for f in features if f["properties"].get("kode_kab") == kab)


@pytest.mark.parametrize("kab", ["18.01", "18.72"])
def test_profile_map_draws_exactly_its_kecamatan(app_url, page, kab):
    expected = _kecamatan_count(kab)
    assert expected > 0
    page.goto(f"{app_url}/profil?kab={kab}&program=PKH")
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', state="attached", timeout=120_000)
    wait_until_idle(page)
    inner = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    expect(inner.locator("path.leaflet-interactive")).to_have_count(expected, timeout=60_000)
    page.wait_for_selector("text=Provinsi Lampung", timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, f"profil-{kab}")
    assert page.outside_requests == []
