"""Metodologi under AppTest: every registry indicator, definitions, attributions."""

from dashboard.indicators.registry import INDICATORS
from tests.app._analysis import open_page

PAGE = "ui/views/methodology.py"


def _text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_methodology_lists_every_indicator_and_attributions(app_with_geo):
    at = open_page(app_with_geo, PAGE)
    assert not at.exception
    assert at.title[0].value == "Metodologi"
    text = _text(at)
    for ind in INDICATORS.values():
        assert f"`{ind.id}`" in text and ind.label_id in text
    assert "MIT License" in text and "BSD-2-Clause" in text
    assert "Penerima" in text
    assert any("MIT" in c.value for c in at.code)


def test_methodology_switches_to_english(app_with_geo):
    at = open_page(app_with_geo, PAGE, lang="en")
    text = _text(at)
    assert at.title[0].value == "Methodology"
    assert all(ind.label_en in text for ind in INDICATORS.values())
