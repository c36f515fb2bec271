"""The meeting pack as a PDF: one landscape page per slide (matplotlib ``PdfPages``).

The layout follows the PowerPoint file (title, content, footer with the
synthetic label and the sources). Fonts are embedded as TrueType so the text
stays searchable and extractable.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import textwrap

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")

import matplotlib.image as mpimg
import matplotlib.pyplot as plt
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from dashboard import i18n
from dashboard.export import mapimage
from dashboard.export.pack import Chart, Pack, Slide, Table, column_shares
from dashboard.figures.colours import QUALITATIVE, STATUS_COLOURS

logging.getLogger("fontTools").setLevel(logging.WARNING)  # font subsetting chatter on every page

W, H = 13.333, 7.5
DARK = "#1f2a44"


def _box(fig: Figure, x: float, y: float, w: float, h: float):
    """Axes at inches from the top-left corner (like the slide layout)."""
    return fig.add_axes((x / W, 1 - (y + h) / H, w / W, h / H))


def _bullets(fig: Figure, x: float, y: float, w: float, lines: tuple[str, ...], size: float = 13) -> None:
    chars = max(20, int(w * 72 / (size * 0.55)))
    text = "\n".join("\n".join(textwrap.wrap("• " + line, chars, subsequent_indent="   ")) for line in lines)
    fig.text(x / W, 1 - y / H, text, fontsize=size, va="top", ha="left", color=DARK, linespacing=1.5)


def _table(fig: Figure, table: Table, x: float, y: float, w: float, size: float = 11) -> float:
    """Draw a table with plain rectangles and texts (fast); return its height in inches."""
    row_h = 0.4
    shares = column_shares(table)
    lefts = [x + w * sum(shares[:i]) for i in range(len(shares))]
    rows = [tuple(table.columns), *table.rows]
    for r, cells in enumerate(rows):
        top = y + r * row_h
        status = table.statuses[r - 1] if 0 < r <= len(table.statuses) else ""
        for c, text in enumerate(cells):
            fill, colour, weight = "white", DARK, "normal"
            if r == 0:
                fill, colour, weight = DARK, "white", "bold"
            elif c == len(cells) - 1 and status in ("hijau", "kuning", "merah"):
                fill, colour, weight = (
                    STATUS_COLOURS[status],
                    ("white" if status != "kuning" else DARK),
                    "bold",
                )
            cell_w = w * shares[c]
            fig.patches.append(
                Rectangle(
                    (lefts[c] / W, 1 - (top + row_h) / H),
                    cell_w / W,
                    row_h / H,
                    transform=fig.transFigure,
                    facecolor=fill,
                    edgecolor="#bbbbbb",
                    linewidth=0.6,
                )
            )
            fig.text(
                (lefts[c] + 0.06) / W,
                1 - (top + row_h / 2) / H,
                text,
                fontsize=size,
                color=colour,
                weight=weight,
                va="center",
            )
    return row_h * len(rows)


def _chart(fig: Figure, chart: Chart, x: float, y: float, w: float, h: float) -> None:
    ax = _box(fig, x, y, w, h)
    if chart.kind == "bar":
        values = [v if v is not None else 0.0 for v in chart.series[0].values]
        colours = list(chart.colours) or [QUALITATIVE[0]] * len(values)
        positions = list(range(len(values)))
        ax.barh(positions, values, color=colours, edgecolor="#555555", linewidth=0.4)
        ax.set_yticks(positions, list(chart.categories), fontsize=10)
        ax.invert_yaxis()
        for pos, value in zip(positions, chart.series[0].values, strict=True):
            label = "–" if value is None else f"{value:.1f}".replace(".", ",")
            ax.text(value or 0, pos, " " + label, va="center", fontsize=9)
        present = [v for v in chart.series[0].values if v is not None]
        top = (
            100.0
            if chart.axis_title == "%" and all(v <= 100 for v in present)
            else max(present or [1.0]) * 1.1
        )
        ax.set_xlim(0.0, top * 1.08)
    else:
        positions = list(range(len(chart.categories)))
        for index, series in enumerate(chart.series):
            values = [float("nan") if v is None else v for v in series.values]
            ax.plot(
                positions,
                values,
                marker="o",
                lw=3 if index == 0 else 2,
                color=QUALITATIVE[index % len(QUALITATIVE)],
                label=series.name,
            )
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.32), ncol=2, fontsize=10, frameon=False)
        ax.set_xticks(positions, list(chart.categories), rotation=45, fontsize=9)
        ax.grid(axis="y", color="#dddddd")
    ax.set_title(chart.title, fontsize=12, color=DARK, loc="left")
    ax.set_xlabel(chart.axis_title if chart.kind == "bar" else "", fontsize=10)
    ax.set_ylabel(chart.axis_title if chart.kind == "line" else "", fontsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _page(spec: Slide, pack: Pack, number: int, total: int, map_png: bytes | None) -> Figure:
    fig = Figure(figsize=(W, H))
    fig.text(0.45 / W, 1 - 0.75 / H, spec.title, fontsize=24, weight="bold", color=DARK, va="baseline")
    if spec.kind == "title":
        _bullets(fig, 0.45, 1.6, 12.4, spec.bullets, 20)
    elif spec.kind == "map":
        if map_png is not None:
            ax = _box(fig, 0.45, 1.2, 7.7, 5.6)
            ax.imshow(mpimg.imread(io.BytesIO(map_png)))
            ax.set_axis_off()
        _bullets(fig, 8.3, 1.3, 4.6, spec.bullets, 14)
    elif spec.kind == "kabupaten":
        h = _table(fig, spec.table, 0.45, 1.25, 7.4, 10) if spec.table else 0.0
        _bullets(fig, 0.45, 1.45 + h, 7.2, spec.bullets, 12)
        if spec.chart:
            _chart(fig, spec.chart, 8.4, 1.6, 4.5, 3.9)
    elif spec.chart is not None:
        _chart(fig, spec.chart, 2.4, 1.6, 6.2, 5.0)
        _bullets(fig, 8.9, 1.3, 4.0, spec.bullets, 13)
    elif spec.table is not None:
        wide = spec.kind not in ("kpi", "disparity")
        w = 12.4 if wide else 8.4
        h = _table(fig, spec.table, 0.45, 1.25, w)
        if wide:
            _bullets(fig, 0.45, 1.5 + h, 12.4, spec.bullets, 13)
        else:
            _bullets(fig, 9.1, 1.3, 3.9, spec.bullets, 13)
    footer = " · ".join(pack.sources) + " · " + i18n.t("pack_slide_number", pack.lang, n=number, total=total)
    if pack.synthetic:
        fig.text(0.45 / W, 0.3 / H, "DATA SINTETIS", fontsize=10, weight="bold", color="#b00020")
        fig.text(1.75 / W, 0.3 / H, footer, fontsize=8, color="#444444")
    else:
        fig.text(0.45 / W, 0.3 / H, footer, fontsize=8, color="#444444")
    return fig


def write(pack: Pack, layer: gpd.GeoDataFrame | None = None, map_png: bytes | None = None) -> bytes:
    """Render the pack as a PDF (one landscape page per slide) and return its bytes.

    Parameters
    ----------
    pack : Pack
        From :func:`dashboard.export.pack.build_pack`.
    layer : GeoDataFrame, optional
        Kabupaten boundaries (default: the installed layer).
    map_png : bytes, optional
        An already rendered map.

    Returns
    -------
    bytes
        The ``.pdf`` file.
    """
    buffer = io.BytesIO()
    total = len(pack.slides)
    metadata = {
        "Title": pack.title,
        "Subject": pack.footer,
        "Creator": "Presisi",
        "CreationDate": dt.datetime.now(dt.UTC),
    }
    with (
        matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}),
        PdfPages(buffer, metadata=metadata) as pdf,
    ):
        for number, spec in enumerate(pack.slides, start=1):
            png = None
            if spec.map is not None:
                png = map_png
                if png is None:
                    layer = layer if layer is not None else mapimage.kabupaten_layer()
                    png = mapimage.render_png(spec.map, layer, pack.lang) if layer is not None else None
            fig = _page(spec, pack, number, total, png)
            pdf.savefig(fig)
            plt.close(fig)
    return buffer.getvalue()


def page_png(pack: Pack, index: int, map_png: bytes | None = None, dpi: int = 80) -> bytes:
    """Render one page as PNG (for a preview or a visual check)."""
    spec = pack.slides[index]
    if spec.map is not None and map_png is None:
        layer = mapimage.kabupaten_layer()
        map_png = mapimage.render_png(spec.map, layer, pack.lang) if layer is not None else None
    fig = _page(spec, pack, index + 1, len(pack.slides), map_png)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    plt.close(fig)
    return buffer.getvalue()
