"""Where map labels go when an area is too small or crowded for its own label.

Shared by the interactive map (:mod:`dashboard.figures.maps`) and the static
export map (:mod:`dashboard.export.mapimage`), so both place Metro, Bandar
Lampung and their neighbours the same way: the label moves by a fixed
offset and a thin leader line joins it to the area.
"""

from __future__ import annotations

import math

#: Label offsets (km east, km north) for small or crowded kabupaten/kota.
LABEL_NUDGE: dict[str, tuple[float, float]] = {
    "18.72": (36.0, 48.0),  # Metro
    "18.01": (14.0, -28.0),  # Lampung Selatan
    "18.71": (42.0, 8.0),  # Bandar Lampung
    "18.10": (-38.0, 18.0),  # Pringsewu
    "18.09": (-8.0, -34.0),  # Pesawaran
    "18.12": (-35.0, 0.0),  # Tulang Bawang Barat
    "18.05": (12.0, 8.0),  # Tulang Bawang
}

_KM_PER_DEGREE = 111.32


def nudged_lonlat(kode: str, lon: float, lat: float) -> tuple[float, float]:
    """Return the label position in lon/lat after the area's nudge (unchanged when none)."""
    east, north = LABEL_NUDGE.get(kode, (0.0, 0.0))
    return (
        lon + east / (_KM_PER_DEGREE * math.cos(math.radians(lat))),
        lat + north / _KM_PER_DEGREE,
    )
