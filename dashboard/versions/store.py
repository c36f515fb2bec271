"""Dataset versions on disk and the ``ACTIVE`` pointer.

Layout under ``data/datasets/`` (git-ignored)::

    <version-id>/            processed tables, quarantine/, quality_report.json,
                             manifest.json; never changed after creation
    ACTIVE                   one line: the version the app reads

A version id is ``YYYYMMDDTHHMMSS-<8 hex>`` (UTC time of the import and the
start of a hash over the input files), so ids sort by time. A version is
created in a hidden temporary folder and renamed into place; the pointer is
written to a temporary file and swapped with :func:`os.replace`, so a reader
never sees half a version or half a pointer. Switching never deletes or
overwrites anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from dashboard import config
from dashboard.errors import UserError

ACTIVE_FILE = "ACTIVE"
MANIFEST_FILE = "manifest.json"
ID_PATTERN = re.compile(r"^\d{8}T\d{6}-[0-9a-f]{8}$")


@dataclass(frozen=True)
class Version:
    """One stored dataset version.

    Attributes
    ----------
    id : str
        Version id.
    path : Path
        Its folder.
    manifest : dict
        Parsed ``manifest.json`` (empty when missing or unreadable).
    active : bool
        Whether ``ACTIVE`` points at it.
    """

    id: str
    path: Path
    manifest: dict
    active: bool


def root() -> Path:
    """Return the folder holding every version (``<data>/datasets``)."""
    return config.data_dir() / "datasets"


def new_id(hashes: list[str], now: dt.datetime | None = None) -> str:
    """Return a version id from the UTC time and the input file hashes.

    Parameters
    ----------
    hashes : list of str
        SHA-256 of the input files.
    now : datetime, optional
        Time of the import (default: now, UTC).

    Returns
    -------
    str
        ``YYYYMMDDTHHMMSS-<8 hex>``.
    """
    now = now or dt.datetime.now(dt.UTC)
    digest = hashlib.sha256("".join(sorted(hashes)).encode() + now.isoformat().encode()).hexdigest()
    return f"{now.strftime('%Y%m%dT%H%M%S')}-{digest[:8]}"


def _valid(version_id: str) -> str:
    if not ID_PATTERN.match(version_id or ""):
        raise UserError(f"ID versi {version_id!r} tidak valid (invalid version id)")
    return version_id


def active_id(base: Path | None = None) -> str | None:
    """Return the id the ``ACTIVE`` pointer names, ``None`` when unset or dangling."""
    base = base or root()
    try:
        value = (base / ACTIVE_FILE).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not ID_PATTERN.match(value) or not (base / value).is_dir():
        return None
    return value


def active_dir(base: Path | None = None) -> Path | None:
    """Return the folder of the active version, ``None`` when there is none.

    :func:`dashboard.config.processed_dir` calls this when
    ``PRESISI_PROCESSED_DIR`` is not set.
    """
    base = base or root()
    version_id = active_id(base)
    return base / version_id if version_id else None


def read_manifest(folder: Path) -> dict:
    """Return ``manifest.json`` of a version folder (empty dict when missing or broken)."""
    try:
        return json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def versions(base: Path | None = None) -> list[Version]:
    """Return every stored version, oldest first."""
    base = base or root()
    if not base.is_dir():
        return []
    current = active_id(base)
    return [
        Version(p.name, p, read_manifest(p), p.name == current)
        for p in sorted(base.iterdir())
        if p.is_dir() and ID_PATTERN.match(p.name)
    ]


def get(version_id: str, base: Path | None = None) -> Version:
    """Return one version or raise a :class:`UserError` naming the id."""
    base = base or root()
    folder = base / _valid(version_id)
    if not folder.is_dir():
        raise UserError(f"Versi data {version_id} tidak ditemukan (dataset version not found)")
    return Version(version_id, folder, read_manifest(folder), version_id == active_id(base))


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary sibling and :func:`os.replace`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def create(processed: Path, manifest: dict, version_id: str, base: Path | None = None) -> Version:
    """Move a processed folder into a new version with its manifest.

    Parameters
    ----------
    processed : Path
        Folder written by :func:`dashboard.pipeline.run.clean` (moved, not copied).
    manifest : dict
        Manifest to write (``id`` is set here).
    version_id : str
        New id (see :func:`new_id`).
    base : Path, optional
        Versions root.

    Returns
    -------
    Version
        The new version (not activated).
    """
    base = base or root()
    target = base / _valid(version_id)
    if target.exists():
        raise UserError(f"Versi data {version_id} sudah ada (dataset version already exists)")
    base.mkdir(parents=True, exist_ok=True)
    tmp = base / f".{version_id}.tmp-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    shutil.move(str(processed), str(tmp))
    manifest = {**manifest, "id": version_id}
    (tmp / MANIFEST_FILE).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    )
    tmp.rename(target)
    return Version(version_id, target, manifest, False)


def activate(version_id: str, base: Path | None = None) -> Version:
    """Point ``ACTIVE`` at a version (atomically) and return it."""
    base = base or root()
    version = get(version_id, base)
    from dashboard import datasets

    if not datasets.available(version.path):
        raise UserError(
            f"Versi data {version_id} tidak lengkap, tidak diaktifkan (dataset version incomplete)"
        )
    write_atomic(base / ACTIVE_FILE, version_id + "\n")
    return get(version_id, base)


def previous_id(base: Path | None = None) -> str:
    """Return the id a rollback activates: the newest version older than the active one.

    Raises
    ------
    UserError
        No active version, or none older.
    """
    base = base or root()
    current = active_id(base)
    if current is None:
        raise UserError("Belum ada versi data aktif, tidak ada yang dikembalikan (no active version)")
    older = [v.id for v in versions(base) if v.id < current]
    if not older:
        raise UserError(f"Tidak ada versi yang lebih lama dari {current} (no older version to roll back to)")
    return older[-1]
