"""The pack's map as a picture: a matplotlib/geopandas choropleth of kabupaten.

Drawn in the metric CRS (UTM 48S) so the scale bar is true, with the status
colours and the no-data class from :class:`~dashboard.export.pack.MapData`,
a legend, a north arrow, a scale bar and the boundary attribution. No
browser and no tile server are involved.
"""

from __future__ import annotations

import io

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from dashboard import config, i18n
from dashboard.export.pack import MapData
from dashboard.figures.colours import NO_DATA_COLOUR, OUTLINE_COLOUR
from dashboard.figures.labels import LABEL_NUDGE


def _scale_length(width_m: float) -> int:
    """Return a round scale-bar length (km) about a fifth of the map width."""
    target = width_m / 5000.0
    for step in (200, 100, 50, 25, 20, 10, 5):
        if step <= target:
            return step
    return 5


def draw(
    data: MapData, layer: gpd.GeoDataFrame, lang: str = "id", *, size: tuple[float, float] = (7.5, 6.6)
) -> Figure:
    """Draw the choropleth on a new figure.

    Parameters
    ----------
    data : MapData
        Colours, value labels and legend from the pack.
    layer : GeoDataFrame
        Kabupaten boundaries (``kode``, ``nama``, geometry), any CRS.
    lang : {"id", "en"}
        Language of the north-arrow letter.
    size : tuple of float
        Figure size in inches.

    Returns
    -------
    Figure
        Caller saves and closes it.
    """
    areas = layer.to_crs(config.METRIC_CRS)
    areas = areas.assign(_fill=[data.colours.get(str(k), NO_DATA_COLOUR) for k in areas["kode"]])
    fig = Figure(figsize=size, dpi=100)
    ax = fig.add_axes((0.0, 0.2, 1.0, 0.78))
    areas.plot(ax=ax, color=areas["_fill"], edgecolor=OUTLINE_COLOUR, linewidth=0.6)
    for _, row in areas.iterrows():
        point = row.geometry.representative_point()
        text = f"{row['nama']}\n{data.labels.get(str(row['kode']), '')}"
        dx, dy = LABEL_NUDGE.get(str(row["kode"]), (0.0, 0.0))
        ax.annotate(
            text,
            (point.x, point.y),
            xytext=(point.x + dx * 1000, point.y + dy * 1000),
            arrowprops={"arrowstyle": "-", "color": "#333333", "lw": 0.6} if dx or dy else None,
            ha="center",
            va="center",
            fontsize=6.5,
            color="#111111",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
        )
    ax.set_axis_off()
    ax.set_aspect("equal")
    minx, miny, maxx, maxy = areas.total_bounds
    # north arrow (top right)
    ax.annotate(
        i18n.t("pack_map_north", lang),
        xy=(maxx - 0.04 * (maxx - minx), maxy - 0.02 * (maxy - miny)),
        xytext=(maxx - 0.04 * (maxx - minx), maxy - 0.14 * (maxy - miny)),
        ha="center",
        va="center",
        fontsize=12,
        fontweight="bold",
        arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 2},
    )
    # scale bar (bottom left), two alternating segments
    km = _scale_length(maxx - minx)
    x0, y0 = minx + 0.03 * (maxx - minx), miny + 0.03 * (maxy - miny)
    height = 0.012 * (maxy - miny)
    half = km * 500.0
    ax.add_patch(Rectangle((x0, y0), half, height, facecolor="black", edgecolor="black"))
    ax.add_patch(Rectangle((x0 + half, y0), half, height, facecolor="white", edgecolor="black"))
    ax.text(x0, y0 + 2.2 * height, "0", ha="center", va="bottom", fontsize=7)
    ax.text(x0 + 2 * half, y0 + 2.2 * height, f"{km} km", ha="center", va="bottom", fontsize=7)
    handles = [Patch(facecolor=colour, edgecolor=OUTLINE_COLOUR, label=text) for colour, text in data.legend]
    fig.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.02, 0.05),
        fontsize=8,
        title=i18n.t("pack_map_legend", lang),
        title_fontsize=8,
        frameon=False,
        ncol=2,
    )
    fig.text(0.02, 0.012, data.attribution, fontsize=6.5, color="#333333")
    return fig


def render_png(data: MapData, layer: gpd.GeoDataFrame, lang: str = "id", *, dpi: int = 150) -> bytes:
    """Draw the map and return PNG bytes."""
    fig = draw(data, layer, lang)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    plt.close(fig)
    return buffer.getvalue()


def kabupaten_layer() -> gpd.GeoDataFrame | None:
    """Return the kabupaten boundaries, or ``None`` when boundaries are not built."""
    from dashboard.geo import layers

    return layers.load_layer("kabupaten") if layers.available() else None
