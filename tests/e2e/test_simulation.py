"""Simulasi in a real browser: no error, before/after table drawn, offline, screenshot saved."""

import pytest

from tests.e2e.conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.e2e


def test_simulation_page_renders_offline(app_url, page):
    page.goto(f"{app_url}/simulasi?program=PKH&aturan=B&porsi=50")
    page.get_by_text("Per kabupaten: arus keluarga dan kuota").wait_for(timeout=90_000)
    page.wait_for_selector('[data-testid="stDataFrame"] >> nth=1', state="attached", timeout=90_000)
    wait_until_idle(page, timeout=90_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Anggaran tetap", exact=False).count() >= 1
    assert page.locator('[data-testid="stDataFrame"]').count() >= 2
    screenshot(page, "simulasi")
    assert page.outside_requests == []
