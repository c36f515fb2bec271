"""Ranked bars, small multiples, gaps, peer groups, profile rows."""

import pandas as pd

from dashboard import reference
from dashboard.figures import ranking
from dashboard.figures.colours import NO_DATA_COLOUR
from dashboard.indicators.registry import INDICATORS

IND = INDICATORS["realisasi_kpm"]


def test_ranked_bar_sorted_best_first_with_gap_for_no_data(table):
    fig = ranking.ranked_bar(table, IND, "PKH", "2025-T2", colours={"18.01": "#111111"}, province_value=0.8)
    bar = fig.data[0]
    assert list(bar.y) == ["Lampung Selatan", "Lampung Utara *", "Lampung Tengah", "Lampung Barat"]
    assert bar.x[-1] is None  # no data: a gap, never 0
    assert bar.marker.color[-1] == NO_DATA_COLOUR
    title = fig.layout.title.text
    assert (
        "Realisasi penyaluran (KPM)" in title
        and "PKH" in title
        and "Triwulan II 2025" in title
        and "(%)" in title
    )
    assert "900 / 1.000" in str(bar.customdata[0])
    assert any(a.text == "tidak ada data" for a in fig.layout.annotations)
    assert fig.layout.separators == ",."
    assert bar.error_x.array[0] is not None


def test_ranked_bar_lower_better_puts_lowest_first(table):
    fig = ranking.ranked_bar(table, INDICATORS["gagal"], "PKH", "2025", colours={})
    assert fig.data[0].y[0] == "Lampung Tengah"


def test_small_multiples_one_panel_per_indicator(table):
    inds = {"realisasi_kpm": IND, "gagal": INDICATORS["gagal"]}
    fig = ranking.small_multiples(
        {"realisasi_kpm": table, "gagal": table},
        inds,
        {"realisasi_kpm": {"value": 0.8}},
        ["18.01", "18.04"],
        "PKH",
        "2025-T2",
    )
    assert "PKH" in fig.layout.title.text and "Triwulan II 2025" in fig.layout.title.text
    assert [a.text for a in fig.layout.annotations][:2] == [
        "Realisasi penyaluran (KPM) (%)",
        "Gagal salur (%)",
    ]
    missing = [t for t in fig.data if t.name == "Lampung Barat"]
    assert missing and missing[0].x[0] is None


def test_gap_frame_and_chart(table):
    gaps = ranking.gap_frame(table, IND, "PKH", ["18.02", "18.04"])
    assert gaps["best_nama"].iloc[0] == "Lampung Selatan"
    assert round(gaps["gap_best"].iloc[0], 6) == 0.2
    assert round(gaps["gap_target"].iloc[0], 6) == 0.25
    assert pd.isna(gaps["gap_best"].iloc[1])
    fig = ranking.gap_chart(gaps, IND, "PKH", "2025-T2")
    assert fig.data[0].y[1] is None
    assert "poin persentase" in fig.layout.title.text and "Triwulan II 2025" in fig.layout.title.text


def test_peer_groups_cover_all_fifteen():
    ref = reference.kabupaten()
    for scheme in ranking.PEER_SCHEMES:
        groups = ranking.peer_groups(ref, scheme)
        assert sum(len(v) for v in groups.values()) == 15
    assert ranking.peer_groups(ref, "jenis")["kota"] == ["18.71", "18.72"]
    terciles = ranking.peer_groups(ref, "kemiskinan")
    assert [len(v) for v in terciles.values()] == [5, 5, 5]


def test_profile_rows_and_quality(table):
    inds = {"realisasi_kpm": IND}
    rows = ranking.profile_rows({"realisasi_kpm": table}, inds, "18.03", {"realisasi_kpm": [0.5, None, 0.8]})
    row = rows.iloc[0]
    assert row["Nilai"] == "80,0%" and row["Penyebut kecil"] == "ya" and row["Peringkat (dari 15)"] == "2 / 3"
    assert row["_trend"] == [0.5, None, 0.8]
    level, text = ranking.quality_summary({"realisasi_kpm": table.iloc[1].to_dict()}, inds)
    assert level == "perhatian" and "700 / 1.000" in text
    level, _ = ranking.quality_summary({"realisasi_kpm": table.iloc[3].to_dict()}, inds)
    assert level == "tidak_ada_data"


def test_region_table_reads_tidak_ada_data(table):
    shown = ranking.region_table(table, IND)
    assert shown.iloc[3]["Nilai"] == "tidak ada data"
    assert shown.iloc[0]["Selang 95%"] == "88,0% – 92,0%"
