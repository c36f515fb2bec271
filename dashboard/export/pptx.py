"""The meeting pack as an editable PowerPoint file (python-pptx).

Titles, bullets and tables are native text and tables; the ranking and the
trends are native PowerPoint charts (their data can be edited in
PowerPoint); the map is a picture. Every slide has the footer (synthetic
label, source, as-of date, boundary attribution) and speaker notes.
"""

from __future__ import annotations

import io

import geopandas as gpd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu, Inches, Pt

from dashboard import i18n
from dashboard.export import mapimage
from dashboard.export.pack import Chart, Pack, Slide, Table, column_shares
from dashboard.figures.colours import QUALITATIVE, STATUS_COLOURS

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.45)
TOP = Inches(1.25)
BOTTOM = Inches(6.85)
DARK = RGBColor(0x1F, 0x2A, 0x44)
RED = RGBColor(0xB0, 0x00, 0x20)
STATUS_TEXT = {"hijau", "kuning", "merah"}


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(
    slide: PptxSlide,
    x: Emu,
    y: Emu,
    w: Emu,
    h: Emu,
    lines: list[str],
    size: int,
    *,
    bold: bool = False,
    colour: RGBColor = DARK,
    bullet: bool = False,
) -> None:
    box = slide.shapes.add_textbox(x, y, w, h)
    frame = box.text_frame
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = ("• " if bullet else "") + line
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold
        paragraph.font.color.rgb = colour
        paragraph.space_after = Pt(6)


def _title(slide: PptxSlide, text: str) -> None:
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.85)
    shape.text = text
    frame = shape.text_frame
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.font.size = Pt(28)
        paragraph.font.bold = True
        paragraph.font.color.rgb = DARK


def _footer(slide: PptxSlide, pack: Pack, number: int, total: int) -> None:
    box = slide.shapes.add_textbox(MARGIN, Inches(6.95), WIDTH - 2 * MARGIN, Inches(0.45))
    frame = box.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    if pack.synthetic:
        run = paragraph.add_run()
        run.text = "DATA SINTETIS · "
        run.font.bold = True
        run.font.color.rgb = RED
        run.font.size = Pt(10)
    run = paragraph.add_run()
    run.text = (
        " · ".join(pack.sources) + " · " + i18n.t("pack_slide_number", pack.lang, n=number, total=total)
    )
    run.font.size = Pt(9)
    run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)


def _table(slide: PptxSlide, table: Table, x: Emu, y: Emu, w: Emu, size: int = 13) -> None:
    rows, cols = len(table.rows) + 1, len(table.columns)
    height = Inches(0.42) * rows
    shape = slide.shapes.add_table(rows, cols, x, y, w, height)
    grid = shape.table
    for column, share in zip(grid.columns, column_shares(table), strict=True):
        column.width = Emu(int(w * share))
    for c, header in enumerate(table.columns):
        cell = grid.cell(0, c)
        cell.text = header
        cell.text_frame.paragraphs[0].font.size = Pt(size)
        cell.text_frame.paragraphs[0].font.bold = True
    for r, row in enumerate(table.rows, start=1):
        status = table.statuses[r - 1] if r - 1 < len(table.statuses) else ""
        for c, value in enumerate(row):
            cell = grid.cell(r, c)
            cell.text = value
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.font.size = Pt(size)
            if c == len(row) - 1 and status in STATUS_TEXT:
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(STATUS_COLOURS[status])
                paragraph.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF) if status != "kuning" else DARK
                paragraph.font.bold = True


def _chart(slide: PptxSlide, chart: Chart, x: Emu, y: Emu, w: Emu, h: Emu) -> None:
    data = CategoryChartData(number_format=chart.number_format)
    data.categories = list(chart.categories)
    for series in chart.series:
        data.add_series(series.name, list(series.values))
    kind = XL_CHART_TYPE.BAR_CLUSTERED if chart.kind == "bar" else XL_CHART_TYPE.LINE_MARKERS
    graphic = slide.shapes.add_chart(kind, x, y, w, h, data).chart
    graphic.has_title = True
    graphic.chart_title.text_frame.text = chart.title
    graphic.chart_title.text_frame.paragraphs[0].font.size = Pt(13)
    graphic.font.size = Pt(12)
    value_axis = graphic.value_axis
    value_axis.has_major_gridlines = True
    value_axis.tick_labels.number_format = chart.number_format
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.has_title = True
    value_axis.axis_title.text_frame.text = chart.axis_title
    if chart.kind == "bar":
        value_axis.minimum_scale = 0  # bars start at zero
        if chart.axis_title == "%":
            value_axis.maximum_scale = 100
        graphic.has_legend = False
        graphic.category_axis.reverse_order = True  # rank 1 on top
        plot = graphic.plots[0]
        plot.gap_width = 40
        plot.has_data_labels = True
        plot.data_labels.number_format = chart.number_format
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.font.size = Pt(11)
        for index, colour in enumerate(chart.colours):
            point = plot.series[0].points[index]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(colour)
    else:
        graphic.has_legend = True
        graphic.legend.position = XL_LEGEND_POSITION.BOTTOM
        graphic.legend.include_in_layout = False
        for index, series in enumerate(graphic.plots[0].series):
            series.format.line.color.rgb = _rgb(QUALITATIVE[index % len(QUALITATIVE)])
            series.format.line.width = Pt(3 if index == 0 else 2)
            series.smooth = False


def _content(slide: PptxSlide, spec: Slide, map_png: bytes | None) -> None:
    width = WIDTH - 2 * MARGIN
    if spec.kind == "title":
        _text(slide, MARGIN, Inches(1.5), width, Inches(4.5), list(spec.bullets), 22)
        return
    if spec.kind == "map" and map_png is not None:
        slide.shapes.add_picture(io.BytesIO(map_png), MARGIN, TOP, height=BOTTOM - TOP)
        _text(slide, Inches(8.3), TOP, Inches(4.6), BOTTOM - TOP, list(spec.bullets), 16, bullet=True)
        return
    if spec.kind == "kabupaten":
        left = Inches(7.2)
        if spec.table:
            _table(slide, spec.table, MARGIN, TOP, left, size=12)
        table_h = Inches(0.42) * (len(spec.table.rows) + 1) if spec.table else 0
        _text(
            slide,
            MARGIN,
            TOP + table_h + Inches(0.2),
            left,
            BOTTOM - TOP - table_h,
            list(spec.bullets),
            14,
            bullet=True,
        )
        if spec.chart:
            _chart(
                slide, spec.chart, MARGIN + left + Inches(0.2), TOP, width - left - Inches(0.2), BOTTOM - TOP
            )
        return
    if spec.chart is not None:
        _chart(slide, spec.chart, MARGIN, TOP, Inches(8.2), BOTTOM - TOP)
        _text(slide, Inches(8.9), TOP, Inches(4.0), BOTTOM - TOP, list(spec.bullets), 15, bullet=True)
        return
    if spec.table is not None:
        table_w = Inches(8.4) if spec.kind in ("kpi", "disparity") else width
        _table(slide, spec.table, MARGIN, TOP, table_w)
        if table_w < width:
            _text(
                slide,
                MARGIN + table_w + Inches(0.3),
                TOP,
                width - table_w - Inches(0.3),
                BOTTOM - TOP,
                list(spec.bullets),
                15,
                bullet=True,
            )
        else:
            table_h = Inches(0.42) * (len(spec.table.rows) + 1)
            _text(
                slide,
                MARGIN,
                TOP + table_h + Inches(0.2),
                width,
                BOTTOM - TOP - table_h,
                list(spec.bullets),
                15,
                bullet=True,
            )


def write(pack: Pack, layer: gpd.GeoDataFrame | None = None, map_png: bytes | None = None) -> bytes:
    """Render the pack as an editable PPTX and return its bytes.

    Parameters
    ----------
    pack : Pack
        From :func:`dashboard.export.pack.build_pack`.
    layer : GeoDataFrame, optional
        Kabupaten boundaries for the map (default: the installed layer; no
        map picture when boundaries are not built).
    map_png : bytes, optional
        An already rendered map (so a caller building several formats renders it once).

    Returns
    -------
    bytes
        The ``.pptx`` file.
    """
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    title_layout = deck.slide_layouts[5]  # "Title Only": an editable title placeholder
    total = len(pack.slides)
    for number, spec in enumerate(pack.slides, start=1):
        slide = deck.slides.add_slide(title_layout)
        _title(slide, spec.title)
        png = None
        if spec.map is not None:
            png = map_png or _map_png(spec, layer, pack.lang)
        _content(slide, spec, png)
        _footer(slide, pack, number, total)
        slide.notes_slide.notes_text_frame.text = spec.notes
    deck.core_properties.title = pack.title
    deck.core_properties.subject = pack.footer
    deck.core_properties.author = "Presisi"
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _map_png(spec: Slide, layer: gpd.GeoDataFrame | None, lang: str) -> bytes | None:
    layer = layer if layer is not None else mapimage.kabupaten_layer()
    if layer is None or spec.map is None:
        return None
    return mapimage.render_png(spec.map, layer, lang)
