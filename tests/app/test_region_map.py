"""Peta Wilayah under AppTest: runs without exception, offline map, reference table."""

import json

PAGE = "ui/views/region_map.py"


def _open(app):
    return app.run().switch_page(PAGE).run()


def _folium_args(at):
    components = at.get("component_instance")
    assert components, "no st_folium component rendered"
    return json.loads(components[0].proto.json_args)


def test_region_map_renders_map_with_local_leaflet_and_15_areas(app_with_geo):
    at = _open(app_with_geo)
    assert not at.exception
    assert at.title[0].value == "Fakta Wilayah"
    args = _folium_args(at)
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])
    assert args["script"].count('"kode":') == 15


def test_region_map_reference_table_uses_indonesian_numbers(app_with_geo):
    at = _open(app_with_geo)
    table = at.dataframe[0].value
    assert len(table) == 15
    lamsel = table[table["Kode Kemendagri"] == "18.01"].iloc[0]
    assert lamsel["Penduduk 2024"] == "1.124.683"
    assert lamsel["Kode BPS"] == "1803"


def test_region_map_without_boundaries_explains_and_shows_tiles(app_without_geo):
    at = _open(app_without_geo)
    assert not at.exception
    assert any("Batas wilayah belum terpasang" in w.value for w in at.warning)
    assert at.get("plotly_chart")


def test_region_map_switches_to_english_from_url(app_with_geo):
    app_with_geo.query_params["lang"] = "en"
    at = _open(app_with_geo)
    assert at.title[0].value == "Region facts"
