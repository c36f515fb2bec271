"""Indonesian number, Rupiah, percent and date formats (Babel, ``id_ID``).

Every number shown on a page or written into an export goes through these
functions, so a missing value always reads "tidak ada data" and never 0.
"""

from __future__ import annotations

import datetime as dt
import math
from numbers import Real

from babel import dates, numbers

LOCALE = "id_ID"
NO_DATA = {"id": "tidak ada data", "en": "no data"}


def is_missing(value: object) -> bool:
    """Return whether a value is absent (None, NaN, NA, NaT)."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT and pd.NA compare unequal to themselves
    except TypeError:  # pd.NA raises on bool()
        return True


def no_data(lang: str = "id") -> str:
    """Return the label for a missing value in the given language."""
    return NO_DATA.get(lang, NO_DATA["id"])


def number(value: object, digits: int = 0, lang: str = "id") -> str:
    """Format a number with Indonesian grouping (``1.234.567`` / ``12,5``)."""
    if is_missing(value):
        return no_data(lang)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return numbers.format_decimal(float(value), format=pattern, locale=LOCALE)


def percent(value: object, digits: int = 1, lang: str = "id") -> str:
    """Format a fraction (0.8123) as a percent (``81,2%``)."""
    if is_missing(value):
        return no_data(lang)
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return numbers.format_percent(float(value), format=pattern, locale=LOCALE)


def points(value: object, digits: int = 1, lang: str = "id") -> str:
    """Format a difference of fractions as signed percentage points (``+2,5 poin``)."""
    if is_missing(value):
        return no_data(lang)
    scaled = float(value) * 100
    sign = "+" if scaled > 0 else ("−" if scaled < 0 else "±")
    unit = "poin" if lang == "id" else "pts"
    return f"{sign}{number(abs(scaled), digits)} {unit}"


def rupiah(value: object, lang: str = "id", compact: bool = False) -> str:
    """Format an amount in Rupiah (``Rp 1.234.567``; compact: ``Rp 1,2 M``)."""
    if is_missing(value):
        return no_data(lang)
    amount = float(value)
    if compact:
        for size, suffix in ((1e12, "T"), (1e9, "M"), (1e6, "jt")):
            if abs(amount) >= size:
                return f"Rp {number(amount / size, 1)} {suffix}"
    return numbers.format_currency(
        round(amount), "IDR", format="¤ #,##0", currency_digits=False, locale=LOCALE
    )


def date(value: dt.date | dt.datetime | None, lang: str = "id", pattern: str = "d MMMM yyyy") -> str:
    """Format a date in Indonesian (``1 Maret 2026``)."""
    if is_missing(value):
        return no_data(lang)
    locale = "id" if lang == "id" else "en"
    return dates.format_date(value, pattern, locale=locale)


def value(value: object, unit: str, lang: str = "id") -> str:
    """Format a value by its registry unit (``persen``, ``hari``, ``rupiah``, ...)."""
    if is_missing(value):
        return no_data(lang)
    if unit == "persen":
        return percent(value, lang=lang)
    if unit == "rupiah":
        return rupiah(value, lang=lang)
    if unit == "hari":
        days = "hari" if lang == "id" else "days"
        return f"{number(value, 1 if _has_fraction(value) else 0)} {days}"
    if unit in ("rasio", "indeks"):
        return number(value, 2)
    return number(value, 1 if _has_fraction(value) else 0)


def _has_fraction(value: object) -> bool:
    return isinstance(value, Real) and not math.isclose(float(value), round(float(value)))
