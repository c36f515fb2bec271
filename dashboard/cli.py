"""Command-line interface: ``python -m dashboard <command> [options]``.

Each command lives in the module named for its concern. That module exposes
``add_arguments(parser)`` and ``run(args) -> int``; this file only wires them,
importing a module when its command runs so a light command stays fast.
Errors meant for a data officer are :class:`dashboard.errors.UserError` and
print one Bahasa line (English in parentheses), never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from dashboard.errors import UserError

#: command → (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "assets": ("dashboard.assets", "Ambil aset peramban (Leaflet) dari registri npm (fetch browser assets)"),
    "geo": ("dashboard.geo.cli", "Bangun batas wilayah dari sumber hulu (build boundaries)"),
    "synth": ("dashboard.synth.cli", "Buat data sintetis yang berantakan (generate synthetic raw exports)"),
    "clean": ("dashboard.pipeline.cli", "Bersihkan data mentah ke data/processed (clean raw exports)"),
    "prepare": (
        "dashboard.prepare",
        "Siapkan semua yang belum ada: aset, batas, data bawaan (build what is missing)",
    ),
    "bench": ("dashboard.bench", "Ukur kinerja (benchmark)"),
    "export": ("dashboard.export.cli", "Tulis bahan rapat PPTX, PDF atau XLSX (meeting pack export)"),
    "simulate": (
        "dashboard.simulation.cli",
        "Simulasi realokasi kuota: cakupan dan kesenjangan sebelum/sesudah (what-if)",
    ),
    "import": (
        "dashboard.importer.cli",
        "Impor ekspor mentah menjadi versi data baru (import raw exports as a new dataset version)",
    ),
    "dataset": (
        "dashboard.versions.cli",
        "Kelola versi data: list, activate, rollback, purge (manage dataset versions)",
    ),
}


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code."""
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("command", nargs="?")
    parser.add_argument("-v", "--verbose", action="store_true")
    known, _ = parser.parse_known_args([a for a in argv if a in COMMANDS or a in ("-v", "--verbose")][:2])
    full = argparse.ArgumentParser(
        prog="python -m dashboard", description="Presisi: kualitas penyaluran bansos Lampung"
    )
    full.add_argument("-v", "--verbose", action="store_true", help="log lebih rinci (debug logging)")
    sub = full.add_subparsers(dest="command", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(_module=module_name)
        if name == known.command:
            importlib.import_module(module_name).add_arguments(command)
    args = full.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
    )
    module = importlib.import_module(args._module)
    try:
        return int(module.run(args) or 0)
    except UserError as error:
        print(f"GAGAL: {error}", file=sys.stderr)  # noqa: T201 - the one line a data officer reads
        return error.exit_code
