"""Turn overlapping, gappy polygons into a clean coverage.

A *coverage* is a set of polygons that share edges exactly and never
overlap. Upstream kecamatan, dissolved from desa polygons, overlap and leave
slivers between neighbours. :func:`clean_coverage` nodes every boundary,
polygonizes the result into faces and gives each face to exactly one owner:

* a face inside several polygons (an overlap) goes to the lowest code;
* a face inside none (a gap or a hole) goes to the neighbour with the
  longest shared edge;
* a tiny detached fragment that touches another polygon joins that one.

Because every face comes from one noding, the owners' unions share edges
exactly and :func:`shapely.coverage_is_valid` holds. All work is in a metric
CRS (metres).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

log = logging.getLogger(__name__)

#: Snapping grid in metres before noding (1 cm).
GRID_M = 0.01
#: Detached parts smaller than this (m²) that touch a neighbour join it.
FRAGMENT_M2 = 500.0


@dataclass
class CleanStats:
    """What :func:`clean_coverage` changed, for the build report.

    Attributes
    ----------
    faces : int
        Faces after noding and polygonizing.
    overlap_km2, gap_km2 : float
        Total area of overlap and gap faces.
    largest_overlap_km2, largest_gap_km2 : float
        The largest single overlap and gap face.
    fragments_moved : int
        Small detached parts given to a neighbour.
    notes : list of str
        Anything unusual (gap faces that touch no polygon).
    """

    faces: int = 0
    overlap_km2: float = 0.0
    gap_km2: float = 0.0
    largest_overlap_km2: float = 0.0
    largest_gap_km2: float = 0.0
    fragments_moved: int = 0
    notes: list[str] = field(default_factory=list)


def _as_polygonal(geometry: BaseGeometry) -> BaseGeometry:
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, Polygon) and not p.is_empty]
    if not parts:
        return Polygon()
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _shared_length(a: BaseGeometry, b: BaseGeometry) -> float:
    return float(shapely.intersection(a.boundary, b.boundary).length)


def _best_neighbour(piece: BaseGeometry, owners: list[BaseGeometry], skip: int | None = None) -> int | None:
    tree = shapely.STRtree(owners)
    best, best_length = None, 0.0
    for index in tree.query(piece, predicate="intersects"):
        if index == skip or owners[index].is_empty:
            continue
        length = _shared_length(piece, owners[index])
        if length > best_length:
            best, best_length = int(index), length
    return best


def clean_coverage(
    geometries: Sequence[BaseGeometry],
    *,
    grid: float = GRID_M,
    fragment_m2: float = FRAGMENT_M2,
) -> tuple[list[BaseGeometry], CleanStats]:
    """Rebuild polygons as a clean coverage (no gaps, no overlaps).

    Parameters
    ----------
    geometries : sequence of shapely geometry
        Polygonal geometries in a metric CRS, **ordered by code**: on an
        overlap the earlier one wins.
    grid : float
        Snapping grid in CRS units applied before noding.
    fragment_m2 : float
        Detached parts below this area that touch a neighbour move to it.

    Returns
    -------
    list of shapely geometry
        One geometry per input, in input order, forming a valid coverage.
    CleanStats
        Overlap, gap and fragment figures.
    """
    stats = CleanStats()
    snapped = shapely.set_precision(np.asarray(geometries, dtype=object), grid)
    lines = shapely.union_all(shapely.boundary(snapped), grid_size=grid)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    stats.faces = len(faces)
    points = shapely.point_on_surface(faces)
    tree = shapely.STRtree(snapped)
    point_index, owner_index = tree.query(points, predicate="within")
    owner = np.full(len(faces), -1)
    # lowest input index wins: assign in reverse so the smallest is written last
    order = np.argsort(-owner_index, kind="stable")
    owner[point_index[order]] = owner_index[order]
    counts = np.bincount(point_index, minlength=len(faces))
    areas_km2 = shapely.area(faces) / 1e6
    if (counts > 1).any():
        stats.overlap_km2 = float(areas_km2[counts > 1].sum())
        stats.largest_overlap_km2 = float(areas_km2[counts > 1].max())
    if (counts == 0).any():
        stats.gap_km2 = float(areas_km2[counts == 0].sum())
        stats.largest_gap_km2 = float(areas_km2[counts == 0].max())

    gaps = np.flatnonzero(owner < 0)
    owner[gaps] = _gap_owners(faces, owner, gaps)
    unplaced = int((owner < 0).sum())
    if unplaced:
        stats.notes.append(f"{unplaced} gap faces touch no polygon and were dropped")
    result = _dissolve(faces, owner, len(snapped))
    result, stats.fragments_moved = _move_fragments(result, fragment_m2)
    return result, stats


def _gap_owners(faces: np.ndarray, owner: np.ndarray, gaps: np.ndarray) -> np.ndarray:
    """Return, for each gap face, the owner sharing the longest edge with it (or -1)."""
    if not len(gaps):
        return np.empty(0, dtype=int)
    tree = shapely.STRtree(faces)
    gap_pos, neighbour = tree.query(faces[gaps], predicate="intersects")
    keep = owner[neighbour] >= 0
    gap_pos, neighbour = gap_pos[keep], neighbour[keep]
    boundaries = shapely.boundary(faces)
    lengths = shapely.length(shapely.intersection(boundaries[gaps[gap_pos]], boundaries[neighbour]))
    targets = np.full(len(gaps), -1)
    best = np.zeros(len(gaps))
    totals: dict[tuple[int, int], float] = {}
    for g, o, length in zip(gap_pos, owner[neighbour], lengths, strict=True):
        totals[(int(g), int(o))] = totals.get((int(g), int(o)), 0.0) + float(length)
    for (g, o), length in sorted(totals.items()):
        if length > best[g]:
            best[g], targets[g] = length, o
    return targets


def _dissolve(faces: np.ndarray, owner: np.ndarray, n: int) -> list[BaseGeometry]:
    result: list[BaseGeometry] = []
    for index in range(n):
        mine = faces[owner == index]
        result.append(_as_polygonal(shapely.coverage_union_all(mine)) if len(mine) else Polygon())
    return result


def _move_fragments(result: list[BaseGeometry], fragment_m2: float) -> tuple[list[BaseGeometry], int]:
    result = list(result)
    moved = 0
    for index, geometry in enumerate(list(result)):
        parts = list(shapely.get_parts(geometry))
        if len(parts) < 2:
            continue
        largest = max(range(len(parts)), key=lambda i: parts[i].area)
        keep = []
        for i, part in enumerate(parts):
            if i == largest or part.area >= fragment_m2:
                keep.append(part)
                continue
            target = _best_neighbour(part, result, skip=index)
            if target is None:
                keep.append(part)
                continue
            result[target] = _as_polygonal(shapely.coverage_union_all([result[target], part]))
            moved += 1
        result[index] = _as_polygonal(shapely.coverage_union_all(keep)) if len(keep) > 1 else keep[0]
    return result, moved
