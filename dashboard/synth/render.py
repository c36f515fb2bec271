"""Render truth rows as clean export text columns (canonical headers and values).

Each function returns ``{canonical column: pyarrow string array}`` in the
column order of :mod:`dashboard.rawformat`; faults are added afterwards by
:mod:`dashboard.synth.faults`. Dates are written ``DD-MM-YYYY`` here.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.synth import identity
from dashboard.synth.calendar import day_number, period_year_tahap
from dashboard.synth.generate import SyntheticData
from dashboard.synth.payments import KODE_GAGAL, STATUS_SALUR
from dashboard.synth.targeting import ALASAN, PROGRAMS

DATE_FORMAT = "%d-%m-%Y"
KEBERADAAN_TEXT = ("ADA", "MENINGGAL", "PINDAH", "TIDAK DITEMUKAN")
PADAN_TEXT = ("PADAN", "TIDAK PADAN", "BELUM DIPADANKAN")
STATUS_KPM_TEXT = ("AKTIF", "NON AKTIF", "GRADUASI", "DIALIHKAN", "TANGGUH")
GAGAL_TEXT = tuple(code.replace("_", " ").replace("DORMANT", "PASIF/DORMANT") for code in KODE_GAGAL)


def text(values: np.ndarray) -> pa.Array:
    """Return integers as decimal strings."""
    return pa.array(np.asarray(values, dtype=np.int64)).cast(pa.string())


def text_or_empty(values: np.ndarray, empty: np.ndarray) -> pa.Array:
    """Return integers as strings, ``""`` where ``empty``."""
    return pc.if_else(pa.array(empty), "", text(values))


def pick(labels: tuple[str, ...] | list[str], codes: np.ndarray) -> pa.Array:
    """Return ``labels[codes]`` as a string array (codes < 0 give ``""``)."""
    table = pa.array([*labels, ""], type=pa.string())
    idx = np.where(np.asarray(codes) < 0, len(labels), codes)
    return table.take(pa.array(idx.astype(np.int64)))


def dates(days: np.ndarray, fmt: str = DATE_FORMAT) -> pa.Array:
    """Return day numbers as formatted dates, ``""`` where negative."""
    days = np.asarray(days, dtype=np.int64)
    valid = days >= 0
    if not valid.any():
        return pa.array([""]).take(pa.array(np.zeros(len(days), np.int64)))
    lo, hi = int(days[valid].min()), int(days[valid].max())
    span = pa.array(np.arange(lo, hi + 1, dtype=np.int32), type=pa.int32()).cast(pa.date32())
    labels = pa.concat_arrays([pc.strftime(span.cast(pa.timestamp("s")), format=fmt), pa.array([""])])
    return labels.take(pa.array(np.where(valid, days - lo, hi - lo + 1)))


def full_names(first: np.ndarray, second: np.ndarray, female: np.ndarray) -> pa.Array:
    """Return ``FIRST SECOND`` names from name-list indices."""
    firsts = pc.if_else(
        pa.array(female),
        pick(identity.FEMALE_NAMES, first),
        pick(identity.MALE_NAMES, first % len(identity.MALE_NAMES)),
    )
    joined = pc.binary_join_element_wise(firsts, pick(identity.SECOND_NAMES, second), " ")
    return pc.utf8_rtrim_whitespace(joined)


def id_dtsen(data: SyntheticData, fam: np.ndarray) -> pa.Array:
    """Return the registry id (undotted kab code + 9-digit family number)."""
    kab4 = data.kab["kode_kab"].str.replace(".", "", regex=False).astype(np.int64).to_numpy()
    return text(kab4[data.families["kab_idx"].to_numpy()[fam]] * 10**9 + fam)


def _region(data: SyntheticData, desa_idx: np.ndarray, kab_idx: np.ndarray) -> dict[str, pa.Array]:
    desa = data.desa
    return {
        "KODE_KABUPATEN": pick(list(data.kab["kode_kab"]), kab_idx),
        "KABUPATEN": pick([n.upper() for n in data.kab["nama_resmi"]], kab_idx),
        "KODE_KECAMATAN": pick(list(desa["kode_kec"].astype(str)), desa_idx),
        "KECAMATAN": pick(list(desa["nama_kec"].astype(str).str.upper()), desa_idx),
        "KODE_DESA": pick(list(desa["kode_desa"].astype(str)), desa_idx),
        "DESA_KELURAHAN": pick(list(desa["nama_desa"].astype(str).str.upper()), desa_idx),
    }


def registry(data: SyntheticData, rows: np.ndarray) -> dict[str, pa.Array]:
    """Render registry rows (family positions ``rows``)."""
    f = data.families
    col = {c: f[c].to_numpy()[rows] for c in f.columns}
    region = _region(data, col["desa_idx"], col["kab_idx"])
    periode = pc.if_else(pa.array(col["desil"] < 0), "2023-TW4", "2026-TW3")
    return {
        "ID_DTSEN": id_dtsen(data, rows),
        "NO_KK": text(col["kk"]),
        "NIK_KRT": text(col["nik_krt"]),
        "NAMA_KRT": full_names(col["krt_first"], col["krt_second"], col["female_head"]),
        "KODE_KABUPATEN": region["KODE_KABUPATEN"],
        "KABUPATEN": region["KABUPATEN"],
        "KODE_KECAMATAN": region["KODE_KECAMATAN"],
        "KECAMATAN": region["KECAMATAN"],
        "KODE_DESA": region["KODE_DESA"],
        "DESA_KELURAHAN": region["DESA_KELURAHAN"],
        "DESIL": text_or_empty(col["desil"], col["desil"] < 0),
        "JML_ART": text(col["jml_art"]),
        "STATUS_KEBERADAAN": pick(KEBERADAAN_TEXT, col["keberadaan"]),
        "TGL_MENINGGAL": dates(col["tgl_meninggal"]),
        "STATUS_PADAN": pick(PADAN_TEXT, col["padan"]),
        "PERIODE_DATA": periode,
        "TGL_UPDATE": dates(col["tgl_update"]),
    }


def _bank_text(bank: np.ndarray, banks: list[str]) -> pa.Array:
    return pick([*banks, "POS"], bank)


def penetapan(data: SyntheticData, rows: np.ndarray) -> dict[str, pa.Array]:
    """Render penetapan rows (positions in ``data.kpm``)."""
    k, f = data.kpm, data.families
    fam = k["fam"].to_numpy()[rows]
    program = k["program"].to_numpy()[rows]
    period = k["period"].to_numpy()[rows]
    first_year = data.scenario["meta"]["first_year"]
    pkh = pa.array(program == 0)
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
    return {
        "ID_KPM": text(k["id_kpm"].to_numpy()[rows]),
        "NIK_PENGURUS": pc.if_else(pkh, text(fcol["nik_pengurus"]), text(fcol["nik_krt"])),
        "NAMA_PENGURUS": pc.if_else(
            pkh,
            full_names(fcol["peng_first"], fcol["peng_second"], np.ones(len(rows), bool)),
            full_names(fcol["krt_first"], fcol["krt_second"], fcol["female_head"]),
        ),
        "NO_KK": text(fcol["kk"]),
        "ID_DTSEN": id_dtsen(data, fam),
        "PROGRAM": pick(PROGRAMS, program),
        "TAHUN": text(first_year + period.astype(np.int64) // 4),
        "TAHAP": text(period.astype(np.int64) % 4 + 1),
        "NOMINAL": text(k["nominal"].to_numpy()[rows]),
        "STATUS_KPM": pick(STATUS_KPM_TEXT, status),
        "ALASAN_NONAKTIF": pick(ALASAN, status),
        "BANK_PENYALUR": _bank_text(fcol["bank"], data.scenario["payment"]["banks"]),
        "NO_REKENING": text_or_empty(fcol["norek"], fcol["bank"] == 5),
        "KODE_DESA": region["KODE_DESA"],
        "KODE_KABUPATEN": region["KODE_KABUPATEN"],
        "KABUPATEN": region["KABUPATEN"],
    }


def transaksi(data: SyntheticData, rows: np.ndarray) -> dict[str, pa.Array]:
    """Render transaction rows (positions in ``data.trx``)."""
    t, f, k = data.trx, data.families, data.kpm
    c = {name: t[name].to_numpy()[rows] for name in t.columns}
    fam = c["fam"]
    program = c["program"]
    pkh = pa.array(program == 0)
    first_year = data.scenario["meta"]["first_year"]
    year_tahap = np.array(
        [period_year_tahap(p, first_year) for p in range(data.scenario["meta"]["n_periods"])]
    )
    n = len(rows)
    return {
        "ID_TRANSAKSI": pc.binary_join_element_wise("TRX", text(c["trx_id"]), ""),
        "ID_KPM": text(k["id_kpm"].to_numpy()[c["kpm_row"]]),
        "NIK_PENERIMA": pc.if_else(
            pkh, text(f["nik_pengurus"].to_numpy()[fam]), text(f["nik_krt"].to_numpy()[fam])
        ),
        "PROGRAM": pick(PROGRAMS, program),
        "TAHUN": text(year_tahap[c["period"], 0]),
        "TAHAP": text(year_tahap[c["period"], 1]),
        "BULAN_AWAL": text(c["bulan_awal"]),
        "BULAN_AKHIR": text(c["bulan_akhir"]),
        "NO_SP2D": text(c["sp2d_no"]),
        "TGL_SP2D": dates(c["sp2d"]),
        "KANAL": pc.if_else(pa.array(c["bank"] == 5), "POS", "HIMBARA"),
        "BANK_PENYALUR": _bank_text(c["bank"], data.scenario["payment"]["banks"]),
        "NO_REKENING": text_or_empty(f["norek"].to_numpy()[fam], c["bank"] == 5),
        "NOMINAL_ALOKASI": text(c["alokasi"]),
        "NOMINAL_SALUR": text(c["salur"]),
        "TGL_KREDIT": dates(c["kredit"]),
        "TGL_TARIK": dates(c["tarik"]),
        "STATUS_SALUR": pick(STATUS_SALUR, c["status"]),
        "KODE_GAGAL": pick(GAGAL_TEXT, c["gagal"]),
        "TGL_RETUR": dates(c["tgl_retur"]),
        "NOMINAL_RETUR": text(c["nominal_retur"]),
        "TGL_LAPORAN": dates(np.full(n, day_number(data.scenario.as_of))),
    }
