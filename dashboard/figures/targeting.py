"""Figures of the Ketepatan Sasaran page: errors per kabupaten, incidence, DTSEN switch, pilot.

Pure builders over engine frames. Rates are fractions; hover always repeats
numerator and denominator; a missing value is left out of the chart (never 0).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting, presentation
from dashboard.figures.colours import NO_DATA_COLOUR, QUALITATIVE

PROVINCE_COLOUR = "#000000"
OTHER_COLOUR = "#b3b3b3"


def with_province(kab: pd.DataFrame, province: pd.DataFrame) -> pd.DataFrame:
    """Put the province row (from the engine) on top of the kabupaten rows."""
    parts = [f for f in (province, kab) if not f.empty]
    return pd.concat(parts, ignore_index=True) if parts else kab


def errors_figure(
    tables: Mapping[str, pd.DataFrame],
    *,
    title: str,
    labels: Mapping[str, str],
    order: Sequence[str] | None = None,
) -> go.Figure:
    """Dot plot with 95 % intervals: one row per region, one marker per indicator.

    Parameters
    ----------
    tables : mapping
        Indicator label → :meth:`Engine.table` (province row first if wanted),
        with ``kode``, ``nama``, ``numerator``, ``denominator``, ``value``,
        ``ci_low``, ``ci_high``.
    title : str
        Chart title (indicators, programme, period, unit).
    labels : mapping
        ``x`` (axis), ``ci`` (interval word).
    order : sequence of str, optional
        Region names top to bottom (default: order of the first table).

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = go.Figure()
    symbols = ("circle", "diamond", "square", "triangle-up", "x")
    first = next(iter(tables.values()), pd.DataFrame(columns=["nama"]))
    names = list(order) if order is not None else list(first["nama"])
    offsets = np.linspace(-0.27, 0.27, max(1, len(tables))) if len(tables) > 1 else [0.0]
    position = {name: i for i, name in enumerate(names[::-1])}
    for index, (label, table) in enumerate(tables.items()):
        present = table.loc[table["value"].notna() & table["nama"].isin(position)]
        y = [position[n] + offsets[index] for n in present["nama"]]
        low = (present["value"] - present["ci_low"]).clip(lower=0)
        high = (present["ci_high"] - present["value"]).clip(lower=0)
        fig.add_trace(
            go.Scatter(
                x=present["value"],
                y=y,
                mode="markers",
                name=label,
                marker={
                    "size": 11,
                    "color": QUALITATIVE[index % len(QUALITATIVE)],
                    "symbol": symbols[index % len(symbols)],
                    "line": {"color": "#222222", "width": 1},
                },
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": high.fillna(0),
                    "arrayminus": low.fillna(0),
                    "thickness": 1.5,
                    "width": 3,
                },
                hovertext=[
                    f"<b>{n}</b><br>{label}: {formatting.percent(v)}<br>{formatting.number(a)} / "
                    f"{formatting.number(b)}<br>{labels['ci']}: {formatting.percent(lo)} – {formatting.percent(hi)}"
                    for n, v, a, b, lo, hi in zip(
                        present["nama"],
                        present["value"],
                        present["numerator"],
                        present["denominator"],
                        present["ci_low"],
                        present["ci_high"],
                        strict=True,
                    )
                ],
                hoverinfo="text",
            )
        )
    fig.update_layout(
        title=title,
        height=max(420, 34 * len(names) + 140),
        xaxis={"title": labels["x"], "tickformat": ".0%", "gridcolor": "#eeeeee", "rangemode": "tozero"},
        yaxis={
            "tickmode": "array",
            "tickvals": list(range(len(names))),
            "ticktext": names[::-1],
            "range": [-0.6, len(names) - 0.4],
            "gridcolor": "#f3f3f3",
        },
        legend={"orientation": "h", "y": -0.1},
        margin={"l": 170, "r": 20, "t": 60, "b": 40},
        plot_bgcolor="#ffffff",
        separators=",.",
    )
    return fig


def incidence_figure(inc: pd.DataFrame, *, title: str, labels: Mapping[str, str]) -> go.Figure:
    """Beneficiary and benefit incidence by desil (bars, desil 1–10, then "no desil").

    Parameters
    ----------
    inc : DataFrame
        :meth:`Engine.incidence` (``desil`` 0–10, ``penerima``, ``rp``,
        ``share_penerima``, ``share_rp``).
    title : str
        Chart title.
    labels : mapping
        ``x``, ``y``, ``beneficiary``, ``benefit``, ``no_desil``.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    ordered = pd.concat([inc.loc[inc["desil"] > 0], inc.loc[inc["desil"] == 0]])
    x = [str(int(d)) if d > 0 else labels["no_desil"] for d in ordered["desil"]]
    total_n, total_rp = inc["penerima"].sum(), inc["rp"].sum()
    fig = go.Figure()
    for column, count, total, name, colour, fmt in (
        ("share_penerima", "penerima", total_n, labels["beneficiary"], QUALITATIVE[0], formatting.number),
        ("share_rp", "rp", total_rp, labels["benefit"], QUALITATIVE[1], formatting.rupiah),
    ):
        fig.add_trace(
            go.Bar(
                x=x,
                y=ordered[column],
                name=name,
                marker={
                    "color": [colour if d > 0 else NO_DATA_COLOUR for d in ordered["desil"]],
                    "line": {"color": "#333333", "width": 0.5},
                },
                hovertext=[
                    f"<b>{labels['x']} {xx}</b><br>{name}: {formatting.percent(s)}<br>{fmt(c)} / {fmt(total)}"
                    for xx, s, c in zip(x, ordered[column], ordered[count], strict=True)
                ],
                hoverinfo="text",
            )
        )
    fig.update_layout(
        title=title,
        barmode="group",
        height=420,
        xaxis={"title": labels["x"], "type": "category"},
        yaxis={"title": labels["y"], "tickformat": ".0%", "gridcolor": "#eeeeee"},
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 60, "r": 20, "t": 60, "b": 40},
        plot_bgcolor="#ffffff",
        separators=",.",
    )
    return fig


def trend_figure(
    trends: Mapping[str, pd.DataFrame],
    *,
    title: str,
    labels: Mapping[str, str],
    switch: str | None = None,
    highlight: Sequence[str] = (),
) -> go.Figure:
    """Lines over quarters, with an optional vertical marker (e.g. the DTSEN switch).

    Parameters
    ----------
    trends : mapping
        Line name → :meth:`Engine.trend` rows of one region (``periode``,
        ``value``, ``numerator``, ``denominator``). A missing value leaves a
        gap in its line.
    title : str
        Chart title.
    labels : mapping
        ``x``, ``y``, ``switch`` (marker text).
    switch : str, optional
        Quarter where the marker is drawn.
    highlight : sequence of str
        Line names drawn thick and in black (e.g. the province); the others use
        the qualitative palette.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    fig = go.Figure()
    periods: list[str] = sorted({p for t in trends.values() for p in t["periode"]})
    colour_index = 0
    for name, trend in trends.items():
        part = trend.set_index("periode").reindex(periods)
        strong = name in highlight
        colour = PROVINCE_COLOUR if strong else QUALITATIVE[colour_index % len(QUALITATIVE)]
        colour_index += 0 if strong else 1
        fig.add_trace(
            go.Scatter(
                x=periods,
                y=part["value"],
                mode="lines+markers",
                name=name,
                connectgaps=False,
                line={"color": colour, "width": 4 if strong else 2, "dash": "dash" if strong else "solid"},
                hovertext=[
                    f"<b>{name}</b> {p}<br>{formatting.percent(v)}<br>{formatting.number(a)} / {formatting.number(b)}"
                    for p, v, a, b in zip(
                        periods, part["value"], part["numerator"], part["denominator"], strict=True
                    )
                ],
                hoverinfo="text",
            )
        )
    if switch is not None and switch in periods:
        fig.add_vline(x=periods.index(switch), line={"color": "#555555", "dash": "dot", "width": 2})
        fig.add_annotation(
            x=periods.index(switch), y=1.04, yref="paper", text=labels["switch"], showarrow=False
        )
    fig.update_layout(
        title=title,
        height=440,
        xaxis={"title": labels["x"], "type": "category"},
        yaxis={"title": labels["y"], "tickformat": ".0%", "gridcolor": "#eeeeee", "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 60, "r": 20, "t": 70, "b": 40},
        plot_bgcolor="#ffffff",
        separators=",.",
    )
    return fig


def period_table(rows: Mapping, registry: Mapping, lang: str, *, indicator_col: str) -> pd.DataFrame:
    """One row per indicator, one column per period: value and numerator / denominator.

    Parameters
    ----------
    rows : mapping
        Indicator id → {periode → :meth:`Engine.province` row}.
    registry : mapping
        id → Indicator (labels and units).
    lang : {"id", "en"}
        Language.
    indicator_col : str
        Header of the indicator column.

    Returns
    -------
    DataFrame
        Text cells such as ``"38,2% (1.234 / 3.230)"``; missing reads "tidak ada data".
    """
    periods: list[str] = []
    for per_period in rows.values():
        periods += [p for p in per_period if p not in periods]
    out = {indicator_col: [presentation.label(registry[i], lang) for i in rows]}
    for periode in periods:
        cells = []
        for ind_id, per_period in rows.items():
            ind = registry[ind_id]
            row = per_period.get(periode) or {}
            value = row.get("value")
            text = presentation.value_text(ind, value, lang)
            if not formatting.is_missing(value):
                text += f" ({presentation.fraction_text(row.get('numerator'), row.get('denominator'), lang)})"
            cells.append(text)
        out[presentation.period_label(periode, lang)] = cells
    return pd.DataFrame(out)
