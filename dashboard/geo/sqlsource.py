"""Parse the upstream ``wilayah_boundaries`` SQL dumps into geometries.

Each upstream file holds ``INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path)``
statements whose rows look like ``('18.72.01.1001','Metro',lat,lng,'[[[lat,lng],...]]')``.
The path stores points as ``[lat, lng]``; this module swaps them to
``(lon, lat)``. A polygon is a list of rings; a multipolygon is a list of
polygons, one level deeper.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

_QUOTED = r"'((?:[^'\\]|\\.|'')*)'"
_NUMBER = r"(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|NULL)"
_ROW = re.compile(
    r"\(\s*" + _QUOTED + r"\s*,\s*" + _QUOTED + r"\s*,\s*" + _NUMBER + r"\s*,\s*" + _NUMBER + r"\s*,\s*"
    r"'(\[[^']*\])'\s*\)"
)


@dataclass(frozen=True)
class Row:
    """One upstream row.

    Attributes
    ----------
    kode : str
        Dotted Kemendagri code (``18.72.01.1001``).
    nama : str
        Name as in the source.
    lat, lon : float or None
        The label point stored by the source.
    path : str
        The raw JSON path text, points as ``[lat, lng]``.
    """

    kode: str
    nama: str
    lat: float | None
    lon: float | None
    path: str


def _unquote(text: str) -> str:
    return text.replace("''", "'").replace("\\'", "'").replace('\\"', '"').replace("\\\\", "\\")


def _number(text: str) -> float | None:
    return None if text == "NULL" else float(text)


def parse_rows(text: str) -> list[Row]:
    """Parse every ``(kode, nama, lat, lng, path)`` row of one SQL file.

    Parameters
    ----------
    text : str
        Content of one upstream SQL file.

    Returns
    -------
    list of Row
        Rows in file order.
    """
    return [
        Row(_unquote(m[1]).strip(), _unquote(m[2]).strip(), _number(m[3]), _number(m[4]), m[5])
        for m in _ROW.finditer(text)
    ]


def read_rows(path: Path) -> list[Row]:
    """Read and parse one upstream SQL file (UTF-8)."""
    return parse_rows(path.read_text(encoding="utf-8"))


def _depth(value: object) -> int:
    depth = 0
    while isinstance(value, list) and value:
        value = value[0]
        depth += 1
    return depth


def _ring(points: list[list[float]]) -> list[tuple[float, float]]:
    return [(float(p[1]), float(p[0])) for p in points]  # [lat, lng] → (lon, lat)


def _polygon(rings: list[list[list[float]]]) -> Polygon:
    usable = [_ring(r) for r in rings if len(r) >= 3]
    if not usable:
        return Polygon()
    return Polygon(usable[0], usable[1:])


def path_geometry(path: str) -> BaseGeometry:
    """Turn an upstream path into a valid lon/lat (multi)polygon.

    Parts are made valid one by one and then united, so a small part lying
    inside a larger one (a "nested shell") merges into it instead of
    becoming a hole.

    Parameters
    ----------
    path : str
        JSON text, ``[[[lat, lng], ...], ...]`` for a polygon or one level
        deeper for a multipolygon.

    Returns
    -------
    shapely geometry
        A valid ``Polygon`` or ``MultiPolygon`` (possibly empty).
    """
    data = json.loads(path)
    depth = _depth(data)
    if depth == 3:
        parts = [_polygon(data)]
    elif depth == 4:
        parts = [_polygon(p) for p in data]
    else:
        raise ValueError(f"unexpected path nesting depth {depth}")
    valid = [shapely.make_valid(p) for p in parts if not p.is_empty]
    merged = shapely.union_all(valid) if valid else Polygon()
    return polygonal(merged)


def polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Keep only the polygonal parts of a geometry (drop stray lines and points)."""
    if isinstance(geometry, Polygon | MultiPolygon):
        return geometry
    polygons = [g for g in shapely.get_parts(geometry) if isinstance(g, Polygon | MultiPolygon)]
    parts = [p for g in polygons for p in shapely.get_parts(g)]
    return MultiPolygon(parts) if len(parts) > 1 else (parts[0] if parts else Polygon())
