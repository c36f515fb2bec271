"""Each file opens with its own library and shows the engine's numbers, the label, no personal data."""

from __future__ import annotations

import io

import openpyxl
import pypdf
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from dashboard import presentation
from dashboard.export import xlsx
from dashboard.indicators.registry import INDICATORS
from tests.unit.export.helpers import assert_no_personal_data, zip_text

IND = INDICATORS["realisasi_kpm"]


def _texts(slide) -> list[str]:
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [cell.text for row in shape.table.rows for cell in row.cells]
    return out


def test_pptx_slides_titles_charts_notes(files, tiny_pack):
    deck = Presentation(io.BytesIO(files["pptx"]))
    assert len(deck.slides) == len(tiny_pack.slides) == 21
    for slide, spec in zip(deck.slides, tiny_pack.slides, strict=True):
        assert slide.shapes.title.text == spec.title
        assert any("DATA SINTETIS" in t for t in _texts(slide))
        notes = slide.notes_slide.notes_text_frame.text
        assert notes == spec.notes and notes
    ranking = deck.slides[3]
    charts = [s.chart for s in ranking.shapes if s.has_chart]
    assert len(charts) == 1 and charts[0].chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    pictures = [s for s in deck.slides[2].shapes if s.shape_type == 13]
    assert len(pictures) == 1  # the map
    assert "Pembilang" in deck.slides[3].notes_slide.notes_text_frame.text


def test_pptx_numbers_equal_engine(files, tiny_engine, periode):
    deck = Presentation(io.BytesIO(files["pptx"]))
    table = tiny_engine.table("realisasi_kpm", level="kabupaten", program="PKH", periode=periode)
    by_name = dict(zip(table["nama"], table["value"], strict=True))
    chart = next(s.chart for s in deck.slides[3].shapes if s.has_chart)
    categories = list(chart.plots[0].categories)
    values = list(chart.series[0].values)
    assert len(categories) == 15
    for name, value in zip(categories, values, strict=True):
        assert abs(value - by_name[name] * 100) < 0.01
    # the Lampung Timur slide: its headline value and fraction in the KPI table, native trend chart
    slide = next(s for s in deck.slides if s.shapes.title.text.startswith(tiny_engine.name("18.07")))
    row = table.loc[table["kode"] == "18.07"].iloc[0]
    texts = _texts(slide)
    assert presentation.value_text(IND, row["value"]) in texts
    assert presentation.fraction_text(row["numerator"], row["denominator"]) in texts
    line = next(s.chart for s in slide.shapes if s.has_chart)
    assert line.chart_type == XL_CHART_TYPE.LINE_MARKERS
    trend = tiny_engine.trend("realisasi_kpm", level="kabupaten", program="PKH", kode="18.07")
    assert [round(v, 2) for v in line.series[0].values] == [round(v * 100, 2) for v in trend["value"]]


def test_pptx_has_no_personal_data(files):
    assert_no_personal_data(zip_text(files["pptx"]))


def test_pdf_pages_text_and_label(files, tiny_pack, tiny_engine, periode):
    reader = pypdf.PdfReader(io.BytesIO(files["pdf"]))
    assert len(reader.pages) == len(tiny_pack.slides)
    texts = [page.extract_text() for page in reader.pages]
    assert all("DATA SINTETIS" in t for t in texts)
    assert all(p.mediabox.width > p.mediabox.height for p in reader.pages)  # landscape
    prov = tiny_engine.province("realisasi_kpm", program="PKH", periode=periode)
    assert presentation.value_text(IND, prov["value"]) in texts[1]
    for text in texts:
        assert_no_personal_data(text)


def test_xlsx_sheets_numbers_banner(files, tiny_engine, periode):
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    assert book.sheetnames == ["Provinsi", "Kabupaten", "Kecamatan", "Definisi"]
    for ws in book.worksheets:
        assert str(ws["A1"].value).startswith("DATA SINTETIS")
        assert "Batas wilayah" in str(ws["A2"].value)
    ws = book["Kabupaten"]
    header = [c.value for c in ws[xlsx.HEADER_ROW]]
    table = tiny_engine.table("realisasi_kpm", level="kabupaten", program="PKH", periode=periode)
    rows = [r for r in ws.iter_rows(min_row=xlsx.HEADER_ROW + 1, values_only=True) if r[2] == "realisasi_kpm"]
    assert len(rows) == 15
    for row in rows:
        record = dict(zip(header, row, strict=True))
        expected = table.loc[table["kode"] == record["Kode wilayah"]].iloc[0]
        assert abs(record["Nilai"] - expected["value"]) < 1e-12
        assert record["Pembilang"] == expected["numerator"]
        assert record["Penyebut"] == expected["denominator"]
    assert ws.cell(row=xlsx.HEADER_ROW + 1, column=6).number_format == "0.0%"
    assert len(book["Definisi"]["A"]) - xlsx.HEADER_ROW == len(INDICATORS)


def test_xlsx_has_no_personal_data(files):
    assert_no_personal_data(zip_text(files["xlsx"]))
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            assert_no_personal_data(" ".join("" if v is None else str(v) for v in row))
