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

import datetime as dt
import json
import logging
import os
import shutil
import time
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from dashboard import pseudonym, rawformat, schemas
from dashboard.errors import UserError
from dashboard.pipeline import readers, report, tables
from dashboard.pipeline.readers import RawFile

log = logging.getLogger(__name__)

SYNTHETIC_FILE = "_SINTETIS.json"
REPORT_FILE = "quality_report.json"
QUARANTINE_DIR = "quarantine"


def read_all(raw_dir: Path, progress: bool = False) -> list[RawFile]:
    """Read every export file of ``raw_dir``.

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

    Raises
    ------
    UserError
        No files, an unreadable file, or an export type missing.
    """
    paths = readers.discover(raw_dir)
    if not paths:
        raise UserError(f"Folder {raw_dir} tidak berisi berkas ekspor (no export files in the raw folder)")
    files = [
        readers.read_export(p) for p in tqdm(paths, desc="baca berkas", disable=not progress, unit="berkas")
    ]
    present = {f.export for f in files}
    missing = [e for e in rawformat.EXPORTS if e not in present]
    if missing:
        raise UserError(
            f"Folder {raw_dir}: tidak ada berkas untuk ekspor {', '.join(missing)} "
            "(no file for these exports; names start with registry, penetapan_kpm, transaksi_salur)"
        )
    return files


def _concat(files: list[RawFile], export: str) -> pd.DataFrame:
    frames = [f.frame.assign(_file=f.name) for f in files if f.export == export]
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)
    return frame


def _source(raw_dir: Path, files: list[RawFile]) -> str:
    return "sintetis" if (raw_dir / SYNTHETIC_FILE).exists() or any(f.synthetic for f in files) else "nyata"


def _validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    schema = schemas.TABLES[name]
    try:
        return schema.validate(frame, lazy=True)
    except Exception as error:  # pandera.errors.SchemaErrors: a bug here, not a user problem
        log.error("Tabel %s tidak lolos skema (schema validation failed): %s", name, str(error)[:2000])
        raise


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, path, compression="zstd")


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


def write_outputs(out_dir: Path, built: Mapping[str, tables.Built], quality: dict) -> None:
    """Write tables, quarantine and report into ``out_dir`` atomically.

    Parameters
    ----------
    out_dir : Path
        Destination folder (replaced as a whole).
    built : mapping
        Table name → :class:`Built` (tables already validated).
    quality : dict
        The report.
    """
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.with_name(f".{out_dir.name}.tmp-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    (tmp / QUARANTINE_DIR).mkdir(parents=True)
    try:
        for name, result in built.items():
            _write_parquet(result.table, tmp / f"{name}.parquet")
            _write_parquet(result.quarantine, tmp / QUARANTINE_DIR / f"{name}.parquet")
        (tmp / REPORT_FILE).write_text(
            json.dumps(quality, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        )
        _publish(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def clean(
    raw_dir: Path,
    out_dir: Path,
    desa_master: pd.DataFrame,
    secret: bytes | None = None,
    progress: bool = False,
) -> dict:
    """Clean every raw export of ``raw_dir`` into ``out_dir``.

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
    files = read_all(raw_dir, progress)
    steps = tqdm(total=4, desc="bersihkan", disable=not progress, unit="langkah")
    families = tables.build_families(_concat(files, rawformat.REGISTRY), desa_master, secret)
    steps.update()
    kpm = tables.build_kpm(_concat(files, rawformat.PENETAPAN), desa_master, secret)
    steps.update()
    disbursements = tables.build_disbursements(_concat(files, rawformat.TRANSAKSI), kpm.table, secret)
    steps.update()
    built = {"families": families, "kpm": kpm, "disbursements": disbursements}
    for name, result in built.items():
        _validate(name, result.table)
    steps.update()
    steps.close()
    latest = disbursements.table["tgl_laporan"].max() if len(disbursements.table) else None
    as_of = None if latest is None or pd.isna(latest) else latest.date().isoformat()
    input_rows = sum(f.data_rows for f in files)
    duration = time.perf_counter() - started
    run = {
        "started_at": started_at,
        "duration_s": round(duration, 2),
        "rows_per_s": round(input_rows / duration) if duration else None,
    }
    quality = report.build_report(files, built, _source(raw_dir, files), as_of, run)
    if not quality["balanced"]:
        raise RuntimeError("Konservasi baris gagal (row conservation failed); lihat laporan")
    write_outputs(out_dir, built, quality)
    return quality
