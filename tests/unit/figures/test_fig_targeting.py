"""Figure builders of the Ketepatan Sasaran page."""

import pandas as pd

from dashboard import pilot
from dashboard.figures import targeting as fg
from dashboard.indicators.registry import INDICATORS


def _table(names, values):
    return pd.DataFrame(
        {
            "kode": [f"k{i}" for i in range(len(names))],
            "nama": names,
            "numerator": [v * 100 for v in values],
            "denominator": 100.0,
            "value": values,
            "ci_low": [v - 0.05 for v in values],
            "ci_high": [v + 0.05 for v in values],
        }
    )


def test_errors_figure_skips_missing_and_shows_fraction():
    table = _table(["Provinsi", "A", "B"], [0.3, float("nan"), 0.5])
    fig = fg.errors_figure({"Eksklusi": table}, title="T", labels={"x": "%", "ci": "CI"})
    assert len(fig.data[0].x) == 2
    assert "50 / 100" in fig.data[0].hovertext[1]
    assert list(fig.layout.yaxis.ticktext) == ["B", "A", "Provinsi"]


def test_incidence_figure_puts_no_desil_last_in_grey():
    inc = pd.DataFrame({"desil": range(11), "penerima": [1] + [10] * 10, "rp": [5] + [50] * 10})
    inc["share_penerima"] = inc["penerima"] / inc["penerima"].sum()
    inc["share_rp"] = inc["rp"] / inc["rp"].sum()
    labels = {"x": "Desil", "y": "%", "beneficiary": "KPM", "benefit": "Rp", "no_desil": "Tanpa desil"}
    fig = fg.incidence_figure(inc, title="T", labels=labels)
    assert list(fig.data[0].x)[-1] == "Tanpa desil" and next(iter(fig.data[0].x)) == "1"
    assert "10 / 101" in fig.data[0].hovertext[0]


def test_trend_figure_marks_switch_and_keeps_gaps():
    trend = pd.DataFrame(
        {
            "periode": ["2025-T1", "2025-T2"],
            "value": [0.5, float("nan")],
            "numerator": [5, float("nan")],
            "denominator": [10, 0],
        }
    )
    fig = fg.trend_figure(
        {"Prov": trend},
        title="T",
        labels={"x": "x", "y": "y", "switch": "DTSEN"},
        switch="2025-T2",
        highlight=("Prov",),
    )
    assert fig.layout.shapes and fig.data[0].connectgaps is False


def test_period_table_formats_value_and_fraction():
    rows = {
        "inklusi": {
            "2024": {"value": 0.25, "numerator": 25, "denominator": 100},
            "2025": {"value": float("nan")},
        }
    }
    out = fg.period_table(rows, INDICATORS, "id", indicator_col="Indikator")
    assert out.iloc[0, 1] == "25,0% (25 / 100)" and out.iloc[0, 2] == "tidak ada data"


def test_pilot_config_matches_the_synthetic_scenario():
    import tomllib
    from pathlib import Path

    scenario = tomllib.loads(
        (Path(pilot.__file__).parent / "synth" / "scenario.toml").read_text(encoding="utf-8")
    )
    plan = pilot.load()
    assert plan is not None and "sintetis" in plan.sumber
    assert list(plan.kabupaten) == scenario["pilot"]["kabupaten"]
    assert plan.mulai == "2026-T1"
