"""Who is ditetapkan (listed in the SK) for each programme and quarter.

Per kabupaten and period a quota is filled lowest-desil-first from the
programme's target desil, after an access-driven share of target families is
missed (exclusion), and an access-driven share of the quota goes to families
above the target desil (inclusion error). Rankings persist within a targeting
regime (DTKS until 2025-T1, DTSEN from 2025-T2, DTSEN + digital pilot from
2026-T1 in pilot kabupaten); at each regime change only ``persist`` of the
families keep their ranking noise, which produces the 2025 exits.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from dashboard.synth.calendar import period_bounds
from dashboard.synth.scenario import Scenario, lerp

PROGRAMS = ("PKH", "SEMBAKO")
STATUS_KPM = ("AKTIF", "NONAKTIF", "GRADUASI", "DIALIHKAN", "TANGGUH")
ALASAN = ("", "TIDAK MEMENUHI KRITERIA DESIL", "GRADUASI MANDIRI", "ALIH KUOTA", "DITANGGUHKAN SEMENTARA")


def regime_of(period: int, scenario: Scenario) -> int:
    """Return the targeting regime of a period: 0 DTKS, 1 DTSEN, 2 DTSEN + pilot."""
    if period >= scenario["pilot"]["from_period"]:
        return 2
    return 1 if period >= scenario["transition"]["dtsen_from_period"] else 0


def _group_rank(group: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Return the order sorting by (group, key) ascending, ties by position.

    Same permutation as ``np.lexsort((key, group))``: a stable sort by key,
    then a stable (radix) sort by the small integer group.
    """
    by_key = np.argsort(key, kind="stable")
    return by_key[np.argsort(group[by_key].astype(np.int16), kind="stable")]


def _take_per_group(order: np.ndarray, group: np.ndarray, ok: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Select the first ``k[g]`` rows with ``ok`` of each group along ``order``.

    ``order`` must list the rows group by group (as :func:`_group_rank` does).
    """
    g_sorted = group[order]
    bounds = np.flatnonzero(np.r_[True, g_sorted[1:] != g_sorted[:-1], True])
    chosen = np.zeros(len(group), dtype=bool)
    for start, stop in itertools.pairwise(bounds):
        rows = order[start:stop]
        want = int(k[g_sorted[start]])
        if want > 0:
            chosen[rows[np.flatnonzero(ok[rows])[:want]]] = True
    return chosen


def _regime_noise(n: int, fam: pd.DataFrame, kab: pd.DataFrame, scenario: Scenario, rng) -> list[dict]:
    persist = scenario["targeting"]["persist"]
    pilot_fam = kab["pilot"].to_numpy()[fam["kab_idx"].to_numpy()]
    noise: list[dict] = [{k: rng.random(n) for k in ("missed", "rank", "incl")}]
    keep = rng.random(n) < persist
    noise.append({k: np.where(keep, v, rng.random(n)) for k, v in noise[0].items()})
    keep = (rng.random(n) < persist) | ~pilot_fam
    noise.append({k: np.where(keep, v, rng.random(n)) for k, v in noise[1].items()})
    return noise


def select(
    fam: pd.DataFrame, kab: pd.DataFrame, scenario: Scenario, quota_factor: float, rng: np.random.Generator
) -> pd.DataFrame:
    """Return the penetapan truth: one row per family × programme × period.

    Parameters
    ----------
    fam : DataFrame
        :func:`dashboard.synth.population.build_families`.
    kab : DataFrame
        :func:`dashboard.synth.population.kabupaten_table`.
    scenario : Scenario
        Calibration.
    quota_factor : float
        Scale × population share of the kabupaten present in the master.
    rng : Generator
        Seeded generator.

    Returns
    -------
    DataFrame
        ``fam``, ``program`` (0 PKH, 1 SEMBAKO), ``period``, ``status``
        (index of :data:`STATUS_KPM`), ``alasan``, ``nominal``, ``new``,
        ``deceased_active``, ``in_target``, ``missed_d1`` helpers.
    """
    meta, tgt = scenario["meta"], scenario["targeting"]
    n = len(fam)
    kab_idx = fam["kab_idx"].to_numpy().astype(np.int64)
    access = kab["access"].to_numpy()
    pilot = kab["pilot"].to_numpy()
    desil_by_regime = [
        fam["desil_dtks"].to_numpy(),
        np.where(fam["desil"] > 0, fam["desil"], fam["desil_dtks"]),
    ]
    noise = _regime_noise(n, fam, kab, scenario, rng)
    death = fam["tgl_meninggal"].to_numpy().astype(np.int64)
    dead_until = np.where(death >= 0, death + fam["lag_days"].to_numpy(), np.iinfo(np.int64).max)
    pkh_amount = _pkh_amounts(n, scenario, rng)
    frames = []
    for g, name in enumerate(PROGRAMS):
        prog = scenario["programs"][name.lower()]
        dmax = prog["desil_max"]
        previous = np.zeros(n, dtype=bool)
        cache: dict[int, tuple] = {}
        for p in range(meta["n_periods"]):
            r = regime_of(p, scenario)
            desil = desil_by_regime[min(r, 1)]
            if r not in cache:
                factor_i = np.where(pilot & (r == 2), scenario["pilot"]["inclusion_factor"], 1.0)
                factor_e = np.where(pilot & (r == 2), scenario["pilot"]["exclusion_factor"], 1.0)
                incl = lerp([tgt["inclusion_min"], tgt["inclusion_max"]], access) * factor_i
                excl = lerp([tgt["exclusion_d1_min"], tgt["exclusion_d1_max"]], access) * factor_e
                z = noise[r]
                target = desil <= dmax
                missed = target & (z["missed"] < excl[kab_idx])
                key_t = np.where(target & ~missed, desil + tgt["rank_softness"] * z["rank"], np.inf)
                weight = np.exp(-tgt["inclusion_decay"] * (desil - dmax - 1))
                key_i = np.where(~target, -np.log(z["incl"]) / weight, np.inf)
                n_target = np.bincount(kab_idx, weights=target, minlength=len(kab))
                cache[r] = (
                    incl,
                    target,
                    missed,
                    key_t,
                    key_i,
                    _group_rank(kab_idx, key_t),
                    _group_rank(kab_idx, key_i),
                    n_target,
                )
            incl, target, missed, key_t, key_i, order_t, order_i, n_target = cache[r]
            start, _ = period_bounds(p, meta["first_year"])
            alive = dead_until > start
            quota = prog["quota"][p // 4] * quota_factor
            quota_k = np.rint(quota * n_target / max(n_target.sum(), 1)).astype(np.int64)
            n_incl = np.rint(quota_k * incl).astype(np.int64)
            chosen = _take_per_group(order_t, kab_idx, alive & np.isfinite(key_t), quota_k - n_incl)
            chosen |= _take_per_group(order_i, kab_idx, alive & np.isfinite(key_i), n_incl)
            rows = np.flatnonzero(chosen)
            new = ~previous[rows] if p > 0 else rng.random(len(rows)) < tgt["new_kpm_share_first"]
            previous = chosen
            status = np.zeros(len(rows), dtype=np.int8)
            off = rng.random(len(rows)) < tgt["nonaktif_share"]
            status[off] = rng.choice([1, 2, 3, 4] if g == 0 else [1, 3, 4], size=int(off.sum()))
            nominal = (
                pkh_amount[p // 4][rows] if g == 0 else np.full(len(rows), 3 * prog["monthly"], np.int64)
            )
            frames.append(
                pd.DataFrame(
                    {
                        "fam": rows.astype(np.int32),
                        "program": np.int8(g),
                        "period": np.int8(p),
                        "status": status,
                        "alasan": status,
                        "nominal": np.where(status == 0, nominal, 0).astype(np.int64),
                        "new": new,
                        "deceased_active": (death[rows] >= 0) & (death[rows] < start) & (status == 0),
                        "in_target": target[rows],
                        "excluded_d1_missed": missed[rows],
                    }
                )
            )
    kpm = pd.concat(frames, ignore_index=True)
    kab4 = kab["kode_kab"].str.replace(".", "", regex=False).astype(np.int64).to_numpy()
    kpm["id_kpm"] = (
        (kpm["program"].astype(np.int64) + 1) * 10**12 + kab4[kab_idx[kpm["fam"]]] * 10**8 + kpm["fam"]
    )
    return kpm


def _pkh_amounts(n: int, scenario: Scenario, rng: np.random.Generator) -> list[np.ndarray]:
    """Return per-year per-tahap PKH amounts of every family (components drawn per year)."""
    pkh = scenario["programs"]["pkh"]
    values = np.asarray(pkh["component_amount"], dtype=np.int64)
    out = []
    for _ in range((scenario["meta"]["n_periods"] + 3) // 4):
        k = 1 + rng.choice(len(pkh["n_components_probs"]), size=n, p=pkh["n_components_probs"])
        k = np.minimum(k, pkh["cap"])
        comp = rng.choice(len(values), size=(pkh["cap"], n), p=pkh["component_probs"])
        used = np.arange(pkh["cap"])[:, None] < k[None, :]
        out.append((values[comp] * used).sum(axis=0))
    return out
