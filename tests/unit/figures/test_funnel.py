"""Funnel plot: limits around the province value, outliers marked, missing named."""

from dashboard.figures import funnel
from dashboard.figures.colours import STATUS_COLOURS
from dashboard.indicators.registry import INDICATORS

IND = INDICATORS["realisasi_kpm"]


def test_limits_narrow_with_denominator():
    curves = funnel.limit_curves(0.8, 10, 10_000)
    width = curves["high998"] - curves["low998"]
    assert width.iloc[0] > width.iloc[-1]
    assert (curves["high998"] >= curves["high95"]).all()


def test_funnel_plot_marks_outliers_and_titles(table):
    fig = funnel.funnel_plot(table, IND, "PKH", "2025-T2", 0.8, highlight={"18.01"})
    names = [t.name for t in fig.data]
    assert "Batas 99,8%" in names and "Batas 95%" in names
    worse = next(t for t in fig.data if t.name == "Lebih buruk dari provinsi")
    assert list(worse.text) == ["Lampung Tengah"] and worse.marker.color == STATUS_COLOURS["merah"]
    better = next(t for t in fig.data if t.name == "Lebih baik dari provinsi")
    assert better.marker.line.width[0] == 3  # highlighted
    assert "700 / 1.000" in str(worse.customdata)
    assert "Tidak ada data: Lampung Barat" in [a.text for a in fig.layout.annotations]
    assert fig.layout.title.text == "Realisasi penyaluran (KPM) — PKH, Triwulan II 2025 (%)"
