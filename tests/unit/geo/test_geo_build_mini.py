import json
from pathlib import Path

import pytest
import shapely

from dashboard.errors import UserError
from dashboard.geo import build as geo_build
from tests.unit.geo.conftest import MINI


def test_build_mini_kecamatan_layer_is_valid_coverage(mini_build):
    assert shapely.coverage_is_valid(mini_build.layer("kecamatan").geometry.to_numpy())


def test_build_mini_kabupaten_layer_is_valid_coverage(mini_build):
    assert shapely.coverage_is_valid(mini_build.layer("kabupaten").geometry.to_numpy())


def test_build_mini_kabupaten_equals_union_of_its_kecamatan(mini_build):
    kec = mini_build.layer("kecamatan")
    kab = mini_build.layer("kabupaten").set_index("kode")
    diffs = [
        shapely.symmetric_difference(kab.geometry[k], shapely.union_all(kec[kec.kode_kab == k].geometry)).area
        for k in kab.index
    ]
    assert max(diffs) < 1e-12


def test_build_mini_overlap_and_gap_are_resolved(mini_build):
    cleaning = mini_build.report["cleaning"]
    assert cleaning["overlap_km2"] > 0 and cleaning["gap_km2"] > 0


def test_build_mini_kabupaten_carry_bps_codes(mini_build):
    kab = mini_build.layer("kabupaten")
    assert dict(zip(kab.kode, kab.kode_bps, strict=True)) == {"18.01": "1803", "18.04": "1801"}


def test_build_mini_kabupaten_properties_present(mini_build):
    feature = json.loads(mini_build.text("kabupaten"))["features"][0]
    assert set(feature["properties"]) == {"kode", "kode_bps", "nama", "nama_resmi", "jenis", "luas_km2"}


def test_build_mini_kecamatan_properties_present(mini_build):
    properties = json.loads(mini_build.text("kecamatan"))["features"][1]["properties"]
    assert properties == {
        "kode": "18.04.05",
        "nama": "Kecamatan Uji Selatan",
        "kode_kab": "18.04",
        "nama_kab": "Lampung Barat",
        "luas_km2": properties["luas_km2"],
    }


def _numbers(value):
    if isinstance(value, list):
        return [n for item in value for n in _numbers(item)]
    return [value]


def test_build_mini_geojson_has_no_more_than_five_decimals(mini_build):
    features = json.loads(mini_build.text("kecamatan"), parse_float=str)["features"]
    numbers = [n for f in features for n in _numbers(f["geometry"]["coordinates"])]
    assert max(len(n.partition(".")[2]) for n in numbers) <= 5


def test_build_mini_desa_master_has_expected_columns_and_rows(mini_build):
    desa = mini_build.desa()
    assert (list(desa.columns), len(desa)) == (list(geo_build.DESA_COLUMNS), 4)


def test_build_mini_desa_points_lie_in_their_kecamatan(mini_build):
    desa = mini_build.desa()
    kec = mini_build.layer("kecamatan").set_index("kode")
    inside = [
        shapely.Point(r.lon, r.lat).within(kec.geometry[r.kode_kec].buffer(1e-5)) for r in desa.itertuples()
    ]
    assert all(inside)


def test_build_mini_second_run_is_skipped(mini_build, mini_checksums):
    report = geo_build.build(MINI / "db", mini_build.out_dir, checksums=mini_checksums)
    assert report["skipped"] is True


def test_build_tampered_source_leaves_no_layer(mini_copy: Path, mini_checksums, tmp_path: Path):
    (mini_copy / "kec/wilayah_boundaries_kec_18.sql").write_text("tampered", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(UserError):
        geo_build.build(mini_copy, out, force=True, checksums=mini_checksums)
    assert not (out / geo_build.KECAMATAN_FILE).exists()
