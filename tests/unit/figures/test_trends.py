"""Trend lines: gaps for missing quarters, numerator/denominator in the hover, titles."""

import numpy as np
import pandas as pd

from dashboard.figures import trends
from dashboard.indicators.registry import INDICATORS

IND = INDICATORS["tepat_waktu"]


def _trend(values):
    periods = ["2025-T1", "2025-T2", "2025-T3"]
    return pd.DataFrame(
        {
            "periode": periods,
            "kode": "18.01",
            "nama": "Lampung Selatan",
            "numerator": [v * 100 if v == v else np.nan for v in values],
            "denominator": [100.0, 0.0 if values[1] != values[1] else 100.0, 100.0],
            "value": values,
            "ci_low": np.nan,
            "ci_high": np.nan,
            "small_n": False,
        }
    )


def test_trend_chart_gaps_and_title():
    fig = trends.trend_chart(
        _trend([0.8, np.nan, 0.9]), _trend([0.7, 0.75, 0.8]), IND, "PKH", region_name="Lampung Selatan"
    )
    region = fig.data[0]
    assert list(region.y) == [0.8, None, 0.9] and region.connectgaps is False
    assert "80 / 100" in str(region.customdata[0])
    assert fig.layout.title.text == "Tepat waktu — PKH, Triwulan I 2025 – Triwulan III 2025 (%)"
    assert fig.data[1].name == "Provinsi Lampung"


def test_group_trends_one_panel_per_indicator():
    inds = {"tepat_waktu": IND, "terlambat_30": INDICATORS["terlambat_30"]}
    t = _trend([0.8, 0.85, 0.9])
    fig = trends.group_trends(dict.fromkeys(inds, (t, t)), inds, "PKH", region_name="X", title="T")
    assert len(fig.data) == 4
    assert [a.text for a in fig.layout.annotations] == ["Tepat waktu (%)", "Terlambat > 30 hari (%)"]
