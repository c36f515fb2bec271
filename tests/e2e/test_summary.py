"""Ringkasan in a real browser: KPI cards, narrative, synthetic banner, offline."""

import time

import pytest

from tests.e2e.conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.e2e


def test_summary_shows_kpis_narrative_and_synthetic_banner(app_url, page):
    started = time.perf_counter()
    page.goto(f"{app_url}/?program=PKH")
    page.wait_for_selector("h1:has-text('Ringkasan')", timeout=120_000)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=120_000)
    wait_until_idle(page, timeout=120_000)
    print(f"ringkasan: drawn in {time.perf_counter() - started:.2f} s")
    assert page.locator('[data-testid="stMetricValue"]').count() == 6
    assert page.get_by_text("DATA SINTETIS").count() >= 1
    assert page.get_by_text("Provinsi Lampung").count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "ringkasan")
    assert page.outside_requests == []


def test_summary_program_filter_goes_into_the_url(app_url, page):
    page.goto(f"{app_url}/?program=SEMBAKO")
    page.wait_for_selector("text=/SEMBAKO, Triwulan/", timeout=120_000)
    wait_until_idle(page, timeout=120_000)
    assert "program=SEMBAKO" in page.url
