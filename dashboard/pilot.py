"""The digitalisation-pilot kabupaten list (a small config, not hard-coded in a page)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

PILOT_FILE = Path(__file__).resolve().parent / "indicators" / "pilot.toml"


@dataclass(frozen=True)
class Pilot:
    """Pilot kabupaten codes, the first pilot quarter and where the list comes from."""

    kabupaten: tuple[str, ...]
    mulai: str
    sumber: str


def load(path: Path = PILOT_FILE) -> Pilot | None:
    """Read the pilot config; ``None`` when the file or its ``[pilot]`` table is absent.

    Parameters
    ----------
    path : Path
        TOML file with a ``[pilot]`` table: ``kabupaten`` (codes), ``mulai``
        (quarter ``2026-T1``), ``sumber`` (source note).

    Returns
    -------
    Pilot or None
    """
    if not path.is_file():
        return None
    table = tomllib.loads(path.read_text(encoding="utf-8")).get("pilot")
    if not table:
        return None
    return Pilot(
        tuple(str(k) for k in table.get("kabupaten", ())),
        str(table.get("mulai", "")),
        str(table.get("sumber", "")),
    )
