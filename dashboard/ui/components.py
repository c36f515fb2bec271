"""Small Streamlit pieces every page reuses: legend, definition, KPI card, notices."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import streamlit as st

from dashboard import formatting, i18n, presentation
from dashboard.figures.colours import STATUS_COLOURS
from dashboard.indicators.registry import Indicator


def legend(ind: Indicator, program: str, lang: str, container: object = None) -> None:
    """Draw the policy-threshold legend (with the explicit no-data class)."""
    target = container or st
    items = []
    for entry in presentation.threshold_legend(ind, program, lang):
        colour = STATUS_COLOURS[entry.status]
        name = presentation.status_name(entry.status, lang)
        items.append(
            f'<span style="display:inline-block;margin-right:14px;white-space:nowrap">'
            f'<span style="display:inline-block;width:14px;height:14px;background:{colour};'
            f'border:1px solid #555;vertical-align:-2px;margin-right:5px"></span>'
            f"<b>{html.escape(name)}</b> {html.escape(entry.text) if entry.status != 'tidak_ada_data' else ''}</span>"
        )
    note = html.escape(presentation.direction_text(ind, lang))
    target.markdown(
        f'<div style="font-size:0.9rem">{"".join(items)}<br><i>{note}</i></div>', unsafe_allow_html=True
    )


def definition(ind: Indicator, program: str, periode: str, lang: str, as_of: object = None) -> None:
    """Show where a number comes from: definition, numerator, denominator, period, source."""
    with st.expander(i18n.t("how_computed", lang), expanded=False):
        st.markdown(
            i18n.t(
                "definition_block",
                lang,
                definition=presentation.definition(ind, lang),
                numerator=presentation.numerator(ind, lang),
                denominator=presentation.denominator(ind, lang),
                period=presentation.period_label(periode, lang),
                program=program,
                source=ind.source,
                as_of=formatting.date(as_of, lang) if as_of else formatting.no_data(lang),
            )
        )


def kpi(
    ind: Indicator,
    row: Mapping,
    previous: Mapping | None,
    lang: str,
    container: object = None,
    trend: Sequence[float] | None = None,
) -> None:
    """Draw one KPI card: value, change against the previous period, numerator/denominator.

    The arrow follows the sign of the change and its colour the indicator's
    direction (green = better). ``trend`` adds a sparkline of earlier periods.
    """
    target = container or st
    value = row.get("value")
    delta, arrow = None, "off"
    if (
        previous is not None
        and not formatting.is_missing(value)
        and not formatting.is_missing(previous.get("value"))
    ):
        change = float(value) - float(previous["value"])
        text = (
            formatting.points(change, lang=lang)
            if ind.unit == "persen"
            else formatting.value(change, ind.unit, lang)
        )
        delta = text.replace("−", "-")  # Streamlit reads the sign from an ASCII minus
        shown = 0.0005 if ind.unit == "persen" else 0.05  # below the displayed precision: no arrow
        arrow = "up" if change >= shown else ("down" if change <= -shown else "off")
    help_text = i18n.t(
        "kpi_help",
        lang,
        numerator=presentation.numerator(ind, lang),
        denominator=presentation.denominator(ind, lang),
        fraction=presentation.fraction_text(row.get("numerator"), row.get("denominator"), lang),
    )
    colour = {"higher_better": "normal", "lower_better": "inverse"}.get(ind.direction, "off")
    chart = [float(v) for v in trend if not formatting.is_missing(v)] if trend is not None else None
    target.metric(
        presentation.label(ind, lang),
        presentation.value_text(ind, value, lang),
        delta=delta,
        delta_color=colour if arrow != "off" else "off",
        delta_arrow=arrow,
        help=help_text,
        border=True,
        chart_data=chart or None,
        chart_type="line",
    )
