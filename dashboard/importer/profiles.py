"""Named header-mapping profiles: ``<name>.json`` with ``exports: {export: {raw header: canonical}}``.

Saved profiles go to ``<data>/header_profiles/``; committed examples live in
``dashboard/settings/header_profiles/``. A saved profile of the same name
wins over an example.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

from dashboard import rawformat, settings
from dashboard.errors import UserError
from dashboard.importer.headers import ColumnMap

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def _check(name: str) -> str:
    name = (name or "").strip().lower()
    if not NAME.match(name):
        raise UserError(
            f"Nama profil {name!r} tidak valid: huruf kecil, angka, _ atau -, maks. 40 karakter (invalid profile name)"
        )
    return name


def names() -> list[str]:
    """Return every profile name (saved and examples), sorted."""
    found = {p.stem for folder in settings.profile_dirs() if folder.is_dir() for p in folder.glob("*.json")}
    return sorted(n for n in found if NAME.match(n))


def load(name: str) -> dict[str, dict[str, str]]:
    """Return a profile as export → {raw header: canonical}.

    Raises
    ------
    UserError
        Unknown or unreadable profile, or a canonical name that does not exist.
    """
    name = _check(name)
    for folder in settings.profile_dirs():
        path = folder / f"{name}.json"
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except ValueError as error:
                raise UserError(f"Profil {name} tidak bisa dibaca: {error} (profile unreadable)") from None
            return validate(data.get("exports", {}), name)
    raise UserError(
        f"Profil pemetaan {name!r} tidak ditemukan; yang ada: {', '.join(names()) or '-'} (profile not found)"
    )


def validate(exports: dict, name: str = "") -> dict[str, dict[str, str]]:
    """Return the profile's mappings after checking exports and canonical names."""
    out: dict[str, dict[str, str]] = {}
    for export, mapping in exports.items():
        if export not in rawformat.EXPORTS:
            raise UserError(f"Profil {name}: ekspor {export!r} tidak dikenal (unknown export)")
        allowed = {c.name for c in rawformat.COLUMNS[export]}
        bad = sorted(set(mapping.values()) - allowed - {""})
        if bad:
            raise UserError(
                f"Profil {name}: kolom baku tidak dikenal {', '.join(bad)} (unknown canonical columns)"
            )
        out[export] = {str(k): str(v) for k, v in mapping.items()}
    return out


def save(name: str, export: str, mapping: list[ColumnMap], folder: Path | None = None) -> Path:
    """Save (or extend) a profile with one export's mapping and return its path.

    Only cells that differ from the built-in variants are stored, so a
    profile stays short and readable.
    """
    name = _check(name)
    folder = folder or settings.profile_dirs()[0]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    data = {"name": name, "exports": {}}
    if path.exists():
        with contextlib.suppress(ValueError):
            data = json.loads(path.read_text(encoding="utf-8"))
    known = rawformat.header_map(export)
    entries = {
        m.raw: m.canonical
        for m in mapping
        if m.raw and known.get(rawformat.normalise_header(m.raw), "") != m.canonical
    }
    data.setdefault("exports", {})[export] = entries
    validate(data["exports"], name)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
