"""Persist the cube next to the processed tables, so a data load builds it once.

Building the cube reads every row (seconds at province scale); the cube itself
is a few thousand rows. It is written to ``<processed>/cube/`` with a
signature of the tables it came from (file name, size, modification time)
and the definition choices; a later load with the same signature reads the
small Parquet files instead of rebuilding. Any mismatch, a missing or
unreadable file, or a read-only folder simply means "build again": the store
is a cache, never a source of truth.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.indicators.cube import Cube, CubeConfig

log = logging.getLogger(__name__)

FOLDER = "cube"
SOURCES = ("families.parquet", "kpm.parquet", "disbursements.parquet")
FRAMES = ("base", "quantiles", "incidence", "reasons", "delays", "cumulative")
FORMAT_VERSION = 1


def signature(processed_dir: Path, config: CubeConfig) -> str:
    """Return a string that changes whenever the source tables or the definitions change."""
    parts: dict[str, object] = {"format": FORMAT_VERSION, "config": _config_dict(config)}
    for name in SOURCES:
        stat = (processed_dir / name).stat()
        parts[name] = [stat.st_size, stat.st_mtime_ns]
    return json.dumps(parts, sort_keys=True, default=str)


def load(processed_dir: Path, config: CubeConfig) -> Cube | None:
    """Return the stored cube if it matches the current tables and definitions, else ``None``."""
    folder = processed_dir / FOLDER
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("signature") != signature(processed_dir, config):
            return None
        frames = {name: pd.read_parquet(folder / f"{name}.parquet") for name in FRAMES}
    except (OSError, ValueError, KeyError):
        return None
    return Cube(**frames, as_of=date.fromisoformat(manifest["as_of"]), config=config)


def save(cube: Cube, processed_dir: Path) -> bool:
    """Write the cube under ``<processed>/cube/``; return whether it was written.

    Writing goes to a temporary folder that is renamed into place, so a
    reader never sees half a cube. A read-only data folder is not an error.
    """
    target = processed_dir / FOLDER
    try:
        tmp = Path(tempfile.mkdtemp(prefix=".cube-", dir=processed_dir))
        for name in FRAMES:
            getattr(cube, name).to_parquet(tmp / f"{name}.parquet", index=False)
        manifest = {
            "signature": signature(processed_dir, cube.config),
            "as_of": cube.as_of.isoformat(),
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        if target.exists():
            old = target.with_name(f".cube-old-{os.getpid()}")
            target.rename(old)
            tmp.rename(target)
            _remove(old)
        else:
            tmp.rename(target)
    except OSError as error:
        log.info("kubus tidak disimpan (cube not stored): %s", error)
        return False
    return True


def _remove(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


def _config_dict(config: CubeConfig) -> dict:
    data = dataclasses.asdict(config)
    data["target_desil"] = {k: list(v) for k, v in sorted(config.target_desil.items())}
    return data
