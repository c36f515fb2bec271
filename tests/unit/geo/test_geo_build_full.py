"""The real build on the local upstream copy (slow, runs in CI too)."""

import pytest
import shapely

from dashboard import regions

pytestmark = pytest.mark.slow


def test_build_full_feature_counts(full_build):
    counts = (len(full_build.layer("kabupaten")), len(full_build.layer("kecamatan")))
    assert counts == (15, 229)


def test_build_full_every_kemendagri_code_present(full_build):
    assert tuple(sorted(full_build.layer("kabupaten").kode)) == regions.kemendagri_codes()


def test_build_full_kecamatan_coverage_valid(full_build):
    assert shapely.coverage_is_valid(full_build.layer("kecamatan").geometry.to_numpy())


def test_build_full_kabupaten_coverage_valid(full_build):
    assert shapely.coverage_is_valid(full_build.layer("kabupaten").geometry.to_numpy())


def test_build_full_every_geometry_valid(full_build):
    geometries = [*full_build.layer("kabupaten").geometry, *full_build.layer("kecamatan").geometry]
    assert all(shapely.is_valid(geometries))


def test_build_full_layers_nest_exactly(full_build):
    kec = full_build.layer("kecamatan")
    kab = full_build.layer("kabupaten").set_index("kode")
    diffs = [
        shapely.symmetric_difference(
            kab.geometry[k], shapely.coverage_union_all(kec[kec.kode_kab == k].geometry)
        ).area
        for k in kab.index
    ]
    assert max(diffs) < 1e-10


def test_build_full_kabupaten_size_within_limit(full_build):
    assert (full_build.out_dir / "kabupaten.geojson").stat().st_size <= 300 * 1024


def test_build_full_kecamatan_size_within_limit(full_build):
    assert (full_build.out_dir / "kecamatan.geojson").stat().st_size <= 1024 * 1024


def test_build_full_desa_master_rows(full_build):
    desa = full_build.desa()
    assert len(desa) >= 2600 and desa.kode_desa.is_unique


def test_build_full_desa_master_codes_are_dotted_ten_digit(full_build):
    assert full_build.desa().kode_desa.str.fullmatch(r"18\.\d\d\.\d\d\.\d{4}").all()


def test_build_full_province_area_near_official_total(full_build):
    total = full_build.layer("kabupaten").luas_km2.sum()
    assert 33_000 < total < 35_500
