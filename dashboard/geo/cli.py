"""``python -m dashboard geo build``: build the boundary layers."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.geo import build as build_module


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``geo`` sub-action and its options."""
    parser.add_argument("action", choices=["build"], help="bangun batas wilayah (build boundaries)")
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="folder salinan hulu berstruktur db/ (local upstream db/ folder; default: GEO_SOURCE or download)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="folder keluaran (output folder; default data/geo)"
    )
    parser.add_argument("--force", action="store_true", help="bangun ulang walau sudah ada (rebuild)")


def run(args: argparse.Namespace) -> int:
    """Build the layers and print a short summary."""
    report = build_module.build(args.source, args.out, force=args.force)
    sizes = report["size_bytes"]
    lines = []
    if report.get("skipped"):
        lines.append(
            "Batas wilayah sudah terbangun dan cocok dengan sumber (already built; use --force to rebuild)."
        )
    lines.append(
        f"kabupaten: {report['kabupaten']} fitur, {sizes[build_module.KABUPATEN_FILE] / 1024:.0f} KB, "
        f"{report['vertices_kabupaten']:,} titik | "
        f"kecamatan: {report['kecamatan']} fitur, {sizes[build_module.KECAMATAN_FILE] / 1024:.0f} KB, "
        f"{report['vertices_kecamatan']:,} titik | desa: {report['desa_master_rows']:,} baris | "
        f"cakupan valid: {'ya' if all(report['coverage_valid'].values()) else 'TIDAK'} | "
        f"{report['build_seconds']} detik"
    )
    print("\n".join(lines))  # noqa: T201 (CLI report)
    return 0
