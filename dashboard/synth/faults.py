"""Inject the real-world faults of domain.md §8 into rendered export columns.

Each injector changes a seeded random subset of rows at the rate configured in
``scenario.toml`` (``[faults]``) and returns how many rows it touched, so the
writer can record a manifest (``_faults.json``) the cleaner's tests compare
against. Class ids follow the numbering of domain.md §8.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard import rawformat
from dashboard.synth.column import Column

#: class id → (key, description)
CLASSES: dict[int, tuple[str, str]] = {
    1: ("nik_as_number", "NIK/No. KK sebagai angka: notasi ilmiah, digit ke-16 nol, apostrof, spasi"),
    2: ("nik_invalid", "NIK tidak valid secara struktur: placeholder, bulan 13, tanggal 00, panjang salah"),
    3: ("swapped_ids", "NIK tertukar dengan No. KK"),
    4: ("duplicates", "Baris duplikat persis; keluarga yang sama dua kali dalam satu program-periode"),
    5: ("region_code_mixed", "Kode wilayah campuran: tanpa titik, kode BPS, kode angka"),
    6: ("region_name_variant", "Varian nama kabupaten: KAB., singkatan, ejaan; 'Tuba' ambigu tanpa kode"),
    7: ("name_collision", "Nama desa yang sama dipakai desa lain (dari daftar induk)"),
    8: ("dates", "Format tanggal campuran, serial Excel, placeholder 01-01-1900, kredit sebelum SP2D"),
    9: ("amounts", "Nominal sebagai teks 'Rp 600.000' / '600.000' dan ribuan ('600')"),
    10: ("status_variant", "Varian kosakata status/program/kanal; kosong berarti dalam proses"),
    11: ("period_label", "Label periode: TAHAP 1, TW I, JAN-MAR"),
    13: ("deceased_active", "KPM meninggal masih aktif saat pembayaran"),
    14: ("bank_variant", "Varian nama bank penyalur"),
    15: ("name_messy", "Nama: gelar, huruf kecil, spasi ganda, NBSP, Windows-1252"),
    17: ("desil_missing", "Desil kosong (baris DTKS lama)"),
    18: ("csv_mechanics", "Pemisah ';', Windows-1252/BOM, varian header, baris total, header berulang"),
}

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAN = ("I", "II", "III", "IV")
QUARTER_MONTHS = ("JAN-MAR", "APR-JUN", "JUL-SEP", "OKT-DES")
EXCEL_EPOCH_OFFSET = 25569  # days from 1899-12-30 (Excel serial 0) to 1970-01-01
KAB_SHORT = {
    "18.01": ("Lamsel", "South Lampung"),
    "18.02": ("Lamteng",),
    "18.03": ("Lampura",),
    "18.04": ("Lambar",),
    "18.05": ("Tulangbawang",),
    "18.07": ("Lamtim",),
    "18.08": ("Waykanan",),
    "18.10": ("Prengsewu",),
    "18.12": ("Tubaba", "Tulangbawang Barat"),
    "18.13": ("Pesibar", "West Coast"),
    "18.71": ("Bandarlampung", "Balam", "B. Lampung"),
}
NIK_COLUMNS = {
    "registry": ("NIK_KRT",),
    "penetapan_kpm": ("NIK_PENGURUS",),
    "transaksi_salur": ("NIK_PENERIMA",),
}
KK_COLUMNS = {"registry": ("NO_KK",), "penetapan_kpm": ("NO_KK",), "transaksi_salur": ()}
DATE_COLUMNS = {
    "registry": ("TGL_MENINGGAL", "TGL_UPDATE"),
    "penetapan_kpm": (),
    "transaksi_salur": ("TGL_SP2D", "TGL_KREDIT", "TGL_TARIK", "TGL_RETUR"),
}
AMOUNT_COLUMNS = {
    "registry": (),
    "penetapan_kpm": ("NOMINAL",),
    "transaksi_salur": ("NOMINAL_ALOKASI", "NOMINAL_SALUR"),
}
VOCAB_COLUMNS = {
    "registry": ("STATUS_KEBERADAAN", "STATUS_PADAN"),
    "penetapan_kpm": ("PROGRAM", "STATUS_KPM"),
    "transaksi_salur": ("PROGRAM", "STATUS_SALUR", "KANAL"),
}


@dataclass
class Tally:
    """Rows touched per (class id, column) in one file."""

    counts: dict[tuple[int, str], int] = field(default_factory=dict)

    def add(self, class_id: int, column: str, rows: int) -> None:
        """Add ``rows`` affected rows of ``column`` to class ``class_id``."""
        key = (class_id, column)
        self.counts[key] = self.counts.get(key, 0) + int(rows)


def subset(rng: np.random.Generator, candidates: np.ndarray, rate: float) -> np.ndarray:
    """Return a sorted random subset of ``candidates`` of expected size ``rate·len``."""
    k = int(rng.binomial(len(candidates), min(rate, 1.0))) if len(candidates) else 0
    return np.sort(rng.choice(candidates, size=k, replace=False)) if k else np.empty(0, np.int64)


def put(col: Column, idx: np.ndarray, values: pa.Array | list[str] | np.ndarray) -> None:
    """Replace the text of rows ``idx`` of ``col`` by ``values``."""
    col.put(idx, values)


def _nonempty(col: Column) -> np.ndarray:
    return np.flatnonzero(col.mask(lambda a: pc.not_equal(a, "")))


def _as_number(value: str, kind: int) -> str:
    if kind == 0:
        return f"{int(value) / 1e15:.5f}E+15"
    if kind == 1:
        return value[:15] + "0"
    if kind == 2:
        return "'" + value
    return f"{value[:4]} {value[4:6]} {value[6:12]} {value[12:]}"


def _invalid_nik(value: str, kind: int) -> str:
    if kind == 0:
        return "0000000000000000"
    if kind == 1:
        return "1234567890123456"
    if kind == 2:
        return value[:8] + "13" + value[10:]  # month 13
    if kind == 3:
        return value[:6] + "00" + value[8:]  # day 00
    return value[:15]  # wrong length


def identifiers(export: str, cols: dict[str, Column], rng, rates: dict, tally: Tally) -> None:
    """Faults 1–3: numeric NIK/KK renderings, invalid NIKs, swapped NIK/KK."""
    for column in NIK_COLUMNS[export] + KK_COLUMNS[export]:
        col = cols[column]
        idx = subset(rng, np.arange(len(col)), rates["nik_as_number"])
        kinds = rng.integers(0, 4, len(idx))
        vals = col.text(idx).to_pylist()
        put(col, idx, [_as_number(v, k) for v, k in zip(vals, kinds, strict=True)])
        tally.add(1, column, len(idx))
    for column in NIK_COLUMNS[export]:
        col = cols[column]
        idx = subset(rng, np.arange(len(col)), rates["nik_invalid"])
        kinds = rng.integers(0, 5, len(idx))
        vals = col.text(idx).to_pylist()
        put(col, idx, [_invalid_nik(v, k) for v, k in zip(vals, kinds, strict=True)])
        tally.add(2, column, len(idx))
    if export == "registry":
        idx = subset(rng, np.arange(len(cols["NO_KK"])), rates["swapped_ids"])
        nik, kk = cols["NIK_KRT"].text(idx), cols["NO_KK"].text(idx)
        put(cols["NIK_KRT"], idx, kk)
        put(cols["NO_KK"], idx, nik)
        tally.add(3, "NIK_KRT/NO_KK", len(idx))


def _kab_name_options(names: pa.Array, kab_of: np.ndarray, kab_codes: list[str]) -> dict[str, list[str]]:
    """Return the name variants of every kabupaten present, keyed by its written name."""
    options = {}
    for i, code in enumerate(kab_codes):
        hit = np.flatnonzero(kab_of == i)
        if len(hit):
            name = names[int(hit[0])].as_py()
            short = name.replace("KABUPATEN ", "").replace("KOTA ", "")
            options[name] = [
                name.replace("KABUPATEN ", "KAB. "),
                short.title(),
                ("Kab " if name.startswith("KABUPATEN") else "Kota ") + short.title(),
                *KAB_SHORT.get(code, ()),
            ]
    return options


def regions(
    cols: dict[str, Column],
    kode_kab: np.ndarray,
    kab_codes: list[str],
    bps_codes: list[str],
    rng,
    rates: dict,
    tally: Tally,
) -> None:
    """Faults 5–6: mixed kabupaten/kecamatan/desa coding and kabupaten-name variants.

    ``kode_kab`` holds each row's kabupaten index into ``kab_codes``.
    """
    n = len(kode_kab)
    if "KODE_KABUPATEN" in cols:
        idx = subset(rng, np.arange(n), rates["region_code_mixed"])
        kind = rng.integers(0, 2, len(idx))
        kmd = np.array([c.replace(".", "") for c in kab_codes], dtype=object)
        bps = np.array(bps_codes, dtype=object)
        put(cols["KODE_KABUPATEN"], idx, np.where(kind == 0, kmd[kode_kab[idx]], bps[kode_kab[idx]]))
        tally.add(5, "KODE_KABUPATEN", len(idx))
    for column in ("KODE_KECAMATAN", "KODE_DESA"):
        if column in cols:
            idx = subset(rng, np.arange(n), rates["region_code_mixed"])
            put(cols[column], idx, pc.replace_substring(cols[column].text(idx), ".", ""))
            tally.add(5, column, len(idx))
    if "KABUPATEN" in cols:
        idx = subset(rng, np.arange(n), rates["region_name_variant"])
        names = cols["KABUPATEN"].text(idx)
        options = _kab_name_options(names, kode_kab[idx], kab_codes)
        put(cols["KABUPATEN"], idx, _variants_by_value(names, options, rng))
        tally.add(6, "KABUPATEN", len(idx))
        if "18.05" in kab_codes and "KODE_KABUPATEN" in cols:
            tuba = subset(rng, np.flatnonzero(kode_kab == kab_codes.index("18.05")), rates["ambiguous_tuba"])
            put(cols["KABUPATEN"], tuba, ["Tuba"] * len(tuba))
            put(cols["KODE_KABUPATEN"], tuba, [""] * len(tuba))
            tally.add(6, "KABUPATEN=Tuba", len(tuba))


def _date_variant(value: str, kind: int) -> str:
    """Return one ``DD-MM-YYYY`` date in another format (reference for :func:`date_variants`)."""
    d, m, y = value.split("-")
    if kind == 0:
        return f"{int(d)} {MONTHS_ID[int(m) - 1]} {y}"
    if kind == 1:
        return f"{y}-{m}-{d}"
    if kind == 2:
        return f"{d}/{m}/{y}"
    serial = (np.datetime64(f"{y}-{m}-{d}") - np.datetime64("1899-12-30")).astype(int)
    return str(serial)


def format_days(days: np.ndarray, fmt: str = "%d-%m-%Y") -> pa.Array:
    """Return day numbers (since 1970-01-01) formatted with ``fmt``."""
    stamps = pa.array(np.asarray(days, dtype=np.int32), type=pa.int32()).cast(pa.date32())
    return pc.strftime(stamps.cast(pa.timestamp("s")), format=fmt)


def date_variants(values: pa.Array, kinds: np.ndarray) -> pa.Array:
    """Rewrite ``DD-MM-YYYY`` dates: 0 long Indonesian, 1 ISO, 2 ``DD/MM/YYYY``, 3 Excel serial."""
    if len(values) == 0:
        return pa.array([], type=pa.string())
    stamps = pc.strptime(values, format="%d-%m-%Y", unit="s")
    days = stamps.cast(pa.int64()).to_numpy() // 86400
    day = pc.day(stamps).cast(pa.string())
    month = pa.array(MONTHS_ID).take(pc.subtract(pc.month(stamps), 1))
    year = pc.year(stamps).cast(pa.string())
    variants = [
        pc.binary_join_element_wise(day, month, year, " "),
        format_days(days, "%Y-%m-%d"),
        format_days(days, "%d/%m/%Y"),
        pa.array(days + EXCEL_EPOCH_OFFSET).cast(pa.string()),
    ]
    pick = np.asarray(kinds, dtype=np.int64) * len(values) + np.arange(len(values))
    return pa.concat_arrays(variants).take(pa.array(pick))


def dates(
    export: str,
    cols: dict[str, Column],
    rng,
    rates: dict,
    tally: Tally,
    sp2d_days: np.ndarray | None = None,
) -> None:
    """Fault 8: other date formats, placeholder dates, credit before SP2D."""
    if export == "transaksi_salur" and sp2d_days is not None:
        credited = _nonempty(cols["TGL_KREDIT"])
        idx = subset(rng, credited, rates["credit_before_sp2d"])
        early = sp2d_days[idx] - rng.integers(1, 11, len(idx))
        put(cols["TGL_KREDIT"], idx, format_days(early))
        tally.add(8, "TGL_KREDIT<TGL_SP2D", len(idx))
    for column in DATE_COLUMNS[export]:
        filled = _nonempty(cols[column])
        idx = subset(rng, filled, rates["date_mixed"])
        kinds = rng.integers(0, 4, len(idx))
        put(cols[column], idx, date_variants(cols[column].text(idx), kinds))
        tally.add(8, column, len(idx))
    placeholder_col = {"registry": "TGL_UPDATE", "transaksi_salur": "TGL_TARIK"}.get(export)
    if placeholder_col:
        idx = subset(rng, _nonempty(cols[placeholder_col]), rates["date_placeholder"])
        put(cols[placeholder_col], idx, ["01-01-1900"] * len(idx))
        tally.add(8, placeholder_col + "=01-01-1900", len(idx))


def _thousands(value: str) -> str:
    return f"{int(value):,}".replace(",", ".")


def amounts(export: str, cols: dict[str, Column], rng, rates: dict, tally: Tally) -> None:
    """Fault 9: ``Rp 600.000`` / ``600.000`` strings and amounts in thousands."""
    for column in AMOUNT_COLUMNS[export]:
        positive = np.flatnonzero(cols[column].mask(lambda a: pc.not_equal(a, "0")))
        idx = subset(rng, positive, rates["amount_text"] + rates["amount_thousands"])
        thousands = rng.random(len(idx)) < rates["amount_thousands"] / (
            rates["amount_text"] + rates["amount_thousands"]
        )
        rp = rng.random(len(idx)) < 0.5
        vals = cols[column].text(idx).to_pylist()
        out = [
            str(int(v) // 1000) if t else ("Rp " + _thousands(v) if r else _thousands(v))
            for v, t, r in zip(vals, thousands, rp, strict=True)
        ]
        put(cols[column], idx, out)
        tally.add(9, column, int((~thousands).sum()))
        tally.add(9, column + "(ribuan)", int(thousands.sum()))


def _variants_by_value(values: pa.Array, options: dict[str, list[str]], rng) -> pa.Array:
    """Replace each value by a random option of its own list (vectorised per distinct value).

    Options are drawn in the order of ``options``; values without options stay.
    """
    encoded = values.dictionary_encode()
    labels = encoded.dictionary.to_pylist()
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    out = codes.copy()
    where = {v: i for i, v in enumerate(labels)}
    for value, choices in options.items():
        if value not in where or not choices:
            continue
        hit = codes == where[value]
        out[hit] = len(labels) + rng.integers(0, len(choices), int(hit.sum()))
        labels.extend(choices)
    return pa.array(labels, type=pa.string()).take(pa.array(out))


def vocabulary(export: str, cols: dict[str, Column], rng, rates: dict, tally: Tally) -> None:
    """Faults 10, 11, 14: status/programme/channel variants, blanks, period labels, bank names."""
    for column in VOCAB_COLUMNS[export] + (("BANK_PENYALUR",) if "BANK_PENYALUR" in cols else ()):
        lookup = rawformat.vocabulary_map(column)
        col = cols[column]
        rate = rates["bank_variant"] if column == "BANK_PENYALUR" else rates["status_variant"]
        idx = subset(rng, _nonempty(col), rate)
        vals = col.text(idx)
        options = {
            v: [x for x in rawformat.VOCABULARY[column][lookup[rawformat.normalise_value(v)]] if x and x != v]
            for v in pc.unique(vals).to_pylist()
        }
        put(col, idx, _variants_by_value(vals, options, rng))
        tally.add(14 if column == "BANK_PENYALUR" else 10, column, len(idx))
    if "STATUS_SALUR" in cols:
        proses = np.flatnonzero(cols["STATUS_SALUR"].mask(lambda a: pc.equal(a, "PROSES")))
        idx = subset(rng, proses, rates["status_blank"])
        put(cols["STATUS_SALUR"], idx, [""] * len(idx))
        tally.add(10, "STATUS_SALUR=kosong", len(idx))
    if "TAHAP" in cols:
        idx = subset(rng, np.arange(len(cols["TAHAP"])), rates["period_label"])
        vals = cols["TAHAP"].text(idx)
        options = {str(t): [f"TAHAP {t}", f"TW {ROMAN[t - 1]}", QUARTER_MONTHS[t - 1]] for t in range(1, 5)}
        put(cols["TAHAP"], idx, _variants_by_value(vals, options, rng))
        tally.add(11, "TAHAP", len(idx))


NAME_MESS = (
    lambda v: "HJ. " + v,
    str.lower,
    str.title,
    lambda v: v.replace(" ", "  ") + " ",
    lambda v: v.replace(" ", "\u00a0"),
)


def names(cols: dict[str, Column], rng, rates: dict, tally: Tally) -> None:
    """Fault 15: honorifics, lower/title case, double spaces, NBSP in name columns."""
    for column in ("NAMA_KRT", "NAMA_PENGURUS"):
        if column not in cols:
            continue
        col = cols[column]
        idx = subset(rng, np.arange(len(col)), rates["name_messy"])
        kinds = rng.integers(0, 5, len(idx))
        vals = col.text(idx).to_pylist()
        put(col, idx, [NAME_MESS[k](v) for v, k in zip(vals, kinds, strict=True)])
        tally.add(15, column, len(idx))
