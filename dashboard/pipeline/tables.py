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

Scale: every builder is split in two. ``prepare_*`` does all row-local work
on one chunk of raw rows (parsing, pseudonyms, regions, quarantine reasons,
fault counts) and keeps only compact typed columns (low-cardinality text as
categoricals), a 64-bit fingerprint of the raw row and its completeness, so
the raw strings can be dropped chunk by chunk. ``combine_*`` then does the
few steps that need every row at once (duplicates, ledger, sort order). The
``build_*`` functions run both on one frame.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow.compute as pc
from pandas.api.types import union_categoricals

from dashboard import pseudonym, rawformat
from dashboard.pipeline import parse, reasons
from dashboard.pipeline.locate import locate

KEPT = "disimpan"
QUARANTINED = "karantina"
MERGED = "duplikat"

_ID_COLUMNS = frozenset({"ID_DTSEN", "ID_KPM", "ID_TRANSAKSI"})
_NUMBER_COLUMNS = frozenset({"NIK_KRT", "NIK_PENGURUS", "NIK_PENERIMA", "NO_KK"})
_LONG_DIGITS = re.compile(r"\d{11,}")
_REGION = ["kode_kab", "kode_kec", "kode_desa"]
_FAMILY_COMPACT = [*_REGION, "status_keberadaan", "status_padan", "periode_data"]
_KPM_COMPACT = [
    "kpm_id",
    "family_id",
    "nik_pengurus_hash",
    "program",
    "periode",
    "status_kpm",
    "alasan_nonaktif",
    "bank",
    *_REGION,
]
_DISBURSEMENT_COMPACT = [
    "kpm_id",
    "program",
    "periode",
    "no_sp2d",
    "kanal",
    "bank",
    "status_salur",
    "kode_gagal",
    *_REGION,
]


@dataclass(frozen=True)
class Built:
    """The result of building one table.

    Attributes
    ----------
    table : DataFrame
        Kept rows, schema columns only, in input order; low-cardinality text
        columns may be categoricals (see :func:`materialise`).
    order : ndarray
        Positions of ``table`` in output order (sorted by the table's key).
    quarantine : DataFrame
        Rows that cannot be used (see :func:`quarantine_frame`).
    ledger : DataFrame
        One row per input data row: ``_file``, ``kode_kab`` (when known),
        ``fate`` (``disimpan``/``karantina``/``duplikat``), ``reason``
        (categoricals).
    faults : DataFrame
        Fault counts: ``fault``, ``kode_kab``, ``n``.
    """

    table: pd.DataFrame
    order: np.ndarray
    quarantine: pd.DataFrame
    ledger: pd.DataFrame
    faults: pd.DataFrame

    def sorted_table(self) -> pd.DataFrame:
        """Return the whole clean table in output order with plain ``str`` columns."""
        return materialise(self.table, self.order)


@dataclass(frozen=True)
class Part:
    """Row-local results of one chunk of raw rows (see ``prepare_*``).

    Attributes
    ----------
    table : DataFrame
        Typed rows (all rows of the chunk, kept or not), compacted.
    reason : Series
        Quarantine reason per row (``NA`` when usable).
    kab : Series
        Kabupaten per row when known.
    file : Series
        Source file per row.
    faults : DataFrame
        Fault counts of the chunk (duplicates not yet included).
    latest : ndarray or None
        Duplicate tie-break "newest first" (``int64`` ms, NaT smallest).
    complete : ndarray
        Number of non-empty canonical raw cells per row.
    fingerprint : ndarray
        ``uint64`` hash of the canonical raw cells (exact duplicates).
    quarantine : dict
        Column arrays of the chunk's quarantined rows (:func:`quarantine_arrays`).
    """

    table: pd.DataFrame
    reason: pd.Series
    kab: pd.Series
    file: pd.Series
    faults: pd.DataFrame
    latest: np.ndarray | None
    complete: np.ndarray
    fingerprint: np.ndarray
    quarantine: dict[str, np.ndarray]


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
    return parse.ascii_fast_path(
        values,
        lambda a: pc.replace_substring(pc.ascii_upper(a), " ", ""),
        lambda v: v.str.upper().str.replace(r"\s+", "", regex=True),
    )


def _empty_faults() -> pd.DataFrame:
    return pd.DataFrame({"fault": [], "kode_kab": [], "n": []})


def sum_faults(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Add up fault-count frames (``fault``, ``kode_kab``, ``n``).

    Parameters
    ----------
    frames : list of DataFrame
        Counts, e.g. one per chunk.

    Returns
    -------
    DataFrame
        Counts per (fault, kode_kab), sorted by both.
    """
    parts = [f for f in frames if len(f)]
    if not parts:
        return _empty_faults()
    return pd.concat(parts).groupby(["fault", "kode_kab"], as_index=False)["n"].sum()


def compact(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Return ``frame`` with the given text columns as categoricals (in place).

    Parameters
    ----------
    frame : DataFrame
        Typed table chunk.
    columns : list of str
        Low-cardinality ``str`` columns.

    Returns
    -------
    DataFrame
        The same frame.
    """
    for column in columns:
        frame[column] = frame[column].astype("category")
    return frame


def concat_compact(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate chunk tables column by column, freeing the chunks as it goes.

    Categorical columns are united (:func:`pandas.api.types.union_categoricals`)
    so they stay compact; other columns are concatenated as they are. The
    input frames are emptied.

    Parameters
    ----------
    frames : list of DataFrame
        Chunks with the same columns and dtypes (categories may differ).

    Returns
    -------
    DataFrame
        All rows with a fresh ``RangeIndex``.
    """
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    columns = list(frames[0].columns)
    data = {}
    for column in columns:
        pieces = [f[column] for f in frames]
        if all(isinstance(p.dtype, pd.CategoricalDtype) for p in pieces):
            data[column] = pd.Series(union_categoricals(pieces, ignore_order=True))
        else:
            data[column] = pd.concat(pieces, ignore_index=True)
        for f in frames:
            del f[column]
    return pd.DataFrame(data)


def materialise(frame: pd.DataFrame, positions: np.ndarray | None = None) -> pd.DataFrame:
    """Return rows of a compact table as plain columns (categoricals back to ``str``).

    Parameters
    ----------
    frame : DataFrame
        Compact table.
    positions : ndarray, optional
        Row positions to take, in order (all rows when omitted).

    Returns
    -------
    DataFrame
        A new frame with a ``RangeIndex``, the dtypes the schemas expect.
    """
    rows = frame if positions is None else frame.take(positions)
    rows = rows.reset_index(drop=True)
    data = {
        c: _category_text(rows[c]) if isinstance(rows[c].dtype, pd.CategoricalDtype) else rows[c]
        for c in rows.columns
    }
    return pd.DataFrame(data)


def _category_text(values: pd.Series) -> pd.Series:
    """Return a categorical of text as ``str`` (missing stays missing), via Arrow."""
    codes = values.cat.codes.to_numpy()
    return parse.take_str(values.cat.categories.astype("str").tolist(), codes, values.index)


def sort_order(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """Return the positions that sort ``frame`` by ``columns`` (stable, text order).

    Parameters
    ----------
    frame : DataFrame
        Compact table (no missing values in ``columns``).
    columns : list of str
        Sort keys.

    Returns
    -------
    ndarray
        ``int64`` positions.
    """
    keys = {}
    for column in columns:
        values = frame[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.cat.reorder_categories(sorted(values.cat.categories), ordered=True)
        keys[column] = values
    ordered = pd.DataFrame(keys).reset_index(drop=True).sort_values(columns, kind="stable")
    return ordered.index.to_numpy(dtype=np.int64)


def _nik(
    values: pd.Series, faults: _Faults, secret: bytes | None
) -> tuple[pd.Series, pd.Series | None, pd.Series]:
    parsed = parse.normalise_id_number(values)
    faults.add(parsed.fault)
    valid = parse.nik_valid_per_unique(parsed.values)
    faults.when(parsed.values.notna() & ~valid, "F02_nik_tidak_valid")
    hashed = None if secret is None else pseudonym.pseudonymise(parsed.values, secret)
    return parsed.values, hashed, valid


def _completeness(raw: pd.DataFrame, columns: list[str]) -> np.ndarray:
    total = np.zeros(len(raw), dtype=np.int16)
    for column in columns:
        total += raw[column].ne("").to_numpy()
    return total


def fingerprint(raw: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """Return a 64-bit hash of each row's raw cells in ``columns``.

    Two rows with the same cells get the same hash; exact duplicates are then
    looked for only among rows that also share a key, so a collision would
    need two different rows with the same key and the same 64-bit hash.

    Parameters
    ----------
    raw : DataFrame
        Raw rows.
    columns : list of str
        Canonical columns.

    Returns
    -------
    ndarray
        ``uint64``.
    """
    if not len(raw):
        return np.zeros(0, dtype=np.uint64)
    return pd.util.hash_pandas_object(raw[columns], index=False).to_numpy(dtype=np.uint64)


def _dedupe(
    key: pd.DataFrame,
    eligible: np.ndarray,
    latest: np.ndarray | None,
    complete: np.ndarray,
    prints: np.ndarray,
) -> tuple[np.ndarray, pd.Series]:
    """Return (merged mask, fault) for duplicate rows among ``eligible``.

    Exact duplicates (same raw cells; the last one is kept) can only occur
    among rows sharing a key, and only rows sharing a key can be key
    duplicates, so only those rows are looked at.
    """
    n = len(key)
    key = key.reset_index(drop=True)
    candidates = np.flatnonzero(eligible)
    shared = candidates[key.iloc[candidates].duplicated(keep=False).to_numpy()]
    exact = np.zeros(n, dtype=bool)
    if len(shared):
        rows = key.iloc[shared].assign(_print=prints[shared])
        exact[shared] = rows.duplicated(keep="last").to_numpy()
    remaining = shared[~exact[shared]]
    by_key = np.zeros(n, dtype=bool)
    if len(remaining):
        order = pd.DataFrame(
            {
                "latest": np.zeros(len(remaining), dtype=np.int64) if latest is None else latest[remaining],
                "complete": complete[remaining],
                "position": remaining,
            }
        )
        ranked = pd.concat([key.iloc[remaining].reset_index(drop=True), order], axis=1).sort_values(
            ["latest", "complete", "position"], ascending=False, kind="stable"
        )
        dropped = ranked.duplicated(subset=list(key.columns), keep="first").to_numpy()
        by_key[ranked["position"].to_numpy()[dropped]] = True
    fault = pd.Series(pd.NA, index=range(n), dtype="str")
    fault = fault.mask(exact, "F04_duplikat_identik").mask(by_key, "F04_duplikat_kunci")
    return exact | by_key, fault


def _latest(values: pd.Series) -> np.ndarray:
    return values.to_numpy(dtype="datetime64[ms]").astype(np.int64)  # NaT is the smallest


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
    return quarantine_table([quarantine_arrays(raw, mask, reason, kab, secret)])


def quarantine_arrays(
    raw: pd.DataFrame, mask: pd.Series, reason: pd.Series, kab: pd.Series, secret: bytes
) -> dict[str, np.ndarray]:
    """Return the column arrays of :func:`quarantine_frame` (before the frame is made)."""
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
    return {
        "file_sumber": rows["_file"].astype("str").to_numpy(),
        "baris_sumber": rows["_row"].astype("int64").to_numpy(),
        "kode_alasan": reason.loc[mask].astype("str").to_numpy(),
        "kode_kab": kab.loc[mask].astype("str").to_numpy(),
        "nilai_mentah": pd.Series(records, dtype="str").to_numpy(),
    }


def quarantine_table(pieces: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    """Return the quarantine frame from column arrays of one or more chunks.

    The frame is made once from the joined arrays, so its dtypes are what
    pandas infers for all rows together, whatever the chunking.

    Parameters
    ----------
    pieces : list of dict
        Column name → array, as made by :func:`quarantine_frame`.

    Returns
    -------
    DataFrame
        Sorted by file and row, with the ``alasan`` label column.
    """
    columns = pieces[0].keys()
    out = pd.DataFrame({c: np.concatenate([p[c] for p in pieces]) for c in columns})
    out.insert(3, "alasan", out["kode_alasan"].map(reasons.label).astype("str"))
    return out.sort_values(["file_sumber", "baris_sumber"], ignore_index=True)


def _first_reason(index: pd.Index, checks: list[tuple[pd.Series, pd.Series | str]]) -> pd.Series:
    reason = pd.Series(pd.NA, index=index, dtype="str")
    for mask, code in reversed(checks):
        reason = reason.mask(mask.fillna(False), code)
    return reason


def _part(
    raw: pd.DataFrame,
    table: pd.DataFrame,
    reason: pd.Series,
    kab: pd.Series,
    faults: _Faults,
    latest: pd.Series | None,
    compact_columns: list[str],
    secret: bytes,
) -> Part:
    """Keep the row-local results of one chunk (raw strings are not kept)."""
    columns = [c for c in raw.columns if not c.startswith("_")]
    quarantined = reason.notna()  # duplicates are looked for only among usable rows
    index = pd.RangeIndex(len(raw))
    return Part(
        table=compact(table.reset_index(drop=True), compact_columns),
        reason=reason.reset_index(drop=True).astype("category"),
        kab=kab.reset_index(drop=True).astype("category"),
        file=pd.Series(raw["_file"].to_numpy(), index=index).astype("category"),
        faults=faults.count(kab),
        latest=None if latest is None else _latest(latest),
        complete=_completeness(raw, columns),
        fingerprint=fingerprint(raw, columns),
        quarantine=quarantine_arrays(raw, quarantined, reason, kab, secret),
    )


def pseudonymise_column(values: pd.Series, secret: bytes) -> pd.Series:
    """Pseudonymise a column of normalised identifiers, keeping it compact.

    A categorical gets its categories hashed (each distinct identifier once);
    text is factorised first. Missing or empty stays missing.

    Parameters
    ----------
    values : Series
        ``str`` or categorical identifiers.
    secret : bytes
        Pseudonym key.

    Returns
    -------
    Series
        Pseudonyms, same dtype kind as the input.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        uniques = values.cat.categories.astype("str").tolist()
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        uniques = list(uniques)
    hashed = pseudonym.pseudonymise_unique(uniques, secret, workers=2)[:-1]
    if (
        isinstance(values.dtype, pd.CategoricalDtype)
        and None not in hashed
        and len(set(hashed)) == len(hashed)
    ):
        return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(hashed, dtype="str")))
    result = parse.take_str(hashed, codes, values.index)
    return result.astype("category") if isinstance(values.dtype, pd.CategoricalDtype) else result


def _categorical(parts: list[pd.Series]) -> pd.Series:
    return pd.Series(union_categoricals(parts, ignore_order=True)) if len(parts) > 1 else parts[0]


class _Combined:
    """All parts of one table glued together (tables emptied as they are joined).

    Identifier columns arrive normalised and are pseudonymised here, once per
    distinct value over all chunks.
    """

    def __init__(self, parts: list[Part], secret: bytes, identifiers: list[str]) -> None:
        self.reason = _categorical([p.reason for p in parts])
        self.kab = _categorical([p.kab for p in parts])
        self.file = _categorical([p.file for p in parts])
        self.faults = [p.faults for p in parts]
        self.latest = None if parts[0].latest is None else np.concatenate([p.latest for p in parts])
        self.complete = np.concatenate([p.complete for p in parts])
        self.prints = np.concatenate([p.fingerprint for p in parts])
        self.quarantine = quarantine_table([p.quarantine for p in parts])
        self.table = concat_compact([p.table for p in parts])
        for column in identifiers:
            self.table[column] = pseudonymise_column(self.table[column], secret)


def _count(fault: pd.Series, kab: pd.Series) -> pd.DataFrame:
    mask = fault.notna().to_numpy()
    if not mask.any():
        return _empty_faults()
    frame = pd.DataFrame(
        {"fault": fault.to_numpy()[mask], "kode_kab": kab.astype("str").fillna("").to_numpy()[mask]}
    )
    return frame.value_counts().rename("n").reset_index()


def _finish(
    combined: _Combined, merged: np.ndarray, extra_faults: list[pd.DataFrame], sort: list[str]
) -> Built:
    quarantined = combined.reason.notna().to_numpy() & ~merged
    kept = ~quarantined & ~merged
    fate = np.full(len(merged), KEPT, dtype=object)
    fate[quarantined] = QUARANTINED
    fate[merged] = MERGED
    reason = combined.reason.where(quarantined)
    ledger = pd.DataFrame(
        {
            "_file": combined.file,
            "kode_kab": combined.kab,
            "fate": pd.Categorical(fate, categories=[KEPT, QUARANTINED, MERGED]),
            "reason": reason,
        }
    )
    table = combined.table
    if not kept.all():
        table = table.loc[kept].reset_index(drop=True)
    return Built(
        table=table,
        order=sort_order(table, sort),
        quarantine=combined.quarantine,
        ledger=ledger,
        faults=sum_faults([*combined.faults, *extra_faults]),
    )


def _vocab(values: pd.Series, column: str, faults: _Faults, variant: str | None = None) -> pd.Series:
    parsed = parse.map_vocabulary(values, column)
    if variant:
        faults.add(parsed.fault, {"varian": variant})
    return parsed.values, parsed.fault


def prepare_families(raw: pd.DataFrame, desa_master: pd.DataFrame, secret: bytes) -> Part:
    """Do the row-local work of ``families`` on a chunk of registry rows.

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
    kk_digits, _, _ = _nik(raw["NO_KK"], faults, None)  # hashed in combine_families
    nik_digits, _, nik_valid = _nik(raw["NIK_KRT"], faults, None)
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
            "family_id": ids.where(ids.ne("")),
            "kk_hash": kk_digits,
            "nik_krt_hash": nik_digits,
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
    return _part(raw, table, reason, where["kode_kab"], faults, table["tgl_update"], _FAMILY_COMPACT, secret)


def combine_families(parts: list[Part], secret: bytes) -> Built:
    """Join prepared chunks of registry rows into ``families``.

    Parameters
    ----------
    parts : list of Part
        Output of :func:`prepare_families`, in file and row order.

    Returns
    -------
    Built
        The table, quarantine, ledger and fault counts.
    """
    combined = _Combined(parts, secret, ["family_id", "kk_hash", "nik_krt_hash"])
    merged, dup_fault = _dedupe(
        combined.table[["family_id"]],
        combined.reason.isna().to_numpy(),
        combined.latest,
        combined.complete,
        combined.prints,
    )
    return _finish(combined, merged, [_count(dup_fault, combined.kab)], ["family_id"])


def build_families(raw: pd.DataFrame, desa_master: pd.DataFrame, secret: bytes) -> Built:
    """Build ``families`` from registry rows in one go (see :func:`prepare_families`)."""
    return combine_families([prepare_families(raw, desa_master, secret)], secret)


def _period(raw: pd.DataFrame, faults: _Faults) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    program, _ = _vocab(raw["PROGRAM"], "PROGRAM", faults)
    tahun = parse.parse_int(raw["TAHUN"], 2015, 2100).values
    tahap = parse.parse_tahap(raw["TAHAP"])
    faults.add(tahap.fault, {"F11_periode_label": "F11_periode_label"})
    ok = program.notna() & tahun.notna() & tahap.values.notna()
    periode = (tahun.astype("str") + "-T" + tahap.values.astype("str")).where(ok).astype("str")
    return program, tahun, tahap.values, periode


def prepare_kpm(raw: pd.DataFrame, desa_master: pd.DataFrame, secret: bytes) -> Part:
    """Do the row-local work of ``kpm`` on a chunk of penetapan rows.

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
    nik_digits, _, nik_valid = _nik(raw["NIK_PENGURUS"], faults, None)  # hashed in combine_kpm
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
            "kpm_id": ids.where(ids.ne("")),
            "family_id": family.where(family.ne("")),
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
            "nik_pengurus_hash": nik_digits,
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
    return _part(raw, table, reason, where["kode_kab"], faults, None, _KPM_COMPACT, secret)


def combine_kpm(parts: list[Part], secret: bytes) -> Built:
    """Join prepared chunks of penetapan rows into ``kpm``.

    Parameters
    ----------
    parts : list of Part
        Output of :func:`prepare_kpm`, in file and row order.

    Returns
    -------
    Built
        The table, quarantine, ledger and fault counts.
    """
    combined = _Combined(parts, secret, ["kpm_id", "family_id", "nik_pengurus_hash"])
    table = combined.table
    usable = combined.reason.isna().to_numpy()
    key = table[["kpm_id", "program", "periode"]]
    merged, dup_fault = _dedupe(key, usable, None, combined.complete, combined.prints)
    family_key = table[["family_id", "program", "periode"]]
    eligible = usable & ~merged & table["family_id"].notna().to_numpy()
    same_family, family_fault = _dedupe(family_key, eligible, None, combined.complete, combined.prints)
    family_fault = family_fault.mask(family_fault.eq("F04_duplikat_kunci"), "F04_duplikat_keluarga")
    extra = [_count(dup_fault, combined.kab), _count(family_fault, combined.kab)]
    return _finish(combined, merged | same_family, extra, ["kpm_id", "program", "periode"])


def build_kpm(raw: pd.DataFrame, desa_master: pd.DataFrame, secret: bytes) -> Built:
    """Build ``kpm`` from penetapan rows in one go (see :func:`prepare_kpm`)."""
    return combine_kpm([prepare_kpm(raw, desa_master, secret)], secret)


class RegionLookup:
    """Regions of the clean ``kpm`` table, for transactions.

    A transaction takes the region of its KPM in the same programme and
    period; failing that, of the KPM's latest period (any programme).

    Parameters
    ----------
    kpm : DataFrame
        The clean ``kpm`` table (``kpm_id``, ``program``, ``periode``,
        ``tahun``, ``tahap`` and the region columns; unique per
        ``kpm_id`` × ``program`` × ``periode``).
    """

    COLUMNS = ("kode_kab", "kode_kec", "kode_desa")

    def __init__(self, kpm: pd.DataFrame) -> None:
        frame = kpm.reset_index(drop=True)
        self.exact = pd.MultiIndex.from_arrays([frame[c] for c in ("kpm_id", "program", "periode")])
        self.categories, codes = {}, {}
        for column in self.COLUMNS:
            values = frame[column].astype("category")
            self.categories[column] = values.cat.categories.astype("str").tolist()
            codes[column] = values.cat.codes.to_numpy()
        latest = (
            frame[["kpm_id", "tahun", "tahap"]]
            .sort_values(["kpm_id", "tahun", "tahap"], kind="stable")
            .drop_duplicates("kpm_id", keep="last")
        )
        rows = latest.index.to_numpy()
        self.ids = pd.Index(latest["kpm_id"].astype("str").to_numpy())
        self.codes_exact = codes
        self.codes_latest = {c: codes[c][rows] for c in self.COLUMNS}

    def regions(self, table: pd.DataFrame) -> pd.DataFrame:
        """Return ``kode_kab``, ``kode_kec``, ``kode_desa`` for each transaction row.

        Parameters
        ----------
        table : DataFrame
            Rows with ``kpm_id``, ``program`` and ``periode``.

        Returns
        -------
        DataFrame
            ``str`` region columns (``NA`` when the KPM is unknown), same index.
        """
        keys = pd.MultiIndex.from_arrays([table[c].astype("str") for c in ("kpm_id", "program", "periode")])
        exact = self.exact.get_indexer(keys)
        latest = self.ids.get_indexer(table["kpm_id"].astype("str"))
        hit, found = latest >= 0, exact >= 0
        out = {}
        for column in self.COLUMNS:
            codes = np.full(len(table), -1, dtype=np.int64)
            codes[hit] = self.codes_latest[column][latest[hit]]
            codes[found] = self.codes_exact[column][exact[found]]
            out[column] = parse.take_str(self.categories[column], codes, table.index)
        return pd.DataFrame(out, index=table.index)


def prepare_disbursements(raw: pd.DataFrame, kpm: RegionLookup, secret: bytes) -> Part:
    """Do the row-local work of ``disbursements`` on a chunk of transaksi rows.

    Parameters
    ----------
    raw : DataFrame
        Transaksi rows (canonical string columns, ``_file``, ``_row``).
    kpm : RegionLookup
        Regions of the clean ``kpm`` table.
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
    _nik(raw["NIK_PENERIMA"], faults, None)  # faults only; the hash is not kept
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
            "trx_id": trx.where(trx.ne("")),  # hashed in combine_disbursements
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
    where = kpm.regions(table)
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
    return _part(
        raw, table, reason, where["kode_kab"], faults, table["tgl_laporan"], _DISBURSEMENT_COMPACT, secret
    )


def combine_disbursements(parts: list[Part], secret: bytes) -> Built:
    """Join prepared chunks of transaksi rows into ``disbursements``.

    Parameters
    ----------
    parts : list of Part
        Output of :func:`prepare_disbursements`, in file and row order.

    Returns
    -------
    Built
        The table, quarantine, ledger and fault counts.
    """
    combined = _Combined(parts, secret, ["trx_id"])
    merged, dup_fault = _dedupe(
        combined.table[["trx_id"]],
        combined.reason.isna().to_numpy(),
        combined.latest,
        combined.complete,
        combined.prints,
    )
    return _finish(combined, merged, [_count(dup_fault, combined.kab)], ["trx_id"])


def build_disbursements(raw: pd.DataFrame, kpm: pd.DataFrame, secret: bytes) -> Built:
    """Build ``disbursements`` from transaksi rows in one go (see :func:`prepare_disbursements`)."""
    return combine_disbursements([prepare_disbursements(raw, RegionLookup(kpm), secret)], secret)
