"""``python -m dashboard clean``: raw exports → ``data/processed``."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import pandas as pd

from dashboard import config
from dashboard.errors import UserError

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``clean``.

    Parameters
    ----------
    parser : ArgumentParser
        The sub-command parser.
    """
    parser.add_argument(
        "--raw", type=Path, default=None, help="folder data mentah (raw folder; default data/raw)"
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="folder hasil (output folder; default data/processed)"
    )
    parser.add_argument("--no-progress", action="store_true", help="tanpa bilah kemajuan (no progress bars)")


def load_desa_master() -> pd.DataFrame:
    """Return the desa master list, or raise a :class:`UserError` telling how to build it."""
    try:
        from dashboard.geo import layers

        return layers.desa_master()
    except (ImportError, FileNotFoundError, OSError) as error:
        raise UserError(
            "Daftar desa (master) belum tersedia; jalankan dulu: python -m dashboard geo "
            f"(desa master list missing: {type(error).__name__})"
        ) from None


def run(args: argparse.Namespace) -> int:
    """Clean the raw folder and print a short summary.

    Parameters
    ----------
    args : Namespace
        Parsed options.

    Returns
    -------
    int
        Exit code (0 on success).
    """
    from dashboard.pipeline.run import clean

    raw = (args.raw or config.raw_dir()).resolve()
    # the plain folder, never the active dataset version (versions are immutable)
    out = (args.out or config.data_dir() / "processed").resolve()
    quality = clean(raw, out, load_desa_master(), progress=not args.no_progress and sys.stderr.isatty())
    lines = [f"Selesai (done): {out}  sumber={quality['source']}  posisi data={quality['as_of']}"]
    for name, section in quality["tables"].items():
        lines.append(
            f"  {name}: masuk {section['input_rows']:,} | disimpan {section['kept']:,} | "
            f"karantina {section['quarantined']:,} | duplikat {section['merged_duplicates']:,} | "
            f"dibuang {sum(section['removed'].values()):,}"
        )
    lines.append(f"  durasi {quality['run']['duration_s']} dtk")
    for entry in quality["files"]:
        for note in entry["warnings"]:
            lines.append(f"  PERINGATAN {entry['file']}: {note}")
    print("\n".join(lines))  # noqa: T201 - the CLI's final summary
    return 0
