"""Bandingkan under AppTest: chosen kabupaten, gaps, peer groups, funnel plot."""

from __future__ import annotations

import json

PAGE = "ui/views/compare.py"


def _open(app, **params):
    for key, value in params.items():
        app.query_params[key] = value
    return app.run().switch_page(PAGE).run()


def _charts(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_compare_three_kabupaten_from_url(app_with_geo):
    at = _open(app_with_geo, banding="18.01,18.05,18.71", indikator="tepat_waktu")
    assert not at.exception
    assert at.title[0].value == "Bandingkan"
    charts = _charts(at)
    multiples, gaps, _peers, funnel = charts
    names = {t["name"] for t in multiples["data"]}
    assert names == {"Lampung Selatan", "Tulang Bawang", "Bandar Lampung"}
    assert "PKH" in multiples["layout"]["title"]["text"]
    assert next(t["x"] for t in gaps["data"]) == ["Lampung Selatan", "Tulang Bawang", "Bandar Lampung"]
    assert any(t.get("name") == "Batas 99,8%" for t in funnel["data"])
    assert len(at.dataframe[0].value) == 3


def test_compare_peer_group_highlight_and_url(app_with_geo):
    at = _open(app_with_geo, kelompok="pesisir", anggota="daratan")
    assert not at.exception
    peers = _charts(at)[-2]
    colours = peers["data"][0]["marker"]["color"]
    assert colours.count("#E69F00") == 8  # 8 inland kabupaten/kota
    at.selectbox(key="filter.kelompok").select("kemiskinan").run()
    assert "rendah" in str(at.query_params["anggota"])


def test_compare_needs_two_and_bad_url_falls_back(app_with_geo):
    at = _open(app_with_geo, banding="18.01", kelompok="warna")
    assert not at.exception
    assert any("dua" in i.value for i in at.info)
    assert any("kelompok" in w.value for w in at.warning)


def test_compare_rupiah_indicator_has_no_funnel(app_with_geo):
    at = _open(app_with_geo, indikator="realisasi_rp")
    assert not at.exception
    assert any("corong" in i.value for i in at.info)
