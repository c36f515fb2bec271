"""Data-quality indicators, zero denominators and roll-ups."""

import math

import numpy as np
import pandas as pd
import pytest

from dashboard.indicators import simulate
from dashboard.indicators.engine import Engine
from tests.unit.indicators import fixtures as fx

P = {"program": "PKH", "periode": "2025-T1"}


@pytest.fixture(scope="module")
def dq():
    """q1 valid; q2 invalid NIK; q3 and q4 share one caregiver NIK; q4 has no desa code.
    4 KPM rows, none paid."""
    kp = fx.kpm(
        [
            {"name": "q1"},
            {"name": "q2", "nik_valid": False},
            {"name": "q3", "nik": fx.hid("same")},
            {"name": "q4", "nik": fx.hid("same"), "kode_desa": None},
        ]
    )
    fam = fx.families([{"name": n} for n in ("q1", "q2", "q3", "q4")])
    dis = fx.disbursements([])
    fx.validate(fam, kp, dis)
    return Engine.from_frames(fam, kp, dis)


def test_dq_nik_valid_three_quarters(dq):
    r = dq.province("dq_nik_valid", **P)
    assert (r["numerator"], r["denominator"], r["value"]) == (3, 4, 0.75)


def test_dq_duplikat_half(dq):
    """q3 and q4 share a NIK → both rows are duplicates → 2/4."""
    r = dq.province("dq_duplikat", **P)
    assert (r["numerator"], r["denominator"], r["value"]) == (2, 4, 0.5)


def test_dq_wilayah_desa_three_quarters(dq):
    r = dq.province("dq_wilayah_desa", **P)
    assert (r["numerator"], r["denominator"], r["value"]) == (3, 4, 0.75)


def test_zero_denominator_is_nan_and_tidak_ada_data(dq):
    """No payment at all: terlambat_30 has 0/0 → NaN, status tidak_ada_data, no interval, small_n."""
    r = dq.province("terlambat_30", **P)
    assert r["denominator"] == 0
    assert math.isnan(r["value"]) and math.isnan(r["ci_low"])
    assert r["status"] == "tidak_ada_data"
    assert r["small_n"]
    assert r["funnel"] is None


def test_unknown_period_returns_no_data(dq):
    t = dq.table("realisasi_kpm", level="kecamatan", program="PKH", periode="2030-T1")
    assert t.empty or t["value"].isna().all()


@pytest.fixture(scope="module")
def sim():
    fam, kp, dis = simulate.frames(simulate.SimSpec(n_families=4000, kec_per_kab=4, seed=11))
    return Engine.from_frames(fam, kp, dis)


def test_rollup_province_equals_sum_of_kabupaten_and_kecamatan(sim):
    """Every additive indicator: province numerator/denominator == Σ kabupaten == Σ kecamatan,
    and province value == Σnum / Σden (never an average of rates)."""
    for ind_id, ind in sim.registry.items():
        if ind.kind != "rate" or ind.id == "eksklusi_kuota":
            continue
        for program in sim.programs():
            prov = sim.province(ind_id, program=program, periode="2025-T2")
            kab = sim.table(ind_id, level="kabupaten", program=program, periode="2025-T2")
            kec = sim.table(ind_id, level="kecamatan", program=program, periode="2025-T2")
            for frame in (kab, kec):
                assert frame["numerator"].sum() == prov["numerator"], ind_id
                assert frame["denominator"].sum() == prov["denominator"], ind_id
            if prov["denominator"] > 0:
                expected = prov["numerator"] / prov["denominator"] * ind.scale
                assert prov["value"] == pytest.approx(expected, rel=1e-12)


def test_rollup_year_equals_sum_of_quarters(sim):
    year = sim.table("realisasi_kpm", level="kabupaten", program="SEMBAKO", periode="2025").set_index("kode")
    quarters = [
        sim.table("realisasi_kpm", level="kabupaten", program="SEMBAKO", periode=p).set_index("kode")
        for p in sim.periods("SEMBAKO")
    ]
    assert np.array_equal(
        year["numerator"].fillna(0).to_numpy(), sum(q["numerator"].fillna(0) for q in quarters).to_numpy()
    )


def test_quota_adjusted_derived_at_each_level(sim):
    """min() is not additive: the province denominator is min(Σ quota, Σ targets), which is ≥ Σ kab mins."""
    prov = sim.province("eksklusi_kuota", program="PKH", periode="2025-T1")
    kab = sim.table("eksklusi_kuota", level="kabupaten", program="PKH", periode="2025-T1")
    assert prov["denominator"] >= kab["denominator"].sum()


def test_parent_filter_keeps_children(sim):
    kec = sim.table("realisasi_kpm", level="kecamatan", program="PKH", periode="2025-T1", parent="18.01")
    assert len(kec) > 0 and kec["kode"].str.startswith("18.01.").all()


def test_disparity_series_consistent(sim):
    d = sim.disparity("realisasi_kpm", program="PKH")
    assert list(d["periode"]) == sim.periods("PKH")
    assert np.allclose(d["theil_between"] + d["theil_within"], d["theil_total"])
    prov = [sim.province("realisasi_kpm", program="PKH", periode=p)["value"] for p in sim.periods("PKH")]
    assert np.allclose(d["provinsi"], prov)


def test_disparity_identical_kabupaten_zero():
    """Two kabupaten with identical data (each: 2 AKTIF, 1 paid) → gap 0, Gini 0, Theil 0."""
    rows = []
    for kab in ("18.01", "18.02"):
        kec = f"{kab}.01"
        rows += [{"name": f"{kab}a", "kode_kec": kec}, {"name": f"{kab}b", "kode_kec": kec}]
    kp = fx.kpm(rows)
    fam = fx.families(rows)
    dis = fx.disbursements(
        [{"kpm": f"{k}a", "kredit": "2025-02-01", "kode_kec": f"{k}.01"} for k in ("18.01", "18.02")]
    )
    eng = Engine.from_frames(fam, kp, dis)
    d = eng.disparity("realisasi_kpm", program="PKH").iloc[0]
    assert d["gap_terbaik_terburuk"] == 0 and d["ratio_max_min"] == 1
    assert d["gini"] == pytest.approx(0, abs=1e-12) and d["theil_total"] == pytest.approx(0, abs=1e-12)


def test_composite_engine_rank_change(sim):
    c = sim.composite(program="PKH", periode="2025-T2")
    assert {"indeks", "rank", "rank_sebelumnya", "perubahan_rank"} <= set(c.columns)
    both = c.dropna(subset=["rank", "rank_sebelumnya"])
    assert (both["perubahan_rank"] == both["rank_sebelumnya"] - both["rank"]).all()


def test_table_returns_copy_not_cache(sim):
    t = sim.table("gagal", program="PKH", periode="2025-T1")
    t["value"] = -1
    assert (sim.table("gagal", program="PKH", periode="2025-T1")["value"] != -1).all()


def test_quality_report_interface():
    eng = Engine.from_frames(
        fx.families([{"name": "a"}]),
        fx.kpm([{"name": "a"}]),
        fx.disbursements([]),
        quality={"per_kabupaten": {"18.01": {"rows_resolved": {"numerator": 9, "denominator": 10}}}},
    )
    q = eng.quality()
    assert q.loc[0, ["kode", "metric", "value"]].tolist() == ["18.01", "rows_resolved", 0.9]
    assert isinstance(q, pd.DataFrame)
