"""Reference facts per kabupaten/kota, read from ``data/reference/``.

The facts and their sources are documented in ``data/README.md``. Missing
figures stay missing (``<NA>``); nothing is filled in.
"""

from __future__ import annotations

import pandas as pd

from dashboard import config

_STRING_COLUMNS = [
    "kode_kemendagri",
    "kode_bps",
    "nama_resmi",
    "nama_pendek",
    "jenis",
    "ibukota",
    "pesisir",
    "sumber",
]


def kabupaten() -> pd.DataFrame:
    """Return the 15 kabupaten/kota with codes, capitals, area, population and poverty.

    Returns
    -------
    DataFrame
        One row per kabupaten/kota ordered by Kemendagri code. Codes are
        strings; numeric facts are floats or nullable integers with ``<NA>``
        where no source gave a figure. ``pesisir`` is a boolean.
    """
    path = config.reference_dir() / "kabupaten.csv"
    frame = pd.read_csv(path, dtype=dict.fromkeys(_STRING_COLUMNS, "string"))
    frame = frame.assign(
        pesisir=frame["pesisir"].eq("ya"),
        penduduk_2024=frame["penduduk_2024"].astype("Int64"),
        n_kecamatan=frame["n_kecamatan"].astype("Int64"),
        n_desa=frame["n_desa"].astype("Int64"),
        n_kelurahan=frame["n_kelurahan"].astype("Int64"),
    )
    return frame.sort_values("kode_kemendagri", ignore_index=True)


def kabupaten_aliases() -> pd.DataFrame:
    """Return the known aliases: ``alias``, ``kode_kemendagri`` (empty when ambiguous), ``catatan``."""
    path = config.reference_dir() / "kabupaten_alias.csv"
    frame = pd.read_csv(path, dtype="string", keep_default_na=False)
    return frame


def kabupaten_names() -> dict[str, str]:
    """Return Kemendagri code → short display name (``18.71`` → ``Bandar Lampung``)."""
    kab = kabupaten()
    return dict(zip(kab["kode_kemendagri"], kab["nama_pendek"], strict=True))
