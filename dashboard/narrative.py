"""Short narrative paragraphs generated from the engine's numbers.

Each sentence carries its numbers (value, numerator over denominator) so a
reader can trace it, and nothing is said that the data does not show: a
missing value yields no sentence rather than a zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import formatting, i18n, presentation
from dashboard.indicators.engine import Engine
from dashboard.indicators.registry import INDICATORS


def previous_period(eng: Engine, program: str, periode: str) -> str | None:
    """Return the period before ``periode`` (quarter before a quarter, year before a year)."""
    options = eng.periods(program) if "-T" in periode else eng.years(program)
    options = sorted(options)
    if periode not in options:
        return None
    index = options.index(periode)
    return options[index - 1] if index > 0 else None


@dataclass(frozen=True)
class Ranked:
    """Best and worst regions for one indicator (missing values excluded)."""

    best: pd.DataFrame
    worst: pd.DataFrame


def best_and_worst(table: pd.DataFrame, direction: str, n: int = 3) -> Ranked:
    """Return the ``n`` best and ``n`` worst rows of an engine table by value.

    Rows without a value are never ranked; with ``direction="lower_better"``
    the lowest values are best. Ties keep code order.
    """
    present = table.dropna(subset=["value"]).sort_values(["value", "kode"], kind="stable")
    if direction == "lower_better":
        best, worst = present.head(n), present.tail(n).iloc[::-1]
    else:
        best, worst = present.tail(n).iloc[::-1], present.head(n)
    return Ranked(best.reset_index(drop=True), worst.reset_index(drop=True))


def summary(eng: Engine, indicator_id: str, *, program: str, periode: str, lang: str = "id") -> list[str]:
    """Write the summary paragraph for one indicator as a list of sentences.

    Parameters
    ----------
    eng : Engine
        The indicator engine.
    indicator_id : str
        Registry id.
    program, periode : str
        Programme and period (quarter or year).
    lang : {"id", "en"}
        Language.

    Returns
    -------
    list of str
        Sentences: province value with numerator/denominator; change from the
        previous period; lowest and highest kabupaten; regions in the red
        class; regions that differ from the province beyond chance (99.8 %
        funnel limits). Empty when the province has no data.
    """
    ind = INDICATORS[indicator_id]
    prov = eng.province(indicator_id, program=program, periode=periode)
    if formatting.is_missing(prov.get("value")):
        return []
    name = presentation.label(ind, lang)
    period = presentation.period_label(periode, lang)
    sentences = [
        i18n.t(
            "narr_province",
            lang,
            indicator=name[0].lower() + name[1:] if lang == "id" else name,
            program=program,
            period=period,
            value=presentation.value_text(ind, prov["value"], lang),
            fraction=_fraction(ind, prov, lang),
        )
    ]
    before = previous_period(eng, program, periode)
    if before:
        prev = eng.province(indicator_id, program=program, periode=before)
        if not formatting.is_missing(prev.get("value")):
            change = float(prov["value"]) - float(prev["value"])
            key = "narr_change_same" if abs(change) < 1e-9 else "narr_change"
            sentences.append(
                i18n.t(
                    key,
                    lang,
                    change=formatting.points(change, lang=lang)
                    if ind.unit == "persen"
                    else formatting.value(change, ind.unit, lang),
                    before=presentation.period_label(before, lang),
                    verdict=_verdict(change, ind.direction, lang),
                )
            )
    table = eng.table(indicator_id, level="kabupaten", program=program, periode=periode)
    ranked = best_and_worst(table, ind.direction)
    if len(ranked.worst):
        sentences.append(i18n.t("narr_worst", lang, regions=_list(ranked.worst, ind, lang)))
        sentences.append(i18n.t("narr_best", lang, regions=_list(ranked.best, ind, lang)))
    red = table.loc[table["status"] == "merah"]
    if len(red):
        sentences.append(
            i18n.t(
                "narr_red",
                lang,
                count=len(red),
                total=len(table.dropna(subset=["value"])),
                regions=", ".join(red["nama"]),
            )
        )
    if "funnel" in table and table["funnel"].notna().any():
        bad_side = "below" if ind.direction == "higher_better" else "above"
        outliers = table.loc[table["funnel"] == bad_side]
        if len(outliers):
            sentences.append(i18n.t("narr_funnel", lang, regions=", ".join(outliers["nama"])))
    return sentences


def _fraction(ind: object, row: dict, lang: str) -> str:
    if formatting.is_missing(row.get("numerator")):
        return i18n.t("narr_rows", lang, n=formatting.number(row.get("denominator"), lang=lang))
    return presentation.fraction_text(row["numerator"], row["denominator"], lang)


def _verdict(change: float, direction: str, lang: str) -> str:
    if direction == "neutral" or abs(change) < 1e-9:
        return ""
    improved = (change > 0) == (direction == "higher_better")
    return i18n.t("narr_improved" if improved else "narr_worsened", lang)


def _list(frame: pd.DataFrame, ind: object, lang: str) -> str:
    return ", ".join(
        f"{row.nama} ({presentation.value_text(ind, row.value, lang)})" for row in frame.itertuples()
    )
