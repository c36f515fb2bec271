"""Append-only audit log: ``<data>/audit/audit.jsonl``, one JSON object per line.

Fields: ``time`` (UTC ISO), ``user``, ``role``, ``action`` (:data:`ACTIONS`)
and ``details`` (a small dict; never personal values). Lines are written
with one ``write`` on a file opened in append mode under an exclusive lock,
so concurrent sessions never interleave. Nothing in the code rewrites or
truncates the file.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from pathlib import Path

from dashboard import config

ACTIONS = ("login", "import", "import_failed", "version_switch", "export", "denied", "purge")


def audit_file() -> Path:
    """Return the audit log path (``PRESISI_AUDIT_FILE`` overrides)."""
    value = os.environ.get("PRESISI_AUDIT_FILE")
    return Path(value) if value else config.data_dir() / "audit" / "audit.jsonl"


def record(action: str, user: str, role: str, details: dict | None = None) -> dict:
    """Append one event and return it.

    Parameters
    ----------
    action : str
        One of :data:`ACTIONS`.
    user : str
        E-mail, or ``lokal`` in local mode, or ``cli``.
    role : str
        Role name.
    details : dict, optional
        JSON-serialisable facts (version id, page, requested region, …).

    Returns
    -------
    dict
        The event as written.
    """
    if action not in ACTIONS:
        raise ValueError(f"aksi audit tidak dikenal {action!r}")
    event = {
        "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
        "user": user,
        "role": role,
        "action": action,
        "details": details or {},
    }
    path = audit_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(event, ensure_ascii=False, sort_keys=True, default=str) + "\n"
    with path.open("a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.write(line)
            handle.flush()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    return event


def read(path: Path | None = None) -> list[dict]:
    """Return every event of the log (oldest first; unreadable lines skipped)."""
    path = path or audit_file()
    if not path.exists():
        return []
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            events.append(json.loads(line))
        except ValueError:
            continue
    return events
