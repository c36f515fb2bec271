"""Figure builders of the Ketepatan Waktu page."""

import pandas as pd

from dashboard.figures import timeliness as ft

LABELS = {
    "x": "Hari",
    "y": "Persen",
    "due": "jatuh tempo",
    "paid": "tersalur",
    "n": "n",
    "value": "Tepat waktu",
}


def _cum(kode, nama, shares, aktif=100):
    return pd.DataFrame(
        {
            "kode": kode,
            "nama": nama,
            "hari": range(len(shares)),
            "kpm": [s * aktif for s in shares],
            "kpm_aktif": float(aktif),
            "share": shares,
        }
    )


def test_due_day_is_end_of_quarter_and_none_otherwise():
    assert ft.due_day("2025-T1") == 89  # 1 Jan → 31 Mar
    assert ft.due_day("2025-T2") == 90
    assert ft.due_day("2025") is None
    assert ft.due_day("2025-T2", "sp2d") is None


def test_cumulative_figure_highlights_one_kabupaten_and_marks_due_date():
    kab = pd.concat([_cum("18.01", "A", [0, 0.5, 1.0]), _cum("18.02", "B", [0, 0.2, 0.4])])
    prov = _cum("18", "Provinsi Lampung", [0, 0.3, 0.6], 200)
    fig = ft.cumulative_figure(kab, prov, highlight="18.02", due=1, title="T", labels=LABELS)
    names = [t.name for t in fig.data]
    assert names[-2:] == ["B", "Provinsi Lampung"]  # highlight drawn on top, then the province
    assert fig.data[-2].line.width > fig.data[0].line.width
    assert "40 / 100" in fig.data[-2].hovertext[2]
    assert fig.layout.shapes[0].x0 == 1


def test_delay_figure_hover_carries_counts():
    dist = pd.DataFrame(
        {"kode": "18", "nama": "P", "bin": ["0", "1-7"], "kpm": [3, 1], "share": [0.75, 0.25]}
    )
    fig = ft.delay_figure(dist, title="T", labels=LABELS)
    assert "3 / 4" in fig.data[0].hovertext[0]


def test_lead_time_leaves_missing_channel_out():
    himbara = pd.DataFrame({"kode": ["18.01", "18.02"], "value": [5.0, 6.0], "denominator": [10, 12]})
    pos = pd.DataFrame({"kode": ["18.01", "18.02"], "value": [20.0, float("nan")], "denominator": [3, 0]})
    fig = ft.lead_time_figure(
        {"HIMBARA": himbara, "Pos": pos}, names={"18.01": "A", "18.02": "B"}, title="T", labels=LABELS
    )
    assert list(fig.data[1].y) == ["A"]


def test_rank_history_and_table_show_change():
    trend = pd.DataFrame(
        {
            "periode": ["2025-T1", "2025-T1", "2025-T2", "2025-T2"],
            "kode": ["a", "b", "a", "b"],
            "nama": ["A", "B", "A", "B"],
            "rank": pd.array([1, 2, 2, 1], dtype="Int64"),
        }
    )
    hist = ft.rank_history(trend)
    assert dict(zip(hist["kode"], hist["perubahan"], strict=True)) == {"a": -1, "b": 1}
    table = ft.rank_table(hist, "id", name_col="Nama", change_col="Δ")
    assert list(table["Nama"]) == ["B", "A"] and list(table["Δ"]) == ["▲ 1", "▼ 1"]


def test_bump_figure_has_one_line_per_kabupaten():
    trend = pd.DataFrame(
        {
            "periode": ["2025-T1", "2025-T2"],
            "kode": "a",
            "nama": "A",
            "rank": pd.array([1, pd.NA], dtype="Int64"),
            "value": [0.9, float("nan")],
            "numerator": [9, float("nan")],
            "denominator": [10, 0],
        }
    )
    fig = ft.bump_figure(trend, highlight="a", title="T", labels=LABELS)
    assert len(fig.data) == 1 and fig.data[0].y[1] != fig.data[0].y[1]  # NaN: a gap, not rank 0
