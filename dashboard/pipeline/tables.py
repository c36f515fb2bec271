"""Build the three processed tables from the raw string frames.

Each builder takes the concatenated rows of one export (canonical string
columns plus ``_file`` and ``_row``) and returns a :class:`Built`: the clean
table (schema columns only), the quarantined rows, and a per-row ledger of
what happened to every input row, which the report uses for conservation.

Duplicate rule (documented in ``data/README.md`` too):

* Rows identical in every canonical column are merged (``F04_duplikat_identik``).
* ``families``: the same ID_DTSEN twice → the row with the latest
  TGL_UPDATE is kept, then the most complete, then the last in file order.
* ``kpm``: the same ID_KPM × program × periode twice → the most complete row
  is kept, then the last in file order (later files and rows are newer).
  Then the same family (ID_DTSEN) twice in one programme × periode under
  different ID_KPM → same rule (``F04_duplikat_keluarga``). PKH and Sembako
  for the same family are not duplicates.
* ``disbursements``: the same ID_TRANSAKSI twice → the latest TGL_LAPORAN is
  kept, then the most complete, then the last in file order. Several
  attempts for the same KPM and period with different IDs are kept.

Other dropped rows become duplicates "merged" (``F04_duplikat_kunci``) and
are counted, not quarantined. Quarantine happens only for non-duplicate
rows, with the first applicable reason.

Privacy: names and account numbers are never copied; NIK, No. KK, ID_DTSEN,
ID_KPM and ID_TRANSAKSI leave this module only as keyed pseudonyms.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import pseudonym, rawformat
from dashboard.pipeline import parse, reasons
from dashboard.pipeline.locate import locate

KEPT = "disimpan"
QUARANTINED = "karantina"
MERGED = "duplikat"

_ID_COLUMNS = frozenset({"ID_DTSEN", "ID_KPM", "ID_TRANSAKSI"})
_NUMBER_COLUMNS = frozenset({"NIK_KRT", "NIK_PENGURUS", "NIK_PENERIMA", "NO_KK"})
_LONG_DIGITS = re.compile(r"\d{11,}")


@dataclass(frozen=True)
class Built:
    """The result of building one table.

    Attributes
    ----------
    table : DataFrame
        Clean rows, schema columns only, sorted.
    quarantine : DataFrame
        Rows that cannot be used (see :func:`quarantine_frame`).
    ledger : DataFrame
        One row per input data row: ``_file``, ``kode_kab`` (when known),
        ``fate`` (``disimpan``/``karantina``/``duplikat``), ``reason``.
    faults : DataFrame
        Fault counts: ``fault``, ``kode_kab``, ``n``.
    """

    table: pd.DataFrame
    quarantine: pd.DataFrame
    ledger: pd.DataFrame
    faults: pd.DataFrame


class _Faults:
    """Collect per-row fault codes, then count them by kabupaten."""

    def __init__(self, index: pd.Index) -> None:
        self.index = index
        self.columns: list[pd.Series] = []

    def add(self, fault: pd.Series, mapping: dict[str, str] | None = None) -> None:
        series = fault.astype("str")
        if mapping is not None:
            series = series.map(mapping).astype("str")
        self.columns.append(series)

    def when(self, mask: pd.Series, code: str) -> None:
        self.columns.append(pd.Series(pd.NA, index=self.index, dtype="str").mask(mask.fillna(False), code))

    def count(self, kab: pd.Series) -> pd.DataFrame:
        parts = []
        for series in self.columns:
            frame = pd.DataFrame({"fault": series, "kode_kab": kab.fillna("")})
            frame = frame[frame["fault"].notna()]
            if len(frame):
                parts.append(frame.value_counts().rename("n").reset_index())
        if not parts:
            return pd.DataFrame({"fault": [], "kode_kab": [], "n": []})
        return pd.concat(parts).groupby(["fault", "kode_kab"], as_index=False)["n"].sum()


def _key(values: pd.Series) -> pd.Series:
    return values.str.upper().str.replace(r"\s+", "", regex=True)


def _nik(values: pd.Series, faults: _Faults, secret: bytes) -> tuple[pd.Series, pd.Series, pd.Series]:
    parsed = parse.normalise_id_number(values)
    faults.add(parsed.fault)
    valid = parse.nik_structurally_valid(parsed.values)
    faults.when(parsed.values.notna() & ~valid, "F02_nik_tidak_valid")
    return parsed.values, pseudonym.pseudonymise(parsed.values, secret), valid


def _completeness(raw: pd.DataFrame, columns: list[str]) -> np.ndarray:
    total = np.zeros(len(raw), dtype=np.int64)
    for column in columns:
        total += raw[column].ne("").to_numpy()
    return total


def _dedupe(
    raw: pd.DataFrame, key: pd.DataFrame, eligible: pd.Series, latest: pd.Series | None, columns: list[str]
) -> tuple[pd.Series, pd.Series]:
    """Return (merged mask, fault) for duplicate rows among ``eligible``."""
    index = raw.index
    if latest is None:
        latest_rank = np.zeros(len(raw), dtype=np.int64)
    else:
        latest_rank = latest.to_numpy(dtype="datetime64[ms]").astype(np.int64)  # NaT is the smallest
    order = pd.DataFrame(
        {"latest": latest_rank, "complete": _completeness(raw, columns), "position": np.arange(len(raw))},
        index=index,
    )
    candidates = raw.loc[eligible, columns]
    exact = pd.Series(False, index=index)
    exact.loc[candidates.index] = candidates.duplicated(keep="last").to_numpy()
    remaining = eligible & ~exact
    ranked = pd.concat([key[remaining], order[remaining]], axis=1).sort_values(
        ["latest", "complete", "position"], ascending=False, kind="stable"
    )
    by_key = pd.Series(False, index=index)
    by_key.loc[ranked.index] = ranked.duplicated(subset=list(key.columns), keep="first").to_numpy()
    fault = pd.Series(pd.NA, index=index, dtype="str")
    fault = fault.mask(exact, "F04_duplikat_identik").mask(by_key, "F04_duplikat_kunci")
    return exact | by_key, fault


def _mask_value(column: str, value: str, secret: bytes) -> str:
    if column in _NUMBER_COLUMNS:
        digits = parse.normalise_id_number(pd.Series([value])).values.iloc[0]
        return "hash:" + pseudonym.pseudonym(digits, secret) if isinstance(digits, str) else "<tidak terbaca>"
    if column in _ID_COLUMNS:
        return "hash:" + pseudonym.pseudonym(value.upper().replace(" ", ""), secret)
    if column in rawformat.personal_columns():
        return "<disamarkan>"
    return _LONG_DIGITS.sub("<angka panjang disamarkan>", value)


def quarantine_frame(
    raw: pd.DataFrame, mask: pd.Series, reason: pd.Series, kab: pd.Series, secret: bytes
) -> pd.DataFrame:
    """Return quarantined rows with personal values masked or pseudonymised.

    Parameters
    ----------
    raw : DataFrame
        Raw rows (canonical columns, ``_file``, ``_row``).
    mask : Series
        Rows to quarantine.
    reason : Series
        Reason code per row.
    kab : Series
        Kabupaten per row when known.
    secret : bytes
        Pseudonym key.

    Returns
    -------
    DataFrame
        ``file_sumber``, ``baris_sumber``, ``kode_alasan``, ``alasan``,
        ``kode_kab`` and ``nilai_mentah`` (JSON object of the non-empty raw
        values, names and account numbers masked, NIK/No. KK/IDs hashed,
        digit runs of 11 or more masked), sorted by file and row.
    """
    rows = raw.loc[mask]
    columns = [c for c in raw.columns if not c.startswith("_")]
    records = []
    for values in rows[columns].itertuples(index=False, name=None):
        records.append(
            json.dumps(
                {c: _mask_value(c, v, secret) for c, v in zip(columns, values, strict=True) if v},
                ensure_ascii=False,
                sort_keys=True,
            )
        )
    out = pd.DataFrame(
        {
            "file_sumber": rows["_file"].astype("str").to_numpy(),
            "baris_sumber": rows["_row"].astype("int64").to_numpy(),
            "kode_alasan": reason.loc[mask].astype("str").to_numpy(),
            "kode_kab": kab.loc[mask].astype("str").to_numpy(),
            "nilai_mentah": pd.Series(records, dtype="str").to_numpy(),
        }
    )
    out.insert(3, "alasan", out["kode_alasan"].map(reasons.label).astype("str"))
    return out.sort_values(["file_sumber", "baris_sumber"], ignore_index=True)


def _first_reason(index: pd.Index, checks: list[tuple[pd.Series, pd.Series | str]]) -> pd.Series:
    reason = pd.Series(pd.NA, index=index, dtype="str")
    for mask, code in reversed(checks):
        reason = reason.mask(mask.fillna(False), code)
    return reason


def _finish(
    raw: pd.DataFrame,
    table: pd.DataFrame,
    reason: pd.Series,
    merged: pd.Series,
    kab: pd.Series,
    faults: _Faults,
    sort: list[str],
    secret: bytes,
) -> Built:
    quarantined = reason.notna() & ~merged
    kept = ~quarantined & ~merged
    fate = pd.Series(KEPT, index=raw.index, dtype="str").mask(quarantined, QUARANTINED).mask(merged, MERGED)
    ledger = pd.DataFrame(
        {
            "_file": raw["_file"].astype("str"),
            "kode_kab": kab.astype("str"),
            "fate": fate,
            "reason": reason.where(quarantined).astype("str"),
        }
    )
    clean = table.loc[kept].sort_values(sort, kind="stable", ignore_index=True)
    return Built(
        table=clean,
        quarantine=quarantine_frame(raw, quarantined, reason, kab, secret),
        ledger=ledger.reset_index(drop=True),
        faults=faults.count(kab),
    )


def _vocab(values: pd.Series, column: str, faults: _Faults, variant: str | None = None) -> pd.Series:
    parsed = parse.map_vocabulary(values, column)
    if variant:
        faults.add(parsed.fault, {"varian": variant})
    return parsed.values, parsed.fault


def build_families(raw: pd.DataFrame, desa_master: pd.DataFrame, secret: bytes) -> Built:
    """Build ``families`` from registry rows.

    Parameters
    ----------
    raw : DataFrame
        Registry rows (canonical string columns, ``_file``, ``_row``).
    desa_master : DataFrame
        Desa master list (``kode_desa`` dotted).
    secret : bytes
        Pseudonym key.

    Returns
    -------
    Built
        The table, quarantine, ledger and fault counts.
    """
    faults = _Faults(raw.index)
    ids = _key(raw["ID_DTSEN"])
    kk_digits, kk_hash, _ = _nik(raw["NO_KK"], faults, secret)
    nik_digits, nik_hash, nik_valid = _nik(raw["NIK_KRT"], faults, secret)
    faults.when(nik_digits.notna() & nik_digits.eq(kk_digits), "F03_nik_sama_dengan_kk")
    where = locate(
        raw["KODE_DESA"], raw["KODE_KABUPATEN"], raw["KABUPATEN"], desa_master, raw["KODE_KECAMATAN"]
    )
    faults.add(where["fault"])
    desil = parse.parse_int(raw["DESIL"], 1, 10)
    faults.add(desil.fault, {"diluar_rentang": "F17_desil_tidak_valid"})
    faults.when(raw["DESIL"].eq(""), "F17_desil_kosong")
    jml = parse.parse_int(raw["JML_ART"], 1, 30)
    keberadaan, keberadaan_fault = _vocab(
        raw["STATUS_KEBERADAAN"], "STATUS_KEBERADAAN", faults, "F10_status_varian"
    )
    faults.when(raw["STATUS_KEBERADAAN"].eq(""), "F10_status_kosong")
    padan, padan_fault = _vocab(raw["STATUS_PADAN"], "STATUS_PADAN", faults, "F10_status_varian")
    dates = {}
    for column in ("TGL_MENINGGAL", "TGL_UPDATE"):
        parsed = parse.parse_date(raw[column])
        faults.add(parsed.fault)
        dates[column] = parsed.values
    table = pd.DataFrame(
        {
            "family_id": pseudonym.pseudonymise(ids.where(ids.ne("")), secret),
            "kk_hash": kk_hash,
            "nik_krt_hash": nik_hash,
            "nik_krt_valid": nik_valid,
            "kode_kab": where["kode_kab"],
            "kode_kec": where["kode_kec"],
            "kode_desa": where["kode_desa"],
            "desil": desil.values.astype("Int8"),
            "jml_art": jml.values.astype("Int16"),
            "status_keberadaan": keberadaan.fillna("ADA").astype("str"),
            "tgl_meninggal": dates["TGL_MENINGGAL"],
            "status_padan": padan.astype("str"),
            "periode_data": raw["PERIODE_DATA"].where(raw["PERIODE_DATA"].ne("")).astype("str"),
            "tgl_update": dates["TGL_UPDATE"],
        },
        index=raw.index,
    )
    reason = _first_reason(
        raw.index,
        [
            (ids.eq(""), reasons.Q_ID_EMPTY),
            (where["reason"].notna(), where["reason"]),
            (keberadaan_fault.eq("tidak_dikenal") | padan_fault.eq("tidak_dikenal"), reasons.Q_VOCAB),
        ],
    )
    columns = [c.name for c in rawformat.COLUMNS[rawformat.REGISTRY]]
    merged, dup_fault = _dedupe(raw, table[["family_id"]], reason.isna(), table["tgl_update"], columns)
    faults.add(dup_fault)
    return _finish(raw, table, reason, merged, where["kode_kab"], faults, ["family_id"], secret)


def _period(raw: pd.DataFrame, faults: _Faults) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    program, _ = _vocab(raw["PROGRAM"], "PROGRAM", faults)
    tahun = parse.parse_int(raw["TAHUN"], 2015, 2100).values
    tahap = parse.parse_tahap(raw["TAHAP"])
    faults.add(tahap.fault, {"F11_periode_label": "F11_periode_label"})
    ok = program.notna() & tahun.notna() & tahap.values.notna()
    periode = (tahun.astype("str") + "-T" + tahap.values.astype("str")).where(ok).astype("str")
    return program, tahun, tahap.values, periode


def build_kpm(raw: pd.DataFrame, desa_master: pd.DataFrame, secret: bytes) -> Built:
    """Build ``kpm`` from penetapan rows.

    Parameters
    ----------
    raw : DataFrame
        Penetapan rows (canonical string columns, ``_file``, ``_row``).
    desa_master : DataFrame
        Desa master list.
    secret : bytes
        Pseudonym key.

    Returns
    -------
    Built
        The table, quarantine, ledger and fault counts.
    """
    faults = _Faults(raw.index)
    ids = _key(raw["ID_KPM"])
    family = _key(raw["ID_DTSEN"])
    program, tahun, tahap, periode = _period(raw, faults)
    nominal = parse.parse_rupiah(raw["NOMINAL"])
    faults.add(nominal.fault)
    status, status_fault = _vocab(raw["STATUS_KPM"], "STATUS_KPM", faults, "F10_status_varian")
    faults.when(raw["STATUS_KPM"].eq(""), "F10_status_kosong")
    bank, bank_fault = _vocab(raw["BANK_PENYALUR"], "BANK_PENYALUR", faults, "F14_bank_varian")
    faults.when(bank_fault.eq("tidak_dikenal"), "F14_bank_tidak_dikenal")
    _, nik_hash, nik_valid = _nik(raw["NIK_PENGURUS"], faults, secret)
    where = locate(raw["KODE_DESA"], raw["KODE_KABUPATEN"], raw["KABUPATEN"], desa_master)
    faults.add(where["fault"])
    ok = periode.notna()
    start, end = parse.quarter_bounds(
        tahun.where(ok, 2000).astype("int64"), tahap.where(ok, 1).astype("int64")
    )
    alasan = raw["ALASAN_NONAKTIF"].str.replace(
        _LONG_DIGITS.pattern, "<angka panjang disamarkan>", regex=True
    )
    table = pd.DataFrame(
        {
            "kpm_id": pseudonym.pseudonymise(ids.where(ids.ne("")), secret),
            "family_id": pseudonym.pseudonymise(family.where(family.ne("")), secret),
            "program": program,
            "tahun": tahun.fillna(0).astype("int16"),
            "tahap": tahap.fillna(0).astype("int8"),
            "periode": periode,
            "tgl_mulai": start,
            "tgl_akhir": end,
            "nominal": nominal.values.fillna(-1).astype("int64"),
            "status_kpm": status.fillna("AKTIF").astype("str"),
            "alasan_nonaktif": alasan.where(alasan.ne("")).astype("str"),
            "bank": bank,
            "nik_pengurus_hash": nik_hash,
            "nik_pengurus_valid": nik_valid,
            "kode_kab": where["kode_kab"],
            "kode_kec": where["kode_kec"],
            "kode_desa": where["kode_desa"],
        },
        index=raw.index,
    )
    reason = _first_reason(
        raw.index,
        [
            (ids.eq(""), reasons.Q_ID_EMPTY),
            (program.isna(), reasons.Q_PROGRAM),
            (periode.isna(), reasons.Q_PERIOD),
            (nominal.values.isna(), reasons.Q_AMOUNT),
            (where["reason"].notna(), where["reason"]),
            (status_fault.eq("tidak_dikenal"), reasons.Q_VOCAB),
        ],
    )
    columns = [c.name for c in rawformat.COLUMNS[rawformat.PENETAPAN]]
    key = table[["kpm_id", "program", "periode"]]
    merged, dup_fault = _dedupe(raw, key, reason.isna(), None, columns)
    faults.add(dup_fault)
    family_key = table[["family_id", "program", "periode"]]
    eligible = reason.isna() & ~merged & table["family_id"].notna()
    same_family, family_fault = _dedupe(raw, family_key, eligible, None, columns)
    faults.add(family_fault.mask(family_fault.eq("F04_duplikat_kunci"), "F04_duplikat_keluarga"))
    merged = merged | same_family
    return _finish(
        raw, table, reason, merged, where["kode_kab"], faults, ["kpm_id", "program", "periode"], secret
    )


def _inherit_region(table: pd.DataFrame, kpm: pd.DataFrame) -> pd.DataFrame:
    regions_cols = ["kode_kab", "kode_kec", "kode_desa"]
    exact = kpm[["kpm_id", "program", "periode", *regions_cols]]
    joined = table[["kpm_id", "program", "periode"]].merge(
        exact, how="left", on=["kpm_id", "program", "periode"]
    )
    latest = kpm.sort_values(["kpm_id", "tahun", "tahap"], kind="stable").drop_duplicates(
        "kpm_id", keep="last"
    )
    fallback = table[["kpm_id"]].merge(latest[["kpm_id", *regions_cols]], how="left", on="kpm_id")
    found = joined["kode_kab"].notna().to_numpy()
    out = pd.DataFrame(
        {c: joined[c].where(found, fallback[c]).astype("str").to_numpy() for c in regions_cols},
        index=table.index,
    )
    return out


def build_disbursements(raw: pd.DataFrame, kpm: pd.DataFrame, secret: bytes) -> Built:
    """Build ``disbursements`` from transaksi rows; regions come from ``kpm``.

    Parameters
    ----------
    raw : DataFrame
        Transaksi rows (canonical string columns, ``_file``, ``_row``).
    kpm : DataFrame
        The clean ``kpm`` table (region source).
    secret : bytes
        Pseudonym key.

    Returns
    -------
    Built
        The table, quarantine, ledger and fault counts.
    """
    faults = _Faults(raw.index)
    trx = _key(raw["ID_TRANSAKSI"])
    ids = _key(raw["ID_KPM"])
    program, tahun, tahap, periode = _period(raw, faults)
    _nik(raw["NIK_PENERIMA"], faults, secret)
    months = {c: parse.parse_int(raw[c], 1, 12).values.astype("Int8") for c in ("BULAN_AWAL", "BULAN_AKHIR")}
    dates = {}
    for column in ("TGL_SP2D", "TGL_KREDIT", "TGL_TARIK", "TGL_RETUR", "TGL_LAPORAN"):
        parsed = parse.parse_date(raw[column])
        faults.add(parsed.fault)
        dates[column] = parsed.values
    status, status_fault = _vocab(raw["STATUS_SALUR"], "STATUS_SALUR", faults, "F10_status_varian")
    faults.when(raw["STATUS_SALUR"].eq(""), "F10_status_kosong")
    bank, bank_fault = _vocab(raw["BANK_PENYALUR"], "BANK_PENYALUR", faults, "F14_bank_varian")
    faults.when(bank_fault.eq("tidak_dikenal"), "F14_bank_tidak_dikenal")
    kanal, kanal_fault = _vocab(raw["KANAL"], "KANAL", faults, "F10_status_varian")
    kanal = kanal.fillna(bank.map({"POS": "POS"}).where(bank.isna() | bank.eq("POS"), "HIMBARA")).astype(
        "str"
    )
    gagal, _ = _vocab(raw["KODE_GAGAL"], "KODE_GAGAL", faults)
    gagal = gagal.where(raw["KODE_GAGAL"].eq("") | gagal.notna(), "LAINNYA").astype("str")
    amounts = {}
    for column in ("NOMINAL_ALOKASI", "NOMINAL_SALUR", "NOMINAL_RETUR"):
        parsed = parse.parse_rupiah(raw[column])
        faults.add(parsed.fault)
        amounts[column] = parsed.values
    salur = amounts["NOMINAL_SALUR"].where(~(raw["NOMINAL_SALUR"].eq("") & status.ne("TERSALUR")), 0)
    table = pd.DataFrame(
        {
            "trx_id": pseudonym.pseudonymise(trx.where(trx.ne("")), secret),
            "kpm_id": pseudonym.pseudonymise(ids.where(ids.ne("")), secret),
            "program": program,
            "tahun": tahun.fillna(0).astype("int16"),
            "tahap": tahap.fillna(0).astype("int8"),
            "periode": periode,
            "bulan_awal": months["BULAN_AWAL"],
            "bulan_akhir": months["BULAN_AKHIR"],
            "no_sp2d": raw["NO_SP2D"].where(raw["NO_SP2D"].ne("")).astype("str"),
            "tgl_sp2d": dates["TGL_SP2D"],
            "kanal": kanal,
            "bank": bank,
            "nominal_alokasi": amounts["NOMINAL_ALOKASI"].fillna(-1).astype("int64"),
            "nominal_salur": salur.fillna(-1).astype("int64"),
            "tgl_kredit": dates["TGL_KREDIT"],
            "tgl_tarik": dates["TGL_TARIK"],
            "status_salur": status,
            "kode_gagal": gagal,
            "tgl_retur": dates["TGL_RETUR"],
            "nominal_retur": amounts["NOMINAL_RETUR"].fillna(0).astype("int64"),
            "tgl_laporan": dates["TGL_LAPORAN"],
        },
        index=raw.index,
    )
    where = _inherit_region(table, kpm)
    table = pd.concat([table, where], axis=1)
    reason = _first_reason(
        raw.index,
        [
            (trx.eq("") | ids.eq(""), reasons.Q_ID_EMPTY),
            (program.isna(), reasons.Q_PROGRAM),
            (periode.isna(), reasons.Q_PERIOD),
            (table["nominal_alokasi"].lt(0) | table["nominal_salur"].lt(0), reasons.Q_AMOUNT),
            (table["tgl_sp2d"].isna() | table["tgl_laporan"].isna(), reasons.Q_DATE),
            (status_fault.eq("tidak_dikenal") | kanal_fault.eq("tidak_dikenal"), reasons.Q_VOCAB),
            (where["kode_kab"].isna(), reasons.Q_NO_KPM),
        ],
    )
    columns = [c.name for c in rawformat.COLUMNS[rawformat.TRANSAKSI]]
    merged, dup_fault = _dedupe(raw, table[["trx_id"]], reason.isna(), table["tgl_laporan"], columns)
    faults.add(dup_fault)
    return _finish(raw, table, reason, merged, where["kode_kab"], faults, ["trx_id"], secret)
