"""Keep raw uploads only as long as configured (``retention_days``).

Raw uploads of a committed import live in ``<data>/uploads/<version-id>/``
with a ``.uploaded_at`` stamp (UTC ISO time); unfinished staging sessions in
``<data>/uploads/_staging/<session>/``. :func:`purge` deletes raw uploads
older than the retention period and staging sessions older than a day.
Processed dataset versions are never touched.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from dashboard import config

STAMP = ".uploaded_at"
STAGING = "_staging"
STAGING_MAX_AGE = dt.timedelta(days=1)


def uploads_root() -> Path:
    """Return the folder with retained raw uploads (``<data>/uploads``)."""
    return config.data_dir() / "uploads"


def stamp(folder: Path, now: dt.datetime | None = None) -> None:
    """Write the upload time into ``folder``."""
    now = now or dt.datetime.now(dt.UTC)
    (folder / STAMP).write_text(now.isoformat(timespec="seconds") + "\n", encoding="utf-8")


def uploaded_at(folder: Path) -> dt.datetime:
    """Return the upload time of ``folder`` (the stamp, else its modification time)."""
    try:
        return dt.datetime.fromisoformat((folder / STAMP).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return dt.datetime.fromtimestamp(folder.stat().st_mtime, dt.UTC)


def expired(retention_days: int, now: dt.datetime | None = None, base: Path | None = None) -> list[Path]:
    """Return the raw-upload and staging folders older than allowed.

    Parameters
    ----------
    retention_days : int
        Days a raw upload is kept.
    now : datetime, optional
        Reference time (UTC).
    base : Path, optional
        Uploads root.

    Returns
    -------
    list of Path
        Folders to delete.
    """
    now = now or dt.datetime.now(dt.UTC)
    base = base or uploads_root()
    if not base.is_dir():
        return []
    out = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and p.name != STAGING):
        if now - uploaded_at(folder) > dt.timedelta(days=retention_days):
            out.append(folder)
    staging = base / STAGING
    if staging.is_dir():
        out += [p for p in sorted(staging.iterdir()) if p.is_dir() and now - uploaded_at(p) > STAGING_MAX_AGE]
    return out


def purge(retention_days: int, now: dt.datetime | None = None, base: Path | None = None) -> list[str]:
    """Delete expired raw uploads and stale staging sessions; return their names."""
    removed = []
    for folder in expired(retention_days, now, base):
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder.name)
    return removed
