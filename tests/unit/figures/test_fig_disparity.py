"""Figure builders and the sentence of the Kesenjangan page."""

import pandas as pd

from dashboard.figures import disparity as fd
from dashboard.indicators.registry import INDICATORS

DISP = pd.DataFrame(
    {
        "periode": ["2025-T1", "2025-T2"],
        "gap_terbaik_terburuk": [0.10, 0.06],
        "gap_provinsi_terburuk": [0.05, 0.03],
        "ratio_max_min": [1.2, float("nan")],
        "cv": [0.05, 0.03],
        "gini": [0.12, 0.08],
        "theil_total": [0.010, 0.004],
        "theil_between": [0.007, 0.0028],
        "theil_within": [0.003, 0.0012],
    }
)


def test_sentence_says_narrowing_with_numbers_and_between_share():
    text = fd.sentence(DISP, "id")
    assert "menyempit" in text and "0,120" in text and "0,080" in text and "70%" in text
    assert "widened" in fd.sentence(DISP.iloc[::-1].reset_index(drop=True), "en")


def test_sentence_empty_with_one_quarter():
    assert fd.sentence(DISP.iloc[:1], "id") == ""


def test_measures_figure_three_panels_gap_in_points():
    labels = {c: c for cols in fd.PANELS.values() for c in cols} | {
        "gap": "g",
        "relative": "r",
        "ratio": "q",
        "x": "x",
    }
    fig = fd.measures_figure(DISP, INDICATORS["tepat_waktu"], title="T", labels=labels)
    assert len(fig.data) == 6
    assert abs(fig.data[0].y[0] - 10.0) < 1e-9  # percentage points
    assert fig.data[-1].y[1] != fig.data[-1].y[1]  # missing ratio stays a gap


def test_theil_figure_stacks_between_and_within():
    fig = fd.theil_figure(
        DISP, title="T", labels={"between": "b", "within": "w", "x": "x", "y": "y", "share": "s"}
    )
    assert fig.layout.barmode == "stack" and len(fig.data) == 2
    assert "70,0%" in fig.data[0].hovertext[0]
