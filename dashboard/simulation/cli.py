"""``python -m dashboard simulate``: the Simulasi page's before/after table in a terminal or a file.

Same inputs as the page (programme, quarter, rule, share) and the same
numbers; prints the per-kabupaten table, disparity before/after and the
assumptions, and with ``--out FILE.csv|.xlsx`` writes the export the page
offers for download.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from dashboard import config, datasets, formatting, i18n, presentation
from dashboard.errors import UserError
from dashboard.indicators.engine import Engine
from dashboard.indicators.registry import INDICATORS
from dashboard.simulation import compare, export, inputs, reallocate, rules


def _say(text: object) -> None:
    """Write one line to standard output (the command's report)."""
    sys.stdout.write(f"{text}\n")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register the command's options."""
    parser.add_argument("--program", default="PKH", help="program: PKH atau SEMBAKO (default PKH)")
    parser.add_argument("--periode", default=None, help="triwulan, mis. 2025-T2 (default triwulan terbaru)")
    parser.add_argument("--rule", choices=rules.RULE_IDS, default="A", help="aturan A atau B (rule)")
    parser.add_argument(
        "--share", type=int, choices=rules.SHARES, default=0, metavar="{0,10,…,100}",
        help="aturan B: persen kuota yang dibebaskan yang dipindah antar-kabupaten",
    )  # fmt: skip
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default="id", help="bahasa keluaran")
    parser.add_argument(
        "--processed", type=Path, default=None, help="folder data olahan (default data/processed)"
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="tulis tabel + asumsi ke FILE.csv atau FILE.xlsx"
    )


def _check(eng: Engine, program: str, periode: str | None, lang: str) -> str:
    if program not in eng.programs():
        raise UserError(
            i18n.t("sim_cli_bad_program", lang, program=program, options=", ".join(eng.programs()))
        )
    quarters = eng.periods(program)
    periode = periode or (quarters[-1] if quarters else "")
    if periode not in quarters:
        raise UserError(
            i18n.t("sim_cli_bad_periode", lang, periode=periode, program=program, options=", ".join(quarters))
        )
    return periode


def terminal_table(table: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Return the compact view printed by the command (formatted strings, Indonesian numbers)."""
    out = pd.DataFrame({i18n.t("sim_col_nama", lang): table["nama"]})
    for column in ("kuota_sebelum", "keluar", "kuota_keluar", "kuota_masuk", "masuk", "slot_tidak_terpakai"):
        out[i18n.t(f"sim_col_{column}", lang)] = [formatting.number(v, lang=lang) for v in table[column]]
    for ind_id in ("cakupan_sasaran", "cakupan_desil1"):
        name = presentation.label(INDICATORS[ind_id], lang)
        for when in ("sebelum", "sesudah"):
            values = table[f"{ind_id}_{when}"]
            out[f"{name} ({i18n.t(f'sim_{when}', lang)})"] = [formatting.percent(v, 1, lang) for v in values]
    return out


def run(args: argparse.Namespace) -> int:
    """Run one simulation, print it, optionally write the export."""
    lang = args.lang
    folder = Path(args.processed) if args.processed else config.processed_dir()
    if not datasets.available(folder):
        raise UserError(i18n.t("sim_cli_no_data", lang, path=folder))
    out_path = args.out
    if out_path is not None and out_path.suffix.lower() not in (".csv", ".xlsx"):
        raise UserError(i18n.t("sim_cli_bad_out", lang, path=out_path))
    eng = Engine.from_processed(folder)
    periode = _check(eng, args.program, args.periode, lang)
    rule = rules.Rule(args.rule, args.share if args.rule == "B" else 0)
    data = inputs.from_processed(eng.cube, args.program, periode, folder)
    result = reallocate.simulate(data, rule)
    table = compare.comparison(result, eng.name)
    disparity = compare.disparity(result)
    summary = compare.summary(result)
    assumptions = rules.assumptions(
        rule, program=args.program, periode=periode, target_desil=data.target_desil,
        avg_nominal=data.avg_nominal, lang=lang,
    )  # fmt: skip
    title = i18n.t(
        "sim_export_title", lang, program=args.program, periode=periode,
        rule=rules.rule_label(rule, lang), as_of=formatting.date(eng.as_of, lang),
    )  # fmt: skip
    header = export.header_block(title, assumptions, disparity, lang, synthetic=datasets.is_synthetic())
    with pd.option_context("display.width", 250, "display.max_columns", 30):
        _say(title)
        _say(terminal_table(table, lang).to_string(index=False))
        _say("")
        _say(
            i18n.t(
                "sim_cli_quota", lang,
                before=formatting.number(summary["kuota"], lang=lang),
                used=formatting.number(summary["kuota_terpakai"], lang=lang),
                unused=formatting.number(summary["slot_tidak_terpakai"], lang=lang),
                after=formatting.number(result.quota_after, lang=lang),
            )
        )  # fmt: skip
        _say("\n".join(header[len(assumptions) + 2 :]))
        _say("")
        _say("\n".join(header[1 : len(assumptions) + 2]))
    if out_path is not None:
        frame = export.table_for_export(table, lang)
        payload = (
            export.to_csv(frame, header)
            if out_path.suffix.lower() == ".csv"
            else export.to_xlsx(frame, header)
        )
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_bytes(payload)
        _say(i18n.t("sim_cli_written", lang, path=out_path))
    return 0
