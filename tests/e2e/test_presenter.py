"""Mode Presentasi in a real browser: download the PPTX, re-open it, offline, screenshot."""

import io
from pathlib import Path

import pytest
from pptx import Presentation

from tests.e2e.conftest import screenshot, wait_until_idle

pytestmark = pytest.mark.e2e


def test_presenter_downloads_an_editable_pptx(app_url, page):
    page.goto(f"{app_url}/presentasi?slide=3")
    page.wait_for_selector("text=Berikutnya", timeout=120_000)
    wait_until_idle(page, timeout=120_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1", has_text="Peta:").count() >= 1
    button = page.get_by_role("button", name="PowerPoint (PPTX, dapat diedit)")
    with page.expect_download(timeout=120_000) as download:
        button.click()
    path = download.value.path()
    deck = Presentation(io.BytesIO(Path(path).read_bytes()))
    assert len(deck.slides) == 6 + 15
    assert download.value.suggested_filename.endswith(".pptx")
    page.get_by_role("button", name="Berikutnya ▶").click()
    page.wait_for_function("() => location.search.includes('slide=4')", timeout=60_000)
    wait_until_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "presenter")
    assert page.outside_requests == []
