"""Pure, vectorised parsers for raw export cells.

Every function takes a ``Series`` of raw strings (as read, nothing inferred)
and returns new Series with the same index; inputs are never modified. Most
parsers return a :class:`Parsed` pair: the typed values and a fault code per
row (``NA`` when the cell was clean or empty). Fault codes are the ``Fxx_*``
ids of :mod:`dashboard.pipeline.reasons`.

Low-cardinality columns (dates, amounts, labels, vocabularies) are parsed once
per distinct value with ``pd.factorize`` and mapped back; high-cardinality
identifier columns (NIK, No. KK) use whole-column string operations. No
function loops over rows in Python.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard import rawformat


class Parsed(NamedTuple):
    """Typed values and a fault code per row (``NA`` when clean)."""

    values: pd.Series
    fault: pd.Series


#: Kemendagri province codes (38 provinces since 2022).
PROVINCE_CODES = [
    "11",
    "12",
    "13",
    "14",
    "15",
    "16",
    "17",
    "18",
    "19",
    "21",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "51",
    "52",
    "53",
    "61",
    "62",
    "63",
    "64",
    "65",
    "71",
    "72",
    "73",
    "74",
    "75",
    "76",
    "81",
    "82",
    "91",
    "92",
    "93",
    "94",
    "95",
    "96",
]

#: Numbers used as NIK/KK placeholders in real files.
PLACEHOLDER_IDS = frozenset([d * 16 for d in "0123456789"] + ["1234567890123456", "0123456789012345"])

_DAY = r"(?:0[1-9]|[12]\d|3[01]|4[1-9]|[56]\d|7[01])"
_MONTH = r"(?:0[1-9]|1[0-2])"
_TWO = r"(?:0[1-9]|[1-9]\d)"
_NIK_PATTERN = rf"(?:{'|'.join(PROVINCE_CODES)}){_TWO}{_TWO}{_DAY}{_MONTH}\d{{6}}"


def _text(values: pd.Series) -> pd.Series:
    """Return stripped strings with missing as empty (a new Series)."""
    return values.astype("str").fillna("").str.strip()


def _by_unique(
    values: pd.Series, func: Callable[[str], tuple[Any, str | None]]
) -> tuple[list, list, np.ndarray]:
    """Apply ``func`` to each distinct stripped value; return results and row codes."""
    codes, uniques = pd.factorize(_text(values), use_na_sentinel=True)
    results = [func(u) for u in uniques]
    return [r[0] for r in results], [r[1] for r in results], codes


def _fault_series(faults: list[str | None], codes: np.ndarray, index: pd.Index) -> pd.Series:
    return take_str(faults, codes, index)


def printable_ascii(values: pd.Series) -> np.ndarray:
    r"""Return whether each cell holds only printable ASCII (space to ``~``).

    On such text Python's and RE2's ``\s``, ``\d``, ``\b`` and case
    mapping agree, so pyarrow kernels give exactly Python's results.

    Parameters
    ----------
    values : Series
        ``str`` cells.

    Returns
    -------
    ndarray
        ``bool`` per row (``False`` for missing).
    """
    array = pa.array(values.array, type=pa.large_string())
    mask = pc.and_(
        pc.string_is_ascii(array),
        pc.or_(pc.ascii_is_printable(array), pc.equal(pc.binary_length(array), 0)),
    )
    return pc.fill_null(mask, False).to_numpy(zero_copy_only=False)


def ascii_fast_path(
    values: pd.Series,
    fast: Callable[[pa.Array], pa.Array],
    slow: Callable[[pd.Series], pd.Series],
) -> pd.Series:
    """Apply a pyarrow kernel to printable-ASCII cells and exact pandas code to the rest.

    Parameters
    ----------
    values : Series
        ``str`` cells.
    fast : callable
        pyarrow array → array, equal to ``slow`` on printable ASCII text.
    slow : callable
        The reference pandas implementation (Series → Series).

    Returns
    -------
    Series
        ``str`` results, same index.
    """
    ascii_rows = printable_ascii(values)
    result = pd.Series(fast(pa.array(values.array, type=pa.large_string())), index=values.index, dtype="str")
    if not ascii_rows.all():
        other = ~ascii_rows
        result[other] = slow(values[other]).astype("str")
    return result


def take_str(table: list | np.ndarray, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """Return ``table[codes]`` as a ``str`` Series, code ``-1`` (or a ``None`` entry) missing.

    The lookup runs in Arrow, so no Python string objects are made per row.

    Parameters
    ----------
    table : list or ndarray
        Values per code (``str`` or ``None``).
    codes : ndarray
        Integer codes, ``-1`` for missing (as from :func:`pandas.factorize`).
    index : Index
        Index of the result.

    Returns
    -------
    Series
        ``str`` values.
    """
    values = pa.array(list(table), type=pa.large_string())
    picked = values.take(pa.array(codes, mask=codes < 0)) if len(codes) else values.slice(0, 0)
    return pd.Series(picked, index=index, dtype="str")


# --- identifiers -------------------------------------------------------------


def normalise_id_number(values: pd.Series) -> Parsed:
    """Normalise NIK / No. KK cells to digit strings (see :func:`_normalise_id_number`).

    Work is done once per distinct cell.
    """
    text = _text(values)
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    parsed = _normalise_id_number(pd.Series(uniques, dtype="str"))
    return Parsed(
        take_str(parsed.values.to_numpy(dtype=object, na_value=None), codes, values.index),
        take_str(parsed.fault.to_numpy(dtype=object, na_value=None), codes, values.index),
    )


def _normalise_id_number(values: pd.Series) -> Parsed:
    """Normalise NIK / No. KK cells to digit strings.

    Apostrophes, quotes, spaces (also non-breaking) and dashes are removed
    (fault ``F01_nik_bertanda_pemisah``); a trailing ``.0`` written by a
    spreadsheet is removed (``F01_nik_angka_desimal``: the 16th digit may be
    lost, which cannot be detected in isolation). Scientific notation such as
    ``1.80705E+15`` has lost digits and is not trusted: the value becomes
    ``NA`` (``F01_nik_notasi_ilmiah``). Anything else that is not digits
    becomes ``NA`` (``F01_nik_bukan_angka``). Length is not checked here.

    Parameters
    ----------
    values : Series
        Raw cells.

    Returns
    -------
    Parsed
        Digit strings (``NA`` when empty or untrusted) and fault codes.
    """
    text = _text(values)
    scientific = text.str.fullmatch(r"\d(?:[.,]\d+)?[eE]\+?\d+")
    cleaned = text.str.replace(r"[\s'’`\"\u00a0\-]", "", regex=True)
    decimal = cleaned.str.fullmatch(r"\d+\.0+")
    cleaned = cleaned.str.replace(r"\.0+$", "", regex=True)
    digits_only = cleaned.str.fullmatch(r"\d+")
    empty = text.eq("")
    fault = pd.Series(pd.NA, index=values.index, dtype="str")
    fault = fault.mask(cleaned.ne(text) & ~decimal, "F01_nik_bertanda_pemisah")
    fault = fault.mask(decimal, "F01_nik_angka_desimal")
    fault = fault.mask(~digits_only & ~empty, "F01_nik_bukan_angka")
    fault = fault.mask(scientific, "F01_nik_notasi_ilmiah")
    digits = cleaned.where(digits_only & ~scientific)
    return Parsed(digits.astype("str"), fault)


def nik_structurally_valid(digits: pd.Series) -> pd.Series:
    """Return whether each NIK has a valid structure.

    Valid means: 16 digits; a Kemendagri province code; kabupaten and
    kecamatan parts not ``00``; day 01–31 (men) or 41–71 (women); month
    01–12; serial not ``0000``; not a placeholder (all one digit,
    ``1234567890123456``). An old (pre-pemekaran) or other-province prefix is
    valid and is not "corrected". A lost 16th digit cannot be detected here.

    Parameters
    ----------
    digits : Series
        Output of :func:`normalise_id_number` (``NA`` → not valid).

    Returns
    -------
    Series
        ``bool``.
    """
    text = digits.astype("str").fillna("")
    ok = text.str.fullmatch(_NIK_PATTERN) & text.str[12:].ne("0000") & ~text.isin(PLACEHOLDER_IDS)
    return ok.fillna(False).astype(bool)


def nik_valid_per_unique(digits: pd.Series) -> pd.Series:
    """:func:`nik_structurally_valid`, computed once per distinct value."""
    codes, uniques = pd.factorize(digits, use_na_sentinel=True)
    valid = nik_structurally_valid(pd.Series(uniques, dtype="str")).to_numpy()
    return pd.Series(np.append(valid, False)[codes], index=digits.index, dtype=bool)


# --- dates -------------------------------------------------------------------

_MONTHS = {
    **dict.fromkeys(["januari", "jan"], 1),
    **dict.fromkeys(["februari", "feb", "peb", "pebruari"], 2),
    **dict.fromkeys(["maret", "mar"], 3),
    **dict.fromkeys(["april", "apr"], 4),
    **dict.fromkeys(["mei", "may"], 5),
    **dict.fromkeys(["juni", "jun"], 6),
    **dict.fromkeys(["juli", "jul"], 7),
    **dict.fromkeys(["agustus", "agu", "agt", "ags", "agus", "aug", "august"], 8),
    **dict.fromkeys(["september", "sep", "sept"], 9),
    **dict.fromkeys(["oktober", "okt", "oct", "october"], 10),
    **dict.fromkeys(["november", "nov", "nop", "nopember"], 11),
    **dict.fromkeys(["desember", "des", "dec", "december"], 12),
}
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?: \d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?")
_NAMED = re.compile(r"(\d{1,2})[-\s/.]+([a-z]+)\.?[-\s/.]+(\d{2}|\d{4})")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _date_one(text: str) -> tuple[dt.date | None, str | None]:
    if not text:
        return None, None
    low = text.lower()
    fault: str | None = "F08_tanggal_format_campuran"
    parts: tuple[int, int, int] | None = None
    if m := _ISO.fullmatch(low):
        parts, fault = (int(m[1]), int(m[2]), int(m[3])), None
    elif m := _DMY.fullmatch(low):
        day, month, year = int(m[1]), int(m[2]), _year(m[3])
        if month > 12 and day <= 12:
            day, month, fault = month, day, "F08_tanggal_hari_bulan_tertukar"
        parts = (year, month, day)
    elif (m := _NAMED.fullmatch(low)) and m[2] in _MONTHS:
        parts = (_year(m[3]), _MONTHS[m[2]], int(m[1]))
    elif _SERIAL.fullmatch(low):
        serial = int(float(low))
        if serial <= 1:
            return None, "F08_tanggal_placeholder"
        return _EXCEL_EPOCH + dt.timedelta(days=serial), "F08_tanggal_serial_excel"
    if parts is None:
        return None, "F08_tanggal_tidak_terbaca"
    try:
        value = dt.date(*parts)
    except ValueError:
        return None, "F08_tanggal_tidak_terbaca"
    if value.year <= 1900 or value == dt.date(1970, 1, 1):
        return None, "F08_tanggal_placeholder"
    if value.year > 2100:
        return None, "F08_tanggal_tidak_terbaca"
    return value, fault


def parse_date(values: pd.Series) -> Parsed:
    """Parse dates written in the mixed formats of real exports.

    Accepted: ``YYYY-MM-DD`` (with an optional time), ``DD-MM-YYYY``,
    ``DD/MM/YYYY``, ``DD.MM.YY`` (two-digit years are 20YY), Indonesian or
    English month names and abbreviations (``7 Mei 2025``, ``01-Agt-2025``,
    ``3 Des 2025``), and Excel serial numbers (``45748``). A month above 12
    with a day up to 12 is read as swapped. Placeholders (``01-01-1900``,
    serial 0/1, ``1970-01-01``) and unreadable values become ``NaT`` with a
    fault; empty cells become ``NaT`` without one.

    Parameters
    ----------
    values : Series
        Raw cells.

    Returns
    -------
    Parsed
        ``datetime64[ms]`` values and fault codes.
    """
    dates, faults, codes = _by_unique(values, _date_one)
    table = np.array([np.datetime64(d, "ms") if d else np.datetime64("NaT", "ms") for d in dates] + [None])
    table = table.astype("datetime64[ms]")
    parsed = pd.Series(table[codes], index=values.index, dtype="datetime64[ms]")
    return Parsed(parsed, _fault_series(faults, codes, values.index))


# --- amounts -------------------------------------------------------------------


def _rupiah_one(text: str, min_expected: int) -> tuple[int | None, str | None]:
    if not text:
        return None, None
    raw = text
    text = re.sub(r"(?i)^(rp\.?|idr)\s*", "", text.strip()).replace(" ", "").replace("\u00a0", "")
    text = re.sub(r"(?i)(,-|\.-|-)$", "", text)
    fault = "F09_nominal_teks" if text != raw else None
    if re.fullmatch(r"\d+", text):
        value = int(text)
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):  # 1.234.567,00
        value, fault = round(float(text.replace(".", "").replace(",", "."))), "F09_nominal_teks"
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):  # 1,234,567.00
        value, fault = round(float(text.replace(",", ""))), "F09_nominal_teks"
    elif re.fullmatch(r"\d+,\d{1,2}", text):  # 600000,00
        value, fault = round(float(text.replace(",", "."))), "F09_nominal_teks"
    elif re.fullmatch(r"\d+\.\d{1,2}", text):
        value = round(float(text))
    else:
        return None, "F09_nominal_tidak_terbaca"
    if min_expected >= 100_000 and 0 < value < 10_000:
        return value * 1000, "F09_nominal_ribuan"
    return value, fault


def parse_rupiah(values: pd.Series, min_expected: int = 100_000) -> Parsed:
    """Parse Rupiah amounts to integers.

    Accepted: ``Rp 600.000``, ``600.000``, ``600000``, ``600000.0``,
    ``1.234.567,00``, ``1,234,567``, ``600.000,-``. When the field's expected
    value is at least Rp100,000 (``min_expected``), a positive value below
    10,000 is read as thousands shorthand and multiplied by 1,000 (fault
    ``F09_nominal_ribuan``). Zero stays zero.

    Parameters
    ----------
    values : Series
        Raw cells.
    min_expected : int
        Smallest plausible non-zero value of the field.

    Returns
    -------
    Parsed
        ``Int64`` Rupiah (``NA`` when empty or unreadable) and fault codes.
    """
    numbers, faults, codes = _by_unique(values, lambda t: _rupiah_one(t, min_expected))
    table = pd.array([*numbers, None], dtype="Int64")
    parsed = pd.Series(table.take(codes, allow_fill=False), index=values.index)
    return Parsed(parsed, _fault_series(faults, codes, values.index))


# --- integers and periods ------------------------------------------------------


def parse_int(values: pd.Series, low: int, high: int) -> Parsed:
    """Parse small integers (desil, household size, year, month) in a range.

    ``"3"``, ``"03"``, ``"3.0"`` give 3. Out-of-range or non-numeric values
    become ``NA`` with the fault ``"diluar_rentang"``; empty cells give
    ``NA`` without fault.

    Parameters
    ----------
    values : Series
        Raw cells.
    low, high : int
        Inclusive range.

    Returns
    -------
    Parsed
        ``Int64`` values and ``"diluar_rentang"`` faults.
    """

    def one(text: str) -> tuple[int | None, str | None]:
        if not text:
            return None, None
        m = re.fullmatch(r"(\d+)(?:\.0+)?", text)
        if m and low <= int(m[1]) <= high:
            return int(m[1]), None
        return None, "diluar_rentang"

    numbers, faults, codes = _by_unique(values, one)
    table = pd.array([*numbers, None], dtype="Int64")
    return Parsed(
        pd.Series(table.take(codes, allow_fill=False), index=values.index),
        _fault_series(faults, codes, values.index),
    )


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_MONTH_ABBR = {
    **{k: v for k, v in _MONTHS.items() if len(k) <= 4},
    "mei": 5,
    "jun": 6,
    "jul": 7,
}


def _tahap_one(text: str) -> tuple[int | None, str | None]:
    if not text:
        return None, None
    up = re.sub(r"\s+", " ", text.upper().replace("_", " ")).strip()
    if m := re.fullmatch(r"0?([1-4])(?:\.0)?", up):
        return int(m[1]), None
    up = re.sub(r"\b(19|20)\d\d\b", "", up).strip(" -/")
    if m := re.search(r"\b(?:TAHAP|TW|TRIWULAN|TRW|KUARTAL|PERIODE|Q|T)\s*-?\s*([1-4]|IV|III|II|I)\b", up):
        token = m[1]
        return (_ROMAN[token] if token in _ROMAN else int(token)), "F11_periode_label"
    if m := re.search(r"\b([A-Z]{3,9})\s*(?:-|–|S/?D|SAMPAI)\s*[A-Z]{3,9}\b", up):
        month = _MONTH_ABBR.get(m[1].lower()[:3]) or _MONTHS.get(m[1].lower())
        if month:
            return (month - 1) // 3 + 1, "F11_periode_label"
    if m := re.fullmatch(r"Q([1-4])", up.replace(" ", "")):
        return int(m[1]), "F11_periode_label"
    return None, "F11_periode_tidak_terbaca"


def parse_tahap(values: pd.Series) -> Parsed:
    """Parse period labels to the quarter (tahap) 1–4.

    Accepted: ``1``, ``01``, ``TAHAP 1``, ``TAHAP I``, ``TW I``, ``TW-2``,
    ``TRIWULAN III``, ``Q1``, ``JAN-MAR``, ``ALOKASI APR-JUN``,
    ``JAN-MAR 2025``, ``OKT-DES``. A two-month label (``ALOKASI JAN-FEB``)
    gives the quarter of its first month.

    Parameters
    ----------
    values : Series
        Raw cells.

    Returns
    -------
    Parsed
        ``Int8`` tahap (``NA`` when empty or unreadable) and fault codes
        (``F11_periode_label`` for a label, ``F11_periode_tidak_terbaca``).
    """
    numbers, faults, codes = _by_unique(values, _tahap_one)
    table = pd.array([*numbers, None], dtype="Int8")
    return Parsed(
        pd.Series(table.take(codes, allow_fill=False), index=values.index),
        _fault_series(faults, codes, values.index),
    )


def quarter_bounds(tahun: pd.Series, tahap: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return the first and last day of each (year, quarter) as ``datetime64[ms]``.

    Parameters
    ----------
    tahun, tahap : Series
        Integer year and quarter 1–4 (no missing values).

    Returns
    -------
    tuple of Series
        Start and end dates.
    """
    year = tahun.astype("int64").to_numpy()
    month0 = (tahap.astype("int64").to_numpy() - 1) * 3
    start = (year - 1970) * 12 + month0
    first = start.astype("datetime64[M]").astype("datetime64[ms]")
    last = ((start + 3).astype("datetime64[M]").astype("datetime64[D]") - 1).astype("datetime64[ms]")
    return pd.Series(first, index=tahun.index), pd.Series(last, index=tahun.index)


# --- vocabularies ----------------------------------------------------------------


def map_vocabulary(values: pd.Series, column: str) -> Parsed:
    """Map raw labels to canonical values with :func:`dashboard.rawformat.vocabulary_map`.

    Blank cells map to the vocabulary's blank meaning when it has one (blank
    ``STATUS_SALUR`` means ``PROSES``, domain §8.10), else ``NA``.

    Parameters
    ----------
    values : Series
        Raw cells.
    column : str
        Canonical vocabulary column (``PROGRAM``, ``STATUS_SALUR``, …).

    Returns
    -------
    Parsed
        Canonical ``str`` values (``NA`` when unknown) and faults:
        ``"varian"`` (a variant spelling), ``"kosong"`` (blank, default used),
        ``"tidak_dikenal"`` (not in the vocabulary).
    """
    mapping = rawformat.vocabulary_map(column)

    def one(text: str) -> tuple[str | None, str | None]:
        key = rawformat.normalise_value(text)
        canonical = mapping.get(key)
        if not text:
            return canonical, "kosong" if canonical else None
        if canonical is None:
            return None, "tidak_dikenal"
        return canonical, None if key == canonical.replace("_", " ") else "varian"

    mapped, faults, codes = _by_unique(values, one)
    return Parsed(take_str(mapped, codes, values.index), _fault_series(faults, codes, values.index))
