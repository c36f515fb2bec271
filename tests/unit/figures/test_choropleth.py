"""Choropleth data: policy and data classes, no-data class, tooltips, labels."""

import geopandas as gpd
from shapely.geometry import box

from dashboard.figures import choropleth
from dashboard.figures.colours import NO_DATA_COLOUR, STATUS_COLOURS
from dashboard.indicators.registry import INDICATORS

IND = INDICATORS["realisasi_kpm"]


def test_policy_colouring_uses_status_colours_and_counts_no_data(table):
    result = choropleth.policy_colouring(table, IND, "PKH")
    assert result.colours["18.01"] == STATUS_COLOURS["kuning"]
    assert result.colours["18.02"] == STATUS_COLOURS["merah"]
    assert result.colours["18.04"] == NO_DATA_COLOUR
    counts = {item.colour: item.count for item in result.legend}
    assert counts[STATUS_COLOURS["merah"]] == 2
    assert counts[NO_DATA_COLOUR] == 1
    assert result.legend[-1].text == "tidak ada data"
    assert "≥ 95,0%" in result.legend[0].text


def test_data_colouring_shares_classes_between_periods_and_keeps_no_data_grey(table):
    later = table.assign(value=[0.95, 0.75, 0.85, 0.5])
    before, after = choropleth.data_colouring([table, later], IND, "quantiles", 3)
    assert [i.text for i in before.legend] == [i.text for i in after.legend]
    assert before.colours["18.04"] == NO_DATA_COLOUR
    assert after.colours["18.04"] != NO_DATA_COLOUR
    assert sum(i.count for i in before.legend) == 4
    assert before.legend[-1].count == 1 and after.legend[-1].count == 0


def test_tooltips_carry_fraction_interval_and_small_n(table):
    styles = choropleth.area_styles(table, {"18.01": "#000000"}, IND)
    tip = " | ".join(styles["18.03"].tooltip)
    assert "80,0%" in tip and "20 / 25" in tip and "Selang 95%" in tip and "penyebut kecil" in tip
    assert styles["18.03"].label == "80,0% *"
    assert styles["18.04"].label == "tidak ada data"
    assert styles["18.02"].fill == NO_DATA_COLOUR  # not in the colour mapping: grey, never a value colour


def test_legend_html_lists_ranges_and_counts(table):
    html = choropleth.legend_html(
        choropleth.policy_colouring(table, IND, "PKH").legend, "Legenda", "makin tinggi"
    )
    assert "tidak ada data" in html and "2 wilayah" in html and "Legenda" in html


def test_areas_in_keeps_only_that_kabupaten():
    layer = gpd.GeoDataFrame(
        {
            "kode": ["18.01.01", "18.01.02", "18.02.01"],
            "nama": ["A", "B", "C"],
            "kode_kab": ["18.01", "18.01", "18.02"],
        },
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1)],
        crs="EPSG:4326",
    )
    areas = choropleth.areas_in(layer, "18.01")
    assert list(areas["kode"]) == ["18.01.01", "18.01.02"]


def test_named_replaces_code_names(table):
    areas = table[["kode"]].assign(nama=["S", "T", "U", "B"])
    assert list(choropleth.named(table, areas)["nama"]) == ["S", "T", "U", "B"]


def test_tile_inputs_escape_and_colour(table):
    styles = choropleth.area_styles(table, choropleth.policy_colouring(table, IND, "PKH").colours, IND)
    colours, labels, hover = choropleth.tile_inputs(
        styles, dict(zip(table["kode"], table["nama"], strict=True))
    )
    assert colours["18.04"] == NO_DATA_COLOUR
    assert labels["18.01"] == "90,0%"
    assert hover["18.01"].startswith("<b>Lampung Selatan</b>") and "900 / 1.000" in hover["18.01"]
