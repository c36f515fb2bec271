import json

import pytest

from dashboard.geo import layers


@pytest.fixture
def built_dir(mini_build, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PRESISI_GEO_DIR", str(mini_build.out_dir))
    return mini_build.out_dir


def test_available_empty_folder_is_false(tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PRESISI_GEO_DIR", str(tmp_path))
    assert layers.available() is False


def test_available_built_folder_is_true(built_dir):
    assert layers.available() is True


def test_missing_message_names_the_build_command():
    assert "python -m dashboard geo build" in layers.missing_message()


def test_load_layer_codes_are_strings(built_dir):
    frame = layers.load_layer("kecamatan")
    assert str(frame["kode"].dtype) == "string" and frame.crs.to_epsg() == 4326


def test_load_layer_returns_copy_not_cached_object(built_dir):
    layers.load_layer("kabupaten")["nama"] = "x"
    assert "x" not in set(layers.load_layer("kabupaten")["nama"])


def test_geojson_text_filters_one_kabupaten(built_dir):
    data = json.loads(layers.geojson_text("kecamatan", kode_kab="18.04"))
    assert [f["properties"]["kode"] for f in data["features"]] == ["18.04.05"]


def test_geojson_text_unknown_level_raises(built_dir):
    with pytest.raises(ValueError):
        layers.geojson_text("desa")  # type: ignore[arg-type]


def test_desa_master_reads_parquet(built_dir):
    assert set(layers.desa_master()["kode_kab"]) == {"18.01", "18.04"}
