"""Formula injection: text that looks like a formula is stored as inert text."""

from __future__ import annotations

import copy
import io

import openpyxl
import pytest

from dashboard import safety
from dashboard.export import pack as pack_mod
from dashboard.export import xlsx

HOSTILE = ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_cell_prefixes_an_apostrophe(text):
    assert safety.escape_cell(text) == "'" + text


def test_harmless_text_is_unchanged():
    assert safety.escape_cell("Lampung Timur") == "Lampung Timur"
    assert safety.escape_cell("−2,5 poin") == "−2,5 poin"  # typographic minus is not a formula


def test_region_names_with_formulas_are_not_evaluated(tiny_engine, periode, kec_names):
    hostile = copy.copy(tiny_engine)
    hostile.names = {**tiny_engine.names, "18.07": HOSTILE[0], "18.13": HOSTILE[4]}
    hostile._cache = {}
    built = pack_mod.build_pack(
        hostile, program="PKH", periode=periode, kabupaten=["18.07", "18.13"], kecamatan_names=kec_names
    )
    book = openpyxl.load_workbook(io.BytesIO(xlsx.write(built)))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    hostile_cells = [
        c for c in cells if isinstance(c.value, str) and c.value.lstrip("'") in (HOSTILE[0], HOSTILE[4])
    ]
    assert hostile_cells and all(c.value.startswith("'") and c.data_type == "s" for c in hostile_cells)
    assert not any(isinstance(c.value, str) and c.value.startswith(("=", "+", "@")) for c in cells)
