"""Build the boundary layers and the desa master list from upstream SQL.

Steps (the research note ``geo/SOURCE.md`` in the shared folder gives the reasoning):

1. parse desa polygons, swap ``[lat, lng]`` to lon/lat, merge nested shells;
2. project to :data:`dashboard.config.METRIC_CRS`, snap to 1 cm and dissolve
   desa into kecamatan (first 8 characters of the code);
3. rebuild the kecamatan as a clean coverage (:mod:`dashboard.geo.coverage`)
   and measure ``luas_km2`` there;
4. simplify the whole coverage at once (``shapely.coverage_simplify``) so
   shared edges stay shared;
5. reproject to EPSG:4326 and snap to 5 decimals with one more coverage
   pass, so rounding cannot open slivers;
6. kabupaten = coverage union of their kecamatan, so the layers nest exactly.

Outputs go to ``geo_dir()`` and are written atomically: every file is
written to a temporary name first and renamed only when all succeeded.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, mapping
from shapely.geometry.base import BaseGeometry

from dashboard import config, reference, regions
from dashboard.geo import coverage, sqlsource
from dashboard.geo.source import (
    UPSTREAM_COMMIT,
    UPSTREAM_LICENSE,
    UPSTREAM_REPO,
    SourceFiles,
    read_checksums,
    resolve_source,
)

log = logging.getLogger(__name__)

#: Bump when the build logic changes so an old build is not reused.
BUILD_VERSION = 1
#: coverage_simplify tolerance in metres (Visvalingam–Whyatt area threshold scale).
SIMPLIFY_TOLERANCE_M = 120.0
#: Output decimals in degrees (1e-5° ≈ 1.1 m).
DECIMALS = 5

KABUPATEN_FILE = "kabupaten.geojson"
KECAMATAN_FILE = "kecamatan.geojson"
DESA_FILE = "desa.parquet"
REPORT_FILE = "build_report.json"
LICENSE_FILE = "LICENSE-batas-wilayah.txt"
OUTPUT_FILES = (KABUPATEN_FILE, KECAMATAN_FILE, DESA_FILE, REPORT_FILE, LICENSE_FILE)

DESA_COLUMNS = ("kode_desa", "nama_desa", "kode_kec", "nama_kec", "kode_kab", "lon", "lat")

LICENSE_TEXT = f"""Batas wilayah / boundaries: {UPSTREAM_REPO} @ {UPSTREAM_COMMIT}
{config.BOUNDARY_ATTRIBUTION}

MIT License

Copyright (c) 2024 Cahya DSN

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


@dataclass
class Layers:
    """The built layers, in EPSG:4326, before writing.

    Attributes
    ----------
    kabupaten, kecamatan : GeoDataFrame
        Feature properties and geometry, sorted by ``kode``.
    desa : DataFrame
        The desa master list (:data:`DESA_COLUMNS`).
    stats : dict
        Counts and cleaning figures for the build report.
    """

    kabupaten: gpd.GeoDataFrame
    kecamatan: gpd.GeoDataFrame
    desa: pd.DataFrame
    stats: dict[str, Any] = field(default_factory=dict)


def _names(files: SourceFiles, relatives: list[str], code_length: int) -> dict[str, str]:
    names: dict[str, str] = {}
    for relative in relatives:
        for row in sqlsource.read_rows(files.path(relative)):
            if len(row.kode) == code_length:
                names[row.kode] = row.nama
    return names


def read_desa(files: SourceFiles) -> gpd.GeoDataFrame:
    """Read every desa polygon (lon/lat, repaired) with its code and name.

    Parameters
    ----------
    files : SourceFiles
        Verified upstream files.

    Returns
    -------
    GeoDataFrame
        Columns ``kode``, ``nama``, ``label_lon``, ``label_lat`` and geometry
        in EPSG:4326, sorted by ``kode``; one row per desa row in the source.
    """
    records = []
    for relative in files.kel_files():
        for row in sqlsource.read_rows(files.path(relative)):
            if len(row.kode) != 13:
                continue
            records.append(
                {
                    "kode": row.kode,
                    "nama": row.nama,
                    "label_lon": row.lon,
                    "label_lat": row.lat,
                    "geometry": sqlsource.path_geometry(row.path),
                }
            )
    frame = gpd.GeoDataFrame(records, geometry="geometry", crs=config.DISPLAY_CRS)
    return frame.sort_values("kode", kind="stable").reset_index(drop=True)


def desa_master(desa: gpd.GeoDataFrame, kecamatan_names: Mapping[str, str]) -> pd.DataFrame:
    """Return the desa master list: codes, names and a representative point.

    Parameters
    ----------
    desa : GeoDataFrame
        Output of :func:`read_desa` (EPSG:4326).
    kecamatan_names : mapping
        Kecamatan code → name.

    Returns
    -------
    DataFrame
        :data:`DESA_COLUMNS`; ``lon``/``lat`` lie inside the desa polygon
        (the source's label point when the polygon is empty).
    """
    points = shapely.point_on_surface(desa.geometry.to_numpy())
    empty = shapely.is_empty(points)
    lon = np.where(empty, desa["label_lon"].to_numpy(dtype=float), shapely.get_x(points))
    lat = np.where(empty, desa["label_lat"].to_numpy(dtype=float), shapely.get_y(points))
    kode_kec = desa["kode"].str.slice(0, 8)
    return pd.DataFrame(
        {
            "kode_desa": desa["kode"].astype("string"),
            "nama_desa": desa["nama"].astype("string"),
            "kode_kec": kode_kec.astype("string"),
            "nama_kec": kode_kec.map(dict(kecamatan_names)).astype("string"),
            "kode_kab": desa["kode"].str.slice(0, 5).astype("string"),
            "lon": np.round(lon, DECIMALS),
            "lat": np.round(lat, DECIMALS),
        }
    )


def _to_crs(geometries: np.ndarray, source: str, target: str) -> np.ndarray:
    return gpd.GeoSeries(geometries, crs=source).to_crs(target).to_numpy()


def _dissolve_desa(desa_metric: np.ndarray, keys: np.ndarray) -> tuple[list[str], list[BaseGeometry]]:
    codes = sorted(set(keys))
    snapped = shapely.set_precision(desa_metric, coverage.GRID_M)
    geometries = [shapely.union_all(snapped[keys == code], grid_size=coverage.GRID_M) for code in codes]
    return codes, geometries


def build_layers(files: SourceFiles, *, tolerance_m: float = SIMPLIFY_TOLERANCE_M) -> Layers:
    """Build kabupaten and kecamatan coverages and the desa master list.

    Parameters
    ----------
    files : SourceFiles
        Verified upstream files.
    tolerance_m : float
        ``coverage_simplify`` tolerance in metres.

    Returns
    -------
    Layers
        Both layers in EPSG:4326 plus the desa master list and figures.
    """
    kec_names = _names(files, files.kec_files(), 8)
    kab_names = _names(files, files.kab_files(), 5)
    desa = read_desa(files)
    master = desa_master(desa, kec_names)
    metric = _to_crs(desa.geometry.to_numpy(), config.DISPLAY_CRS, config.METRIC_CRS)
    codes, raw = _dissolve_desa(metric, desa["kode"].str.slice(0, 8).to_numpy())
    vertices_raw = int(shapely.get_num_coordinates(np.asarray(raw, dtype=object)).sum())
    clean, clean_stats = coverage.clean_coverage(raw)
    clean_arr = np.asarray(clean, dtype=object)
    area_km2 = shapely.area(clean_arr) / 1e6
    simplified = shapely.coverage_simplify(clean_arr, tolerance_m, simplify_boundary=True)
    degrees = _to_crs(simplified, config.METRIC_CRS, config.DISPLAY_CRS)
    snapped, snap_stats = coverage.clean_coverage(list(degrees), grid=10.0**-DECIMALS, fragment_m2=0.0)
    kec_geoms = shapely.orient_polygons(np.asarray(snapped, dtype=object), exterior_cw=False)

    kab_of = np.array([code[:5] for code in codes])
    kab_codes = sorted(set(kab_of))
    kab_geoms = shapely.orient_polygons(
        np.asarray([shapely.coverage_union_all(kec_geoms[kab_of == k]) for k in kab_codes], dtype=object),
        exterior_cw=False,
    )
    ref = reference.kabupaten().set_index("kode_kemendagri")
    short = {k: str(ref.at[k, "nama_pendek"]) if k in ref.index else kab_names.get(k, k) for k in kab_codes}
    kecamatan = gpd.GeoDataFrame(
        {
            "kode": codes,
            "nama": [kec_names.get(code, code) for code in codes],
            "kode_kab": kab_of,
            "nama_kab": [short[k] for k in kab_of],
            "luas_km2": np.round(area_km2, 2),
        },
        geometry=list(kec_geoms),
        crs=config.DISPLAY_CRS,
    )
    kab_area = {k: float(area_km2[kab_of == k].sum()) for k in kab_codes}
    kabupaten = gpd.GeoDataFrame(
        {
            "kode": kab_codes,
            "kode_bps": [regions.to_bps(k) for k in kab_codes],
            "nama": [short[k] for k in kab_codes],
            "nama_resmi": [
                str(ref.at[k, "nama_resmi"]) if k in ref.index else kab_names.get(k, k) for k in kab_codes
            ],
            "jenis": [str(ref.at[k, "jenis"]) if k in ref.index else "" for k in kab_codes],
            "luas_km2": [round(kab_area[k], 1) for k in kab_codes],
        },
        geometry=list(kab_geoms),
        crs=config.DISPLAY_CRS,
    )
    missing_names = sorted(set(codes) - set(kec_names))
    if missing_names:
        log.warning("kecamatan tanpa nama di tabel hulu: %s", ", ".join(missing_names))
    stats = {
        "desa_polygons": len(desa),
        "desa_empty_geometry": int(desa.geometry.is_empty.sum()),
        "kecamatan": len(kecamatan),
        "kabupaten": len(kabupaten),
        "kecamatan_in_table": len(kec_names),
        "kecamatan_without_polygon": sorted(set(kec_names) - set(codes)),
        "kecamatan_without_name": missing_names,
        "vertices_dissolved": vertices_raw,
        "vertices_kecamatan": int(shapely.get_num_coordinates(kec_geoms).sum()),
        "vertices_kabupaten": int(shapely.get_num_coordinates(kab_geoms).sum()),
        "simplify_tolerance_m": tolerance_m,
        "area_total_km2": round(float(area_km2.sum()), 1),
        "cleaning": {
            "faces": clean_stats.faces,
            "overlap_km2": round(clean_stats.overlap_km2, 4),
            "largest_overlap_km2": round(clean_stats.largest_overlap_km2, 4),
            "gap_km2": round(clean_stats.gap_km2, 4),
            "largest_gap_km2": round(clean_stats.largest_gap_km2, 4),
            "fragments_moved": clean_stats.fragments_moved,
            "notes": clean_stats.notes + snap_stats.notes,
        },
        "coverage_valid": {
            "kecamatan": bool(shapely.coverage_is_valid(kec_geoms)),
            "kabupaten": bool(shapely.coverage_is_valid(kab_geoms)),
        },
        "all_valid": bool(shapely.is_valid(kec_geoms).all() and shapely.is_valid(kab_geoms).all()),
    }
    return Layers(kabupaten, kecamatan, master, stats)


def _rounded(value: Any, decimals: int) -> Any:
    if isinstance(value, float):
        return round(value, decimals)
    if isinstance(value, list | tuple):
        return [_rounded(v, decimals) for v in value]
    return value


def _geometry_json(geometry: BaseGeometry) -> dict[str, Any]:
    if isinstance(geometry, MultiPolygon) and len(geometry.geoms) == 1:
        geometry = geometry.geoms[0]
    shape = mapping(geometry)
    return {"type": shape["type"], "coordinates": _rounded(shape["coordinates"], DECIMALS)}


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def geojson_dumps(frame: gpd.GeoDataFrame) -> str:
    """Serialise a layer as compact RFC 7946 GeoJSON (no ``crs``, 5 decimals).

    Parameters
    ----------
    frame : GeoDataFrame
        Properties plus geometry in EPSG:4326.

    Returns
    -------
    str
        One line of JSON.
    """
    columns = [c for c in frame.columns if c != frame.geometry.name]
    features = [
        {
            "type": "Feature",
            "properties": {c: _plain(v) for c, v in zip(columns, row[:-1], strict=True)},
            "geometry": _geometry_json(row[-1]),
        }
        for row in frame[[*columns, frame.geometry.name]].itertuples(index=False, name=None)
    ]
    return json.dumps(
        {"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")
    )


def _write_all(contents: Mapping[str, bytes | pd.DataFrame], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out_dir, prefix=".build-"))
    try:
        for name, content in contents.items():
            if isinstance(content, pd.DataFrame):
                content.to_parquet(staging / name, index=False)
            else:
                (staging / name).write_bytes(content)
        for name in contents:
            os.replace(staging / name, out_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _up_to_date(out_dir: Path, expected: Mapping[str, str]) -> dict[str, Any] | None:
    report_path = out_dir / REPORT_FILE
    if not all((out_dir / name).is_file() for name in OUTPUT_FILES):
        return None
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if report.get("build_version") != BUILD_VERSION or report.get("files") != dict(expected):
        return None
    return report


def build(
    source: Path | None = None,
    out_dir: Path | None = None,
    *,
    force: bool = False,
    checksums: Mapping[str, str] | None = None,
    tolerance_m: float = SIMPLIFY_TOLERANCE_M,
) -> dict[str, Any]:
    """Build all boundary outputs into ``out_dir`` (``geo_dir()`` by default).

    Parameters
    ----------
    source : Path or None
        Local upstream ``db/`` folder; ``None`` uses ``GEO_SOURCE`` or downloads.
    out_dir : Path or None
        Output folder.
    force : bool
        Rebuild even when the outputs match the pinned files already.
    checksums : mapping or None
        Expected file digests (the project's pinned list by default).
    tolerance_m : float
        Simplification tolerance in metres.

    Returns
    -------
    dict
        The build report (also written as ``build_report.json``); its
        ``skipped`` key is true when nothing had to be rebuilt.

    Raises
    ------
    UserError
        When the source is missing, unreachable or fails its checksum.
    """
    out_dir = Path(out_dir) if out_dir is not None else config.geo_dir()
    expected = dict(read_checksums() if checksums is None else checksums)
    if not force and (existing := _up_to_date(out_dir, expected)) is not None:
        return {**existing, "skipped": True}
    started = time.perf_counter()
    files = resolve_source(source, checksums=expected, cache_dir=out_dir / "upstream")
    layers = build_layers(files, tolerance_m=tolerance_m)
    kab_text = geojson_dumps(layers.kabupaten).encode("utf-8")
    kec_text = geojson_dumps(layers.kecamatan).encode("utf-8")
    report: dict[str, Any] = {
        "build_version": BUILD_VERSION,
        "source": {"repository": UPSTREAM_REPO, "commit": UPSTREAM_COMMIT, "license": UPSTREAM_LICENSE},
        "source_kind": files.kind,
        "source_root": str(files.root),
        "files": dict(files.hashes),
        "attribution": config.BOUNDARY_ATTRIBUTION,
        **layers.stats,
        "desa_master_rows": len(layers.desa),
        "size_bytes": {KABUPATEN_FILE: len(kab_text), KECAMATAN_FILE: len(kec_text)},
        "build_seconds": round(time.perf_counter() - started, 2),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    _write_all(
        {
            KABUPATEN_FILE: kab_text,
            KECAMATAN_FILE: kec_text,
            DESA_FILE: layers.desa,
            LICENSE_FILE: LICENSE_TEXT.encode("utf-8"),
            REPORT_FILE: json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8"),
        },
        out_dir,
    )
    log.info("batas wilayah dibangun dalam %.1f detik", report["build_seconds"])
    return {**report, "skipped": False}
