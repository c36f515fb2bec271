"""A schematic tile map of Lampung: one equal square per kabupaten/kota.

Choropleths let large rural kabupaten dominate and make the two cities
(Metro, Bandar Lampung) nearly invisible. The tile map gives each region the
same weight, placed roughly where it lies: row 0 is the north, column 0 the
west. This module only holds the layout; the figures layer draws it.
"""

from __future__ import annotations

import pandas as pd

from dashboard import reference

#: Kemendagri code → (row, col) on a 4 × 5 grid; row 0 = north, col 0 = west.
TILE_GRID: dict[str, tuple[int, int]] = {
    "18.08": (0, 1),  # Way Kanan
    "18.12": (0, 2),  # Tulang Bawang Barat
    "18.05": (0, 3),  # Tulang Bawang
    "18.11": (0, 4),  # Mesuji
    "18.04": (1, 0),  # Lampung Barat
    "18.03": (1, 1),  # Lampung Utara
    "18.02": (1, 2),  # Lampung Tengah
    "18.72": (1, 3),  # Kota Metro
    "18.07": (1, 4),  # Lampung Timur
    "18.13": (2, 0),  # Pesisir Barat
    "18.06": (2, 1),  # Tanggamus
    "18.10": (2, 2),  # Pringsewu
    "18.09": (2, 3),  # Pesawaran
    "18.71": (2, 4),  # Kota Bandar Lampung
    "18.01": (3, 4),  # Lampung Selatan
}

#: Short tile labels (2–4 letters).
SINGKATAN: dict[str, str] = {
    "18.01": "LS",
    "18.02": "LTG",
    "18.03": "LU",
    "18.04": "LB",
    "18.05": "TB",
    "18.06": "TGM",
    "18.07": "LTM",
    "18.08": "WK",
    "18.09": "PSW",
    "18.10": "PRS",
    "18.11": "MSJ",
    "18.12": "TBB",
    "18.13": "PB",
    "18.71": "BL",
    "18.72": "MT",
}


def tile_frame() -> pd.DataFrame:
    """Return one row per tile: code, short name, label and grid cell.

    Returns
    -------
    DataFrame
        Columns ``kode``, ``nama_pendek``, ``singkatan``, ``row``, ``col``,
        sorted by ``kode``.
    """
    names = reference.kabupaten().set_index("kode_kemendagri")["nama_pendek"]
    codes = sorted(TILE_GRID)
    return pd.DataFrame(
        {
            "kode": pd.array(codes, dtype="string"),
            "nama_pendek": pd.array([names.get(code, code) for code in codes], dtype="string"),
            "singkatan": pd.array([SINGKATAN[code] for code in codes], dtype="string"),
            "row": [TILE_GRID[code][0] for code in codes],
            "col": [TILE_GRID[code][1] for code in codes],
        }
    )
