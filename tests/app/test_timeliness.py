"""Ketepatan Waktu under AppTest."""

from dashboard import i18n
from tests.app._analysis import charts, open_page, titles

PAGE = "ui/views/timeliness.py"


def test_timeliness_renders_kpis_and_four_titled_charts(app_with_geo):
    at = open_page(app_with_geo, PAGE, program="PKH", periode="2025-T3")
    assert not at.exception
    assert at.title[0].value == "Ketepatan Waktu"
    assert len(at.metric) == 4
    shown = titles(at)
    assert len(shown) == 4
    assert all("PKH" in t for t in shown)
    assert "Triwulan III 2025" in shown[0] and "(%)" in shown[0]
    cumulative = charts(at)[0]
    assert len(cumulative["data"]) == 16  # 15 kabupaten + province
    assert any(s.get("type") == "line" for s in cumulative["layout"]["shapes"])  # due date


def test_timeliness_kabupaten_filter_changes_highlight_and_url(app_with_geo):
    at = open_page(app_with_geo, PAGE, program="PKH", periode="2025-T3", kab="18.01")
    before = [t["name"] for t in charts(at)[0]["data"] if t.get("showlegend") is not False]
    at.selectbox(key="filter.kab").set_value("18.10").run()
    after = [t["name"] for t in charts(at)[0]["data"] if t.get("showlegend") is not False]
    assert before != after and "Pringsewu" in after
    assert at.query_params["kab"] == ["18.10"] or at.query_params["kab"] == "18.10"


def test_timeliness_bad_url_value_falls_back_with_message(app_with_geo):
    at = open_page(app_with_geo, PAGE, periode="2099-T9")
    assert not at.exception
    assert any("periode" in w.value for w in at.warning)
    assert len(titles(at)) == 4


def test_timeliness_in_english(app_with_geo):
    at = open_page(app_with_geo, PAGE, lang="en")
    assert at.title[0].value == i18n.t("page_timeliness", "en")
    assert any("Share of active KPM" in t for t in titles(at))
