"""``python -m dashboard import FILE... [--profile NAME] [--activate] [--dry-run]``."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from dashboard.importer import api


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the import options."""
    parser.add_argument("files", nargs="+", type=Path, help="berkas ekspor CSV/XLSX (export files)")
    parser.add_argument("--profile", help="profil pemetaan judul kolom (header-mapping profile)")
    parser.add_argument("--activate", action="store_true", help="langsung aktifkan versi baru (activate)")
    parser.add_argument(
        "--dry-run", action="store_true", help="hanya pratinjau, tidak menyimpan (preview only)"
    )


def _user() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def run(args: argparse.Namespace) -> int:
    """Import, print the preview summary and the new version id."""
    result = api.import_files(
        list(args.files),
        user=_user(),
        role="admin",
        profile=args.profile,
        activate=args.activate,
        dry_run=args.dry_run,
    )
    for staged in result.files:
        print(  # noqa: T201
            f"- {staged.name}: {staged.export}, {staged.kind}, {staged.encoding or '-'}, {staged.size:,} byte"
        )
    if result.preview is not None:
        print(result.preview.conservation.to_string(index=False))  # noqa: T201
        problems = result.preview.problems
        if len(problems):
            print(problems.groupby(["tabel", "kelas"])["jumlah"].sum().to_string())  # noqa: T201
    if result.version is None:
        print("Pratinjau saja; tidak ada yang disimpan (dry run, nothing committed)")  # noqa: T201
        return 0
    state = (
        "dan diaktifkan"
        if result.version.active
        else "(belum aktif: python -m dashboard dataset activate ID)"
    )
    print(f"Versi data baru {result.version.id} dibuat {state} (new dataset version)")  # noqa: T201
    return 0
