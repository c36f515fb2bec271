"""Figures of the Ketepatan Waktu page: cumulative payment, delays, lead time, ranks.

Pure builders: engine frames in, ``go.Figure`` or display frames out. No
roll-ups are computed here; shares come from the engine with their
numerators and denominators, which the hover repeats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting
from dashboard.figures.colours import QUALITATIVE

OTHER_COLOUR = "#b3b3b3"
PROVINCE_COLOUR = "#000000"
HIGHLIGHT_COLOUR = QUALITATIVE[3]


def due_day(periode: str, due_rule: str = "tgl_akhir") -> int | None:
    """Days from the start of a quarter to its due date (end of the benefit period).

    Parameters
    ----------
    periode : str
        Quarter ``2025-T2``; a year or the SP2D-based due rule has no single due day.
    due_rule : {"tgl_akhir", "sp2d"}
        The cube's due-date rule.

    Returns
    -------
    int or None
        ``(last day of the quarter − first day).days`` (89–91), None when not defined.
    """
    if due_rule != "tgl_akhir" or "-T" not in periode:
        return None
    year, quarter = (int(x) for x in periode.split("-T"))
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return (end - start).days - 1


def cumulative_figure(
    kab: pd.DataFrame,
    province: pd.DataFrame,
    *,
    highlight: str | None,
    due: int | None,
    title: str,
    labels: Mapping[str, str],
) -> go.Figure:
    """Cumulative share paid by days since the period start: one line per kabupaten.

    Parameters
    ----------
    kab, province : DataFrame
        :meth:`Engine.cumulative_paid` at ``kabupaten`` and ``provinsi`` level
        (``kode``, ``nama``, ``hari``, ``kpm``, ``kpm_aktif``, ``share``).
    highlight : str, optional
        Kabupaten drawn thick and in colour; the others are thin grey.
    due : int, optional
        Day of the due date (vertical line).
    title : str
        Chart title (indicator, programme, period, unit).
    labels : mapping
        ``x``, ``y``, ``due``, ``paid`` (hover word for numerator/denominator).

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = go.Figure()
    order = [k for k in kab["kode"].drop_duplicates() if k != highlight]
    if highlight in set(kab["kode"]):
        order.append(highlight)  # drawn last, on top
    for kode in order:
        part = kab.loc[kab["kode"] == kode]
        chosen = kode == highlight
        fig.add_trace(
            _line(part, OTHER_COLOUR if not chosen else HIGHLIGHT_COLOUR, 3.5 if chosen else 1, labels)
        )
        fig.data[-1].showlegend = chosen
        fig.data[-1].opacity = 1.0 if chosen else 0.8
    if not province.empty:
        fig.add_trace(_line(province, PROVINCE_COLOUR, 3, labels, dash="dash"))
    if due is not None:
        fig.add_vline(x=due, line={"color": "#555555", "dash": "dot", "width": 2})
        fig.add_annotation(x=due, y=1.02, yref="y", text=labels["due"], showarrow=False, xanchor="right")
    fig.update_layout(
        title=title,
        height=480,
        xaxis_title=labels["x"],
        yaxis={"title": labels["y"], "tickformat": ".0%", "range": [0, 1.05]},
        legend={"orientation": "h", "y": -0.18},
        margin={"l": 60, "r": 20, "t": 60, "b": 40},
        plot_bgcolor="#ffffff",
        separators=",.",
    )
    fig.update_xaxes(gridcolor="#eeeeee")
    fig.update_yaxes(gridcolor="#eeeeee")
    return fig


def _line(
    part: pd.DataFrame, colour: str, width: float, labels: Mapping[str, str], dash: str = "solid"
) -> go.Scatter:
    name = str(part["nama"].iloc[0]) if len(part) else ""
    hover = [
        f"<b>{name}</b><br>{labels['x']}: {h}<br>{formatting.percent(s)}<br>{labels['paid']}: "
        f"{formatting.number(n)} / {formatting.number(d)}"
        for h, s, n, d in zip(part["hari"], part["share"], part["kpm"], part["kpm_aktif"], strict=True)
    ]
    return go.Scatter(
        x=part["hari"],
        y=part["share"],
        mode="lines",
        name=name,
        line={"color": colour, "width": width, "dash": dash},
        hovertext=hover,
        hoverinfo="text",
        connectgaps=False,
    )


def delay_figure(dist: pd.DataFrame, *, title: str, labels: Mapping[str, str]) -> go.Figure:
    """Distribution of days late among KPM paid in full, one bar group per region.

    Parameters
    ----------
    dist : DataFrame
        :meth:`Engine.delay_distribution` rows (``kode``, ``nama``, ``bin``,
        ``kpm``, ``share``) for one or two regions.
    title : str
        Chart title.
    labels : mapping
        ``x``, ``y``, ``paid``.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = go.Figure()
    for index, (_, part) in enumerate(dist.groupby("kode", sort=False)):
        total = part["kpm"].sum()
        colour = PROVINCE_COLOUR if index == 0 else HIGHLIGHT_COLOUR
        fig.add_trace(
            go.Bar(
                x=part["bin"].astype(str),
                y=part["share"],
                name=str(part["nama"].iloc[0]),
                marker_color=colour if index else "#4d4d4d",
                hovertext=[
                    f"<b>{part['nama'].iloc[0]}</b><br>{b}: {formatting.percent(s)}<br>{labels['paid']}: "
                    f"{formatting.number(k)} / {formatting.number(total)}"
                    for b, s, k in zip(part["bin"].astype(str), part["share"], part["kpm"], strict=True)
                ],
                hoverinfo="text",
                text=[
                    formatting.percent(s, 0) if not formatting.is_missing(s) else "" for s in part["share"]
                ],
                textposition="outside",
            )
        )
    fig.update_layout(
        title=title,
        barmode="group",
        height=420,
        xaxis_title=labels["x"],
        yaxis={"title": labels["y"], "tickformat": ".0%"},
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 60, "r": 20, "t": 60, "b": 40},
        plot_bgcolor="#ffffff",
        separators=",.",
    )
    return fig


def lead_time_figure(
    tables: Mapping[str, pd.DataFrame], *, names: Mapping[str, str], title: str, labels: Mapping[str, str]
) -> go.Figure:
    """Median SP2D→credit days per kabupaten, one marker per channel (dot plot).

    Parameters
    ----------
    tables : mapping
        Channel label → :meth:`Engine.table` of a ``sp2d_kredit_*`` indicator
        (``value`` = median days, ``denominator`` = KPM behind it). A
        kabupaten without payments on a channel has no marker (no data, never 0).
    names : mapping
        kode → display name (y axis order follows the first table).
    title : str
        Chart title.
    labels : mapping
        ``x``, ``n``.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = go.Figure()
    symbols = ("circle", "diamond")
    for index, (channel, table) in enumerate(tables.items()):
        present = table.loc[table["value"].notna()]
        fig.add_trace(
            go.Scatter(
                x=present["value"],
                y=[names.get(k, k) for k in present["kode"]],
                mode="markers",
                name=channel,
                marker={
                    "size": 13,
                    "color": QUALITATIVE[index],
                    "symbol": symbols[index % 2],
                    "line": {"color": "#222222", "width": 1},
                },
                hovertext=[
                    f"<b>{names.get(k, k)}</b><br>{channel}: {formatting.value(v, 'hari')}<br>"
                    f"{labels['n']}: {formatting.number(n)}"
                    for k, v, n in zip(present["kode"], present["value"], present["denominator"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    first = next(iter(tables.values()), pd.DataFrame(columns=["kode"]))
    order = [names.get(k, k) for k in first["kode"]]
    fig.update_layout(
        title=title,
        height=max(380, 28 * len(order) + 120),
        xaxis={"title": labels["x"], "rangemode": "tozero", "gridcolor": "#eeeeee"},
        yaxis={"categoryorder": "array", "categoryarray": order[::-1], "type": "category"},
        legend={"orientation": "h", "y": -0.12},
        margin={"l": 170, "r": 20, "t": 60, "b": 40},
        plot_bgcolor="#ffffff",
        separators=",.",
    )
    return fig


def rank_history(trend: pd.DataFrame) -> pd.DataFrame:
    """Rank per kabupaten and quarter, with the change against the previous quarter.

    Parameters
    ----------
    trend : DataFrame
        :meth:`Engine.trend` at kabupaten level (``periode``, ``kode``,
        ``nama``, ``value``, ``rank``, …).

    Returns
    -------
    DataFrame
        ``kode``, ``nama``, one column per quarter (rank, ``Int64``; NA when
        no data), ``perubahan`` (previous − latest rank: positive = moved up).
    """
    if trend.empty:
        return pd.DataFrame(columns=["kode", "nama", "perubahan"])
    wide = trend.pivot_table(index=["kode", "nama"], columns="periode", values="rank", aggfunc="first")
    wide = wide.astype("Int64")
    periods = list(wide.columns)
    change = pd.Series(pd.NA, index=wide.index, dtype="Int64")
    if len(periods) >= 2:
        change = (wide[periods[-2]] - wide[periods[-1]]).astype("Int64")
    wide["perubahan"] = change
    out = wide.reset_index()
    out.columns.name = None
    return out


def bump_figure(
    trend: pd.DataFrame, *, highlight: str | None, title: str, labels: Mapping[str, str]
) -> go.Figure:
    """Bump chart of the rank per quarter (1 = best at the top); highlighted kabupaten in colour.

    Parameters
    ----------
    trend : DataFrame
        :meth:`Engine.trend` at kabupaten level.
    highlight : str, optional
        Kabupaten drawn thick in colour.
    title : str
        Chart title.
    labels : mapping
        ``x``, ``y``, ``value``.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = go.Figure()
    codes = list(trend["kode"].drop_duplicates())
    codes = [c for c in codes if c != highlight] + ([highlight] if highlight in codes else [])
    for kode in codes:
        part = trend.loc[trend["kode"] == kode].sort_values("periode")
        chosen = kode == highlight
        rank = part["rank"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        fig.add_trace(
            go.Scatter(
                x=part["periode"],
                y=rank,
                mode="lines+markers",
                name=str(part["nama"].iloc[0]),
                line={"color": HIGHLIGHT_COLOUR if chosen else OTHER_COLOUR, "width": 4 if chosen else 1.2},
                marker={"size": 9 if chosen else 5},
                showlegend=chosen,
                connectgaps=False,
                hovertext=[
                    f"<b>{n}</b> {p}<br>{labels['y']}: {'' if np.isnan(r) else int(r)}<br>{labels['value']}: "
                    f"{formatting.percent(v)} ({formatting.number(a)} / {formatting.number(b)})"
                    for n, p, r, v, a, b in zip(
                        part["nama"],
                        part["periode"],
                        rank,
                        part["value"],
                        part["numerator"],
                        part["denominator"],
                        strict=True,
                    )
                ],
                hoverinfo="text",
            )
        )
    n = max(1, len(codes))
    fig.update_layout(
        title=title,
        height=460,
        xaxis={"title": labels["x"], "type": "category"},
        yaxis={"title": labels["y"], "dtick": 1, "range": [n + 0.5, 0.5]},
        legend={"orientation": "h", "y": -0.18},
        margin={"l": 60, "r": 20, "t": 60, "b": 40},
        plot_bgcolor="#ffffff",
    )
    return fig


def stack_regions(*frames: pd.DataFrame) -> pd.DataFrame:
    """Stack engine frames of several regions (province first) for one grouped chart."""
    present = [f for f in frames if not f.empty]
    return pd.concat(present, ignore_index=True) if present else frames[0]


def rank_table(history: pd.DataFrame, lang: str, *, name_col: str, change_col: str) -> pd.DataFrame:
    """Format :func:`rank_history` for display: latest rank first, change as ▲/▼ text.

    Parameters
    ----------
    history : DataFrame
        :func:`rank_history` output.
    lang : {"id", "en"}
        Language of "tidak ada data".
    name_col, change_col : str
        Column headers for the name and the change.

    Returns
    -------
    DataFrame
        Name, one text column per quarter (rank or "tidak ada data"), change.
    """
    periods = [c for c in history.columns if c not in ("kode", "nama", "perubahan")]
    if periods:
        history = history.sort_values(periods[-1], na_position="last", kind="stable")
    out = pd.DataFrame({name_col: history["nama"].to_numpy()})
    for p in periods:
        out[p] = [formatting.no_data(lang) if formatting.is_missing(v) else str(int(v)) for v in history[p]]
    out[change_col] = [_change_text(v, lang) for v in history["perubahan"]]
    return out


def _change_text(value: object, lang: str) -> str:
    if formatting.is_missing(value):
        return formatting.no_data(lang)
    v = int(value)
    return f"▲ {v}" if v > 0 else (f"▼ {-v}" if v < 0 else "=")
