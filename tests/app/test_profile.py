"""Profil Wilayah under AppTest: one kabupaten, its kecamatan, all indicators, quality badge."""

from __future__ import annotations

import json

import geopandas as gpd

PAGE = "ui/views/profile.py"


def _open(app, **params):
    for key, value in params.items():
        app.query_params[key] = value
    return app.run().switch_page(PAGE).run()


def test_profile_shows_kabupaten_with_its_kecamatan_only(app_with_geo, full_geo_dir):
    at = _open(app_with_geo, kab="18.05")
    assert not at.exception
    assert at.title[0].value == "Profil Wilayah"
    assert at.header[0].value == "Tulang Bawang"
    (component,) = at.get("component_instance")
    script = json.loads(component.proto.json_args)["script"]
    kec = gpd.read_file(full_geo_dir / "kecamatan.geojson")
    expected = kec.loc[kec["kode_kab"] == "18.05", "kode"]
    assert script.count('"kode":') == len(expected)
    assert all(f'"kode": "{k}"' in script for k in expected)
    assert "18.06." not in script
    assert any(
        w.value.startswith("Kualitas data") for w in list(at.warning) + list(at.success) + list(at.info)
    )
    tables = at.dataframe
    assert len(tables) >= 2  # indicator groups + kecamatan table
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert any("Tulang Bawang dan provinsi" in c["layout"]["title"]["text"] for c in charts)


def test_profile_breadcrumb_links_back_with_filters(app_with_geo):
    at = _open(app_with_geo, kab="18.71", periode="2025-T4")
    assert not at.exception
    assert at.header[0].value == "Bandar Lampung"
    links = at.get("page_link")
    assert len(links) >= 2
    assert all("periode=2025-T4" in link.proto.query_string for link in links)


def test_profile_kab_change_and_bad_kab(app_with_geo):
    at = _open(app_with_geo, kab="99.99")
    assert not at.exception
    assert any("kab" in w.value for w in at.warning)
    at.selectbox(key="filter.kab").select("18.72").run()
    assert at.header[0].value == "Metro"
    assert "18.72" in str(at.query_params["kab"])
