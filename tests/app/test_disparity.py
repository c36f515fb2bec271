"""Kesenjangan under AppTest."""

from tests.app._analysis import charts, open_page, titles

PAGE = "ui/views/disparity.py"


def test_disparity_renders_sentence_measures_and_theil(app_with_geo):
    at = open_page(app_with_geo, PAGE, program="PKH", periode="2025-T3", indikator="tepat_waktu")
    assert not at.exception
    assert at.title[0].value == "Kesenjangan"
    assert any(
        "Gini" in m.value and ("menyempit" in m.value or "melebar" in m.value or "tetap" in m.value)
        for m in at.markdown
    )
    shown = titles(at)
    assert len(shown) == 2 and all("Tepat waktu" in t and "PKH" in t for t in shown)
    assert charts(at)[1]["layout"]["barmode"] == "stack"
    assert len(at.metric) == 4


def test_disparity_indicator_change_changes_charts(app_with_geo):
    at = open_page(app_with_geo, PAGE, program="PKH", periode="2025-T3", indikator="tepat_waktu")
    at.selectbox(key="filter.indikator").set_value("inklusi").run()
    assert all("Kesalahan inklusi" in t for t in titles(at))
    assert "inklusi" in str(at.query_params["indikator"])


def test_disparity_bad_indicator_falls_back_with_message(app_with_geo):
    at = open_page(app_with_geo, PAGE, indikator="bogus")
    assert not at.exception
    assert any("indikator" in w.value for w in at.warning)
