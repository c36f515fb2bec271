"""Download files of a simulation: the before/after table under an assumptions header block.

Both formats start with a header block (title, rule, every assumption,
disparity before → after) and then the table, one row per kabupaten plus the
province. Text cells that a spreadsheet would read as a formula (starting
with ``=``, ``+``, ``-``, ``@``, tab or carriage return) are prefixed with an
apostrophe; numbers stay numbers. No identifier of any family is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import numpy as np
import pandas as pd

from dashboard import config, formatting, i18n, presentation, safety
from dashboard.indicators.registry import INDICATORS
from dashboard.simulation import compare


def table_for_export(table: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Rename the comparison table's columns to readable headers; rates rounded to 6 digits.

    Parameters
    ----------
    table : DataFrame
        From :func:`dashboard.simulation.compare.comparison`.
    lang : {"id", "en"}
    """
    columns: dict[str, str] = {"kode": i18n.t("sim_col_kode", lang), "nama": i18n.t("sim_col_nama", lang)}
    columns.update({c: i18n.t(f"sim_col_{c}", lang) for c in compare.FLOWS})
    for ind_id in compare.COMPARED:
        name = presentation.label(INDICATORS[ind_id], lang)
        for when in ("sebelum", "sesudah"):
            tag = i18n.t(f"sim_{when}", lang)
            columns[f"{ind_id}_num_{when}"] = f"{name} — {i18n.t('sim_numerator', lang)} ({tag})"
            columns[f"{ind_id}_den_{when}"] = f"{name} — {i18n.t('sim_denominator', lang)} ({tag})"
            columns[f"{ind_id}_{when}"] = f"{name} ({tag})"
    out = table[list(columns)].copy()
    for column in out.columns:
        if column.endswith(("_sebelum", "_sesudah")) and "_num_" not in column and "_den_" not in column:
            out[column] = out[column].astype(float).round(6)
        elif "_num_" in column or "_den_" in column:
            out[column] = out[column].astype("int64")
    return out.rename(columns=columns)


def header_block(
    title: str,
    assumptions: Sequence[str],
    disparity: pd.DataFrame,
    lang: str = "id",
    *,
    synthetic: bool,
) -> list[str]:
    """Lines written above the table: synthetic label, title, assumptions, disparity before → after."""
    lines = [config.SYNTHETIC_LABEL] if synthetic else []
    lines += [title, i18n.t("sim_assumptions", lang) + ":"]
    lines += [f"{i}. {text}" for i, text in enumerate(assumptions, start=1)]
    lines.append(i18n.t("sim_disparity", lang) + ":")
    for row in disparity.itertuples(index=False):
        name = presentation.label(INDICATORS[row.indikator], lang)
        lines.append(
            f"{name} — {i18n.t(f'sim_measure_{row.ukuran}', lang)}: "
            f"{formatting.number(row.sebelum, 4, lang)} → {formatting.number(row.sesudah, 4, lang)}"
        )
    return lines


def to_csv(table: pd.DataFrame, header: Sequence[str]) -> bytes:
    """CSV (UTF-8 with BOM for spreadsheets): header lines, a blank line, then the table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for line in header:
        writer.writerow([safety.escape_cell(line)])
    writer.writerow([])
    writer.writerow([safety.escape_cell(c) for c in table.columns])
    for row in table.itertuples(index=False):
        writer.writerow(["" if formatting.is_missing(v) else safety.escape_cell(_plain(v)) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _plain(value: object) -> object:
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def to_xlsx(table: pd.DataFrame, header: Sequence[str], sheet: str = "Simulasi") -> bytes:
    """XLSX: header lines in column A, a blank row, then the table (bold column names)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    for line in header:
        ws.append([safety.escape_cell(line)])
    ws["A1"].font = Font(bold=True)
    ws.append([])
    ws.append([safety.escape_cell(c) for c in table.columns])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in table.itertuples(index=False):
        ws.append([None if formatting.is_missing(v) else safety.escape_cell(_plain(v)) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
