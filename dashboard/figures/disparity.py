"""Figures and the plain sentence of the Kesenjangan page (disparity between regions).

Input is :meth:`Engine.disparity` (one row per period). Nothing is recomputed
here: the builders only draw and describe the engine's measures.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import formatting, i18n, presentation
from dashboard.figures.colours import QUALITATIVE
from dashboard.indicators.registry import Indicator

#: Panel → measure columns, drawn as lines.
PANELS: dict[str, tuple[str, ...]] = {
    "gap": ("gap_terbaik_terburuk", "gap_provinsi_terburuk"),
    "relative": ("cv", "gini", "theil_total"),
    "ratio": ("ratio_max_min",),
}


def _gap_text(value: object, ind: Indicator, lang: str) -> str:
    if ind.unit == "persen":
        return formatting.points(value, lang=lang).lstrip("+±")
    return formatting.value(value, ind.unit, lang)


def measures_figure(
    disp: pd.DataFrame, ind: Indicator, *, title: str, labels: Mapping[str, str], lang: str = "id"
) -> go.Figure:
    """Disparity measures per quarter in three panels: gaps, relative indices, max/min ratio.

    Parameters
    ----------
    disp : DataFrame
        :meth:`Engine.disparity` output.
    ind : Indicator
        The indicator (gaps are in its unit; percentage points for rates).
    title : str
        Chart title.
    labels : mapping
        A name for every measure column, plus ``gap``, ``relative``, ``ratio``
        (panel titles) and ``x``.
    lang : {"id", "en"}
        Number language.

    Returns
    -------
    plotly.graph_objects.Figure
        Missing values (e.g. a max/min ratio when the minimum is 0) leave gaps.
    """
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        subplot_titles=(labels["gap"], labels["relative"], labels["ratio"]),
    )
    periods = list(disp["periode"])
    colour = 0
    for row, columns in enumerate(PANELS.values(), start=1):
        for column in columns:
            values = disp[column].astype(float)
            scale = 100.0 if row == 1 and ind.unit == "persen" else 1.0
            if row == 1:
                text = [_gap_text(v, ind, lang) for v in values]
            else:
                text = [formatting.number(v, 3, lang) for v in values]
            fig.add_trace(
                go.Scatter(
                    x=periods,
                    y=values * scale,
                    mode="lines+markers",
                    name=labels[column],
                    connectgaps=False,
                    line={"color": QUALITATIVE[colour % len(QUALITATIVE)], "width": 2.5},
                    hovertext=[
                        f"<b>{labels[column]}</b> {p}<br>{t}" for p, t in zip(periods, text, strict=True)
                    ],
                    hoverinfo="text",
                ),
                row=row,
                col=1,
            )
            colour += 1
    fig.update_layout(
        title=title,
        height=720,
        legend={"orientation": "h", "y": -0.08},
        margin={"l": 60, "r": 20, "t": 80, "b": 40},
        plot_bgcolor="#ffffff",
        separators=",.",
    )
    fig.update_xaxes(type="category", gridcolor="#eeeeee")
    fig.update_xaxes(title_text=labels["x"], row=3, col=1)
    fig.update_yaxes(gridcolor="#eeeeee", rangemode="tozero")
    return fig


def theil_figure(disp: pd.DataFrame, *, title: str, labels: Mapping[str, str]) -> go.Figure:
    """Stacked bars of Theil T per quarter: between-kabupaten and within-kabupaten parts.

    Parameters
    ----------
    disp : DataFrame
        :meth:`Engine.disparity` output (``theil_between``, ``theil_within``, ``theil_total``).
    title : str
        Chart title.
    labels : mapping
        ``between``, ``within``, ``x``, ``y``, ``share``.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = go.Figure()
    total = disp["theil_total"].astype(float)
    share = between_share(disp)
    for column, name, colour in (
        ("theil_between", labels["between"], QUALITATIVE[0]),
        ("theil_within", labels["within"], QUALITATIVE[1]),
    ):
        values = disp[column].astype(float)
        part_share = share if column == "theil_between" else 1 - share
        fig.add_trace(
            go.Bar(
                x=disp["periode"],
                y=values,
                name=name,
                marker={"color": colour, "line": {"color": "#333333", "width": 0.5}},
                hovertext=[
                    f"<b>{name}</b> {p}<br>{formatting.number(v, 4)} / {formatting.number(t, 4)}"
                    f"<br>{labels['share']}: {formatting.percent(s)}"
                    for p, v, t, s in zip(disp["periode"], values, total, part_share, strict=True)
                ],
                hoverinfo="text",
            )
        )
    fig.update_layout(
        title=title,
        barmode="stack",
        height=420,
        xaxis={"title": labels["x"], "type": "category"},
        yaxis={"title": labels["y"], "gridcolor": "#eeeeee"},
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 60, "r": 20, "t": 60, "b": 40},
        plot_bgcolor="#ffffff",
        separators=",.",
    )
    return fig


def between_share(disp: pd.DataFrame) -> pd.Series:
    """Share of Theil T that lies between kabupaten (NaN when the total is 0 or missing)."""
    total = disp["theil_total"].astype(float)
    between = disp["theil_between"].astype(float)
    return pd.Series(np.where(total > 0, between / total.where(total > 0), np.nan), index=disp.index)


def sentence(disp: pd.DataFrame, lang: str = "id") -> str:
    """One plain sentence on the trend of the Gini index and where the inequality lies.

    Compares the first and the last quarter with a Gini value; says whether
    the gap between kabupaten narrowed, widened or stayed level (a change
    below 0.005 is "level"), and which share of Theil T is between kabupaten
    in the last quarter.

    Parameters
    ----------
    disp : DataFrame
        :meth:`Engine.disparity` output.
    lang : {"id", "en"}
        Language.

    Returns
    -------
    str
        Empty when there are fewer than two quarters with data.
    """
    present = disp.loc[disp["gini"].notna()]
    if len(present) < 2:
        return ""
    first, last = present.iloc[0], present.iloc[-1]
    change = float(last["gini"]) - float(first["gini"])
    key = (
        "disp_sentence_level"
        if abs(change) < 0.005
        else ("disp_sentence_down" if change < 0 else "disp_sentence_up")
    )
    text = i18n.t(
        key,
        lang,
        start=presentation.period_label(first["periode"], lang),
        end=presentation.period_label(last["periode"], lang),
        a=formatting.number(first["gini"], 3, lang),
        b=formatting.number(last["gini"], 3, lang),
    )
    share = between_share(present.iloc[[-1]]).iloc[0]
    if not formatting.is_missing(share):
        text += " " + i18n.t(
            "disp_sentence_between",
            lang,
            share=formatting.percent(share, 0, lang),
            end=presentation.period_label(last["periode"], lang),
        )
    return text
