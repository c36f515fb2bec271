"""Indonesian formats; missing values read "tidak ada data", never 0."""

import datetime as dt
import math

import pandas as pd
import pytest

from dashboard import formatting


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: formatting.number(1234567.5, 1), "1.234.567,5"),
        (lambda: formatting.number(0), "0"),
        (lambda: formatting.percent(0.8123), "81,2%"),
        (lambda: formatting.percent(0.0), "0,0%"),
        (lambda: formatting.rupiah(1234567), "Rp 1.234.567"),
        (lambda: formatting.rupiah(318_329_225_000, compact=True), "Rp 318,3 M"),
        (lambda: formatting.points(-0.025), "−2,5 poin"),
        (lambda: formatting.points(0.1, lang="en"), "+10,0 pts"),
        (lambda: formatting.date(dt.date(2026, 3, 1)), "1 Maret 2026"),
        (lambda: formatting.date(dt.date(2026, 3, 1), lang="en"), "1 March 2026"),
        (lambda: formatting.value(0.5, "persen"), "50,0%"),
        (lambda: formatting.value(12.0, "hari"), "12 hari"),
        (lambda: formatting.value(1.5, "indeks"), "1,50"),
    ],
)
def test_format_indonesian(call, expected):
    assert call() == expected


@pytest.mark.parametrize("missing", [None, math.nan, pd.NA, pd.NaT, float("nan")])
def test_format_missing_value_reads_no_data_never_zero(missing):
    assert formatting.number(missing) == "tidak ada data"
    assert formatting.percent(missing) == "tidak ada data"
    assert formatting.rupiah(missing) == "tidak ada data"
    assert formatting.value(missing, "persen", lang="en") == "no data"
