"""The calibration scenario of the synthetic generator, read from TOML.

Every parameter lives in ``scenario.toml`` next to this module, each with its
source tag ([S] stated, [D] derived, [A] assumed; see the research notes).
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).with_name("scenario.toml")


@dataclass(frozen=True)
class Scenario:
    """A parsed scenario and the hash of its file.

    Attributes
    ----------
    params : dict
        The TOML tables (``meta``, ``population``, ``programs``, ``faults`` …).
    digest : str
        SHA-256 of the file bytes (recorded in ``_SINTETIS.json``).
    path : Path
        Where the scenario was read from.
    """

    params: dict[str, Any]
    digest: str
    path: Path

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    @property
    def as_of(self) -> date:
        """Return the report date (``TGL_LAPORAN``) of the scenario."""
        return date.fromisoformat(self.params["meta"]["as_of"])

    def access(self, kode_kab: str) -> float:
        """Return the access-difficulty factor (0 easy … 1 hard) of a kabupaten."""
        return float(self.params["access"].get(kode_kab, 0.5))


def load_scenario(path: Path | None = None) -> Scenario:
    """Read a scenario file.

    Parameters
    ----------
    path : Path, optional
        TOML file; the packaged ``scenario.toml`` when omitted.

    Returns
    -------
    Scenario
        Parameters and file hash.
    """
    path = Path(path) if path is not None else DEFAULT_PATH
    raw = path.read_bytes()
    return Scenario(tomllib.loads(raw.decode("utf-8")), hashlib.sha256(raw).hexdigest(), path)


def lerp(pair: list[float], t: Any) -> Any:
    """Interpolate a ``[low, high]`` scenario pair at access level ``t`` (0…1)."""
    return pair[0] + (pair[1] - pair[0]) * t
