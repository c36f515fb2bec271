"""Peta under AppTest: choropleth, legend, ranking, tile map, before/after, URL round trip."""

from __future__ import annotations

import json

PAGE = "ui/views/map.py"


def _open(app, **params):
    for key, value in params.items():
        app.query_params[key] = value
    return app.run().switch_page(PAGE).run()


def _folium(at):
    return [json.loads(c.proto.json_args) for c in at.get("component_instance")]


def _charts(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _markdown(at):
    return " ".join(m.value for m in at.markdown)


def test_map_draws_15_kabupaten_with_policy_legend_and_ranking(app_with_geo):
    at = _open(app_with_geo, indikator="tepat_waktu")
    assert not at.exception
    assert at.title[0].value == "Peta"
    maps_ = _folium(at)
    assert len(maps_) == 1
    args = maps_[0]
    assert args["script"].count('"kode":') == 15
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])
    assert "Pembilang/penyebut" in args["script"]
    text = _markdown(at)
    assert "Legenda: ambang kebijakan" in text and "tidak ada data" in text
    (bar,) = _charts(at)
    assert bar["data"][0]["type"] == "bar" and len(bar["data"][0]["y"]) == 15
    assert "Tepat waktu — PKH" in bar["layout"]["title"]["text"]
    assert "Pembilang/penyebut" in json.dumps(bar["data"][0]["customdata"])


def test_map_data_classes_tiles_and_before_after_from_url(app_with_geo):
    at = _open(app_with_geo, kelas="quantiles", tampilan="petak")
    assert not at.exception
    assert "Kuantil (data)" in _markdown(at)
    assert not _folium(at)
    tiles, _bar = _charts(at)
    assert tiles["data"][0]["mode"] == "markers+text" and "PKH" in tiles["layout"]["title"]["text"]
    at.segmented_control(key="filter.tampilan").set_value("dua").run()
    assert not at.exception
    assert at.query_params["tampilan"] == ["dua"] or at.query_params["tampilan"] == "dua"
    assert len(_folium(at)) == 2
    assert at.selectbox(key="filter.sebelum").value


def test_filter_change_changes_map_and_url(app_with_geo):
    at = _open(app_with_geo)
    before = _charts(at)[0]["layout"]["title"]["text"]
    at.selectbox(key="filter.indikator").select("gagal").run()
    after = _charts(at)[0]["layout"]["title"]["text"]
    assert before != after and after.startswith("Gagal salur")
    assert "gagal" in str(at.query_params["indikator"])


def test_bad_url_value_falls_back_with_message(app_with_geo):
    at = _open(app_with_geo, kelas="pelangi")
    assert not at.exception
    assert any("kelas" in w.value for w in at.warning)
    assert "Legenda: ambang kebijakan" in _markdown(at)
