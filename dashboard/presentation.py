"""Words around numbers: indicator labels, period names, legends, definitions.

Pure functions shared by the pages and the exports, so a label or a
threshold legend is worded once. Indicator texts come from the registry;
everything else from the translation file.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import formatting, i18n
from dashboard.indicators.registry import Indicator

_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def label(ind: Indicator, lang: str = "id") -> str:
    """Return the indicator's short label in ``lang``."""
    return ind.label_en if lang == "en" else ind.label_id


def definition(ind: Indicator, lang: str = "id") -> str:
    """Return the indicator's definition in ``lang``."""
    return ind.definition_en if lang == "en" else ind.definition_id


def numerator(ind: Indicator, lang: str = "id") -> str:
    """Return the numerator in words."""
    return ind.numerator_en if lang == "en" else ind.numerator_id


def denominator(ind: Indicator, lang: str = "id") -> str:
    """Return the denominator in words."""
    return ind.denominator_en if lang == "en" else ind.denominator_id


def unit_label(ind: Indicator, lang: str = "id") -> str:
    """Return the unit as shown in titles (``%``, ``hari``, ``Rp``, ``indeks``)."""
    return i18n.t(f"unit_{ind.unit}", lang)


def period_label(periode: str, lang: str = "id") -> str:
    """Name a period: ``2025-T2`` → "Triwulan II 2025"; ``2025`` → "Tahun 2025"."""
    if "-T" in periode:
        year, quarter = periode.split("-T")
        return i18n.t("period_quarter", lang, q=_ROMAN.get(quarter, quarter), year=year)
    return i18n.t("period_year", lang, year=periode)


def chart_title(ind: Indicator, program: str, periode: str, lang: str = "id") -> str:
    """Title every chart with indicator, programme, period and unit."""
    return f"{label(ind, lang)} — {program}, {period_label(periode, lang)} ({unit_label(ind, lang)})"


def value_text(ind: Indicator, value: object, lang: str = "id") -> str:
    """Format a value in the indicator's unit; missing reads "tidak ada data"."""
    return formatting.value(value, ind.unit, lang)


def fraction_text(numerator_value: object, denominator_value: object, lang: str = "id") -> str:
    """Return ``"1.234 / 5.678"`` (numerator over denominator), Indonesian grouping."""
    return (
        f"{formatting.number(numerator_value, lang=lang)} / {formatting.number(denominator_value, lang=lang)}"
    )


@dataclass(frozen=True)
class LegendEntry:
    """One class of the policy-threshold legend."""

    status: str
    text: str


def threshold_legend(ind: Indicator, program: str, lang: str = "id") -> list[LegendEntry]:
    """Return the policy-threshold classes of an indicator in words.

    Parameters
    ----------
    ind : Indicator
        Registry entry.
    program : str
        Programme (thresholds may differ per programme).
    lang : {"id", "en"}
        Language.

    Returns
    -------
    list of LegendEntry
        hijau, kuning, merah with their ranges, then "tidak ada data". A
        neutral indicator has only the no-data entry.
    """
    entries: list[LegendEntry] = []
    thr = ind.thresholds_for(program)
    if thr is not None and ind.direction != "neutral":
        good = value_text(ind, thr.hijau, lang)
        bad = value_text(ind, thr.merah, lang)
        if ind.direction == "higher_better":
            entries += [
                LegendEntry("hijau", f"≥ {good}"),
                LegendEntry("kuning", f"{bad} – < {good}"),
                LegendEntry("merah", f"< {bad}"),
            ]
        else:
            entries += [
                LegendEntry("hijau", f"≤ {good}"),
                LegendEntry("kuning", f"> {good} – ≤ {bad}"),
                LegendEntry("merah", f"> {bad}"),
            ]
    entries.append(LegendEntry("tidak_ada_data", formatting.no_data(lang)))
    return entries


def status_name(status: str, lang: str = "id") -> str:
    """Name a traffic-light status (``hijau`` → "baik")."""
    return i18n.t(f"status_{status}", lang)


def direction_text(ind: Indicator, lang: str = "id") -> str:
    """Say which direction is better."""
    return i18n.t(f"direction_{ind.direction}", lang)
