"""Simulasi under AppTest: renders, before/after present, rule changes the result, bad URL falls back."""

from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP

PAGE = "ui/views/simulation.py"


def _open(app):
    return app.run().switch_page(PAGE).run()


def _table(at):
    return next(df.value for df in at.dataframe if "Keluarga masuk" in df.value.columns)


def test_simulation_renders_before_and_after(app_with_geo):
    at = _open(app_with_geo)
    assert not at.exception
    assert at.title[0].value == "Simulasi Realokasi Kuota"
    table = _table(at)
    assert "Provinsi Lampung" in set(table["Wilayah"])
    assert any("(sebelum)" in c for c in table.columns) and any("(sesudah)" in c for c in table.columns)
    assert any("Anggaran tetap" in i.value for i in at.info)
    assert any("Asumsi" in s.value for s in at.subheader)
    assert at.get("plotly_chart")


def test_changing_the_rule_changes_the_result(app_with_geo):
    at = _open(app_with_geo)
    before = _table(at)
    other = AppTest.from_file(APP, default_timeout=60)  # a new session reads the URL afresh
    other.query_params["aturan"] = "B"
    other.query_params["porsi"] = "100"
    at = _open(other)
    assert not at.exception
    after = _table(at)
    assert not before.equals(after)
    assert set(after["Kuota dipindah masuk"]) != {"0"}


def test_bad_url_rule_falls_back_with_a_message(app_with_geo):
    app_with_geo.query_params["aturan"] = "Z"
    at = _open(app_with_geo)
    assert not at.exception
    assert any("aturan" in w.value for w in at.warning)
    assert any("ganti di kabupaten yang sama" in c.value or "Keluarkan KPM" in c.value for c in at.caption)
