"""Figure of the Simulasi page: each kabupaten's value before and after, as a dumbbell.

Input is :func:`dashboard.simulation.compare.comparison`; nothing is
recomputed here. Hover shows the value with its numerator and denominator.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard import config, formatting, presentation
from dashboard.figures.colours import NO_DATA_COLOUR, QUALITATIVE
from dashboard.indicators.registry import Indicator

BEFORE_COLOUR = "#7f7f7f"
AFTER_COLOUR = QUALITATIVE[0]


def _hover(table: pd.DataFrame, ind: Indicator, when: str, label: str, lang: str) -> list[str]:
    return [
        f"<b>{name}</b><br>{label}: {presentation.value_text(ind, value, lang)}"
        f"<br>{presentation.fraction_text(num, den, lang)}"
        for name, value, num, den in zip(
            table["nama"],
            table[f"{ind.id}_{when}"],
            table[f"{ind.id}_num_{when}"],
            table[f"{ind.id}_den_{when}"],
            strict=True,
        )
    ]


def change_figure(
    table: pd.DataFrame, ind: Indicator, *, title: str, labels: Mapping[str, str], lang: str = "id"
) -> go.Figure:
    """Dumbbell chart of one indicator per kabupaten, before (grey) and after (blue).

    Parameters
    ----------
    table : DataFrame
        Comparison table; the province row is drawn as a dashed reference line (after).
    ind : Indicator
        One of :data:`dashboard.simulation.compare.COMPARED`.
    title : str
        Chart title (indicator, programme, period, unit).
    labels : mapping
        ``before``, ``after``, ``province``, ``x``.
    lang : {"id", "en"}
    """
    kab = table.loc[table["kode"] != config.PROVINCE_CODE].sort_values(
        f"{ind.id}_sebelum", na_position="first"
    )
    prov = table.loc[table["kode"] == config.PROVINCE_CODE]
    fig = go.Figure()
    for name, before, after in zip(
        kab["nama"], kab[f"{ind.id}_sebelum"], kab[f"{ind.id}_sesudah"], strict=True
    ):
        if not (formatting.is_missing(before) or formatting.is_missing(after)):
            fig.add_trace(
                go.Scatter(
                    x=[before, after], y=[name, name], mode="lines",
                    line={"color": NO_DATA_COLOUR, "width": 3}, hoverinfo="skip", showlegend=False,
                )
            )  # fmt: skip
    for when, colour, symbol in (
        ("sebelum", BEFORE_COLOUR, "circle-open"),
        ("sesudah", AFTER_COLOUR, "circle"),
    ):
        label = labels["before" if when == "sebelum" else "after"]
        fig.add_trace(
            go.Scatter(
                x=kab[f"{ind.id}_{when}"],
                y=kab["nama"],
                mode="markers",
                name=label,
                marker={"color": colour, "size": 11, "symbol": symbol, "line": {"width": 2, "color": colour}},
                hovertext=_hover(kab, ind, when, label, lang),
                hoverinfo="text",
            )
        )
    if not prov.empty and not formatting.is_missing(prov[f"{ind.id}_sesudah"].iloc[0]):
        value = float(prov[f"{ind.id}_sesudah"].iloc[0])
        fig.add_vline(
            x=value,
            line={"color": AFTER_COLOUR, "dash": "dash", "width": 1},
            annotation_text=f"{labels['province']}: {presentation.value_text(ind, value, lang)}",
            annotation_position="top",
        )
    fig.update_layout(
        title={"text": title},
        height=120 + 32 * len(kab),
        margin={"l": 10, "r": 20, "t": 80, "b": 40},
        legend={"orientation": "h", "y": -0.08},
        xaxis={"title": labels["x"], "tickformat": ".0%" if ind.unit == "persen" else None},
        separators=",." if lang == "id" else ".,",
    )
    return fig
