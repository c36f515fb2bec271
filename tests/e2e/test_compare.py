"""Bandingkan in a real browser: charts drawn, funnel plot present, offline."""

import pytest

from tests.e2e.conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.e2e


def test_compare_draws_charts_offline(app_url, page):
    page.goto(f"{app_url}/bandingkan?program=PKH&indikator=tepat_waktu&banding=18.01,18.05,18.71")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
    wait_until_idle(page)
    heading = page.get_by_text("Plot corong (funnel plot)")
    heading.scroll_into_view_if_needed()
    page.wait_for_selector("text=Batas 99,8%", timeout=60_000)  # the funnel legend, drawn by plotly
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "bandingkan")
    assert page.outside_requests == []
