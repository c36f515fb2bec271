"""Delivery and timeliness indicators on hand-made fixtures (PKH 2025-T1; due date 2025-03-31;
report date 2025-12-31, so the 90-day window covers credits up to 2025-10-02).

KPM (all Rp750,000): p1, p2, p3, p4, p5, p7 AKTIF; p6 NONAKTIF (no payment).
  p1 HIMBARA SP2D 03-10, credit 03-20 (0 days late), withdrawn 03-25
  p2 HIMBARA SP2D 04-01, credit 04-10 (10 days late), never withdrawn
  p3 GAGAL (SP2D 03-01, REKENING_TIDAK_VALID), then POS SP2D 05-01, paid 05-15 (45 days late)
  p4 GAGAL (SP2D 03-01, GAGAL_BUREKOL) only
  p5 PROSES (SP2D 03-15)
  p7 RETUR: SP2D 03-01, Rp750,000 returned on 06-01
"""

import pytest

from dashboard.indicators.cube import CubeConfig
from dashboard.indicators.engine import Engine
from tests.unit.indicators import fixtures as fx

P = {"program": "PKH", "periode": "2025-T1"}


def _tables():
    kp = fx.kpm([{"name": f"p{i}"} for i in (1, 2, 3, 4, 5, 7)] + [{"name": "p6", "status_kpm": "NONAKTIF"}])
    fam = fx.families([{"name": f"p{i}"} for i in range(1, 8)])
    dis = fx.disbursements(
        [
            {"kpm": "p1", "sp2d": "2025-03-10", "kredit": "2025-03-20", "tarik": "2025-03-25"},
            {"kpm": "p2", "sp2d": "2025-04-01", "kredit": "2025-04-10"},
            {"kpm": "p3", "sp2d": "2025-03-01", "status": "GAGAL", "kode_gagal": "REKENING_TIDAK_VALID"},
            {"kpm": "p3", "sp2d": "2025-05-01", "kredit": "2025-05-15", "kanal": "POS"},
            {"kpm": "p4", "sp2d": "2025-03-01", "status": "GAGAL", "kode_gagal": "GAGAL_BUREKOL"},
            {"kpm": "p5", "sp2d": "2025-03-15", "status": "PROSES"},
            {
                "kpm": "p7",
                "sp2d": "2025-03-01",
                "status": "RETUR",
                "retur": 750_000,
                "tgl_retur": "2025-06-01",
            },
        ]
    )
    fx.validate(fam, kp, dis)
    return fam, kp, dis


@pytest.fixture(scope="module")
def eng():
    return Engine.from_frames(*_tables())


def _row(eng, ind):
    r = eng.province(ind, **P)
    return r["numerator"], r["denominator"], r["value"]


def test_realisasi_kpm_fixture_half(eng):
    """Paid in full: p1, p2, p3 of 6 AKTIF → 0.5 (p6 NONAKTIF not in the denominator)."""
    assert _row(eng, "realisasi_kpm") == (3, 6, 0.5)


def test_realisasi_rp_fixture_half(eng):
    """Rp credited 3 × 750,000 = 2,250,000 of 6 × 750,000 = 4,500,000 → 0.5."""
    assert _row(eng, "realisasi_rp") == (2_250_000, 4_500_000, 0.5)


def test_tepat_waktu_fixture_one_sixth(eng):
    """Only p1 credited by 03-31 → 1/6."""
    n, d, v = _row(eng, "tepat_waktu")
    assert (n, d) == (1, 6)
    assert v == pytest.approx(1 / 6)


def test_tepat_waktu_sp2d_rule_one_third():
    """Due = first SP2D + 14: p1 03-24 (credit 03-20 ok), p2 04-15 (04-10 ok), p3 03-15 (05-15 late) → 2/6."""
    eng = Engine.from_frames(*_tables(), config_=CubeConfig(due_rule="sp2d"))
    n, d, v = _row(eng, "tepat_waktu")
    assert (n, d) == (2, 6)
    assert v == pytest.approx(1 / 3)


def test_terlambat_30_fixture_one_third(eng):
    """Late days among paid: 0, 10, 45 → one > 30 of 3."""
    n, d, v = _row(eng, "terlambat_30")
    assert (n, d) == (1, 3)
    assert v == pytest.approx(1 / 3)


def test_hari_terlambat_median_and_p90(eng):
    """Sorted (0, 10, 45): median 10; p90 at position 0.9·2 = 1.8 → 10 + 0.8·35 = 38."""
    assert eng.province("hari_terlambat_median", **P)["value"] == 10
    assert eng.province("hari_terlambat_p90", **P)["value"] == pytest.approx(38.0)
    assert eng.province("hari_terlambat_median", **P)["denominator"] == 3


def test_sp2d_kredit_by_channel(eng):
    """HIMBARA last credits: p1 10 days, p2 9 days → median 9.5; POS: p3 05-01→05-15 = 14."""
    assert eng.province("sp2d_kredit_himbara", **P)["value"] == pytest.approx(9.5)
    assert eng.province("sp2d_kredit_pos", **P)["value"] == 14


def test_gagal_fixture_one_third(eng):
    """AKTIF with a GAGAL attempt: p3, p4 → 2/6."""
    n, d, v = _row(eng, "gagal")
    assert (n, d) == (2, 6)
    assert v == pytest.approx(1 / 3)


def test_failure_reasons_fixture(eng):
    """One KPM per code; rate = 1/6 each, share of failed = 1/2 each."""
    fr = eng.failure_reasons(**P).set_index("kode_gagal")
    assert fr["kpm"].to_dict() == {"GAGAL_BUREKOL": 1, "REKENING_TIDAK_VALID": 1}
    assert fr["rate"].tolist() == pytest.approx([1 / 6, 1 / 6])
    assert fr["share"].tolist() == pytest.approx([0.5, 0.5])


def test_retur_rp_fixture_one_seventh(eng):
    """Released: 7 attempts × 750,000 = 5,250,000; returned 750,000 → 1/7."""
    n, d, v = _row(eng, "retur_rp")
    assert (n, d) == (750_000, 5_250_000)
    assert v == pytest.approx(1 / 7)


def test_tidak_ditarik_90_fixture_half(eng):
    """Bank credits before 2025-10-02: p1 (withdrawn after 5 days), p2 (never) → 1/2."""
    assert _row(eng, "tidak_ditarik_90") == (1, 2, 0.5)


def test_kanal_pos_fixture_one_third(eng):
    """Paid KPM-periods p1, p2, p3; last payment via POS: p3 → 1/3."""
    n, d, v = _row(eng, "kanal_pos")
    assert (n, d) == (1, 3)
    assert v == pytest.approx(1 / 3)


def test_delay_distribution_fixture(eng):
    """18.01: bins 0 → 1, 8-14 → 1, 31-60 → 1, others 0; shares 1/3."""
    dd = eng.delay_distribution(**P).set_index("bin")
    assert dd["kpm"].to_dict() == {"0": 1, "1-7": 0, "8-14": 1, "15-30": 0, "31-60": 1, "61-90": 0, ">90": 0}
    assert dd.loc["31-60", "share"] == pytest.approx(1 / 3)


def test_cumulative_paid_fixture(eng):
    """Days from 01-01 to full payment: p1 78 (03-20), p2 99 (04-10), p3 134 (05-15); of 6 AKTIF:
    day 77 → 0, day 78 → 1/6, day 99 → 2/6, day 134 → 3/6."""
    cp = eng.cumulative_paid(**P).set_index("hari")
    assert cp.loc[77, "kpm"] == 0
    assert cp.loc[78, "share"] == pytest.approx(1 / 6)
    assert cp.loc[99, "kpm"] == 2
    assert cp.loc[134, "share"] == pytest.approx(0.5)
    assert cp.index.max() == 134


def test_sembako_batches_rule():
    """SEMBAKO Rp600,000: s1 gets 200,000 (02-01) + 400,000 (04-05) → paid in full on 04-05
    (5 days late); s2 gets 200,000 only → not paid. realisasi_kpm 1/2, realisasi_rp 800,000/1,200,000,
    tepat_waktu 0/2, median late 5."""
    s = {"program": "SEMBAKO", "periode": "2025-T1"}
    kp = fx.kpm([{"name": n, "program": "SEMBAKO", "nominal": 600_000} for n in ("s1", "s2")])
    fam = fx.families([{"name": "s1"}, {"name": "s2"}])
    dis = fx.disbursements(
        [
            {"kpm": "s1", "program": "SEMBAKO", "nominal": 200_000, "kredit": "2025-02-01"},
            {"kpm": "s1", "program": "SEMBAKO", "nominal": 400_000, "kredit": "2025-04-05"},
            {"kpm": "s2", "program": "SEMBAKO", "nominal": 200_000, "kredit": "2025-02-01"},
        ]
    )
    fx.validate(fam, kp, dis)
    eng = Engine.from_frames(fam, kp, dis)
    assert eng.province("realisasi_kpm", **s)["value"] == 0.5
    assert eng.province("realisasi_rp", **s)["value"] == pytest.approx(2 / 3)
    assert eng.province("tepat_waktu", **s)["value"] == 0
    assert eng.province("hari_terlambat_median", **s)["value"] == 5


def test_report_date_before_credit_not_tersalur():
    """as_of 2025-04-01: p2 (credit 04-10) and p3 (05-15) are not yet paid → realisasi 1/6."""
    eng = Engine.from_frames(*_tables(), config_=CubeConfig(as_of=__import__("datetime").date(2025, 4, 1)))
    r = eng.province("realisasi_kpm", **P)
    assert (r["numerator"], r["denominator"]) == (1, 6)
