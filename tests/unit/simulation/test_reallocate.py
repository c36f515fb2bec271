"""Hand-worked reallocations on a tiny fixture (PKH 2025-T2; PKH target = desil 1–4, status ADA).

Kabupaten 18.01 (kecamatan 18.01.01)
  Active KPM: r1 desil 1 ADA (target, stays) · r2 desil 7 ADA (above target → out)
              r3 desil 2 MENINGGAL (→ out) · g with no registry family (kept: cannot be shown ineligible)
  Excluded target families (no active KPM): x1 d2 art 3 (has only a NONAKTIF row) · x2 d1 art 2
              x3 d2 art 5 · x4 d2 art 5 · x5 d4 art 9
  Refill order: x2 (desil 1) → {x3, x4} (desil 2, art 5: tie, broken by family_id;
              hid("x4") = 7985… < hid("x3") = 844b…, so x4 first) → x3 → x1 (art 3) → x5 (desil 4).
  Rule A: 2 slots freed (r2, r3) → x2 and x4 enter. Quota 4 → active 4.
    coverage 1/6 → 3/6 · desil-1 coverage 1/2 → 2/2 · inclusion 3/4 (r2, r3, g) → 1/4 (g).

Kabupaten 18.02 (no excluded families)
  Active KPM: y1 d1, y2 d2 (targets) · y3 d8 (→ out). Nobody to refill.
  Rule A: 1 slot freed, 0 enter, 1 slot unused. Quota 3 → active 2 + 1 unused.
    coverage 2/2 → 2/2 · inclusion 1/3 → 0/2.

Kabupaten 18.03
  Active KPM: z1 d5 ADA (above PKH target → out) · z2 d1 TIDAK_DITEMUKAN (kept, not a target)
              z3 without desil (kept, not a target)
  Excluded targets: w1 d3 art 6 · w2 d1 art 2. Order: w2 (lower desil beats larger household) → w1.
  Rule A: 1 slot freed → w2 enters. coverage 0/2 → 1/2 · desil-1 coverage 0/1 → 1/1 · inclusion 3/3 → 2/3.

Province, rule A: quota 10 = active after 9 + unused 1.

Rule B, share 100 %: every freed slot is pooled: out = [2, 1, 1], pool 4. Excluded desil-1
families: 18.01 → 1 (x2), 18.02 → 0, 18.03 → 1 (w2); 4 × 1/2 = 2 each, no remainder → in = [2, 0, 2].
Slots [2, 0, 2]: 18.01 as in A (x2, x4); 18.02 nothing and nothing unused; 18.03 w2 and w1.
Province: active after 4 + 2 + 4 = 10, unused 0; one slot changed kabupaten (18.02 → 18.03).

Rule B, share 50 %: out = floor(0.5 × [2, 1, 1]) = [1, 0, 0], pool 1; weights [1, 0, 1] give
0.5 and 0.5: equal remainders and equal weights → the lower code, 18.01 → in = [1, 0, 0]: same as A.
"""

import numpy as np
import pandas as pd
import pytest

from dashboard.indicators.engine import Engine
from dashboard.simulation import compare, inputs, reallocate
from dashboard.simulation.reallocate import largest_remainder, shift_quota
from dashboard.simulation.rules import Rule
from tests.unit.indicators import fixtures as fx

PROGRAM, PERIODE = "PKH", "2025-T2"
K1, K2, K3 = "18.01.01", "18.02.01", "18.03.01"


def _families() -> pd.DataFrame:
    return fx.families(
        [
            {"name": "r1", "desil": 1, "kode_kec": K1},
            {"name": "r2", "desil": 7, "kode_kec": K1},
            {
                "name": "r3",
                "desil": 2,
                "status_keberadaan": "MENINGGAL",
                "tgl_meninggal": "2025-03-01",
                "kode_kec": K1,
            },
            {"name": "x1", "desil": 2, "jml_art": 3, "kode_kec": K1},
            {"name": "x2", "desil": 1, "jml_art": 2, "kode_kec": K1},
            {"name": "x3", "desil": 2, "jml_art": 5, "kode_kec": K1},
            {"name": "x4", "desil": 2, "jml_art": 5, "kode_kec": K1},
            {"name": "x5", "desil": 4, "jml_art": 9, "kode_kec": K1},
            {"name": "y1", "desil": 1, "kode_kec": K2},
            {"name": "y2", "desil": 2, "kode_kec": K2},
            {"name": "y3", "desil": 8, "kode_kec": K2},
            {"name": "z1", "desil": 5, "kode_kec": K3},
            {"name": "z2", "desil": 1, "status_keberadaan": "TIDAK_DITEMUKAN", "kode_kec": K3},
            {"name": "z3", "desil": None, "kode_kec": K3},
            {"name": "w1", "desil": 3, "jml_art": 6, "kode_kec": K3},
            {"name": "w2", "desil": 1, "jml_art": 2, "kode_kec": K3},
        ]
    )


def _kpm() -> pd.DataFrame:
    active = [
        ("r1", K1),
        ("r2", K1),
        ("r3", K1),
        ("y1", K2),
        ("y2", K2),
        ("y3", K2),
        ("z1", K3),
        ("z2", K3),
        ("z3", K3),
    ]
    rows = [{"name": n, "kode_kec": k, "tahap": 2} for n, k in active]
    rows.append({"name": "g", "family": None, "kode_kec": K1, "tahap": 2})
    rows.append({"name": "x1", "kode_kec": K1, "tahap": 2, "status_kpm": "NONAKTIF"})
    return fx.kpm(rows)


@pytest.fixture(scope="module")
def case():
    fam, kp = _families(), _kpm()
    eng = Engine.from_frames(fam, kp, fx.disbursements([]))
    return eng, inputs.from_frames(eng.cube, fam, kp, PROGRAM, PERIODE)


def _by_kab(result) -> pd.DataFrame:
    return compare.comparison(result).set_index("kode")


def test_rule_a_matches_the_hand_worked_case(case):
    _, data = case
    result = reallocate.simulate(data, Rule("A"))
    kab = result.kab
    assert kab["keluar"].tolist() == [2, 1, 1]
    assert kab["keluar_meninggal"].tolist() == [1, 0, 0]
    assert kab["keluar_desil_atas"].tolist() == [1, 1, 1]
    assert kab["masuk"].tolist() == [2, 0, 1]
    assert kab["slot_tidak_terpakai"].tolist() == [0, 1, 0]
    assert kab["kuota_keluar"].tolist() == kab["kuota_masuk"].tolist() == [0, 0, 0]
    t = _by_kab(result)
    assert t.loc["18.01", ["cakupan_sasaran_num_sebelum", "cakupan_sasaran_den_sebelum"]].tolist() == [1, 6]
    assert t.loc["18.01", "cakupan_sasaran_sesudah"] == pytest.approx(3 / 6)
    assert t.loc["18.01", "cakupan_desil1_sesudah"] == pytest.approx(1.0)
    assert t.loc["18.01", "inklusi_sebelum"] == pytest.approx(3 / 4)
    assert t.loc["18.01", "inklusi_sesudah"] == pytest.approx(1 / 4)
    assert t.loc["18.02", "cakupan_sasaran_sesudah"] == pytest.approx(1.0)
    assert t.loc["18.02", "kuota_sesudah"] == 2
    assert t.loc["18.02", "inklusi_sesudah"] == pytest.approx(0.0)
    assert t.loc["18.03", "cakupan_sasaran_sebelum"] == pytest.approx(0.0)
    assert t.loc["18.03", "cakupan_sasaran_sesudah"] == pytest.approx(1 / 2)
    assert t.loc["18.03", "cakupan_desil1_sesudah"] == pytest.approx(1.0)
    assert t.loc["18.03", "inklusi_sesudah"] == pytest.approx(2 / 3)
    assert t.loc["18", "kuota_sebelum"] == 10
    assert t.loc["18", "kuota_sesudah"] == 9
    assert t.loc["18", "slot_tidak_terpakai"] == 1


def test_tie_on_desil_and_household_goes_to_the_lower_family_id(case):
    _, data = case
    result = reallocate.simulate(data, Rule("A"))
    chosen = reallocate.select(data.cand_kab, data.cand_rank, result.kab["slot"].to_numpy())
    k1 = data.cand_kab == 0
    order = data.cand_rank[k1].argsort()
    assert data.cand_desil[k1][order].tolist() == [1, 2, 2, 2, 4]  # x2, x4, x3, x1, x5
    assert chosen[k1][order].tolist() == [True, True, False, False, False]
    assert fx.hid("x4") < fx.hid("x3")


def test_rule_b_full_share_moves_the_unusable_slot_to_desil_1(case):
    _, data = case
    result = reallocate.simulate(data, Rule("B", 100))
    kab = result.kab
    assert kab["kuota_keluar"].tolist() == [2, 1, 1]
    assert kab["kuota_masuk"].tolist() == [2, 0, 2]
    assert kab["masuk"].tolist() == [2, 0, 2]
    assert kab["slot_tidak_terpakai"].tolist() == [0, 0, 0]
    t = _by_kab(result)
    assert t.loc["18.03", "cakupan_sasaran_sesudah"] == pytest.approx(1.0)
    assert t.loc["18", "kuota_sesudah"] == 10
    assert compare.summary(result)["kuota_dipindah"] == 1


def test_rule_b_half_share_tie_goes_to_the_lower_code(case):
    _, data = case
    result = reallocate.simulate(data, Rule("B", 50))
    assert result.kab["kuota_keluar"].tolist() == [1, 0, 0]
    assert result.kab["kuota_masuk"].tolist() == [1, 0, 0]
    assert result.kab["masuk"].tolist() == [2, 0, 1]


@pytest.mark.parametrize("rule", [Rule("A"), Rule("B", 0), Rule("B", 30), Rule("B", 100)])
def test_province_quota_is_conserved_exactly(case, rule):
    _, data = case
    result = reallocate.simulate(data, rule)
    assert result.quota_after == result.quota_before == 10
    assert int(result.kab["kuota_keluar"].sum()) == int(result.kab["kuota_masuk"].sum())


def test_share_zero_is_rule_a(case):
    _, data = case
    a = reallocate.simulate(data, Rule("A"))
    b0 = reallocate.simulate(data, Rule("B", 0))
    pd.testing.assert_frame_equal(a.kab, b0.kab)
    pd.testing.assert_frame_equal(a.after, b0.after)


def test_before_equals_the_engine(case):
    eng, data = case
    table = compare.comparison(reallocate.simulate(data, Rule("A"))).set_index("kode")
    for ind_id in compare.COMPARED:
        expected = eng.table(ind_id, program=PROGRAM, periode=PERIODE).set_index("kode")["value"]
        got = table[f"{ind_id}_sebelum"].reindex(expected.index)
        np.testing.assert_allclose(got.to_numpy(dtype=float), expected.to_numpy(dtype=float), equal_nan=True)


def test_simulation_is_deterministic(case):
    _, data = case
    first = compare.comparison(reallocate.simulate(data, Rule("B", 30)))
    second = compare.comparison(reallocate.simulate(data, Rule("B", 30)))
    pd.testing.assert_frame_equal(first, second)


def test_more_freed_slots_than_candidates_leave_unused_slots():
    """One kabupaten, 3 recipients above target, 1 excluded target family: 1 enters, 2 slots unused."""
    fam = fx.families([{"name": f"a{i}", "desil": 9} for i in range(3)] + [{"name": "b", "desil": 3}])
    kp = fx.kpm([{"name": f"a{i}", "tahap": 2} for i in range(3)])
    eng = Engine.from_frames(fam, kp, fx.disbursements([]))
    data = inputs.from_frames(eng.cube, fam, kp, PROGRAM, PERIODE)
    result = reallocate.simulate(data, Rule("B", 100))  # nowhere else to go: the pool returns home
    assert result.kab["masuk"].tolist() == [1]
    assert result.kab["slot_tidak_terpakai"].tolist() == [2]
    assert result.quota_after == result.quota_before == 3


def test_largest_remainder_worked_examples():
    """5 over equal weights → 1 each, 2 left to the lowest indices: [2, 2, 1].

    3 over weights [2, 1, 3] (W = 6): floors 6//6, 3//6, 9//6 = [1, 0, 1]; remainders [0, 3, 3];
    one unit left, tie 3 = 3 → the larger weight (index 2) → [1, 0, 2].
    """
    assert largest_remainder(5, np.array([1, 1, 1])).tolist() == [2, 2, 1]
    assert largest_remainder(3, np.array([2, 1, 3])).tolist() == [1, 0, 2]
    assert largest_remainder(0, np.array([0, 0])).tolist() == [0, 0]
    with pytest.raises(ValueError):
        largest_remainder(1, np.array([0, 0]))


def test_shift_quota_without_desil_1_returns_the_pool_home():
    out, into = shift_quota(np.array([4, 2]), np.array([0, 0]), 1.0)
    assert out.tolist() == into.tolist() == [4, 2]


def test_rule_validation():
    with pytest.raises(ValueError):
        Rule("C")
    with pytest.raises(ValueError):
        Rule("B", 120)
    assert Rule("A", 50).fraction == 0.0
