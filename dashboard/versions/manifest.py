"""The manifest of a dataset version: inputs, counts, conservation, quality, who and when."""

from __future__ import annotations

import datetime as dt

MANIFEST_VERSION = 1


def conservation_summary(report: dict) -> dict:
    """Return per-file conservation and the overall balance from a clean report.

    Parameters
    ----------
    report : dict
        Quality report returned by :func:`dashboard.pipeline.run.clean`.

    Returns
    -------
    dict
        ``balanced`` and ``files`` (file → input_rows, kept, quarantined,
        merged_duplicates, removed total, balanced).
    """
    files = {}
    for record in report.get("conservation", []):
        files[record["file"]] = {
            "input_rows": record["input_rows"],
            "kept": record["kept"],
            "quarantined": record["quarantined"],
            "merged_duplicates": record["merged_duplicates"],
            "removed": sum(record.get("removed", {}).values()),
            "balanced": record["balanced"],
        }
    return {"balanced": bool(report.get("balanced")), "files": files}


def quality_summary(report: dict) -> dict:
    """Return per-table counts and fault totals from a clean report."""
    out = {}
    for name, section in report.get("tables", {}).items():
        out[name] = {
            "input_rows": section.get("input_rows"),
            "kept": section.get("kept"),
            "quarantined": section.get("quarantined"),
            "merged_duplicates": section.get("merged_duplicates"),
            "removed": section.get("removed", {}),
            "quarantine_reasons": section.get("quarantine_reasons", {}),
            "faults": section.get("faults", {}),
        }
    return out


def build(
    inputs: list[dict],
    report: dict,
    *,
    user: str,
    role: str,
    profile: str | None = None,
    now: dt.datetime | None = None,
) -> dict:
    """Return the manifest of a new version.

    Parameters
    ----------
    inputs : list of dict
        One per uploaded file: ``name`` (as uploaded), ``staged_as``,
        ``export``, ``sha256``, ``size``.
    report : dict
        Quality report of the clean run.
    user, role : str
        Who imported (e-mail or ``lokal``) and their role.
    profile : str, optional
        Header-mapping profile used.
    now : datetime, optional
        Time of the import (UTC).

    Returns
    -------
    dict
        JSON-ready manifest.
    """
    now = now or dt.datetime.now(dt.UTC)
    rows = {
        name: section.get("kept_in_table", section.get("kept"))
        for name, section in report.get("tables", {}).items()
    }
    return {
        "manifest_version": MANIFEST_VERSION,
        "created_at": now.isoformat(timespec="seconds"),
        "created_by": user,
        "role": role,
        "source": report.get("source", "nyata"),
        "as_of": report.get("as_of"),
        "profile": profile,
        "inputs": inputs,
        "row_counts": rows,
        "conservation": conservation_summary(report),
        "quality": quality_summary(report),
    }
