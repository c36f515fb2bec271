"""The synthetic DTSEN registry: one row per family, calibrated per kabupaten.

Families per kabupaten are proportional to population (``penduduk_2024`` ÷
persons per family); the desil distribution is tilted towards desil 1–2 in
poorer kabupaten (``p0_2024_pct``). Everything is vectorised numpy.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from dashboard.synth import identity
from dashboard.synth.calendar import NO_DATE, day_number
from dashboard.synth.scenario import Scenario

KEBERADAAN = ("ADA", "MENINGGAL", "PINDAH", "TIDAK_DITEMUKAN")
PADAN = ("PADAN", "TIDAK_PADAN", "BELUM")
POS_BANK = 5  # index after the Himbara banks of the scenario


def kabupaten_table(desa: pd.DataFrame, kab_reference: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """Return the kabupaten present in the desa master with their weights.

    Parameters
    ----------
    desa : DataFrame
        Desa master (``kode_kab`` …).
    kab_reference : DataFrame
        :func:`dashboard.reference.kabupaten`.
    scenario : Scenario
        Calibration.

    Returns
    -------
    DataFrame
        ``kode_kab``, ``kode_bps``, ``nama_resmi``, ``nama_pendek``, ``jenis``,
        ``penduduk``, ``p0``, ``access``, ``pilot`` for each kabupaten in the
        master, ordered by code.
    """
    present = set(desa["kode_kab"].astype(str))
    kab = kab_reference[kab_reference["kode_kemendagri"].isin(present)].copy()
    p0 = kab["p0_2024_pct"].astype("float64")
    out = pd.DataFrame(
        {
            "kode_kab": kab["kode_kemendagri"].astype(str).to_numpy(),
            "kode_bps": kab["kode_bps"].astype(str).to_numpy(),
            "nama_resmi": kab["nama_resmi"].astype(str).to_numpy(),
            "nama_pendek": kab["nama_pendek"].astype(str).to_numpy(),
            "jenis": kab["jenis"].astype(str).to_numpy(),
            "penduduk": kab["penduduk_2024"].astype("float64").to_numpy(),
            "p0": p0.fillna(p0.mean()).to_numpy(),
        }
    )
    out["access"] = [scenario.access(k) for k in out["kode_kab"]]
    out["pilot"] = out["kode_kab"].isin(scenario["pilot"]["kabupaten"])
    return out.sort_values("kode_kab", ignore_index=True)


def desil_shares(p0: np.ndarray, p0_reference: float, scenario: Scenario) -> np.ndarray:
    """Return a (kabupaten × 10) matrix of desil shares tilted by poverty.

    Desil ``d`` is multiplied by ``t^((5.5 − d) / 4.5)`` with
    ``t = (p0 / p0_reference)^tilt``, then rows are renormalised: poorer
    kabupaten get more desil 1–2 families.
    """
    base = np.asarray(scenario["population"]["desil_shares"], dtype=float)
    tilt = (p0 / p0_reference) ** scenario["population"]["poverty_tilt"]
    power = (5.5 - np.arange(1, 11)) / 4.5
    shares = base[None, :] * tilt[:, None] ** power[None, :]
    return shares / shares.sum(axis=1, keepdims=True)


def build_families(
    desa: pd.DataFrame, kab: pd.DataFrame, scenario: Scenario, scale: float, rng: np.random.Generator
) -> pd.DataFrame:
    """Generate the registry families (truth, numeric codes).

    Parameters
    ----------
    desa : DataFrame
        Desa master ordered as the generator uses it (row position = ``desa_idx``).
    kab : DataFrame
        :func:`kabupaten_table`.
    scenario : Scenario
        Calibration.
    scale : float
        1.0 = Lampung's real size.
    rng : Generator
        Seeded generator.

    Returns
    -------
    DataFrame
        One row per family: ``kab_idx``, ``desa_idx``, ``desil_dtks``,
        ``desil`` (DTSEN, ``-1`` when missing), ``jml_art``, ``keberadaan``,
        ``tgl_meninggal``, ``padan``, identities, names, bank and account.
    """
    pop = scenario["population"]
    ident = scenario["identity"]
    n_kab = np.rint(kab["penduduk"].to_numpy() / pop["persons_per_family"] * scale).astype(np.int64)
    n_kab = np.maximum(n_kab, 1)
    kab_idx = np.repeat(np.arange(len(kab), dtype=np.int8), n_kab)
    n = int(n_kab.sum())

    # desa within kabupaten: lognormal weights per desa
    desa_kab = desa["kode_kab"].astype(str).to_numpy()
    desa_idx = np.empty(n, dtype=np.int32)
    start = 0
    weights_all = rng.lognormal(0.0, pop["desa_weight_sigma"], len(desa))
    for i, code in enumerate(kab["kode_kab"]):
        members = np.flatnonzero(desa_kab == code)
        w = weights_all[members] / weights_all[members].sum()
        desa_idx[start : start + n_kab[i]] = rng.choice(members, size=n_kab[i], p=w)
        start += n_kab[i]

    p0_reference = float(np.average(kab["p0"], weights=kab["penduduk"]))
    shares = desil_shares(kab["p0"].to_numpy(), p0_reference, scenario)
    cum = np.cumsum(shares, axis=1)[kab_idx]
    desil_dtks = (1 + (rng.random(n)[:, None] > cum).sum(axis=1)).clip(1, 10).astype(np.int8)
    shift = rng.choice(np.arange(-2, 3), size=n, p=pop["rerank_shift_probs"])
    desil = (desil_dtks + shift).clip(1, 10).astype(np.int8)
    desil[rng.random(n) < scenario["faults"]["desil_missing"]] = -1

    lo_p, hi_p = pop["jml_art_poor"]
    lo_o, hi_o = pop["jml_art_other"]
    poor = desil_dtks <= 4
    jml_art = np.where(poor, rng.integers(lo_p, hi_p + 1, n), rng.integers(lo_o, hi_o + 1, n)).astype(np.int8)

    u = rng.random(n)
    cuts = np.cumsum([pop["meninggal_share"], pop["pindah_share"], pop["tidak_ditemukan_share"]])
    keberadaan = ((np.searchsorted(cuts, u, side="right") + 1) % 4).astype(np.int8)  # beyond the cuts → ADA
    death_lo, death_hi = day_number(date(2023, 7, 1)), scenario_last_day(scenario)
    tgl_meninggal = np.where(keberadaan == 1, rng.integers(death_lo, death_hi, n), NO_DATE).astype(np.int32)
    lag = rng.exponential(scenario["targeting"]["deceased_lag_mean_days"], n).astype(np.int32)

    u = rng.random(n)
    padan = np.zeros(n, dtype=np.int8)
    padan[u < pop["tidak_padan_share"]] = 1
    padan[(u >= pop["tidak_padan_share"]) & (u < pop["tidak_padan_share"] + pop["belum_padan_share"])] = 2

    kec = desa["kode_kec"].astype(str).str.replace(".", "", regex=False).astype(np.int64).to_numpy()[desa_idx]
    female_head = rng.random(n) < ident["female_head_share"]
    birth_krt = identity.random_days(rng, n, ident["birth_year_min"], ident["birth_year_max"])
    birth_spouse = identity.random_days(rng, n, ident["birth_year_min"] + 5, ident["birth_year_max"] + 3)
    ids = identity.reserved_ids(
        np.r_[kec, kec],
        np.r_[identity.ddmmyy(birth_krt, female_head), identity.ddmmyy(birth_spouse, np.ones(n, bool))],
        ident["serial_min"],
        ident["serial_max"],
    )
    nik_krt, nik_spouse = ids[:n], ids[n:]
    kk_issue = identity.random_days(rng, n, 2005, 2023)
    kk = identity.reserved_ids(kec, identity.ddmmyy(kk_issue), ident["serial_min"], ident["serial_max"])
    nik_pengurus = np.where(female_head, nik_krt, nik_spouse)

    pay = scenario["payment"]
    access = kab["access"].to_numpy()[kab_idx]
    pos_share = pay["pos_share"][0] + (pay["pos_share"][1] - pay["pos_share"][0]) * access
    bank = rng.choice(len(pay["banks"]), size=n, p=pay["bank_probs"]).astype(np.int8)
    bank[rng.random(n) < pos_share] = POS_BANK
    norek_len = np.array([15, 10, 13, 10, 16, 12])[bank].astype(
        np.int64
    )  # BRI 15, Mandiri 13, BNI/BSI 10 [A] §8.14
    norek = rng.integers(10 ** (norek_len - 1), 10**norek_len)

    n_m, n_f, n_s = len(identity.MALE_NAMES), len(identity.FEMALE_NAMES), len(identity.SECOND_NAMES)
    krt_first = np.where(female_head, rng.integers(0, n_f, n), rng.integers(0, n_m, n)).astype(np.int16)
    peng_first = np.where(female_head, krt_first, rng.integers(0, n_f, n)).astype(np.int16)
    update_lo = day_number(date(2023, 1, 1))
    tgl_update = rng.integers(update_lo, scenario_last_day(scenario), n).astype(np.int32)
    return pd.DataFrame(
        {
            "kab_idx": kab_idx,
            "desa_idx": desa_idx,
            "desil_dtks": desil_dtks,
            "desil": desil,
            "jml_art": jml_art,
            "keberadaan": keberadaan,
            "tgl_meninggal": tgl_meninggal,
            "lag_days": lag,
            "padan": padan,
            "female_head": female_head,
            "nik_krt": nik_krt,
            "nik_pengurus": nik_pengurus,
            "kk": kk,
            "krt_first": krt_first,
            "krt_second": rng.integers(0, n_s, n).astype(np.int16),
            "peng_first": peng_first,
            "peng_second": rng.integers(0, n_s, n).astype(np.int16),
            "bank": bank,
            "norek": norek,
            "tgl_update": tgl_update,
        }
    )


def scenario_last_day(scenario: Scenario) -> int:
    """Return the day number of the scenario's report date."""
    return day_number(scenario.as_of)
