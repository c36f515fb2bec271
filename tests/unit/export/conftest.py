"""Fixtures for the meeting-pack tests: one tiny engine, one pack, each file rendered once."""

from __future__ import annotations

import geopandas as gpd
import pytest

from dashboard.export import pack as pack_mod
from dashboard.export.render import render


@pytest.fixture(scope="session")
def tiny_engine(tiny_processed_dir):
    from dashboard.indicators.engine import Engine

    return Engine.from_processed(tiny_processed_dir)


@pytest.fixture(scope="session")
def kab_layer(full_geo_dir):
    return gpd.read_file(full_geo_dir / "kabupaten.geojson")


@pytest.fixture(scope="session")
def kec_names(full_geo_dir):
    layer = gpd.read_file(full_geo_dir / "kecamatan.geojson")
    return dict(zip(layer["kode"].astype(str), layer["nama"].astype(str), strict=True))


@pytest.fixture(scope="session")
def periode(tiny_engine):
    return pack_mod.default_period(tiny_engine, "PKH")


@pytest.fixture(scope="session")
def tiny_pack(tiny_engine, periode, kec_names):
    return pack_mod.build_pack(
        tiny_engine, program="PKH", periode=periode, indicator="realisasi_kpm", kecamatan_names=kec_names
    )


@pytest.fixture(scope="session")
def files(tiny_pack, kab_layer):
    return {fmt: render(tiny_pack, fmt, kab_layer) for fmt in pack_mod.FORMATS}
