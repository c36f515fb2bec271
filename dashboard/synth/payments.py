"""The payment chain: SP2D → credit/payout → withdrawal, with failures and returns.

Follows domain.md §1.3 and §7: treasury delay from period start to SP2D
(longer in the disrupted 2025 quarters and in remote kabupaten), bank lead
1–14 days, PT Pos 7–90 days, first-attempt failures with reasons, retries in a
later batch, returns to the treasury (retur), dormant accounts, and a fixed
report date after which nothing is known (PROSES).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.synth.calendar import NO_DATE, day_number, period_bounds, period_year_tahap
from dashboard.synth.population import POS_BANK
from dashboard.synth.scenario import Scenario, lerp

STATUS_SALUR = ("TERSALUR", "GAGAL", "RETUR", "PROSES")
KODE_GAGAL = (
    "REKENING_TIDAK_VALID",
    "GAGAL_BUREKOL",
    "NIK_TIDAK_PADAN",
    "KPM_MENINGGAL",
    "KPM_PINDAH",
    "TIDAK_DITEMUKAN",
    "KKS_BELUM_DIDISTRIBUSIKAN",
    "REKENING_DORMANT",
    "MENOLAK",
)


def _batches(act: pd.DataFrame, kab_of: np.ndarray, scenario: Scenario, rng) -> pd.DataFrame:
    """Expand active SK rows into payment batches (2024 Sembako sometimes in two)."""
    prog = scenario["programs"]["sembako"]
    n_kab = int(kab_of.max()) + 1 if len(kab_of) else 1
    split_table = rng.random((scenario["meta"]["n_periods"], n_kab)) < prog["split_2024_share"]
    period = act["period"].to_numpy()
    split = (act["program"].to_numpy() == 1) & (period < 4) & split_table[period, kab_of]
    src = np.r_[np.arange(len(act)), np.flatnonzero(split)]
    batch = np.r_[np.zeros(len(act), np.int8), np.ones(int(split.sum()), np.int8)]
    s = split[src]
    month0 = 3 * (period[src] % 4) + 1
    bulan_awal = np.where(s & (batch == 1), month0 + 2, month0)
    bulan_akhir = np.where(s & (batch == 0), month0 + 1, month0 + 2)
    nominal = act["nominal"].to_numpy()[src]
    alokasi = np.where(s, np.where(batch == 0, 2 * prog["monthly"], prog["monthly"]), nominal)
    return pd.DataFrame(
        {
            "src": src,
            "batch": batch,
            "bulan_awal": bulan_awal.astype(np.int8),
            "bulan_akhir": bulan_akhir.astype(np.int8),
            "alokasi": alokasi.astype(np.int64),
        }
    )


def disburse(
    kpm: pd.DataFrame, fam: pd.DataFrame, kab: pd.DataFrame, scenario: Scenario, rng: np.random.Generator
) -> pd.DataFrame:
    """Return the transaction truth: one row per payment attempt known at the report date.

    Parameters
    ----------
    kpm : DataFrame
        :func:`dashboard.synth.targeting.select` output.
    fam : DataFrame
        Registry families.
    kab : DataFrame
        Kabupaten table with ``access``.
    scenario : Scenario
        Calibration.
    rng : Generator
        Seeded generator.

    Returns
    -------
    DataFrame
        ``kpm_row``, ``fam``, ``program``, ``period``, ``batch``, ``attempt``,
        month range, ``sp2d``, ``sp2d_no``, ``bank``, amounts, dates (day
        numbers, ``-1`` = empty), ``status`` (index of :data:`STATUS_SALUR`),
        ``gagal`` (index of :data:`KODE_GAGAL`, ``-1``), ``trx_id``.
    """
    pay, meta = scenario["payment"], scenario["meta"]
    as_of = day_number(scenario.as_of)
    active = np.flatnonzero(kpm["status"].to_numpy() == 0)
    act = kpm.iloc[active]
    f = act["fam"].to_numpy()
    kab_of_act = fam["kab_idx"].to_numpy()[f].astype(np.int64)
    b = _batches(act, kab_of_act, scenario, rng)
    src = b["src"].to_numpy()
    m = len(src)
    fam_row = f[src]
    kab_i = kab_of_act[src]
    a = kab["access"].to_numpy()[kab_i]
    program = act["program"].to_numpy()[src]
    period = act["period"].to_numpy()[src].astype(np.int64)
    batch = b["batch"].to_numpy()

    n_p, n_k = meta["n_periods"], len(kab)
    access_k = kab["access"].to_numpy()[None, None, :, None]
    spread = pay["treasury_access_weight"]
    # delay = low + (high − low)·(w·access + (1 − w)·U): remote kabupaten sit high in the range
    position = spread * access_k + (1 - spread) * rng.random((2, n_p, n_k, 1))
    lo, hi = np.array([pay["treasury_delay_normal"]] * n_p, dtype=float).T
    for p in scenario["transition"]["disrupted_periods"]:
        lo[p], hi[p] = scenario["transition"]["treasury_delay_disrupted"]
    delay = (
        lo[None, :, None, None]
        + (hi - lo)[None, :, None, None] * position
        + access_k * pay["treasury_access_days"]
    )
    second = rng.uniform(*pay["second_batch_days"], (2, n_p, n_k, 1))
    delay = np.concatenate([delay, delay + second], axis=3).astype(np.int64)
    starts = np.array([period_bounds(p, meta["first_year"])[0] for p in range(n_p)], dtype=np.int64)
    late = rng.random(m) < lerp(pay["late_batch_share"], a)
    sp2d = (
        starts[period]
        + delay[program, period, kab_i, batch]
        + late * rng.integers(*pay["late_batch_days"], m)
    )
    years = np.array([period_year_tahap(p, meta["first_year"]) for p in range(n_p)])
    kab4 = kab["kode_kab"].str.replace(".", "", regex=False).astype(np.int64).to_numpy()
    sp2d_no = (
        (((years[period, 0] % 100) * 10 + program + 1) * 10 + years[period, 1]) * 10**6
        + kab4[kab_i] * 100
        + batch * 10
        + late
    )

    bank = fam["bank"].to_numpy()[fam_row]
    pos = bank == POS_BANK
    keberadaan = fam["keberadaan"].to_numpy()[fam_row]
    padan = fam["padan"].to_numpy()[fam_row]
    new = act["new"].to_numpy()[src]
    deceased = act["deceased_active"].to_numpy()[src]
    troubled = (padan != 0) | (keberadaan >= 2) | deceased
    p_fail = (
        np.where(new, lerp(pay["fail_new"], a), lerp(pay["fail_first"], a))
        + troubled * pay["fail_status_extra"]
    )
    fail1 = rng.random(m) < np.minimum(p_fail, 0.9)
    reason = _reasons(rng, m, new, padan, keberadaan, deceased)
    retry = fail1 & (rng.random(m) < pay["retry_share"])

    # attempt 1 rows + attempt 2 rows for retried failures
    r_idx = np.flatnonzero(retry)
    idx = np.r_[np.arange(m), r_idx]
    attempt = np.r_[np.ones(m, np.int8), np.full(len(r_idx), 2, np.int8)]
    sp2d_all = np.r_[sp2d, sp2d[r_idx] + rng.integers(*pay["retry_days"], len(r_idx))]
    failed = np.r_[fail1, rng.random(len(r_idx)) > pay["retry_success"]]
    final_fail = failed & ((attempt == 2) | ~retry[idx])
    n_all = len(idx)
    a_all, pos_all = a[idx], pos[idx]

    med_bank = lerp(pay["bank_lead_median"], a_all)
    lead_bank = np.clip(np.rint(rng.lognormal(np.log(med_bank), 0.5)), 1, pay["bank_lead_max"])
    med_pos = lerp(pay["pos_lead_median"], a_all)
    lead_pos = np.clip(np.rint(rng.lognormal(np.log(med_pos), pay["pos_lead_sigma"])), *pay["pos_lead_range"])
    kredit = sp2d_all + np.where(pos_all, lead_pos, lead_bank).astype(np.int64)

    status = np.zeros(n_all, np.int8)
    status[failed] = 1
    retur = final_fail & (sp2d_all + 90 <= as_of) & (rng.random(n_all) < pay["retur_share"])
    status[retur] = 2
    pending = ~failed & (kredit > as_of)
    status[pending] = 3
    kredit = np.where(status == 0, kredit, NO_DATE)
    tgl_retur = np.where(
        retur, np.minimum(sp2d_all + rng.integers(*pay["retur_days"], n_all), as_of), NO_DATE
    )

    dormant = rng.random(n_all) < lerp(pay["dormant"], a_all)
    late_draw = rng.random(n_all) < 0.5
    tarik = np.where(
        dormant,
        np.where(late_draw, kredit + rng.integers(91, 200, n_all), NO_DATE),
        kredit + rng.geometric(1.0 / pay["withdraw_mean_days"], n_all) - 1,
    )
    tarik = np.where(pos_all, kredit, tarik)
    tarik = np.where((status == 0) & (tarik <= as_of), tarik, NO_DATE)
    alokasi = b["alokasi"].to_numpy()[idx]

    columns = {
        "kpm_row": active[src[idx]].astype(np.int64),
        "fam": fam_row[idx].astype(np.int32),
        "program": program[idx].astype(np.int8),
        "period": period[idx].astype(np.int8),
        "batch": batch[idx],
        "attempt": attempt,
        "bulan_awal": b["bulan_awal"].to_numpy()[idx],
        "bulan_akhir": b["bulan_akhir"].to_numpy()[idx],
        "sp2d": sp2d_all.astype(np.int32),
        "sp2d_no": sp2d_no[idx],
        "bank": bank[idx],
        "alokasi": alokasi,
        "salur": np.where(status == 0, alokasi, 0).astype(np.int64),
        "kredit": kredit.astype(np.int32),
        "tarik": tarik.astype(np.int32),
        "status": status,
        "gagal": np.where(failed, reason[idx], -1).astype(np.int8),
        "tgl_retur": tgl_retur.astype(np.int32),
        "nominal_retur": np.where(retur, alokasi, 0).astype(np.int64),
        "dormant": dormant & (status == 0) & (kredit + 90 <= as_of) & ((tarik < 0) | (tarik > kredit + 90)),
    }
    keep = np.flatnonzero(columns["sp2d"] <= as_of)
    keys = ("program", "period", "sp2d", "kpm_row", "batch", "attempt")
    rows = keep[sort_order([columns[k][keep] for k in keys])]
    del keep
    # reorder one column at a time, dropping each unsorted original (halves the peak)
    trx = pd.DataFrame({name: columns.pop(name)[rows] for name in list(columns)}, copy=False)
    year = years[trx["period"].to_numpy(), 0].astype(np.int64)
    trx["trx_id"] = (
        (year % 100) * 10**11
        + (trx["program"].to_numpy().astype(np.int64) + 1) * 10**10
        + np.arange(len(trx))
    )
    return trx


def sort_order(keys: list[np.ndarray]) -> np.ndarray:
    """Return the stable order sorting rows by ``keys`` (first key most significant).

    Integer keys whose ranges fit in 63 bits together are packed into one
    int64, so a single stable argsort replaces a multi-key lexsort (same
    permutation); otherwise falls back to ``np.lexsort``.
    """
    if not keys or len(keys[0]) == 0:
        return np.arange(len(keys[0]) if keys else 0)
    packed = np.zeros(len(keys[0]), dtype=np.int64)
    bits = 0
    for key in keys:
        key = np.asarray(key).astype(np.int64)
        key -= key.min()
        width = max(int(key.max()).bit_length(), 1)
        bits += width
        if bits > 63:
            return np.lexsort(tuple(reversed(keys)))
        packed = (packed << width) | key
    return np.argsort(packed, kind="stable")


def _reasons(rng, m, new, padan, keberadaan, deceased) -> np.ndarray:
    """Pick a failure reason for every row from its circumstances."""
    generic = rng.choice([0, 7, 8, 6], size=m, p=[0.45, 0.35, 0.1, 0.1])
    reason = np.where(new, rng.choice([1, 6, 0], size=m, p=[0.5, 0.3, 0.2]), generic)
    reason = np.where(padan != 0, 2, reason)
    reason = np.where(keberadaan == 2, 4, reason)
    reason = np.where(keberadaan == 3, 5, reason)
    return np.where(deceased, 3, reason).astype(np.int8)
