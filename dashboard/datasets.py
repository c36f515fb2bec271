"""The one read path of the app for processed data.

Tables are read with pyarrow and validated against :mod:`dashboard.schemas`;
dates arrive as ``datetime64[ms]``. All functions take an optional
``processed_dir`` (default :func:`dashboard.config.processed_dir`).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from dashboard import config, schemas

REPORT_FILE = "quality_report.json"
QUARANTINE_DIR = "quarantine"


def _dir(processed_dir: Path | None) -> Path:
    return Path(processed_dir) if processed_dir is not None else config.processed_dir()


def load(table: str, processed_dir: Path | None = None) -> pd.DataFrame:
    """Return one processed table, validated.

    Parameters
    ----------
    table : str
        ``families``, ``kpm`` or ``disbursements``.
    processed_dir : Path, optional
        Folder with processed data.

    Returns
    -------
    DataFrame
        The table.

    Raises
    ------
    KeyError
        Unknown table name.
    FileNotFoundError
        The table has not been built.
    """
    schema = schemas.TABLES[table]
    frame = pq.read_table(_dir(processed_dir) / f"{table}.parquet").to_pandas(date_as_object=False)
    return schema.validate(frame)


def load_quarantine(table: str, processed_dir: Path | None = None) -> pd.DataFrame:
    """Return the quarantined rows of one table (no personal values inside)."""
    return pq.read_table(_dir(processed_dir) / QUARANTINE_DIR / f"{table}.parquet").to_pandas()


def quality_report(processed_dir: Path | None = None) -> dict:
    """Return ``quality_report.json`` as a dict."""
    return json.loads((_dir(processed_dir) / REPORT_FILE).read_text(encoding="utf-8"))


def available(processed_dir: Path | None = None) -> bool:
    """Return whether every table and the report exist."""
    folder = _dir(processed_dir)
    return (folder / REPORT_FILE).exists() and all((folder / f"{t}.parquet").exists() for t in schemas.TABLES)


def is_synthetic(processed_dir: Path | None = None) -> bool:
    """Return whether the processed data came from the synthetic generator (``True`` when unsure)."""
    try:
        return quality_report(processed_dir).get("source") != "nyata"
    except FileNotFoundError:
        return True


def as_of_date(processed_dir: Path | None = None) -> dt.date | None:
    """Return the data's as-of date (latest TGL_LAPORAN), ``None`` when unknown."""
    value = quality_report(processed_dir).get("as_of")
    return dt.date.fromisoformat(value) if value else None
