"""Read side of the boundaries: what the app loads from ``geo_dir()``.

Everything here reads files written by ``python -m dashboard geo build`` and
never builds. Results are cached by path and modification time, so a rebuild
is picked up without restarting the app.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd

from dashboard import config
from dashboard.geo.build import DESA_FILE, KABUPATEN_FILE, KECAMATAN_FILE

Level = Literal["kabupaten", "kecamatan"]

_FILES: dict[str, str] = {"kabupaten": KABUPATEN_FILE, "kecamatan": KECAMATAN_FILE}


def _path(level: str) -> Path:
    if level not in _FILES:
        raise ValueError(f"unknown level {level!r}; expected 'kabupaten' or 'kecamatan'")
    return config.geo_dir() / _FILES[level]


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns


def available() -> bool:
    """Return whether both boundary layers and the desa master list are built."""
    folder = config.geo_dir()
    return all((folder / name).is_file() for name in (KABUPATEN_FILE, KECAMATAN_FILE, DESA_FILE))


def missing_message() -> str:
    """Return the Bahasa instruction shown when boundaries are not installed."""
    return (
        "Batas wilayah belum terpasang. Jalankan `python -m dashboard geo build` "
        "(atau `GEO_SOURCE=/path/ke/db python -m dashboard geo build` tanpa internet), "
        "lalu muat ulang halaman ini (boundaries not installed: build them, then reload)."
    )


@lru_cache(maxsize=8)
def _read_layer(path: str, mtime: int) -> gpd.GeoDataFrame:
    frame = gpd.read_file(path)
    for column in frame.columns:
        if column != frame.geometry.name and column != "luas_km2":
            frame[column] = frame[column].astype("string")
    return frame.set_crs(config.DISPLAY_CRS, allow_override=True)


def load_layer(level: Level) -> gpd.GeoDataFrame:
    """Load one boundary layer in EPSG:4326.

    Parameters
    ----------
    level : {"kabupaten", "kecamatan"}
        Which layer.

    Returns
    -------
    GeoDataFrame
        A copy (safe to modify); codes and names are ``string`` dtype.

    Raises
    ------
    FileNotFoundError
        When the layer is not built (check :func:`available` first).
    """
    path = _path(level)
    return _read_layer(str(path), _mtime(path)).copy()


@lru_cache(maxsize=64)
def _text(path: str, mtime: int, kode_kab: str | None) -> str:
    text = Path(path).read_text(encoding="utf-8")
    if kode_kab is None:
        return text
    data = json.loads(text)
    key = "kode_kab" if Path(path).name == KECAMATAN_FILE else "kode"
    data["features"] = [f for f in data["features"] if f["properties"].get(key) == kode_kab]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def geojson_text(level: Level, kode_kab: str | None = None) -> str:
    """Return a layer as a compact GeoJSON string, ready for Leaflet.

    Parameters
    ----------
    level : {"kabupaten", "kecamatan"}
        Which layer.
    kode_kab : str or None
        Kemendagri kabupaten code (``18.04``): keep only that kabupaten's
        features (its kecamatan, or itself on the kabupaten layer).

    Returns
    -------
    str
        A FeatureCollection.
    """
    path = _path(level)
    return _text(str(path), _mtime(path), kode_kab)


@lru_cache(maxsize=4)
def _read_desa(path: str, mtime: int) -> pd.DataFrame:
    return pd.read_parquet(path)


def desa_master() -> pd.DataFrame:
    """Return the desa master list (``kode_desa``, ``nama_desa``, ``kode_kec``, ...).

    Returns
    -------
    DataFrame
        One row per desa polygon in the source, a copy.
    """
    path = config.geo_dir() / DESA_FILE
    return _read_desa(str(path), _mtime(path)).copy()
