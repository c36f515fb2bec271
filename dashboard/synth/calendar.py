"""Quarters (``tahap``) of the synthetic scenario as day numbers.

Dates inside the generator are ``int32`` days since 1970-01-01; ``-1`` means
no date. Period ``p`` is quarter ``p % 4 + 1`` of year ``first_year + p // 4``.
"""

from __future__ import annotations

from datetime import date

import numpy as np

EPOCH = date(1970, 1, 1)
NO_DATE = -1


def day_number(value: date) -> int:
    """Return days since 1970-01-01 of a date."""
    return (value - EPOCH).days


def period_year_tahap(period: int, first_year: int) -> tuple[int, int]:
    """Return ``(tahun, tahap)`` of period index ``period``."""
    return first_year + period // 4, period % 4 + 1


def period_bounds(period: int, first_year: int) -> tuple[int, int]:
    """Return the first and last day number of a period (quarter)."""
    year, tahap = period_year_tahap(period, first_year)
    start = date(year, 3 * (tahap - 1) + 1, 1)
    end = date(year + 1, 1, 1) if tahap == 4 else date(year, 3 * tahap + 1, 1)
    return day_number(start), day_number(end) - 1


def period_label(period: int, first_year: int) -> str:
    """Return the canonical label ``2025-T2`` of a period."""
    year, tahap = period_year_tahap(period, first_year)
    return f"{year}-T{tahap}"


def to_datetime(days: np.ndarray) -> np.ndarray:
    """Convert day numbers (``-1`` = none) to ``datetime64[ms]`` with NaT."""
    out = days.astype("int64").astype("datetime64[D]").astype("datetime64[ms]")
    out[days < 0] = np.datetime64("NaT")
    return out
