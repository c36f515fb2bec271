"""Clean the small extra exports (empowerment, graduation, disasters, facilitators).

The files live in the ``ekstra/`` sub-folder of the raw folder (the main
pipeline never reads it) and are small, so they are read whole. A missing
folder or file is skipped, not an error. Outputs (in the processed folder):
``empowerment``, ``graduations``, ``disaster_events``, ``emergency_payments``,
``facilitators``, ``facilitator_kpm`` (schemas in
:data:`dashboard.schemas.EXTRA_TABLES`), ``quarantine/<table>.parquet`` and a
report section with row conservation per table::

    input rows = kept + quarantined + merged exact duplicates + removed rows

Family keys (``ID_DTSEN``, ``ID_PENERIMA``) and ``ID_KPM`` are normalised and
pseudonymised exactly like the main tables, so they join with
``families.family_id`` and ``kpm.kpm_id``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard import rawformat, schemas
from dashboard.errors import UserError
from dashboard.pipeline import parse, reasons, tables
from dashboard.pipeline.locate import locate

log = logging.getLogger(__name__)

FOLDER = "ekstra"
_TOTAL_WORDS = ("JUMLAH", "TOTAL", "GRAND TOTAL")
#: Output table → export file it is built from.
SOURCES: dict[str, str] = {
    "empowerment": rawformat.PEMBERDAYAAN,
    "graduations": rawformat.GRADUASI,
    "disaster_events": rawformat.BENCANA,
    "emergency_payments": rawformat.BANTUAN_DARURAT,
    "facilitators": rawformat.PENDAMPING,
    "facilitator_kpm": rawformat.PENDAMPING_KPM,
}


@dataclass
class Raw:
    """One extra export read into canonical string columns (``_file``, ``_row`` added)."""

    name: str
    frame: pd.DataFrame
    input_rows: int
    removed: dict[str, int] = field(default_factory=dict)
    merged_duplicates: int = 0


@dataclass
class Cleaned:
    """A cleaned extra table, its quarantine and its report section."""

    table: pd.DataFrame
    quarantine: pd.DataFrame
    section: dict


def find(folder: Path, export: str) -> Path | None:
    """Return the file of one extra export in ``folder`` (name starting with the export), or None."""
    if not folder.is_dir():
        return None
    hits = sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv" and p.stem.lower() == export
    )
    hits = hits or sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() == ".csv" and p.stem.lower().startswith(export + "_")
    )
    return hits[0] if hits else None


def _text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read(path: Path, export: str) -> Raw:
    """Read one extra CSV: detect ``;``/``,``, map header variants, drop empty and totals rows, merge exact duplicates.

    Raises
    ------
    UserError
        A required column is missing.
    """
    import io

    text = _text(path)
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") > first.count(",") else ","
    grid = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=False)
    grid = grid.apply(lambda s: s.str.strip()) if len(grid.columns) else grid
    mapping = rawformat.header_map(export)
    positions: dict[str, str] = {}
    for header in grid.columns:
        name = mapping.get(rawformat.normalise_header(header))
        if name is not None and name not in positions:
            positions[name] = header
    missing = [c.name for c in rawformat.COLUMNS[export] if c.required and c.name not in positions]
    if missing:
        raise UserError(
            f"Berkas {path.name}: kolom wajib {', '.join(missing)} tidak ditemukan untuk ekspor {export} "
            "(required column missing)"
        )
    frame = pd.DataFrame(
        {
            c.name: grid[positions[c.name]].astype("str")
            if c.name in positions
            else pd.Series([""] * len(grid), dtype="str")
            for c in rawformat.COLUMNS[export]
        }
    )
    frame["_row"] = np.arange(2, len(grid) + 2, dtype=np.int64)
    frame["_file"] = path.name
    values = frame[[c.name for c in rawformat.COLUMNS[export]]]
    empty = values.eq("").all(axis=1)
    total = values.iloc[:, 0].str.upper().isin(_TOTAL_WORDS) if len(values.columns) else empty
    removed = {}
    if empty.any():
        removed[reasons.REMOVED_EMPTY] = int(empty.sum())
    if (total & ~empty).any():
        removed[reasons.REMOVED_TOTAL] = int((total & ~empty).sum())
    frame = frame.loc[~(empty | total)]
    duplicated = frame.duplicated(subset=list(values.columns), keep="first")
    return Raw(
        path.name, frame.loc[~duplicated].reset_index(drop=True), len(grid), removed, int(duplicated.sum())
    )


def _pseudo(values: pd.Series, secret: bytes) -> pd.Series:
    key = tables._key(values)
    hashed = tables.pseudonymise_column(key.where(key.ne("")), secret)
    return hashed.astype("str")


def _reason(index: pd.Index, checks: list[tuple[pd.Series, pd.Series | str]]) -> pd.Series:
    reason = pd.Series(pd.NA, index=index, dtype="str")
    for mask, code in reversed(checks):
        reason = reason.mask(pd.Series(mask, index=index).fillna(False).astype(bool), code)
    return reason


def _faults(*faults: pd.Series) -> dict[str, int]:
    counts: dict[str, int] = {}
    for series in faults:
        for code, n in series.dropna().astype("str").value_counts().items():
            if code and code != "<NA>":
                counts[code] = counts.get(code, 0) + int(n)
    return dict(sorted(counts.items()))


def _empty(n: int, index: pd.Index) -> pd.Series:
    return pd.Series([""] * n, index=index, dtype="str")


def _finish(
    name: str,
    raw: Raw,
    table: pd.DataFrame,
    reason: pd.Series,
    kab: pd.Series,
    key: list[str],
    secret: bytes,
    faults: dict,
) -> Cleaned:
    """Split kept and quarantined rows, quarantine later rows of a repeated key, build the report section."""
    frame = raw.frame
    ok = reason.isna()
    conflict = ok & table[key].duplicated(keep="first") & table[key].notna().all(axis=1)
    reason = reason.mask(conflict, reasons.Q_KEY_CONFLICT)
    bad = reason.notna()
    quarantine = (
        tables.quarantine_frame(frame, bad, reason, kab.fillna(""), secret)
        if bad.any()
        else pd.DataFrame(
            {
                c: pd.Series([], dtype=t)
                for c, t in (
                    ("file_sumber", "str"),
                    ("baris_sumber", "int64"),
                    ("kode_alasan", "str"),
                    ("alasan", "str"),
                    ("kode_kab", "str"),
                    ("nilai_mentah", "str"),
                )
            }
        )
    )
    kept = table.loc[~bad].sort_values(key, ignore_index=True)
    kept = kept.loc[:, list(schemas.EXTRA_TABLES[name].columns)]
    removed = sum(raw.removed.values())
    section = {
        "file": raw.name,
        "input_rows": raw.input_rows,
        "kept": len(kept),
        "quarantined": int(bad.sum()),
        "merged_duplicates": raw.merged_duplicates,
        "removed": dict(raw.removed),
        "quarantine_reasons": {k: int(v) for k, v in reason.dropna().value_counts().sort_index().items()},
        "faults": faults,
    }
    section["balanced"] = raw.input_rows == len(kept) + int(bad.sum()) + raw.merged_duplicates + removed
    return Cleaned(schemas.EXTRA_TABLES[name].validate(kept, lazy=True), quarantine, section)


def _date(values: pd.Series) -> parse.Parsed:
    parsed = parse.parse_date(values)
    return parse.Parsed(parsed.values.astype("datetime64[ms]"), parsed.fault)


def build_empowerment(raw: Raw, desa_master: pd.DataFrame, secret: bytes) -> Cleaned:
    """Build ``empowerment`` from ``pemberdayaan`` rows."""
    f = raw.frame
    empty = _empty(len(f), f.index)
    program = parse.map_vocabulary(f["PROGRAM_PEMBERDAYAAN"], "PROGRAM_PEMBERDAYAAN")
    start = _date(f["TGL_MULAI"])
    nilai = parse.parse_rupiah(f["NILAI_BANTUAN"])
    where = locate(f["KODE_DESA"], empty, empty, desa_master)
    table = pd.DataFrame(
        {
            "peserta_id": _pseudo(f["ID_PESERTA"], secret),
            "family_id": _pseudo(f["ID_DTSEN"], secret),
            "program": program.values,
            "tgl_mulai": start.values,
            "tahun": start.values.dt.year.fillna(0).astype("int16"),
            "nilai": nilai.values.fillna(-1).astype("int64"),
            "kode_kab": where["kode_kab"],
            "kode_kec": where["kode_kec"],
            "kode_desa": where["kode_desa"],
        }
    )
    reason = _reason(
        f.index,
        [
            (f["ID_PESERTA"].eq(""), reasons.Q_ID_EMPTY),
            (program.values.isna(), reasons.Q_PROGRAM),
            (start.values.isna(), reasons.Q_DATE),
            (nilai.values.isna(), reasons.Q_AMOUNT),
            (where["reason"].notna(), where["reason"]),
        ],
    )
    faults = _faults(start.fault, nilai.fault, where["fault"])
    return _finish("empowerment", raw, table, reason, where["kode_kab"], ["peserta_id"], secret, faults)


def build_graduations(raw: Raw, secret: bytes) -> Cleaned:
    """Build ``graduations`` from ``graduasi`` rows."""
    f = raw.frame
    day = _date(f["TGL_GRADUASI"])
    jenis = parse.map_vocabulary(f["JENIS_GRADUASI"], "JENIS_GRADUASI")
    table = pd.DataFrame(
        {"kpm_id": _pseudo(f["ID_KPM"], secret), "tgl_graduasi": day.values, "jenis_graduasi": jenis.values}
    )
    reason = _reason(f.index, [(f["ID_KPM"].eq(""), reasons.Q_ID_EMPTY), (day.values.isna(), reasons.Q_DATE)])
    kab = pd.Series(pd.NA, index=f.index, dtype="str")
    return _finish("graduations", raw, table, reason, kab, ["kpm_id"], secret, _faults(day.fault))


def build_events(raw: Raw, desa_master: pd.DataFrame, secret: bytes) -> Cleaned:
    """Build ``disaster_events`` from ``bencana`` rows (event × kecamatan)."""
    f = raw.frame
    empty = _empty(len(f), f.index)
    jenis = parse.map_vocabulary(f["JENIS_BENCANA"], "JENIS_BENCANA")
    day = _date(f["TGL_KEJADIAN"])
    where = locate(empty, empty, empty, desa_master, kode_kec=f["KODE_KECAMATAN"])
    table = pd.DataFrame(
        {
            "kejadian_id": tables._key(f["ID_KEJADIAN"]).astype("str"),
            "jenis": jenis.values,
            "tgl_kejadian": day.values,
            "tahun": day.values.dt.year.fillna(0).astype("int16"),
            "kode_kab": where["kode_kab"],
            "kode_kec": where["kode_kec"],
        }
    )
    reason = _reason(
        f.index,
        [
            (f["ID_KEJADIAN"].eq(""), reasons.Q_ID_EMPTY),
            (jenis.values.isna(), reasons.Q_VOCAB),
            (day.values.isna(), reasons.Q_DATE),
            (where["kode_kec"].isna(), where["reason"].fillna(reasons.regions.UNKNOWN)),
        ],
    )
    faults = _faults(day.fault)
    return _finish(
        "disaster_events", raw, table, reason, where["kode_kab"], ["kejadian_id", "kode_kec"], secret, faults
    )


def build_payments(raw: Raw, events: pd.DataFrame, desa_master: pd.DataFrame, secret: bytes) -> Cleaned:
    """Build ``emergency_payments`` from ``bantuan_darurat`` rows; the event must be a cleaned event."""
    f = raw.frame
    empty = _empty(len(f), f.index)
    event = tables._key(f["ID_KEJADIAN"]).astype("str")
    nominal = parse.parse_rupiah(f["NOMINAL"])
    day = _date(f["TGL_BAYAR"])
    where = locate(f["KODE_DESA"], empty, empty, desa_master)
    table = pd.DataFrame(
        {
            "kejadian_id": event,
            "penerima_id": _pseudo(f["ID_PENERIMA"], secret),
            "nominal": nominal.values.fillna(-1).astype("int64"),
            "tgl_bayar": day.values,
            "kode_kab": where["kode_kab"],
            "kode_kec": where["kode_kec"],
            "kode_desa": where["kode_desa"],
        }
    )
    reason = _reason(
        f.index,
        [
            (f["ID_KEJADIAN"].eq("") | f["ID_PENERIMA"].eq(""), reasons.Q_ID_EMPTY),
            (~event.isin(set(events["kejadian_id"])), reasons.Q_NO_EVENT),
            (nominal.values.isna(), reasons.Q_AMOUNT),
            (where["reason"].notna(), where["reason"]),
        ],
    )
    faults = _faults(day.fault, nominal.fault, where["fault"])
    return _finish(
        "emergency_payments",
        raw,
        table,
        reason,
        where["kode_kab"],
        ["kejadian_id", "penerima_id"],
        secret,
        faults,
    )


def build_facilitators(raw: Raw, desa_master: pd.DataFrame, secret: bytes) -> Cleaned:
    """Build ``facilitators`` from ``pendamping`` rows."""
    f = raw.frame
    empty = _empty(len(f), f.index)
    where = locate(empty, empty, empty, desa_master, kode_kec=f["KODE_KECAMATAN"])
    table = pd.DataFrame(
        {
            "pendamping_id": _pseudo(f["ID_PENDAMPING"], secret),
            "kode_kab": where["kode_kab"],
            "kode_kec": where["kode_kec"],
        }
    )
    reason = _reason(
        f.index,
        [
            (f["ID_PENDAMPING"].eq(""), reasons.Q_ID_EMPTY),
            (where["kode_kec"].isna(), where["reason"].fillna(reasons.regions.UNKNOWN)),
        ],
    )
    return _finish("facilitators", raw, table, reason, where["kode_kab"], ["pendamping_id"], secret, {})


def build_facilitator_kpm(raw: Raw, secret: bytes) -> Cleaned:
    """Build ``facilitator_kpm`` from ``pendamping_kpm`` rows."""
    f = raw.frame
    table = pd.DataFrame(
        {"kpm_id": _pseudo(f["ID_KPM"], secret), "pendamping_id": _pseudo(f["ID_PENDAMPING"], secret)}
    )
    reason = _reason(f.index, [(f["ID_KPM"].eq("") | f["ID_PENDAMPING"].eq(""), reasons.Q_ID_EMPTY)])
    kab = pd.Series(pd.NA, index=f.index, dtype="str")
    return _finish("facilitator_kpm", raw, table, reason, kab, ["kpm_id"], secret, {})


def _write(frame: pd.DataFrame, path: Path) -> None:
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, compression="zstd")


def clean_extras(folder: Path, out_dir: Path, desa_master: pd.DataFrame, secret: bytes) -> dict | None:
    """Clean every extra export found in ``folder`` into ``out_dir``.

    Parameters
    ----------
    folder : Path
        The ``ekstra/`` sub-folder of the raw folder (missing → nothing done).
    out_dir : Path
        Processed folder being written (``quarantine/`` inside it exists).
    desa_master : DataFrame
        Desa master (dotted ``kode_desa``).
    secret : bytes
        Pseudonym key (the main tables' key, so IDs join).

    Returns
    -------
    dict or None
        ``{"tables": {table: section}, "balanced": bool}``, or None when no
        extra export exists.
    """
    found = {name: find(folder, export) for name, export in SOURCES.items()}
    if not any(found.values()):
        return None
    sections: dict[str, dict] = {}
    events = pd.DataFrame({"kejadian_id": pd.Series([], dtype="str")})
    (out_dir / "quarantine").mkdir(parents=True, exist_ok=True)
    for name, export in SOURCES.items():
        path = found[name]
        if path is None:
            continue
        raw = read(path, export)
        if name == "empowerment":
            result = build_empowerment(raw, desa_master, secret)
        elif name == "graduations":
            result = build_graduations(raw, secret)
        elif name == "disaster_events":
            result = build_events(raw, desa_master, secret)
            events = result.table
        elif name == "emergency_payments":
            result = build_payments(raw, events, desa_master, secret)
        elif name == "facilitators":
            result = build_facilitators(raw, desa_master, secret)
        else:
            result = build_facilitator_kpm(raw, secret)
        _write(result.table, out_dir / f"{name}.parquet")
        _write(result.quarantine, out_dir / "quarantine" / f"{name}.parquet")
        sections[name] = result.section
        log.info(
            "ekstra %s: %d baris disimpan, %d dikarantina",
            name,
            result.section["kept"],
            result.section["quarantined"],
        )
    return {"tables": sections, "balanced": all(s["balanced"] for s in sections.values())}
