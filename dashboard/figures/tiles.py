"""The schematic tile map: one equal square per kabupaten/kota (plotly)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.colours import NEUTRAL_FILL, NO_DATA_COLOUR


def tile_map(
    tiles: pd.DataFrame,
    colours: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    hover: Mapping[str, str] | None = None,
    *,
    title: str = "",
) -> go.Figure:
    """Draw equal-size tiles placed roughly by geography.

    Parameters
    ----------
    tiles : DataFrame
        ``kode``, ``nama_pendek``, ``singkatan``, ``row``, ``col`` (from
        :func:`dashboard.geo.tiles.tile_frame`).
    colours : mapping of str to str, optional
        Fill colour per ``kode``. Without a mapping every tile is neutral;
        with a mapping, a missing code is drawn in the no-data grey.
    labels : mapping of str to str, optional
        A value label written under the abbreviation.
    hover : mapping of str to str, optional
        Hover text per ``kode`` (HTML allowed, escaped by the caller).
    title : str
        Chart title.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    labels = labels or {}
    hover = hover or {}
    fill = [(colours.get(k, NO_DATA_COLOUR) if colours is not None else NEUTRAL_FILL) for k in tiles["kode"]]
    text = [
        f"<b>{abbr}</b><br>{labels.get(k, '')}"
        for k, abbr in zip(tiles["kode"], tiles["singkatan"], strict=True)
    ]
    hovertext = [hover.get(k, name) for k, name in zip(tiles["kode"], tiles["nama_pendek"], strict=True)]
    fig = go.Figure(
        go.Scatter(
            x=tiles["col"],
            y=-tiles["row"],
            mode="markers+text",
            marker={"symbol": "square", "size": 74, "color": fill, "line": {"color": "#ffffff", "width": 2}},
            text=text,
            textfont={"size": 12, "color": "#111111"},
            hovertext=hovertext,
            hoverinfo="text",
            customdata=tiles["kode"],
        )
    )
    fig.update_layout(
        title=title,
        height=520,
        margin={"l": 10, "r": 10, "t": 50 if title else 10, "b": 10},
        xaxis={"visible": False, "range": [tiles["col"].min() - 0.7, tiles["col"].max() + 0.7]},
        yaxis={
            "visible": False,
            "range": [-tiles["row"].max() - 0.7, -tiles["row"].min() + 0.7],
            "scaleanchor": "x",
        },
        plot_bgcolor="#ffffff",
        showlegend=False,
    )
    return fig
