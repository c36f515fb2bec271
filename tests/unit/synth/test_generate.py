from __future__ import annotations

import numpy as np
import pytest

from dashboard.synth import generate, load_scenario
from dashboard.synth.truth import kpm_summary, targeting_summary

FAMILIES_FULL = 9_144_263 / 3.04
REMOTE = ("18.07", "18.02", "18.08", "18.13")
KOTA = ("18.71", "18.72")


@pytest.fixture(scope="module")
def data(desa_all):
    return generate(desa_all, seed=7, scale=0.01)


def test_generate_scale_registry_size_matches_population(data):
    assert len(data.families) == pytest.approx(FAMILIES_FULL * 0.01, rel=0.01)


def test_generate_scale_programme_counts_match_quotas(data):
    kpm = data.kpm
    per = kpm.groupby(["program", "period"]).size()
    assert per[(0, 0)] == pytest.approx(424_050 * 0.01, rel=0.03)
    assert per[(1, 0)] == pytest.approx(692_198 * 0.01, rel=0.03)
    assert per[(1, 6)] == pytest.approx(517_401 * 0.01, rel=0.03)


def test_generate_desil_1_to_4_share_near_45_percent(data):
    assert (data.families["desil_dtks"] <= 4).mean() == pytest.approx(0.45, abs=0.03)


def test_generate_inclusion_error_within_calibrated_range(data):
    outside = 1 - data.kpm["in_target"].mean()
    assert 0.10 <= outside <= 0.35


def test_generate_remote_kabupaten_worse_exclusion_than_kota(data):
    t = targeting_summary(data)
    t = t[(t["program"] == "PKH") & (t["periode"] == "2024-T1")].set_index("kode_kab")
    excl = 1 - t["desil1_tercakup"] / t["keluarga_desil1"]
    assert excl[list(REMOTE)].mean() > excl[list(KOTA)].mean() + 0.1


def test_generate_remote_kabupaten_longer_treasury_delay_than_kota(data):
    s = kpm_summary(data)
    remote = s[s["kode_kab"].isin(REMOTE)]["hari_sp2d"].median()
    kota = s[s["kode_kab"].isin(KOTA)]["hari_sp2d"].median()
    assert remote > kota


def test_generate_transition_quarters_delayed_and_poorly_realised(data):
    s = kpm_summary(data).groupby("periode")[["aktif", "tersalur_akhir_periode"]].sum()
    ratio = s["tersalur_akhir_periode"] / s["aktif"]
    assert ratio["2025-T1"] < 0.75
    assert ratio["2024-T2"] > 0.8


def test_generate_nik_and_kk_serials_all_reserved(data):
    fam = data.families
    for column in ("nik_krt", "nik_pengurus", "kk"):
        serial = fam[column].to_numpy() % 10_000
        assert serial.min() >= 9000 and serial.max() <= 9999


def test_generate_nik_unique_across_people(data):
    fam = data.families
    people = np.r_[fam["nik_krt"].to_numpy(), fam.loc[~fam["female_head"], "nik_pengurus"].to_numpy()]
    assert len(np.unique(people)) == len(people)


def test_generate_women_nik_day_plus_40(data):
    fam = data.families
    day = fam["nik_pengurus"].to_numpy() // 10**8 % 100
    assert day.min() >= 41 and day.max() <= 71


def test_generate_2025_exits_in_transition_range(data):
    kpm = data.kpm[data.kpm["program"] == 1]
    before = set(kpm.loc[kpm["period"] == 3, "fam"])
    after = set(kpm.loc[kpm["period"] == 5, "fam"])
    exits = len(before - after) / len(before)
    assert 0.15 <= exits <= 0.45


def test_generate_gagal_first_attempt_within_range(data):
    first = data.trx[data.trx["attempt"] == 1]
    rate = first["status"].isin([1, 2]).mean()
    assert 0.02 <= rate <= 0.08


def test_generate_invalid_scale_raises(desa_three):
    with pytest.raises(ValueError):
        generate(desa_three, seed=1, scale=0, scenario=load_scenario())
