"""Find the header row, guess the export type and propose a header mapping.

A mapping is a list of :class:`ColumnMap` (position, raw header, canonical
column or ``""`` to ignore). It starts from the known header variants
(:func:`dashboard.rawformat.header_map`), then a named profile, then the
user's edits. Only the first rows of a file are read here (``HEAD_ROWS``);
the pipeline reads the whole file later.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import rawformat
from dashboard.errors import UserError
from dashboard.importer import mask

HEAD_ROWS = 30
SAMPLE_ROWS = 5
HEAD_BYTES = 256 * 1024
MARKER = "PENANDA"


@dataclass(frozen=True)
class ColumnMap:
    """One header cell and the canonical column it feeds (``""`` = ignored)."""

    position: int
    raw: str
    canonical: str


@dataclass(frozen=True)
class Inspection:
    """What the first rows of a file say.

    Attributes
    ----------
    rows : list of list of str
        First rows as text.
    header_index : int
        0-based index of the header row within ``rows``.
    delimiter : str or None
        CSV delimiter.
    export : str
        Guessed export type.
    mapping : list of ColumnMap
        Proposed mapping for ``export``.
    """

    rows: list[list[str]]
    header_index: int
    delimiter: str | None
    export: str
    mapping: list[ColumnMap]

    @property
    def header(self) -> list[str]:
        """Header cells."""
        return self.rows[self.header_index]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text.replace("T", " ")
    return str(value).strip()


def head_rows(
    path: Path, kind: str, encoding: str | None, limit: int = HEAD_ROWS + SAMPLE_ROWS
) -> tuple[list[list[str]], str | None]:
    """Return the first rows of a file as text and the CSV delimiter.

    Raises
    ------
    UserError
        The file cannot be read.
    """
    if kind == "xlsx":
        import openpyxl

        try:
            with path.open("rb") as handle:
                book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
                try:
                    sheet = book.worksheets[0]
                    rows = [
                        [_cell(v) for v in row] for row in sheet.iter_rows(max_row=limit, values_only=True)
                    ]
                finally:
                    book.close()
        except Exception as error:  # openpyxl raises many types for damaged files
            raise UserError(
                f"Berkas {path.name}: XLSX rusak atau terpotong ({type(error).__name__}; damaged XLSX)"
            ) from None
        return rows, None
    with path.open("rb") as handle:
        raw = handle.read(HEAD_BYTES)
    text = raw.decode(encoding or "utf-8", errors="replace").lstrip("\ufeff")
    lines = text.splitlines()
    if len(lines) > 1 and len(raw) == HEAD_BYTES:
        lines = lines[:-1]
    delimiter = sniff_delimiter(lines)
    try:
        rows = [
            [c.strip() for c in r]
            for r in csv.reader(io.StringIO("\n".join(lines[:limit])), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise UserError(
            f"Berkas {path.name}: CSV tidak bisa dibaca ({error}; CSV could not be parsed)"
        ) from None
    return rows, delimiter


def sniff_delimiter(lines: list[str]) -> str:
    """Return the delimiter giving the most fields on the first lines (``;``, ``,``, tab, ``|``)."""
    best, best_count = ",", 0
    for line in lines[:HEAD_ROWS]:
        for delimiter in (";", ",", "\t", "|"):
            try:
                count = len(next(csv.reader([line], delimiter=delimiter))) - 1
            except (csv.Error, StopIteration):
                continue
            if count > best_count:
                best, best_count = delimiter, count
    return best


def _maps(profile: dict[str, dict[str, str]] | None) -> dict[str, dict[str, str]]:
    out = {}
    for export in rawformat.EXPORTS:
        known = dict(rawformat.header_map(export))
        for raw, canonical in (profile or {}).get(export, {}).items():
            known[rawformat.normalise_header(raw)] = canonical
        out[export] = known
    return out


def _score(cells: list[str], known: dict[str, str]) -> int:
    return sum(rawformat.normalise_header(c) in known for c in cells if c)


def find_header(rows: list[list[str]], profile: dict | None = None) -> int | None:
    """Return the index of the row matching the most known headers (at least two)."""
    maps = _maps(profile)
    best, best_index = 1, None
    for index, row in enumerate(rows[:HEAD_ROWS]):
        score = max(_score(row, m) for m in maps.values())
        if score > best:
            best, best_index = score, index
    return best_index


def propose(header: list[str], export: str, profile: dict | None = None) -> list[ColumnMap]:
    """Return the mapping of ``header`` for ``export`` (first match of a canonical name wins)."""
    known = _maps(profile)[export]
    used: set[str] = set()
    out = []
    for position, cell in enumerate(header):
        key = rawformat.normalise_header(cell)
        canonical = known.get(key, "")
        if key == MARKER or canonical in used:
            canonical = ""
        if canonical:
            used.add(canonical)
        out.append(ColumnMap(position, cell, canonical))
    return out


def missing_required(export: str, mapping: list[ColumnMap]) -> list[str]:
    """Return required canonical columns of ``export`` that nothing maps to."""
    mapped = {m.canonical for m in mapping}
    return [c.name for c in rawformat.COLUMNS[export] if c.required and c.name not in mapped]


def duplicated(mapping: list[ColumnMap]) -> list[str]:
    """Return canonical columns that two header cells map to."""
    seen: set[str] = set()
    dup = []
    for m in mapping:
        if m.canonical and m.canonical in seen:
            dup.append(m.canonical)
        seen.add(m.canonical)
    return dup


def guess_export(name: str, header: list[str], profile: dict | None = None) -> str:
    """Return the export type: the one whose required columns are all mapped, else the best score.

    The file name is a tie-breaker only, so a misnamed file is still typed by content.
    """
    maps = _maps(profile)
    complete = [e for e in rawformat.EXPORTS if not missing_required(e, propose(header, e, profile))]
    candidates = complete or list(rawformat.EXPORTS)
    lower = name.lower()
    by_name = [e for e in candidates if lower.startswith(e.split("_")[0]) or e in lower]
    if len(candidates) > 1 and by_name:
        return by_name[0]
    return max(candidates, key=lambda e: _score(header, maps[e]))


def inspect(
    path: Path, kind: str, encoding: str | None, name: str, profile: dict | None = None
) -> Inspection:
    """Read the first rows of a file and propose its export type and mapping.

    Raises
    ------
    UserError
        No header row with known column names.
    """
    rows, delimiter = head_rows(path, kind, encoding)
    index = find_header(rows, profile)
    if index is None:
        raise UserError(
            f"Berkas {name}: baris judul kolom tidak ditemukan; pilih profil pemetaan atau periksa isinya "
            "(no header row with known column names)"
        )
    header = rows[index]
    export = guess_export(name, header, profile)
    return Inspection(rows, index, delimiter, export, propose(header, export, profile))


def sample(
    inspection: Inspection, mapping: list[ColumnMap] | None = None, n: int = SAMPLE_ROWS
) -> pd.DataFrame:
    """Return the first data rows under canonical names, personal values masked."""
    mapping = mapping or inspection.mapping
    body = inspection.rows[inspection.header_index + 1 : inspection.header_index + 1 + n]
    data = {
        m.canonical: [row[m.position] if m.position < len(row) else "" for row in body]
        for m in mapping
        if m.canonical
    }
    return mask.mask_frame(pd.DataFrame(data))


def to_frame(mapping: list[ColumnMap]) -> pd.DataFrame:
    """Return a mapping as an editable table (``kolom_mentah``, ``kolom_baku``)."""
    return pd.DataFrame(
        {
            "posisi": [m.position for m in mapping],
            "kolom_mentah": [m.raw for m in mapping],
            "kolom_baku": [m.canonical for m in mapping],
        }
    )


def from_frame(frame: pd.DataFrame, export: str) -> list[ColumnMap]:
    """Return a mapping from an edited table, refusing unknown canonical names."""
    allowed = {c.name for c in rawformat.COLUMNS[export]}
    out = []
    for row in frame.itertuples(index=False):
        canonical = "" if pd.isna(row.kolom_baku) else str(row.kolom_baku).strip().upper()
        if canonical and canonical not in allowed:
            raise UserError(
                f"Kolom baku {canonical!r} tidak dikenal untuk ekspor {export} (unknown canonical column)"
            )
        out.append(ColumnMap(int(row.posisi), str(row.kolom_mentah), canonical))
    return out
