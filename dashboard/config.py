"""Paths and project-wide constants.

Every path is computed from this file's location, never from the current
working directory, and each can be overridden by an environment variable so
tests, notebooks and AppTest can point the code at miniature data. The
functions read the environment on every call, so ``monkeypatch.setenv`` works
inside one process.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = ROOT / "dashboard"

#: Province code (Kemendagri and BPS agree at this level).
PROVINCE_CODE = "18"
PROVINCE_NAME = "Provinsi Lampung"

#: CRS used to store and display geometry (what Leaflet expects).
DISPLAY_CRS = "EPSG:4326"
#: Metric CRS for areas, lengths and snapping (UTM zone 48S covers Lampung).
METRIC_CRS = "EPSG:32748"

#: Label shown on every page and in every export when the data is synthetic.
SYNTHETIC_LABEL = "DATA SINTETIS"

#: Attribution for the boundaries (MIT licence requires the notice to travel).
BOUNDARY_ATTRIBUTION = "Batas wilayah: cahyadsn/wilayah_boundaries (© 2024 Cahya DSN, MIT License), diolah"


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


def data_dir() -> Path:
    """Return the root data folder (``PRESISI_DATA_DIR`` overrides)."""
    return _env_path("PRESISI_DATA_DIR", ROOT / "data")


def reference_dir() -> Path:
    """Return the folder with committed reference facts (kabupaten, aliases)."""
    return _env_path("PRESISI_REFERENCE_DIR", ROOT / "data" / "reference")


def raw_dir() -> Path:
    """Return the folder with raw exports (never edited)."""
    return _env_path("PRESISI_RAW_DIR", data_dir() / "raw")


def processed_dir() -> Path:
    """Return the folder with cleaned, typed tables the app reads.

    ``PRESISI_PROCESSED_DIR`` wins; else the active dataset version
    (``data/datasets/ACTIVE``) when one exists; else ``data/processed``.
    """
    if os.environ.get("PRESISI_PROCESSED_DIR"):
        return _env_path("PRESISI_PROCESSED_DIR", data_dir() / "processed")
    from dashboard.versions import store

    return store.active_dir() or data_dir() / "processed"


def geo_dir() -> Path:
    """Return the folder with built boundary layers and the desa master list."""
    return _env_path("PRESISI_GEO_DIR", data_dir() / "geo")


def static_dir() -> Path:
    """Return the folder Streamlit serves at ``/app/static/``."""
    return PACKAGE_DIR / "static"


def vendor_dir() -> Path:
    """Return the folder for third-party browser assets fetched at setup."""
    return static_dir() / "vendor"


def secrets_dir() -> Path:
    """Return the git-ignored folder holding the pseudonymisation key."""
    return _env_path("PRESISI_SECRETS_DIR", ROOT / ".secrets")
