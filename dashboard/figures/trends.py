"""Trends over quarters: a region against the province (plotly).

Inputs are :meth:`Engine.trend` frames (``periode`` plus the table columns).
Quarters without a value stay gaps in the line (``connectgaps=False``).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import formatting, i18n, presentation
from dashboard.figures.colours import QUALITATIVE
from dashboard.figures.ranking import _HOVER, SEPARATORS, _hover_data, tickformat
from dashboard.indicators.registry import Indicator


def series(trend: pd.DataFrame) -> list[float | None]:
    """Values of a trend frame in period order, ``None`` where missing (a gap, never 0)."""
    ordered = trend.sort_values("periode")
    return [None if formatting.is_missing(v) else float(v) for v in ordered["value"]]


def _line(
    trend: pd.DataFrame, ind: Indicator, name: str, colour: str, lang: str, dash: str = "solid", **kw
) -> go.Scatter:
    ordered = trend.sort_values("periode").assign(nama=name)
    return go.Scatter(
        x=[presentation.period_label(p, lang) for p in ordered["periode"]],
        y=series(ordered),
        mode="lines+markers",
        connectgaps=False,
        line={"color": colour, "dash": dash, "width": 2.5 if dash == "solid" else 1.8},
        marker={"size": 6},
        name=name,
        customdata=_hover_data(ordered, ind, lang),
        hovertemplate=_HOVER.replace("</b>", "</b> · %{x}", 1),
        **kw,
    )


def trend_chart(
    region: pd.DataFrame,
    province: pd.DataFrame,
    ind: Indicator,
    program: str,
    *,
    region_name: str,
    lang: str = "id",
) -> go.Figure:
    """Line chart of one region against the province, per quarter.

    Parameters
    ----------
    region, province : DataFrame
        :meth:`Engine.trend` output for the region and for the province.
    ind : Indicator
        Registry entry.
    program : str
        Programme (for the title).
    region_name : str
        Legend name of the region.
    lang : {"id", "en"}
        Language.

    Returns
    -------
    plotly.graph_objects.Figure
        Two traces (region solid, province dashed); hover carries numerator
        and denominator; missing quarters are gaps.
    """
    fig = go.Figure()
    fig.add_trace(_line(region, ind, region_name, QUALITATIVE[0], lang))
    fig.add_trace(_line(province, ind, i18n.t("map_province_name", lang), "#000000", lang, dash="dash"))
    fig.update_layout(
        title=trend_title(ind, program, region, lang),
        separators=SEPARATORS,
        height=380,
        yaxis={
            "tickformat": tickformat(ind),
            "title": presentation.unit_label(ind, lang),
            "gridcolor": "#e5e5e5",
        },
        margin={"l": 10, "r": 20, "t": 70, "b": 40},
        plot_bgcolor="#ffffff",
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


def trend_title(ind: Indicator, program: str, trend: pd.DataFrame, lang: str = "id") -> str:
    """Title a trend: indicator, programme, first–last quarter, unit."""
    periods = sorted(trend["periode"]) if len(trend) else []
    span = (
        f"{presentation.period_label(periods[0], lang)} – {presentation.period_label(periods[-1], lang)}"
        if periods
        else formatting.no_data(lang)
    )
    return f"{presentation.label(ind, lang)} — {program}, {span} ({presentation.unit_label(ind, lang)})"


def group_trends(
    trends: Mapping[str, tuple[pd.DataFrame, pd.DataFrame]],
    indicators: Mapping[str, Indicator],
    program: str,
    *,
    region_name: str,
    title: str,
    lang: str = "id",
) -> go.Figure:
    """Small multiples: one panel per indicator of a group, region against province.

    Parameters
    ----------
    trends : mapping of str to (DataFrame, DataFrame)
        Indicator id → (region trend, province trend).
    indicators : mapping of str to Indicator
        Indicator id → registry entry, in panel order.
    program : str
        Programme.
    region_name : str
        Legend name of the region.
    title : str
        Figure title (group name, programme, quarters); each panel is titled
        "indicator (unit)".
    lang : {"id", "en"}
        Language.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    ids = [i for i in indicators if i in trends]
    cols = min(4, max(1, len(ids)))
    rows = max(1, -(-len(ids) // cols))
    titles = [
        f"{presentation.label(indicators[i], lang)} ({presentation.unit_label(indicators[i], lang)})"
        for i in ids
    ]
    fig = make_subplots(
        rows=rows, cols=cols, subplot_titles=titles, horizontal_spacing=0.07, vertical_spacing=0.3
    )
    for index, ind_id in enumerate(ids):
        ind = indicators[ind_id]
        region, province = trends[ind_id]
        r, c = index // cols + 1, index % cols + 1
        fig.add_trace(
            _line(region, ind, region_name, QUALITATIVE[0], lang, legendgroup="r", showlegend=index == 0),
            row=r,
            col=c,
        )
        fig.add_trace(
            _line(
                province,
                ind,
                i18n.t("map_province_name", lang),
                "#000000",
                lang,
                dash="dash",
                legendgroup="p",
                showlegend=index == 0,
            ),
            row=r,
            col=c,
        )
        fmt = ".1%" if ind.unit == "persen" else tickformat(ind)
        fig.update_yaxes(tickformat=fmt, gridcolor="#e5e5e5", row=r, col=c)
        fig.update_xaxes(showticklabels=False, row=r, col=c)
    fig.update_annotations(font_size=12)
    fig.update_layout(
        title=title,
        separators=SEPARATORS,
        height=230 * rows + 90,
        margin={"l": 10, "r": 10, "t": 80, "b": 30},
        plot_bgcolor="#ffffff",
        legend={"orientation": "h", "y": -0.04, "yanchor": "top"},
    )
    return fig
