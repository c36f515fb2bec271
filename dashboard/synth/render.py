"""Render truth rows as clean export text columns (canonical headers and values).

Each function returns ``{canonical column: Column}`` in the column order of
:mod:`dashboard.rawformat`; a :class:`~dashboard.synth.column.Column` keeps
integers or label codes and prints them only when written. Faults are added
afterwards by :mod:`dashboard.synth.faults`. Dates are written ``DD-MM-YYYY``.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.synth import identity
from dashboard.synth.calendar import day_number, period_year_tahap
from dashboard.synth.column import Column, coded, constant, numbers
from dashboard.synth.generate import SyntheticData
from dashboard.synth.payments import KODE_GAGAL, STATUS_SALUR
from dashboard.synth.targeting import ALASAN, PROGRAMS

DATE_FORMAT = "%d-%m-%Y"
KEBERADAAN_TEXT = ("ADA", "MENINGGAL", "PINDAH", "TIDAK DITEMUKAN")
PADAN_TEXT = ("PADAN", "TIDAK PADAN", "BELUM DIPADANKAN")
STATUS_KPM_TEXT = ("AKTIF", "NON AKTIF", "GRADUASI", "DIALIHKAN", "TANGGUH")
GAGAL_TEXT = tuple(code.replace("_", " ").replace("DORMANT", "PASIF/DORMANT") for code in KODE_GAGAL)


def date_labels(lo: int, hi: int, fmt: str = DATE_FORMAT) -> pa.Array:
    """Return the formatted dates of day numbers ``lo``…``hi``."""
    span = pa.array(np.arange(lo, hi + 1, dtype=np.int32), type=pa.int32()).cast(pa.date32())
    return pc.strftime(span.cast(pa.timestamp("s")), format=fmt)


def dates(days: np.ndarray, fmt: str = DATE_FORMAT) -> Column:
    """Return day numbers as formatted dates, ``""`` where negative."""
    days = np.asarray(days, dtype=np.int64)
    valid = days >= 0
    if not valid.any():
        return constant("", len(days))
    lo, hi = int(days[valid].min()), int(days[valid].max())
    return coded(date_labels(lo, hi, fmt), np.where(valid, days - lo, -1))


def name_labels() -> pa.Array:
    """Return every ``FIRST SECOND`` name: male first names, then female, × second names."""
    firsts = [*identity.MALE_NAMES, *identity.FEMALE_NAMES]
    return pa.array([f"{a} {b}".rstrip() for a in firsts for b in identity.SECOND_NAMES], type=pa.string())


def name_codes(first: np.ndarray, second: np.ndarray, female: np.ndarray) -> np.ndarray:
    """Return positions in :func:`name_labels` of name-list indices."""
    n_m, n_s = len(identity.MALE_NAMES), len(identity.SECOND_NAMES)
    first = np.asarray(first, dtype=np.int64)
    row = np.where(female, n_m + first, first % n_m)
    return row * n_s + np.asarray(second, dtype=np.int64)


def full_names(first: np.ndarray, second: np.ndarray, female: np.ndarray) -> Column:
    """Return ``FIRST SECOND`` names from name-list indices."""
    return coded(name_labels(), name_codes(first, second, female))


def id_dtsen(data: SyntheticData, fam: np.ndarray) -> Column:
    """Return the registry id (undotted kab code + 9-digit family number)."""
    kab4 = data.kab["kode_kab"].str.replace(".", "", regex=False).astype(np.int64).to_numpy()
    return numbers(kab4[data.families["kab_idx"].to_numpy()[fam]] * 10**9 + fam)


def _region(data: SyntheticData, desa_idx: np.ndarray, kab_idx: np.ndarray) -> dict[str, Column]:
    desa = data.desa
    return {
        "KODE_KABUPATEN": coded(list(data.kab["kode_kab"]), kab_idx),
        "KABUPATEN": coded([n.upper() for n in data.kab["nama_resmi"]], kab_idx),
        "KODE_KECAMATAN": coded(list(desa["kode_kec"].astype(str)), desa_idx),
        "KECAMATAN": coded(list(desa["nama_kec"].astype(str).str.upper()), desa_idx),
        "KODE_DESA": coded(list(desa["kode_desa"].astype(str)), desa_idx),
        "DESA_KELURAHAN": coded(list(desa["nama_desa"].astype(str).str.upper()), desa_idx),
    }


def registry(data: SyntheticData, rows: np.ndarray) -> dict[str, Column]:
    """Render registry rows (family positions ``rows``)."""
    f = data.families
    col = {c: f[c].to_numpy()[rows] for c in f.columns}
    region = _region(data, col["desa_idx"], col["kab_idx"])
    return {
        "ID_DTSEN": id_dtsen(data, rows),
        "NO_KK": numbers(col["kk"]),
        "NIK_KRT": numbers(col["nik_krt"]),
        "NAMA_KRT": full_names(col["krt_first"], col["krt_second"], col["female_head"]),
        **region,
        "DESIL": numbers(col["desil"], col["desil"] < 0),
        "JML_ART": numbers(col["jml_art"]),
        "STATUS_KEBERADAAN": coded(KEBERADAAN_TEXT, col["keberadaan"]),
        "TGL_MENINGGAL": dates(col["tgl_meninggal"]),
        "STATUS_PADAN": coded(PADAN_TEXT, col["padan"]),
        "PERIODE_DATA": coded(("2023-TW4", "2026-TW3"), col["desil"] >= 0),
        "TGL_UPDATE": dates(col["tgl_update"]),
    }


def _bank_text(bank: np.ndarray, banks: list[str]) -> Column:
    return coded([*banks, "POS"], bank)


def penetapan(data: SyntheticData, rows: np.ndarray) -> dict[str, Column]:
    """Render penetapan rows (positions in ``data.kpm``)."""
    k, f = data.kpm, data.families
    fam = k["fam"].to_numpy()[rows]
    program = k["program"].to_numpy()[rows]
    period = k["period"].to_numpy()[rows].astype(np.int64)
    first_year = data.scenario["meta"]["first_year"]
    pkh = program == 0
    fcol = {
        c: f[c].to_numpy()[fam]
        for c in (
            "kk",
            "nik_krt",
            "nik_pengurus",
            "peng_first",
            "peng_second",
            "krt_first",
            "krt_second",
            "female_head",
            "bank",
            "norek",
            "desa_idx",
            "kab_idx",
        )
    }
    status = k["status"].to_numpy()[rows]
    region = _region(data, fcol["desa_idx"], fcol["kab_idx"])
    names = np.where(
        pkh,
        name_codes(fcol["peng_first"], fcol["peng_second"], np.ones(len(rows), bool)),
        name_codes(fcol["krt_first"], fcol["krt_second"], fcol["female_head"]),
    )
    return {
        "ID_KPM": numbers(k["id_kpm"].to_numpy()[rows]),
        "NIK_PENGURUS": numbers(np.where(pkh, fcol["nik_pengurus"], fcol["nik_krt"])),
        "NAMA_PENGURUS": coded(name_labels(), names),
        "NO_KK": numbers(fcol["kk"]),
        "ID_DTSEN": id_dtsen(data, fam),
        "PROGRAM": coded(PROGRAMS, program),
        "TAHUN": numbers(first_year + period // 4),
        "TAHAP": numbers(period % 4 + 1),
        "NOMINAL": numbers(k["nominal"].to_numpy()[rows]),
        "STATUS_KPM": coded(STATUS_KPM_TEXT, status),
        "ALASAN_NONAKTIF": coded(ALASAN, status),
        "BANK_PENYALUR": _bank_text(fcol["bank"], data.scenario["payment"]["banks"]),
        "NO_REKENING": numbers(fcol["norek"], fcol["bank"] == 5),
        "KODE_DESA": region["KODE_DESA"],
        "KODE_KABUPATEN": region["KODE_KABUPATEN"],
        "KABUPATEN": region["KABUPATEN"],
    }


def transaksi(data: SyntheticData, rows: np.ndarray) -> dict[str, Column]:
    """Render transaction rows (positions in ``data.trx``)."""
    t, f, k = data.trx, data.families, data.kpm
    c = {name: t[name].to_numpy()[rows] for name in t.columns}
    fam = c["fam"]
    pkh = c["program"] == 0
    first_year = data.scenario["meta"]["first_year"]
    year_tahap = np.array(
        [period_year_tahap(p, first_year) for p in range(data.scenario["meta"]["n_periods"])]
    )
    n = len(rows)
    report = day_number(data.scenario.as_of)
    return {
        "ID_TRANSAKSI": numbers(c["trx_id"], prefix="TRX"),
        "ID_KPM": numbers(k["id_kpm"].to_numpy()[c["kpm_row"]]),
        "NIK_PENERIMA": numbers(
            np.where(pkh, f["nik_pengurus"].to_numpy()[fam], f["nik_krt"].to_numpy()[fam])
        ),
        "PROGRAM": coded(PROGRAMS, c["program"]),
        "TAHUN": numbers(year_tahap[c["period"], 0]),
        "TAHAP": numbers(year_tahap[c["period"], 1]),
        "BULAN_AWAL": numbers(c["bulan_awal"]),
        "BULAN_AKHIR": numbers(c["bulan_akhir"]),
        "NO_SP2D": numbers(c["sp2d_no"]),
        "TGL_SP2D": dates(c["sp2d"]),
        "KANAL": coded(("HIMBARA", "POS"), c["bank"] == 5),
        "BANK_PENYALUR": _bank_text(c["bank"], data.scenario["payment"]["banks"]),
        "NO_REKENING": numbers(f["norek"].to_numpy()[fam], c["bank"] == 5),
        "NOMINAL_ALOKASI": numbers(c["alokasi"]),
        "NOMINAL_SALUR": numbers(c["salur"]),
        "TGL_KREDIT": dates(c["kredit"]),
        "TGL_TARIK": dates(c["tarik"]),
        "STATUS_SALUR": coded(STATUS_SALUR, c["status"]),
        "KODE_GAGAL": coded(GAGAL_TEXT, c["gagal"]),
        "TGL_RETUR": dates(c["tgl_retur"]),
        "NOMINAL_RETUR": numbers(c["nominal_retur"]),
        "TGL_LAPORAN": coded(date_labels(report, report), np.zeros(n, np.int64)),
    }
