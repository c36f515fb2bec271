"""``python -m dashboard export``: write the meeting pack as PPTX, PDF or XLSX.

The filters are the URL's (``program``, ``periode``, ``indikator``, ``kab``,
``lang``) and are validated with :mod:`dashboard.urlstate` against what the
data holds; a value that is not allowed stops with a Bahasa message.
"""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

from dashboard import config, datasets, i18n, urlstate
from dashboard.errors import UserError
from dashboard.export import pack as pack_mod
from dashboard.export.render import render
from dashboard.indicators.engine import Engine

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the export options."""
    parser.add_argument("--format", required=True, choices=pack_mod.FORMATS, help="pptx, pdf atau xlsx")
    parser.add_argument("--program", help="program (PKH, SEMBAKO); bawaan: yang pertama")
    parser.add_argument(
        "--periode", help="triwulan (2026-T3) atau tahun (2026); bawaan: triwulan lengkap terakhir"
    )
    parser.add_argument("--indikator", help=f"indikator utama (bawaan {pack_mod.DEFAULT_INDICATOR})")
    parser.add_argument("--kab", help="kode kabupaten/kota dipisah koma (18.07,18.13); bawaan: semua 15")
    parser.add_argument("--lang", default="id", help="bahasa: id (bawaan) atau en")
    parser.add_argument(
        "--out",
        type=Path,
        help="berkas keluaran; bawaan data/exports/presisi_<program>_<periode>_<indikator>.<format>",
    )


def _reject(name: str, value: str, allowed: list[str]) -> UserError:
    shown = ", ".join(allowed[:20]) + (" …" if len(allowed) > 20 else "")
    return UserError(
        f"Nilai --{name} tidak dikenal: {value!r}. Pilihan: {shown} (unknown value for --{name})"
    )


def validate(eng: Engine, args: argparse.Namespace) -> dict:
    """Check the filters against the data like the URL state does; return the values for :func:`build_pack`.

    Raises
    ------
    UserError
        A filter value that the data does not hold.
    """
    lang = args.lang or "id"
    if lang not in i18n.LANGUAGES:
        raise _reject("lang", lang, list(i18n.LANGUAGES))
    programs = eng.programs()
    if not programs:
        raise UserError("Data olahan kosong: tidak ada program (no programme in the processed data)")
    program = _choose(args.program, urlstate.Choice("program", programs, programs[0]))
    periods = pack_mod.period_options(eng, program)
    periode = _choose(
        args.periode, urlstate.Choice("periode", periods, pack_mod.default_period(eng, program))
    )
    options = pack_mod.indicator_options(program)
    default_ind = pack_mod.DEFAULT_INDICATOR if pack_mod.DEFAULT_INDICATOR in options else options[0]
    indicator = _choose(args.indikator, urlstate.Choice("indikator", options, default_ind))
    codes = pack_mod.kabupaten_codes(eng)
    kabs: list[str] = []
    for raw in (args.kab or "").split(","):
        code = raw.strip()
        if code:
            kabs.append(_choose(code, urlstate.Choice("kab", codes, None)))
    return {
        "program": program,
        "periode": periode,
        "indicator": indicator,
        "kabupaten": list(dict.fromkeys(kabs)) or None,
        "lang": lang,
    }


def _choose(raw: str | None, choice: urlstate.Choice) -> str:
    parsed = urlstate.parse({choice.name: raw} if raw else {}, [choice])
    if choice.name in parsed.rejected or parsed.values[choice.name] is None:
        raise _reject(
            "indikator" if choice.name == "indikator" else choice.name, str(raw), list(choice.allowed)
        )
    return str(parsed.values[choice.name])


def exports_dir() -> Path:
    """Default output folder (git-ignored): ``data/exports``."""
    return config.data_dir() / "exports"


def run(args: argparse.Namespace) -> int:
    """Build the engine, validate the filters, write one file; return 0."""
    folder = config.processed_dir()
    if not datasets.available(folder):
        raise UserError(
            f"Data olahan belum ada di {folder}. Jalankan `python -m dashboard prepare` dulu (no processed data)"
        )
    started = time.perf_counter()
    eng = Engine.from_processed(folder)
    built = time.perf_counter()
    filters = validate(eng, args)
    meta = {"synthetic": datasets.is_synthetic(folder), "as_of": datasets.as_of_date(folder)}
    the_pack = pack_mod.build_pack(eng, **filters, **meta, with_sheets=args.format == "xlsx")
    data = render(the_pack, args.format)
    out = args.out or exports_dir() / pack_mod.file_name(the_pack, args.format)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    done = time.perf_counter()
    print(f"Tertulis {out} ({len(data) / 1024:.0f} KB, {len(the_pack.slides)} salindia)")  # noqa: T201
    log.info("engine %.1f s, pack and file %.1f s", built - started, done - built)
    return 0
