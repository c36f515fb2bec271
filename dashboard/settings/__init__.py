"""Settings files of the deployment: limits, retention, privacy threshold, roles.

The committed files in this folder are examples without secrets; each can be
replaced by pointing an environment variable at another file
(``PRESISI_SETTINGS_FILE``, ``PRESISI_ROLES_FILE``). Values are read on every
call so tests can change them with ``monkeypatch.setenv``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from dashboard import config
from dashboard.errors import UserError

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Settings:
    """Limits and privacy settings.

    Attributes
    ----------
    max_file_mb : float
        Largest accepted upload per file, megabytes.
    retention_days : int
        Days a raw upload is kept after its import.
    max_unpacked_mb : float
        Largest total unpacked size of an XLSX (zip), megabytes.
    max_ratio : float
        Largest unpacked ÷ packed ratio of one zip member.
    min_count : int
        Cells with a count base below this are suppressed for non-admin roles.
    """

    max_file_mb: float = 200
    retention_days: int = 30
    max_unpacked_mb: float = 2048
    max_ratio: float = 200
    min_count: int = 10

    @property
    def max_file_bytes(self) -> int:
        """Largest accepted upload in bytes."""
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def max_unpacked_bytes(self) -> int:
        """Largest total unpacked XLSX size in bytes."""
        return int(self.max_unpacked_mb * 1024 * 1024)


def settings_file() -> Path:
    """Return the settings file (``PRESISI_SETTINGS_FILE`` overrides)."""
    value = os.environ.get("PRESISI_SETTINGS_FILE")
    return Path(value) if value else HERE / "settings.toml"


def roles_file() -> Path:
    """Return the roles file (``PRESISI_ROLES_FILE`` overrides)."""
    value = os.environ.get("PRESISI_ROLES_FILE")
    return Path(value) if value else HERE / "roles.toml"


def profile_dirs() -> tuple[Path, ...]:
    """Return the folders with header-mapping profiles: saved ones first, then committed examples."""
    return (config.data_dir() / "header_profiles", HERE / "header_profiles")


def read_toml(path: Path) -> dict:
    """Return a TOML file as a dict, with a Bahasa message when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise UserError(f"Berkas pengaturan {path} tidak ditemukan (settings file not found)") from None
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"Berkas pengaturan {path} tidak valid: {error} (invalid TOML)") from None


def load() -> Settings:
    """Return the settings (defaults for anything the file leaves out).

    Returns
    -------
    Settings
        Limits and privacy settings.
    """
    data = read_toml(settings_file())
    imp, priv = data.get("import", {}), data.get("privacy", {})
    default = Settings()
    return Settings(
        max_file_mb=float(imp.get("max_file_mb", default.max_file_mb)),
        retention_days=int(imp.get("retention_days", default.retention_days)),
        max_unpacked_mb=float(imp.get("max_unpacked_mb", default.max_unpacked_mb)),
        max_ratio=float(imp.get("max_ratio", default.max_ratio)),
        min_count=int(priv.get("min_count", default.min_count)),
    )
