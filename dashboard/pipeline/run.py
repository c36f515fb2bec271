"""Run the cleaning step end to end: read, build, validate, write atomically.

Outputs in the ``out`` folder:

* ``families.parquet``, ``kpm.parquet``, ``disbursements.parquet``: validated
  against :mod:`dashboard.schemas`, rows sorted by their key, no timestamps
  inside the files, so the same input gives byte-identical files.
* ``quarantine/<table>.parquet``: unusable rows with their reason.
* ``quality_report.json``: see :mod:`dashboard.pipeline.report`.

Everything is written to a temporary sibling folder first and swapped in at
the end, so a failed run leaves the previous ``out`` untouched. Hidden files
of the old folder (``.gitkeep``) are carried over.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import datetime as dt
import gc
import json
import logging
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from dashboard import pseudonym, rawformat, schemas
from dashboard.errors import UserError
from dashboard.pipeline import extras, readers, report, tables
from dashboard.pipeline.readers import RawFile

log = logging.getLogger(__name__)

SYNTHETIC_FILE = "_SINTETIS.json"
REPORT_FILE = "quality_report.json"
QUARANTINE_DIR = "quarantine"


#: Rows handed to a table builder at a time (bounds the memory of raw strings).
CHUNK_ROWS = 500_000
#: Rows per Parquet row group; the default of ``pyarrow.parquet.write_table``,
#: so writing group by group gives the same bytes as writing the whole table.
ROW_GROUP_ROWS = 1024 * 1024
_TABLE_OF = {rawformat.REGISTRY: "families", rawformat.PENETAPAN: "kpm", rawformat.TRANSAKSI: "disbursements"}
_RATE_COLUMNS = {
    "families": ["kode_kab", "kode_desa", "nik_krt_valid", "desil"],
    "kpm": ["kode_kab", "kode_desa", "nik_pengurus_valid"],
    "disbursements": ["kode_kab", "kode_desa"],
}


def plan(raw_dir: Path) -> dict[str, list[Path]]:
    """Return the export files of ``raw_dir`` grouped by export, in name order.

    Parameters
    ----------
    raw_dir : Path
        Folder with raw exports.

    Returns
    -------
    dict
        Export → files.

    Raises
    ------
    UserError
        No files, an unreadable file, or an export type missing.
    """
    paths = readers.discover(raw_dir)
    if not paths:
        raise UserError(f"Folder {raw_dir} tidak berisi berkas ekspor (no export files in the raw folder)")
    groups: dict[str, list[Path]] = {e: [] for e in rawformat.EXPORTS}
    for path in paths:
        groups[readers.peek_export(path)].append(path)
    missing = [e for e in rawformat.EXPORTS if not groups[e]]
    if missing:
        raise UserError(
            f"Folder {raw_dir}: tidak ada berkas untuk ekspor {', '.join(missing)} "
            "(no file for these exports; names start with registry, penetapan_kpm, transaksi_salur)"
        )
    return groups


def read_all(raw_dir: Path, progress: bool = False) -> list[RawFile]:
    """Read every export file of ``raw_dir`` whole (small folders, tests).

    Parameters
    ----------
    raw_dir : Path
        Folder with raw exports.
    progress : bool
        Show a progress bar on stderr.

    Returns
    -------
    list of RawFile
        Files in name order.
    """
    paths = sorted(p for group in plan(raw_dir).values() for p in group)
    return [
        readers.read_export(p) for p in tqdm(paths, desc="baca berkas", disable=not progress, unit="berkas")
    ]


def _chunks(raw: RawFile, rows: int | None = None) -> Iterator[pd.DataFrame]:
    rows = rows or CHUNK_ROWS
    frame = raw.frame
    for start in range(0, max(len(frame), 1), rows):
        yield frame.iloc[start : start + rows].assign(_file=raw.name)


def _source(raw_dir: Path, files: list[RawFile]) -> str:
    return "sintetis" if (raw_dir / SYNTHETIC_FILE).exists() or any(f.synthetic for f in files) else "nyata"


def _validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    schema = schemas.TABLES[name]
    try:
        return schema.validate(frame, lazy=True)
    except Exception as error:  # pandera.errors.SchemaErrors: a bug here, not a user problem
        log.error("Tabel %s tidak lolos skema (schema validation failed): %s", name, str(error)[:2000])
        raise


def _check_unique(name: str, table: pd.DataFrame) -> None:
    """Check the schema's uniqueness rules on the whole table (slices are validated one by one)."""
    schema = schemas.TABLES[name]
    keys = [[c] for c, column in schema.columns.items() if column.unique]
    if schema.unique:
        keys.append(list(schema.unique))
    for key in keys:
        if table[key].duplicated().any():
            raise RuntimeError(f"Tabel {name}: kunci {key} tidak unik (key not unique)")


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, path, compression="zstd")


def write_table(name: str, result: tables.Built, path: Path) -> None:
    """Validate and write a built table in output order, one row group at a time.

    Parameters
    ----------
    name : str
        Table name (schema).
    result : Built
        The built table (compact columns, sort order).
    path : Path
        Parquet file to write.
    """
    _check_unique(name, result.table)
    total = len(result.order)
    if total <= ROW_GROUP_ROWS:
        frame = tables.materialise(result.table, result.order)
        _validate(name, frame)
        _write_parquet(frame, path)
        return
    writer = None
    try:
        for start in range(0, total, ROW_GROUP_ROWS):
            frame = tables.materialise(result.table, result.order[start : start + ROW_GROUP_ROWS])
            _validate(name, frame)
            batch = pa.Table.from_pandas(frame, preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(path, batch.schema, compression="zstd")
            writer.write_table(batch)
    finally:
        if writer is not None:
            writer.close()


def release_memory() -> None:
    """Hand freed heap memory back to the system (glibc ``malloc_trim``; no-op elsewhere).

    Parsing leaves many small freed blocks behind; without this the process
    keeps the high-water mark of every export for the rest of the run.
    """
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _publish(tmp: Path, out: Path) -> None:
    """Swap ``tmp`` into ``out``, keeping hidden files of the old folder."""
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        for hidden in out.glob(".*"):
            if hidden.is_file() and not (tmp / hidden.name).exists():
                shutil.copy2(hidden, tmp / hidden.name)
        out.rename(old)
    tmp.rename(out)
    if old.exists():
        shutil.rmtree(old)


def _build(
    export: str,
    paths: list[Path],
    desa_master: pd.DataFrame,
    lookup: tables.RegionLookup | None,
    secret: bytes,
    bar: tqdm,
) -> tuple[list[RawFile], tables.Built]:
    """Read the files of one export chunk by chunk and build its table."""
    files, parts = [], []
    for path in paths:
        raw = readers.read_export(path)
        for chunk in _chunks(raw):
            if export == rawformat.REGISTRY:
                parts.append(tables.prepare_families(chunk, desa_master, secret))
            elif export == rawformat.PENETAPAN:
                parts.append(tables.prepare_kpm(chunk, desa_master, secret))
            else:
                parts.append(tables.prepare_disbursements(chunk, lookup, secret))
        # a fresh empty frame: a zero-row slice would keep the file's Arrow buffers alive
        empty = pd.DataFrame({c: pd.Series([], dtype=t) for c, t in raw.frame.dtypes.items()})
        files.append(dataclasses.replace(raw, frame=empty))
        del raw, chunk
        release_memory()
        bar.update()
    combine = {
        rawformat.REGISTRY: tables.combine_families,
        rawformat.PENETAPAN: tables.combine_kpm,
        rawformat.TRANSAKSI: tables.combine_disbursements,
    }[export]
    return files, combine(parts, secret)


def clean(
    raw_dir: Path,
    out_dir: Path,
    desa_master: pd.DataFrame,
    secret: bytes | None = None,
    progress: bool = False,
) -> dict:
    """Clean every raw export of ``raw_dir`` into ``out_dir``.

    One export at a time, files are read and turned into compact typed chunks
    (raw strings are dropped chunk by chunk), the table is built, validated
    and written group by group into a temporary folder, and only the columns
    the report needs are kept. The folder replaces ``out_dir`` at the end.

    Parameters
    ----------
    raw_dir : Path
        Folder with raw exports.
    out_dir : Path
        Folder for processed tables (replaced atomically at the end).
    desa_master : DataFrame
        Desa master list (``kode_desa`` dotted).
    secret : bytes, optional
        Pseudonym key; :func:`dashboard.pseudonym.key` when omitted.
    progress : bool
        Show progress bars on stderr.

    Returns
    -------
    dict
        The quality report (also written as ``quality_report.json``).
    """
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    secret = secret if secret is not None else pseudonym.key()
    groups = plan(raw_dir)
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.with_name(f".{out_dir.name}.tmp-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    (tmp / QUARANTINE_DIR).mkdir(parents=True)
    bar = tqdm(
        total=sum(len(g) for g in groups.values()), desc="bersihkan", disable=not progress, unit="berkas"
    )
    helpers = contextlib.ExitStack()
    helpers.enter_context(pseudonym.helpers(workers=2))  # forked now, while this process is small
    try:
        files: list[RawFile] = []
        built: dict[str, tables.Built] = {}
        lookup = None
        as_of = None
        for export in rawformat.EXPORTS:
            name = _TABLE_OF[export]
            export_files, result = _build(export, groups[export], desa_master, lookup, secret, bar)
            files.extend(export_files)
            write_table(name, result, tmp / f"{name}.parquet")
            _write_parquet(result.quarantine, tmp / QUARANTINE_DIR / f"{name}.parquet")
            if export == rawformat.PENETAPAN:
                lookup = tables.RegionLookup(result.table)
            if export == rawformat.TRANSAKSI and len(result.table):
                latest = result.table["tgl_laporan"].max()
                as_of = None if pd.isna(latest) else latest.date().isoformat()
            # a real copy: a column selection would share (and keep) the whole table's blocks
            rates = result.table[_RATE_COLUMNS[name]].copy(deep=True)
            built[name] = dataclasses.replace(result, table=rates, order=None)
            del result
            release_memory()
        bar.close()
        files.sort(key=lambda f: f.name)
        input_rows = sum(f.data_rows for f in files)
        duration = time.perf_counter() - started
        run = {
            "started_at": started_at,
            "duration_s": round(duration, 2),
            "rows_per_s": round(input_rows / duration) if duration else None,
        }
        quality = report.build_report(files, built, _source(raw_dir, files), as_of, run)
        extra = extras.clean_extras(
            raw_dir / extras.FOLDER, tmp, desa_master, secret
        )  # small separate exports
        if extra is not None:
            quality["extras"] = extra
            quality["balanced"] = quality["balanced"] and extra["balanced"]
        if not quality["balanced"]:
            raise RuntimeError("Konservasi baris gagal (row conservation failed); lihat laporan")
        (tmp / REPORT_FILE).write_text(
            json.dumps(quality, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        )
        _publish(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        helpers.close()
    return quality
