"""Tiny hand-made tables in the processed schema (families, kpm, disbursements).

Each builder takes a few dicts with only the fields a test cares about and
fills the rest with schema-valid defaults, so a fixture reads like the
worked example in the test's docstring. Identifiers are given as short
names ("a", "b") and turned into 16-hex keyed-hash look-alikes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import pandas as pd

from dashboard import schemas


def hid(name: str) -> str:
    """Return a 16-hex identifier for a short name (stable)."""
    return hashlib.sha256(name.encode()).hexdigest()[:16]


def _kec_desa(kab: str, kec: str | None, desa: str | None) -> tuple[str | None, str | None]:
    return kec, desa


_DATE = "datetime64[ms]"


def _frame(rows: list[dict[str, Any]], dtypes: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(dtypes))
    for column, dtype in dtypes.items():
        if dtype == _DATE:
            frame[column] = pd.to_datetime(frame[column]).astype(_DATE)
        elif dtype == "bool":
            frame[column] = frame[column].astype(bool)
        else:
            frame[column] = frame[column].astype(dtype)
    return frame


FAMILY_DTYPES = {
    "family_id": "str",
    "kk_hash": "str",
    "nik_krt_hash": "str",
    "nik_krt_valid": "bool",
    "kode_kab": "str",
    "kode_kec": "str",
    "kode_desa": "str",
    "desil": "Int8",
    "jml_art": "Int16",
    "status_keberadaan": "str",
    "tgl_meninggal": _DATE,
    "status_padan": "str",
    "periode_data": "str",
    "tgl_update": _DATE,
}

KPM_DTYPES = {
    "kpm_id": "str",
    "family_id": "str",
    "program": "str",
    "tahun": "int16",
    "tahap": "int8",
    "periode": "str",
    "tgl_mulai": _DATE,
    "tgl_akhir": _DATE,
    "nominal": "int64",
    "status_kpm": "str",
    "alasan_nonaktif": "str",
    "bank": "str",
    "nik_pengurus_hash": "str",
    "nik_pengurus_valid": "bool",
    "kode_kab": "str",
    "kode_kec": "str",
    "kode_desa": "str",
}

DIS_DTYPES = {
    "trx_id": "str",
    "kpm_id": "str",
    "program": "str",
    "tahun": "int16",
    "tahap": "int8",
    "periode": "str",
    "bulan_awal": "Int8",
    "bulan_akhir": "Int8",
    "no_sp2d": "str",
    "tgl_sp2d": _DATE,
    "kanal": "str",
    "bank": "str",
    "nominal_alokasi": "int64",
    "nominal_salur": "int64",
    "tgl_kredit": _DATE,
    "tgl_tarik": _DATE,
    "status_salur": "str",
    "kode_gagal": "str",
    "tgl_retur": _DATE,
    "nominal_retur": "int64",
    "tgl_laporan": _DATE,
    "kode_kab": "str",
    "kode_kec": "str",
    "kode_desa": "str",
}

QUARTERS = {
    1: ("2025-01-01", "2025-03-31"),
    2: ("2025-04-01", "2025-06-30"),
    3: ("2025-07-01", "2025-09-30"),
    4: ("2025-10-01", "2025-12-31"),
}


def _region(row: dict[str, Any]) -> dict[str, Any]:
    kec = row.get("kode_kec", "18.01.01")
    kab = row.get("kode_kab", kec[:5] if kec else "18.01")
    desa = row.get("kode_desa", f"{kec}.2001" if kec else None)
    return {"kode_kab": kab, "kode_kec": kec, "kode_desa": desa}


def families(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Registry families; ``name`` gives ``family_id``; default desil 1, status ADA, region 18.01.01."""
    out = []
    for row in rows:
        out.append(
            {
                "family_id": hid(row["name"]),
                "kk_hash": hid("kk" + row["name"]),
                "nik_krt_hash": hid("nik" + row["name"]),
                "nik_krt_valid": row.get("nik_krt_valid", True),
                **_region(row),
                "desil": row.get("desil", 1),
                "jml_art": row.get("jml_art", 4),
                "status_keberadaan": row.get("status_keberadaan", "ADA"),
                "tgl_meninggal": row.get("tgl_meninggal"),
                "status_padan": "PADAN",
                "periode_data": "2025-TW1",
                "tgl_update": "2025-01-01",
            }
        )
    return _frame(out, FAMILY_DTYPES)


def kpm(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """KPM rows; ``name`` gives ``kpm_id``; ``family`` (name or None); default PKH 2025-T1 AKTIF Rp750,000."""
    out = []
    for row in rows:
        tahap = row.get("tahap", 1)
        start, end = QUARTERS[tahap]
        family = row.get("family", row["name"])
        out.append(
            {
                "kpm_id": hid("kpm" + row["name"]),
                "family_id": hid(family) if family is not None else None,
                "program": row.get("program", "PKH"),
                "tahun": 2025,
                "tahap": tahap,
                "periode": f"2025-T{tahap}",
                "tgl_mulai": start,
                "tgl_akhir": end,
                "nominal": row.get("nominal", 750_000),
                "status_kpm": row.get("status_kpm", "AKTIF"),
                "alasan_nonaktif": None,
                "bank": row.get("bank", "BRI"),
                "nik_pengurus_hash": row.get("nik", hid("pengurus" + row["name"])),
                "nik_pengurus_valid": row.get("nik_valid", True),
                **_region(row),
            }
        )
    return _frame(out, KPM_DTYPES)


def disbursements(rows: Iterable[dict[str, Any]], *, laporan: str = "2025-12-31") -> pd.DataFrame:
    """Payment attempts; ``kpm`` (name) links to :func:`kpm`; default TERSALUR of Rp750,000 via HIMBARA."""
    out = []
    for i, row in enumerate(rows):
        tahap = row.get("tahap", 1)
        status = row.get("status", "TERSALUR")
        amount = row.get("nominal", 750_000)
        out.append(
            {
                "trx_id": f"T{i:05d}",
                "kpm_id": hid("kpm" + row["kpm"]),
                "program": row.get("program", "PKH"),
                "tahun": 2025,
                "tahap": tahap,
                "periode": f"2025-T{tahap}",
                "bulan_awal": 3 * tahap - 2,
                "bulan_akhir": 3 * tahap,
                "no_sp2d": "SP2D-1",
                "tgl_sp2d": row.get("sp2d", QUARTERS[tahap][0]),
                "kanal": row.get("kanal", "HIMBARA"),
                "bank": "POS" if row.get("kanal") == "POS" else "BRI",
                "nominal_alokasi": row.get("alokasi", amount),
                "nominal_salur": amount if status == "TERSALUR" else row.get("salur", 0),
                "tgl_kredit": row.get("kredit") if status == "TERSALUR" else None,
                "tgl_tarik": row.get("tarik"),
                "status_salur": status,
                "kode_gagal": row.get("kode_gagal"),
                "tgl_retur": row.get("tgl_retur"),
                "nominal_retur": row.get("retur", 0),
                "tgl_laporan": laporan,
                **_region(row),
            }
        )
    return _frame(out, DIS_DTYPES)


def validate(fam: pd.DataFrame, kp: pd.DataFrame, dis: pd.DataFrame) -> None:
    """Validate the three frames against the project schemas (fixtures must be schema-valid)."""
    schemas.FAMILIES.validate(fam)
    schemas.KPM.validate(kp)
    schemas.DISBURSEMENTS.validate(dis)
