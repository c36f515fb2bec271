"""Shared fixtures: the invented miniature upstream and builds of it and of the real copy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from dashboard.geo import build as geo_build
from dashboard.geo.source import read_checksums

MINI = Path(__file__).resolve().parents[2] / "fixtures" / "geo_mini"


class Built:
    """A finished build: its report and its output folder."""

    def __init__(self, report: dict, out_dir: Path) -> None:
        self.report = report
        self.out_dir = out_dir

    def layer(self, level: str) -> gpd.GeoDataFrame:
        return gpd.read_file(self.out_dir / f"{level}.geojson")

    def text(self, level: str) -> str:
        return (self.out_dir / f"{level}.geojson").read_text(encoding="utf-8")

    def desa(self) -> pd.DataFrame:
        return pd.read_parquet(self.out_dir / geo_build.DESA_FILE)


@pytest.fixture(scope="session")
def mini_checksums() -> dict[str, str]:
    return read_checksums(MINI / "upstream_sha256.txt")


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the miniature ``db/`` folder."""
    return Path(shutil.copytree(MINI / "db", tmp_path / "db"))


@pytest.fixture(scope="session")
def mini_build(tmp_path_factory: pytest.TempPathFactory, mini_checksums: dict[str, str]) -> Built:
    out = tmp_path_factory.mktemp("geo_mini_out")
    report = geo_build.build(MINI / "db", out, force=True, checksums=mini_checksums)
    return Built(report, out)


@pytest.fixture(scope="session")
def full_build(full_geo_dir: Path) -> Built:
    report = json.loads((full_geo_dir / "build_report.json").read_text(encoding="utf-8"))
    return Built(report, full_geo_dir)
