"""``python -m dashboard synth``: write synthetic raw exports to a folder."""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

from dashboard import config
from dashboard.errors import UserError

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of the ``synth`` command."""
    parser.add_argument("--seed", type=int, default=42, help="benih acak (random seed), bawaan 42")
    parser.add_argument(
        "--scale", type=float, default=0.25, help="skala; 1.0 = ukuran Lampung sebenarnya (default 0.25)"
    )
    parser.add_argument("--out", type=Path, default=None, help="folder keluaran (default data/raw)")
    parser.add_argument("--scenario", type=Path, default=None, help="file skenario TOML (calibration file)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="tulis walau folder berisi file non-sintetis (overwrite real data)",
    )


def check_target(out_dir: Path, *, force: bool) -> None:
    """Refuse a folder holding files that are not marked synthetic.

    Parameters
    ----------
    out_dir : Path
        Output folder.
    force : bool
        Write anyway.

    Raises
    ------
    UserError
        When the folder has files but no ``_SINTETIS.json`` and ``force`` is off.
    """
    from dashboard.synth.writer import MARKER

    if force or not out_dir.exists():
        return
    others = [p for p in out_dir.iterdir() if not p.name.startswith(".")]
    if others and not (out_dir / MARKER).exists():
        raise UserError(
            f"Folder {out_dir} berisi {len(others)} file yang bukan data sintetis; tidak ditimpa. "
            "Pakai --force atau folder lain (folder holds non-synthetic files; refusing to overwrite)."
        )


def run(args: argparse.Namespace) -> int:
    """Generate and write the synthetic exports; print a one-line summary."""
    from dashboard.synth import generate, load_scenario, write

    out_dir = Path(args.out) if args.out else config.raw_dir()
    check_target(out_dir, force=args.force)
    if args.scale <= 0:
        raise UserError(f"--scale harus positif, bukan {args.scale} (scale must be positive)")
    if args.scenario is not None and not Path(args.scenario).is_file():
        raise UserError(f"File skenario {args.scenario} tidak ada (scenario file not found)")
    from dashboard.geo.layers import desa_master

    started = time.perf_counter()
    data = generate(desa_master(), seed=args.seed, scale=args.scale, scenario=load_scenario(args.scenario))
    written = write(data, out_dir)
    seconds = time.perf_counter() - started
    rows = sum(written.values())
    print(  # noqa: T201 (the command's final summary)
        f"{config.SYNTHETIC_LABEL}: {len(written)} file, {rows:,} baris → {out_dir} ({seconds:.1f} s, {rows / seconds:,.0f} baris/s)"
    )
    return 0
