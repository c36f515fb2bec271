"""Targeting indicators on one hand-made fixture (PKH 2025-T1, one kecamatan 18.01.01).

Registry families (PKH target = desil 1–4 and status ADA):
  a desil 1 ADA (target) · b desil 3 ADA (target) · c desil 4 ADA (target) · f desil 1 ADA (target)
  d desil 7 ADA (not target) · e desil 2 MENINGGAL on 2025-01-15 (not target)
KPM rows: a, b, d, e AKTIF; g AKTIF with no registry family; h NONAKTIF for family c.
Payments: every KPM row (a, b, d, e, g, h) credited Rp750,000 on 2025-02-10 (e on 2025-02-01).
"""

import math

import pytest

from dashboard.indicators.engine import Engine
from tests.unit.indicators import fixtures as fx

P = {"program": "PKH", "periode": "2025-T1"}


@pytest.fixture(scope="module")
def eng():
    fam = fx.families(
        [
            {"name": "a", "desil": 1},
            {"name": "b", "desil": 3},
            {"name": "c", "desil": 4},
            {"name": "f", "desil": 1},
            {"name": "d", "desil": 7},
            {"name": "e", "desil": 2, "status_keberadaan": "MENINGGAL", "tgl_meninggal": "2025-01-15"},
        ]
    )
    kp = fx.kpm(
        [
            {"name": "a"},
            {"name": "b"},
            {"name": "d"},
            {"name": "e"},
            {"name": "g", "family": None},
            {"name": "h", "family": "c", "status_kpm": "NONAKTIF"},
        ]
    )
    dis = fx.disbursements(
        [{"kpm": k, "kredit": "2025-02-10"} for k in ("a", "b", "d", "g", "h")]
        + [{"kpm": "e", "kredit": "2025-02-01"}]
    )
    fx.validate(fam, kp, dis)
    return Engine.from_frames(fam, kp, dis)


def test_cakupan_sasaran_fixture_half(eng):
    """Targets a, b, c, f = 4; of them a, b have an AKTIF row (h is NONAKTIF) → 2/4 = 0.5."""
    row = eng.province("cakupan_sasaran", **P)
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 4, 0.5)


def test_cakupan_desil1_fixture_half(eng):
    """Desil-1 families a, f; a receives → 1/2."""
    row = eng.province("cakupan_desil1", **P)
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 2, 0.5)


def test_eksklusi_fixture_half(eng):
    """Targets not receiving: c, f → 2/4 = 0.5 (= 1 − coverage)."""
    row = eng.province("eksklusi", **P)
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 4, 0.5)


def test_eksklusi_kuota_fixture_half(eng):
    """Quota = AKTIF KPM a, b, d, e, g = 5; min(5, 4) = 4; (4 − 2)/4 = 0.5."""
    row = eng.province("eksklusi_kuota", **P)
    assert (row["numerator"], row["denominator"], row["value"]) == (2, 4, 0.5)


def test_eksklusi_kuota_small_quota_one_third():
    """Targets a, b, c, f (4); AKTIF KPM a, b, d (quota 3); min(3, 4) = 3; targets receiving 2 →
    (3 − 2)/3 = 1/3 (plain exclusion would be 2/4)."""
    fam = fx.families([{"name": n, "desil": 1} for n in "abcf"] + [{"name": "d", "desil": 8}])
    kp = fx.kpm([{"name": "a"}, {"name": "b"}, {"name": "d"}])
    eng = Engine.from_frames(fam, kp, fx.disbursements([{"kpm": "a", "kredit": "2025-02-01"}]))
    row = eng.province("eksklusi_kuota", **P)
    assert (row["numerator"], row["denominator"]) == (1, 3)
    assert row["value"] == pytest.approx(1 / 3)


def test_inklusi_fixture_three_fifths(eng):
    """AKTIF a, b, d, e, g = 5; not target: d (desil 7), e (MENINGGAL), g (no family) → 3/5."""
    row = eng.province("inklusi", **P)
    assert (row["numerator"], row["denominator"], row["value"]) == (3, 5, 0.6)


def test_inklusi_rp_fixture_half(eng):
    """Rp paid to all six rows = 4,500,000; to non-targets d, e, g = 2,250,000 (h's family c is a
    target) → 0.5."""
    row = eng.province("inklusi_rp", **P)
    assert (row["numerator"], row["denominator"], row["value"]) == (2_250_000, 4_500_000, 0.5)
    assert math.isnan(row["ci_low"]) and row["funnel"] is None


def test_meninggal_pindah_fixture_one_sixth(eng):
    """Paid KPM-periods 6; e died 2025-01-15 before its credit 2025-02-01 → 1/6."""
    row = eng.province("meninggal_pindah", **P)
    assert (row["numerator"], row["denominator"]) == (1, 6)
    assert row["value"] == pytest.approx(1 / 6)


def test_cgh_fixture_five_thirds(eng):
    """Rp to desil 1–4: a (1), b (3), e (2), h (family c, 4) = 3,000,000 of 4,500,000 = 2/3;
    CGH = (2/3)/0.40 = 1.6667."""
    row = eng.province("cgh", **P)
    assert (row["numerator"], row["denominator"]) == (3_000_000, 4_500_000)
    assert row["value"] == pytest.approx(5 / 3)


def test_dq_desil_kosong_fixture_one_fifth(eng):
    """AKTIF 5; g has no registry family → 1/5."""
    row = eng.province("dq_desil_kosong", **P)
    assert (row["numerator"], row["denominator"], row["value"]) == (1, 5, 0.2)


def test_incidence_fixture_by_desil(eng):
    """AKTIF recipients by desil: 0 (g), 1 (a), 2 (e), 3 (b), 7 (d) one each → share 0.2;
    Rp (any status): desil 4 gets h's 750,000 too, so each of 0,1,2,3,4,7 has 1/6."""
    inc = eng.incidence(**P).set_index("desil")
    assert inc["penerima"].tolist() == [1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0]
    assert inc.loc[4, "rp"] == 750_000
    assert inc.loc[7, "share_rp"] == pytest.approx(1 / 6)
    assert inc["share_penerima"].sum() == pytest.approx(1.0)


def test_table_other_kabupaten_no_data_status(eng):
    """Only 18.01 has data: the other 14 kabupaten appear with NaN value and tidak_ada_data, no rank."""
    t = eng.table("inklusi", level="kabupaten", **P)
    assert len(t) == 15
    empty = t.loc[t["kode"] != "18.01"]
    assert empty["value"].isna().all()
    assert set(empty["status"]) == {"tidak_ada_data"}
    assert empty["rank"].isna().all()
    assert t.loc[t["kode"] == "18.01", "small_n"].item()
