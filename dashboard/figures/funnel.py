"""Funnel plot: does a region's rate differ from the province beyond chance (x = denominator, y = rate).

x = denominator (how many units the rate is computed from), y = rate. The
95 % and 99.8 % control limits around the province value narrow as the
denominator grows (:func:`dashboard.indicators.stats.funnel_limits`); a point
outside the 99.8 % limits is unlikely to differ by chance alone. Only for
count-based rates (``Indicator.binomial``).
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting, i18n, presentation
from dashboard.figures.colours import QUALITATIVE, STATUS_COLOURS
from dashboard.figures.ranking import _HOVER, SEPARATORS, _hover_data, tickformat
from dashboard.indicators.registry import Indicator
from dashboard.indicators.stats import funnel_limits


def limit_curves(p0: float, n_min: float, n_max: float, points: int = 120) -> pd.DataFrame:
    """Return the 95 % and 99.8 % limits on a log-spaced grid of denominators.

    Parameters
    ----------
    p0 : float
        Province proportion.
    n_min, n_max : float
        Denominator range to cover (positive).
    points : int
        Grid size.

    Returns
    -------
    DataFrame
        ``n``, ``low95``, ``high95``, ``low998``, ``high998``.
    """
    lo, hi = max(float(n_min), 1.0), max(float(n_max), float(n_min) + 1.0, 2.0)
    grid = np.geomspace(lo, hi, points)
    low95, high95 = funnel_limits(p0, grid, 0.95)
    low998, high998 = funnel_limits(p0, grid, 0.998)
    return pd.DataFrame({"n": grid, "low95": low95, "high95": high95, "low998": low998, "high998": high998})


def funnel_plot(
    table: pd.DataFrame,
    ind: Indicator,
    program: str,
    periode: str,
    p0: float,
    *,
    highlight: Collection[str] = (),
    lang: str = "id",
) -> go.Figure:
    """Draw the funnel plot of a count-based rate.

    Parameters
    ----------
    table : DataFrame
        Engine table (``kode``, ``nama``, ``numerator``, ``denominator``,
        ``value``, ``funnel``, ``funnel_95``).
    ind : Indicator
        Registry entry (must be ``binomial``).
    program, periode : str
        For the title.
    p0 : float
        Province value (centre line).
    highlight : collection of str
        Codes drawn with a thick outline (a peer group or the chosen regions).
    lang : {"id", "en"}
        Language.

    Returns
    -------
    plotly.graph_objects.Figure
        Limit lines (95 % dotted, 99.8 % dashed), the province line and one
        labelled point per region with data; points outside the 99.8 %
        limits are red diamonds (worse side) or blue diamonds (better side).
        Regions without data are left out and named in an annotation.
    """
    present = table.dropna(subset=["value"])
    present = present.loc[present["denominator"] > 0]
    fig = go.Figure()
    if len(present) and not formatting.is_missing(p0):
        curves = limit_curves(p0, present["denominator"].min() * 0.7, present["denominator"].max() * 1.3)
        for low, high, dash, key in (
            ("low998", "high998", "dash", "compare_funnel_limit_998"),
            ("low95", "high95", "dot", "compare_funnel_limit_95"),
        ):
            for column, show in ((high, True), (low, False)):
                fig.add_trace(
                    go.Scatter(
                        x=curves["n"],
                        y=curves[column],
                        mode="lines",
                        line={"color": "#555555", "dash": dash, "width": 1.2},
                        name=i18n.t(key, lang),
                        legendgroup=key,
                        showlegend=show,
                        hoverinfo="skip",
                    )
                )
        fig.add_hline(
            y=float(p0),
            line={"color": "#000000", "width": 1.5},
            annotation_text=i18n.t("map_chart_province", lang, value=presentation.value_text(ind, p0, lang)),
            annotation_position="top left",
        )
    worse = "below" if ind.direction == "higher_better" else "above"
    groups = (
        ("within", QUALITATIVE[5], "circle", "compare_funnel_within"),
        (worse, STATUS_COLOURS["merah"], "diamond", "compare_funnel_worse"),
        (
            "below" if worse == "above" else "above",
            STATUS_COLOURS["hijau"],
            "diamond",
            "compare_funnel_better",
        ),
    )
    highlight = set(highlight)
    for flag, colour, symbol, key in groups:
        part = (
            present.loc[present["funnel"].fillna("within") == flag]
            if flag == "within"
            else present.loc[present["funnel"] == flag]
        )
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["denominator"].astype(float),
                y=part["value"].astype(float),
                mode="markers+text",
                text=list(part["nama"]),
                textposition="top center",
                textfont={"size": 11},
                marker={
                    "color": colour,
                    "size": 12 if flag == "within" else 14,
                    "symbol": symbol,
                    "line": {
                        "color": "#000000",
                        "width": [3 if k in highlight else 0.8 for k in part["kode"]],
                    },
                },
                name=i18n.t(key, lang),
                customdata=_hover_data(part, ind, lang),
                hovertemplate=_HOVER,
            )
        )
    missing = table.loc[table["value"].isna(), "nama"]
    if len(missing):
        fig.add_annotation(
            text=i18n.t("compare_funnel_missing", lang, regions=", ".join(map(str, missing))),
            xref="paper",
            yref="paper",
            x=0,
            y=-0.18,
            showarrow=False,
            xanchor="left",
            font={"color": "#555555"},
        )
    fig.update_layout(
        title=presentation.chart_title(ind, program, periode, lang),
        separators=SEPARATORS,
        height=520,
        xaxis={"title": presentation.denominator(ind, lang), "type": "log", "gridcolor": "#e5e5e5"},
        yaxis={
            "title": presentation.unit_label(ind, lang),
            "tickformat": tickformat(ind),
            "gridcolor": "#e5e5e5",
        },
        margin={"l": 10, "r": 20, "t": 70, "b": 90},
        plot_bgcolor="#ffffff",
        legend={"orientation": "h", "y": -0.25},
    )
    return fig
