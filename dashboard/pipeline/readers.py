r"""Read raw exports (CSV or XLSX) into string frames with canonical column names.

What this module accepts and decides:

* **File type by content**, not extension: ``PK\x03\x04`` (zip) is XLSX,
  text is CSV. Old binary ``.xls``, UTF-16 text, binary junk and empty files
  are refused with a Bahasa message naming the file.
* **CSV**: delimiter sniffed from the header line (``;``, ``,``, tab or ``|``);
  encoding UTF-8 (with or without BOM), else Windows-1252, else Latin-1.
  Read with ``pyarrow.csv`` (multi-threaded), every column as text.
* **XLSX**: the first worksheet, read with openpyxl in read-only mode; numbers
  become text (``1807051234567890.0`` → ``1807051234567890``), dates ISO text.
* **Header row**: the first of the top 30 rows whose cells match the most
  known headers (title rows above it are skipped). Header variants map to
  canonical names via :func:`dashboard.rawformat.header_map`. Unknown columns
  are dropped and listed; a second column mapping to the same canonical name
  is treated as unknown. A ``PENANDA`` column carries the synthetic marker.
* **Export type** by file-name prefix (``registry``, ``penetapan_kpm``,
  ``transaksi_salur``), else by the headers.
* **Rows that are not data** are removed and counted per file: totals rows
  (first cell or id cell starting with JUMLAH/TOTAL/GRAND TOTAL/SUB TOTAL),
  repeated header rows, column-number rows (``1, 2, 3, …``), empty rows, and
  broken rows whose number of fields differs from the header (a truncated
  last line lands here).
* **Header only**: accepted with zero data rows and a warning in the report.
* **Row numbers** (``_row``) are 1-based line numbers of the file as a
  spreadsheet shows them (title and header rows included). For CSV, a quoted
  value spanning several lines shifts later numbers.
"""

from __future__ import annotations

import codecs
import csv
import functools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from dashboard import config, rawformat
from dashboard.errors import UserError
from dashboard.hashing import sha256_file
from dashboard.pipeline import reasons

log = logging.getLogger(__name__)

MARKER_COLUMN = "PENANDA"
SAMPLE_BYTES = 256 * 1024
HEADER_SEARCH_ROWS = 30
_TOTAL_PATTERN = r"^(?:GRAND\s*TOTAL|SUB\s*TOTAL|TOTAL|JUMLAH)\b"
_ID_COLUMN = {
    rawformat.REGISTRY: "ID_DTSEN",
    rawformat.PENETAPAN: "ID_KPM",
    rawformat.TRANSAKSI: "ID_TRANSAKSI",
}
_PREFIXES = {
    rawformat.REGISTRY: "registry",
    rawformat.PENETAPAN: "penetapan_kpm",
    rawformat.TRANSAKSI: "transaksi_salur",
}


@dataclass(frozen=True)
class RawFile:
    """One raw export read into canonical string columns.

    Attributes
    ----------
    name : str
        File name (no folder; what reports show).
    export : str
        ``registry``, ``penetapan_kpm`` or ``transaksi_salur``.
    kind : str
        ``csv`` or ``xlsx``.
    encoding, delimiter : str or None
        What was detected (CSV only).
    sha256 : str
        Hash of the file bytes.
    frame : DataFrame
        Data rows: every canonical column of the export (``str``, empty
        string when blank or absent) plus ``_row`` (int64 source row number).
    data_rows : int
        Rows below the header before any removal (= ``len(frame)`` + removed).
    removed : dict
        Removed-row code → count.
    unknown_columns : tuple of str
        Header cells that were dropped.
    synthetic : bool
        Whether a ``PENANDA`` cell says ``DATA SINTETIS``.
    warnings : tuple of str
        Bahasa notes for the report (header only, broken rows, …).
    """

    name: str
    export: str
    kind: str
    encoding: str | None
    delimiter: str | None
    sha256: str
    frame: pd.DataFrame
    data_rows: int
    removed: dict[str, int]
    unknown_columns: tuple[str, ...]
    synthetic: bool
    warnings: tuple[str, ...] = field(default=())


def _fail(name: str, problem: str) -> UserError:
    return UserError(f"Berkas {name}: {problem}")


def discover(raw_dir: Path) -> list[Path]:
    """Return the raw export files of a folder, sorted by name.

    Files and folders whose name starts with ``_`` or ``.`` (generator
    metadata, truth tables) and documentation (``.md``, ``.json``, ``.txt``
    named README) are skipped.

    Parameters
    ----------
    raw_dir : Path
        Folder with raw exports.

    Returns
    -------
    list of Path
        Candidate export files.
    """
    if not raw_dir.is_dir():
        raise UserError(f"Folder data mentah {raw_dir} tidak ditemukan (raw data folder not found)")
    return sorted(
        p
        for p in raw_dir.iterdir()
        if p.is_file()
        and not p.name.startswith(("_", "."))
        and p.suffix.lower() not in (".md", ".json")
        and not p.name.upper().startswith("README")
    )


def sniff_kind(path: Path) -> str:
    """Return ``csv`` or ``xlsx`` from the file's first bytes.

    Parameters
    ----------
    path : Path
        File to inspect.

    Returns
    -------
    str
        The kind.

    Raises
    ------
    UserError
        Empty file, old ``.xls``, UTF-16 text or binary content.
    """
    with path.open("rb") as handle:
        head = handle.read(8192)
    if not head.strip():
        raise _fail(path.name, "berkas kosong, tidak ada isi (empty file)")
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(
            path.name, "format Excel lama (.xls); simpan ulang sebagai .xlsx atau CSV (old .xls format)"
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:200:2].count(b"\x00") > 20:
        raise _fail(path.name, "teks UTF-16; simpan ulang sebagai CSV UTF-8 (UTF-16 text is not supported)")
    if b"\x00" in head:
        raise _fail(path.name, "bukan CSV atau XLSX, isinya biner (binary content, not CSV or XLSX)")
    return "csv"


@functools.cache
def _header_maps() -> dict[str, dict[str, str]]:
    return {e: rawformat.header_map(e) for e in rawformat.EXPORTS}


def _header_score(cells: list[str]) -> dict[str, int]:
    maps = _header_maps()
    keys = [rawformat.normalise_header(c) for c in cells[:200] if str(c).strip()]
    return {e: sum(k in maps[e] for k in keys) for e in rawformat.EXPORTS}


def _find_header(rows: list[list[str]]) -> int | None:
    best, best_index = 1, None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = max(_header_score(row).values())
        if score > best:
            best, best_index = score, index
    return best_index


def _export_of(name: str, header: list[str]) -> str:
    lower = name.lower()
    for export, prefix in _PREFIXES.items():
        if lower.startswith(prefix):
            return export
    scores = _header_score(header)
    complete = [
        e
        for e in rawformat.EXPORTS
        if {c.name for c in rawformat.COLUMNS[e] if c.required}
        <= {rawformat.header_map(e).get(rawformat.normalise_header(h)) for h in header}
    ]
    if len(complete) == 1:
        return complete[0]
    candidates = complete or list(rawformat.EXPORTS)
    ranked = sorted(candidates, key=lambda e: -scores[e])
    if len(ranked) > 1 and scores[ranked[0]] == scores[ranked[1]]:
        raise _fail(
            name,
            "jenis ekspor tidak dikenali; beri nama berawalan registry, penetapan_kpm atau transaksi_salur "
            "(export type not recognised; use a known file-name prefix)",
        )
    return ranked[0]


def peek_export(path: Path) -> str:
    """Return the export type of a file, reading it only when its name does not tell.

    Parameters
    ----------
    path : Path
        Export file.

    Returns
    -------
    str
        ``registry``, ``penetapan_kpm`` or ``transaksi_salur``.

    Raises
    ------
    UserError
        The file cannot be read or its type not recognised.
    """
    lower = path.name.lower()
    for export, prefix in _PREFIXES.items():
        if lower.startswith(prefix):
            return export
    return read_export(path).export


# --- CSV ---------------------------------------------------------------------


def _detect_encoding(path: Path) -> str:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        try:
            for block in iter(lambda: handle.read(1 << 22), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    data = path.read_bytes()
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _sniff_delimiter(lines: list[str]) -> str:
    best, best_count = ",", 0
    for line in lines[:HEADER_SEARCH_ROWS]:
        for delimiter in (";", ",", "\t", "|"):
            count = len(next(csv.reader([line], delimiter=delimiter))) - 1
            if count > best_count:
                best, best_count = delimiter, count
    return best


def _read_csv_grid(path: Path) -> tuple[list[str], pd.DataFrame, np.ndarray, int, str, str]:
    """Return header cells, data grid (c0..cn), row numbers, broken rows, encoding, delimiter."""
    encoding = _detect_encoding(path)
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES).decode(encoding, errors="replace").lstrip("\ufeff")
    lines = sample.splitlines()
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # last sampled line may be cut
    delimiter = _sniff_delimiter(lines)
    rows = list(csv.reader(lines[:HEADER_SEARCH_ROWS], delimiter=delimiter))
    header_index = _find_header(rows)
    if header_index is None:
        raise _fail(path.name, "baris judul kolom tidak ditemukan (no header row with known column names)")
    header = [c.strip() for c in rows[header_index]]
    names = [f"c{i}" for i in range(len(header))]
    broken: list[tuple[int | None, str]] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        broken.append((row.number, row.text))
        return "skip"

    def read(threads: bool) -> pa.Table:
        return pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                use_threads=threads,
                skip_rows=header_index + 1,
                column_names=names,
                encoding="utf8" if encoding == "utf-8" else encoding,
                block_size=1 << 24,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                ignore_empty_lines=False,
                newlines_in_values=True,
                invalid_row_handler=on_invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    try:
        table = read(threads=True)
        if broken:
            broken.clear()
            table = read(threads=False)
    except (pa.ArrowInvalid, UnicodeDecodeError, OSError) as error:
        raise _fail(path.name, f"CSV tidak bisa dibaca: {error} (CSV could not be parsed)") from None
    first = header_index + 2  # 1-based line of the first data row
    bad_lines = np.array(sorted(n for n, _ in broken if n is not None), dtype=np.int64)
    all_lines = np.arange(first, first + table.num_rows + len(broken), dtype=np.int64)
    kept_lines = np.setdiff1d(all_lines, bad_lines, assume_unique=True)[: table.num_rows]
    n_empty_broken = sum(
        1 for _, text in broken if not re.sub(r"[\s" + re.escape(delimiter) + r"\"]", "", text)
    )
    grid = table.to_pandas()
    return header, grid, kept_lines, (len(broken) - n_empty_broken, n_empty_broken), encoding, delimiter


# --- XLSX --------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text.replace("T", " ")
    return str(value)


def _read_xlsx_grid(path: Path) -> tuple[list[str], pd.DataFrame, np.ndarray]:
    import openpyxl

    try:
        with path.open("rb") as handle:  # a handle: openpyxl would insist on the .xlsx extension
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
            try:
                sheet = book.worksheets[0]
                rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            finally:
                book.close()
    except Exception as error:  # openpyxl raises many types for damaged files
        raise _fail(
            path.name,
            f"XLSX rusak atau terpotong, tidak bisa dibuka ({type(error).__name__}: damaged or truncated XLSX)",
        ) from None
    header_index = _find_header(rows)
    if header_index is None:
        raise _fail(path.name, "baris judul kolom tidak ditemukan (no header row with known column names)")
    header = [c.strip() for c in rows[header_index]]
    width = len(header)
    body = [(r + [""] * width)[:width] for r in rows[header_index + 1 :]]
    grid = pd.DataFrame(body, columns=[f"c{i}" for i in range(width)], dtype="str")
    if not body:
        grid = pd.DataFrame({f"c{i}": pd.Series([], dtype="str") for i in range(width)})
    lines = np.arange(header_index + 2, header_index + 2 + len(body), dtype=np.int64)
    return header, grid, lines


# --- rows that are not data ----------------------------------------------------


def classify_rows(grid: pd.DataFrame, header: list[str], export: str) -> pd.Series:
    """Return the removed-row code per row (``NA`` for data rows).

    Parameters
    ----------
    grid : DataFrame
        Positional string columns ``c0..cn`` (stripped).
    header : list of str
        Header cells of the file.
    export : str
        Export type.

    Returns
    -------
    Series
        ``str`` codes from :mod:`dashboard.pipeline.reasons` or ``NA``.
    """
    mapping = rawformat.header_map(export)
    canonical = [mapping.get(rawformat.normalise_header(h)) for h in header]
    code = pd.Series(pd.NA, index=grid.index, dtype="str")
    if grid.shape[1] == 0:
        return code
    empty = np.ones(len(grid), dtype=bool)
    for column in grid.columns:
        empty &= grid[column].eq("").to_numpy()
    id_position = canonical.index(_ID_COLUMN[export]) if _ID_COLUMN[export] in canonical else 0
    total = pd.Series(False, index=grid.index)
    for position in {0, id_position, min(1, grid.shape[1] - 1)}:
        total |= grid[f"c{position}"].str.upper().str.contains(_TOTAL_PATTERN, regex=True)
    header_hits = pd.Series(0, index=grid.index)
    checked = 0
    for position, name in enumerate(canonical):
        if name is None or checked >= 6:
            continue
        checked += 1
        keys = {k for k, c in mapping.items() if c == name}
        forms = {f for k in keys for f in (k, k.replace("_", " "))} | {header[position].upper()}
        header_hits += grid[f"c{position}"].str.upper().isin(forms).astype(int)
    repeated = header_hits >= max(2, min(checked, 3))
    numbers = pd.Series(grid.shape[1] >= 3, index=grid.index)
    for position in range(min(grid.shape[1], 4)):
        numbers &= grid[f"c{position}"].isin({str(position + 1), f"({position + 1})"})
    code = code.mask(total, reasons.REMOVED_TOTAL)
    code = code.mask(repeated, reasons.REMOVED_HEADER)
    code = code.mask(numbers, reasons.REMOVED_COLUMN_NUMBERS)
    code = code.mask(pd.Series(empty, index=grid.index), reasons.REMOVED_EMPTY)
    return code


def read_export(path: Path) -> RawFile:
    """Read one raw export file.

    Parameters
    ----------
    path : Path
        File to read.

    Returns
    -------
    RawFile
        Canonical string columns, counts and metadata.

    Raises
    ------
    UserError
        The file cannot be read, has no header row, or lacks a required column.
    """
    kind = sniff_kind(path)
    encoding = delimiter = None
    broken = empty_broken = 0
    if kind == "csv":
        header, grid, lines, (broken, empty_broken), encoding, delimiter = _read_csv_grid(path)
    else:
        header, grid, lines = _read_xlsx_grid(path)
    grid = grid.apply(lambda s: s.str.strip()) if len(grid.columns) else grid
    export = _export_of(path.name, header)
    mapping = rawformat.header_map(export)
    positions: dict[str, int] = {}
    unknown: list[str] = []
    marker_position = None
    for position, cell in enumerate(header):
        key = rawformat.normalise_header(cell)
        name = mapping.get(key)
        if key == MARKER_COLUMN:
            marker_position = position
        elif name is not None and name not in positions:
            positions[name] = position
        elif cell:
            unknown.append(cell)
    missing = [c.name for c in rawformat.COLUMNS[export] if c.required and c.name not in positions]
    if missing:
        raise _fail(
            path.name,
            f"kolom wajib {', '.join(missing)} tidak ditemukan untuk ekspor {export} "
            f"(required column missing); judul kolom yang ada: {', '.join(h for h in header if h)}",
        )
    row_codes = classify_rows(grid, header, export)
    keep = row_codes.isna().to_numpy()
    removed = {k: int(v) for k, v in row_codes.value_counts().items()}
    if broken:
        removed[reasons.REMOVED_BROKEN] = removed.get(reasons.REMOVED_BROKEN, 0) + broken
    if empty_broken:
        removed[reasons.REMOVED_EMPTY] = removed.get(reasons.REMOVED_EMPTY, 0) + empty_broken
    synthetic = False
    if marker_position is not None:
        synthetic = bool(grid[f"c{marker_position}"].str.upper().eq(config.SYNTHETIC_LABEL).any())
    data = {
        column.name: (
            grid[f"c{positions[column.name]}"][keep].reset_index(drop=True)
            if column.name in positions
            else pd.Series([""] * int(keep.sum()), dtype="str")
        )
        for column in rawformat.COLUMNS[export]
    }
    frame = pd.DataFrame(data)
    frame["_row"] = lines[keep]
    warnings = []
    data_rows = len(grid) + broken + empty_broken
    if data_rows == 0:
        warnings.append("hanya berisi judul kolom, tanpa baris data (header only, no data rows)")
    if broken:
        warnings.append(
            f"{broken} baris rusak (jumlah kolom tidak cocok, mungkin berkas terpotong) dibuang "
            "(broken rows removed; file may be truncated)"
        )
    for note in warnings:
        log.warning("Berkas %s: %s", path.name, note)
    return RawFile(
        name=path.name,
        export=export,
        kind=kind,
        encoding=encoding,
        delimiter=delimiter,
        sha256=sha256_file(path),
        frame=frame,
        data_rows=data_rows,
        removed=dict(sorted(removed.items())),
        unknown_columns=tuple(unknown),
        synthetic=synthetic,
        warnings=tuple(warnings),
    )


__all__ = ["RawFile", "classify_rows", "discover", "peek_export", "read_export", "sniff_kind"]
