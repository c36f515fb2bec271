"""``python -m dashboard dataset list|activate ID|rollback|purge``."""

from __future__ import annotations

import argparse
import getpass

from dashboard import settings
from dashboard.access import audit
from dashboard.versions import retention, store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the sub-actions."""
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("list", help="daftar versi data (list dataset versions)")
    act = sub.add_parser("activate", help="aktifkan satu versi (activate a version)")
    act.add_argument("version_id")
    sub.add_parser("rollback", help="kembali ke versi sebelumnya (activate the previous version)")
    sub.add_parser("purge", help="hapus unggahan mentah yang kedaluwarsa (delete expired raw uploads)")


def _user() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def describe(version: store.Version) -> str:
    """Return one line describing a version."""
    m = version.manifest
    rows = m.get("row_counts", {})
    mark = "*" if version.active else " "
    counts = ", ".join(f"{k}={v}" for k, v in sorted(rows.items()))
    return (
        f"{mark} {version.id}  {m.get('source', '?'):9} oleh {m.get('created_by', '?')}"
        f"  per {m.get('as_of') or '-'}  {counts}"
    )


def switch(version_id: str, user: str, role: str, reason: str = "activate") -> store.Version:
    """Activate a version and record the switch in the audit log."""
    before = store.active_id()
    version = store.activate(version_id)
    audit.record("version_switch", user, role, {"from": before, "to": version_id, "how": reason})
    return version


def run(args: argparse.Namespace) -> int:
    """Run one action and return the exit code."""
    if args.action == "list":
        items = store.versions()
        if not items:
            print("Belum ada versi data; aplikasi membaca data/processed (no dataset versions yet)")  # noqa: T201
        for version in reversed(items):
            print(describe(version))  # noqa: T201
        return 0
    if args.action == "activate":
        version = switch(args.version_id, _user(), "admin")
        print(f"Versi aktif sekarang {version.id} (active version)")  # noqa: T201
        return 0
    if args.action == "rollback":
        target = store.previous_id()
        switch(target, _user(), "admin", reason="rollback")
        print(f"Dikembalikan ke versi {target} (rolled back)")  # noqa: T201
        return 0
    removed = retention.purge(settings.load().retention_days)
    audit.record("purge", _user(), "admin", {"removed": removed})
    print(f"{len(removed)} folder unggahan mentah dihapus (raw uploads deleted): {', '.join(removed) or '-'}")  # noqa: T201
    return 0
