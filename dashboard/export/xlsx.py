"""The meeting pack's tables as an Excel workbook (openpyxl).

One sheet per level (provinsi, kabupaten, kecamatan) with every registry
indicator of the programme and period, and a definitions sheet. Each sheet
opens with a banner row ("DATA SINTETIS" when synthetic), the sources and the
filters. Numbers are written as numbers; every text cell goes through
:func:`dashboard.safety.escape_cell`, so a value such as ``=HYPERLINK(...)`` is stored as plain
text and never evaluated (formula injection).
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard import config, i18n, presentation, safety
from dashboard.export.pack import Pack, Sheet

#: A text starting with one of these is read as a formula (or DDE) by spreadsheet programs.
BANNER_FILL = PatternFill("solid", fgColor="B00020")
HEADER_FILL = PatternFill("solid", fgColor="1F2A44")
WHITE_BOLD = Font(bold=True, color="FFFFFF")
#: Rows above the header: banner, sources, filters, blank.
HEADER_ROW = 5


def set_cell(cell: Cell, value: object) -> None:
    """Write a value: numbers as numbers, everything else as escaped text typed as a string."""
    if value is None or isinstance(value, bool):
        cell.value = None if value is None else str(value)
        return
    if isinstance(value, int | float):
        cell.value = value
        return
    text = safety.escape_cell(str(value))
    cell.value = text
    cell.data_type = "s"  # never "f", whatever the text looks like
    if text != str(value):
        cell.quotePrefix = True


def _preamble(ws: Worksheet, pack: Pack, width: int) -> None:
    banner = (
        i18n.t("pack_synthetic_line", pack.lang, label=config.SYNTHETIC_LABEL)
        if pack.synthetic
        else i18n.t("pack_title", pack.lang)
    )
    set_cell(ws.cell(row=1, column=1), banner)
    ws.cell(row=1, column=1).font = WHITE_BOLD if pack.synthetic else Font(bold=True)
    for col in range(1, width + 1):
        if pack.synthetic:
            ws.cell(row=1, column=col).fill = BANNER_FILL
    set_cell(ws.cell(row=2, column=1), " · ".join(pack.sources))
    filters = i18n.t(
        "pack_sheet_filters",
        pack.lang,
        program=pack.program,
        period=presentation.period_label(pack.periode, pack.lang),
        filters=pack.filters,
    )
    set_cell(ws.cell(row=3, column=1), filters)


def _write_sheet(ws: Worksheet, pack: Pack, sheet: Sheet) -> None:
    width = len(sheet.columns)
    _preamble(ws, pack, width)
    for col, header in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col)
        set_cell(cell, header)
        cell.font = WHITE_BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    percent = set(sheet.percent_columns)
    for r, row in enumerate(sheet.rows, start=HEADER_ROW + 1):
        is_rate = r - HEADER_ROW - 1 < len(sheet.percent_rows) and sheet.percent_rows[r - HEADER_ROW - 1]
        for c, value in enumerate(row):
            cell = ws.cell(row=r, column=c + 1)
            set_cell(cell, value)
            if c in percent and is_rate:
                cell.number_format = "0.0%"
            elif c in sheet.formats:
                cell.number_format = sheet.formats[c]
    for c in range(width):
        longest = max([len(str(sheet.columns[c]))] + [len(str(row[c])) for row in sheet.rows[:300]])
        ws.column_dimensions[get_column_letter(c + 1)].width = min(60, max(10, longest + 2))
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    if sheet.rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(width)}{HEADER_ROW + len(sheet.rows)}"


def write(pack: Pack) -> bytes:
    """Render the pack's sheets as an ``.xlsx`` workbook and return its bytes.

    Parameters
    ----------
    pack : Pack
        Built with ``with_sheets=True``.

    Returns
    -------
    bytes
        The workbook.
    """
    book = Workbook()
    book.remove(book.active)
    for sheet in pack.sheets:
        _write_sheet(book.create_sheet(sheet.name[:31]), pack, sheet)
    book.properties.title = pack.title
    book.properties.subject = pack.footer
    book.properties.creator = "Presisi"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
