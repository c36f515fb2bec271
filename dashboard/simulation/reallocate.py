"""The reallocation arithmetic: integers in, integers out, same answer every time.

See :mod:`dashboard.simulation.rules` for the rules in words. Every function
here is pure and works on per-kabupaten numpy arrays in the order of
:attr:`Inputs.kabupaten <dashboard.simulation.inputs.Inputs.kabupaten>`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.simulation.inputs import Inputs
from dashboard.simulation.rules import Rule


def largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Split ``total`` integer units in proportion to integer ``weights`` (Hamilton method).

    Each region first gets ``floor(total × wᵢ / W)``; the units left go one
    each to the largest remainders. Ties go to the larger weight, then to the
    lower index. Exact integer arithmetic (no floating point).

    Parameters
    ----------
    total : int
        Units to share (≥ 0).
    weights : ndarray of int
        Non-negative weights.

    Returns
    -------
    ndarray of int
        Shares summing to ``total``; all zero when ``total`` is 0. Raises
        ``ValueError`` when ``total > 0`` and every weight is 0.
    """
    w = np.asarray(weights, dtype=np.int64)
    if total == 0:
        return np.zeros(w.shape, dtype=np.int64)
    big_w = int(w.sum())
    if big_w <= 0:
        raise ValueError("tidak ada bobot positif untuk membagi kuota")
    products = [int(total) * int(x) for x in w]  # Python ints: no overflow
    base = np.array([p // big_w for p in products], dtype=np.int64)
    remainder = [p % big_w for p in products]
    left = int(total) - int(base.sum())
    order = sorted(range(len(w)), key=lambda i: (-remainder[i], -int(w[i]), i))
    for i in order[:left]:
        base[i] += 1
    return base


def shift_quota(freed: np.ndarray, excluded_d1: np.ndarray, share: float) -> tuple[np.ndarray, np.ndarray]:
    """Pool part of each kabupaten's freed slots and share the pool by excluded desil-1 families.

    Parameters
    ----------
    freed : ndarray of int
        Slots freed per kabupaten.
    excluded_d1 : ndarray of int
        Excluded desil-1 families per kabupaten (the pool's weights).
    share : float
        Fraction 0–1 of each kabupaten's freed slots put in the pool
        (``floor(share × freed)``).

    Returns
    -------
    (out, in) : tuple of ndarray of int
        Slots each kabupaten gives to and receives from the pool
        (``out.sum() == in.sum()``). With no excluded desil-1 family anywhere
        the pool returns to its origin (``in == out``).
    """
    freed = np.asarray(freed, dtype=np.int64)
    out = np.floor(share * freed + 1e-9).astype(np.int64)
    out = np.minimum(out, freed)
    pool = int(out.sum())
    if pool == 0 or int(np.asarray(excluded_d1).sum()) == 0:
        return out, out.copy()
    return out, largest_remainder(pool, excluded_d1)


def select(cand_kab: np.ndarray, cand_rank: np.ndarray, slots: np.ndarray) -> np.ndarray:
    """Mark the candidates who get a slot: the first ``slots[k]`` of each kabupaten's refill order."""
    if len(cand_kab) == 0:
        return np.zeros(0, dtype=bool)
    return cand_rank < np.asarray(slots, dtype=np.int64)[cand_kab]


@dataclass(frozen=True)
class Result:
    """One simulation.

    Attributes
    ----------
    inputs : Inputs
    rule : Rule
    kab : DataFrame
        Per kabupaten (index = code): ``keluar`` (recipients removed) and
        ``keluar_<reason>``, ``kuota_keluar``/``kuota_masuk`` (slots given to /
        taken from the province pool), ``slot`` (slots to refill), ``calon``
        (excluded target families available), ``masuk`` (families added),
        ``masuk_desil1``, ``slot_tidak_terpakai`` (slots left unused).
    after : DataFrame
        ``inputs.before`` with the counts after the reallocation (same rows).
    """

    inputs: Inputs
    rule: Rule
    kab: pd.DataFrame
    after: pd.DataFrame

    @property
    def quota_before(self) -> int:
        """Active KPM slots before (the budget in slots)."""
        return int(self.inputs.before["kpm_aktif"].sum())

    @property
    def quota_after(self) -> int:
        """Active KPM after plus unused slots (equals :attr:`quota_before`)."""
        return int(self.after["kpm_aktif"].sum() + self.kab["slot_tidak_terpakai"].sum())


def simulate(inputs: Inputs, rule: Rule) -> Result:
    """Run one rule on the inputs (pure and deterministic).

    Parameters
    ----------
    inputs : Inputs
    rule : Rule

    Returns
    -------
    Result
    """
    before = inputs.before
    n_kab = len(inputs.kabupaten)
    kab_idx = before["kab"].to_numpy()
    reasons = [c for c in before.columns if c.startswith("keluar_")]
    freed = np.bincount(kab_idx, weights=before["keluar"], minlength=n_kab).astype(np.int64)
    calon = np.bincount(kab_idx, weights=before["sasaran"] - before["sasaran_penerima"], minlength=n_kab)
    calon = calon.astype(np.int64)
    excluded_d1 = np.bincount(kab_idx, weights=before["desil1"] - before["desil1_penerima"], minlength=n_kab)
    excluded_d1 = excluded_d1.astype(np.int64)
    d1 = inputs.cand_desil == 1
    out, into = shift_quota(freed, excluded_d1, rule.fraction)
    slots = freed - out + into
    chosen = select(inputs.cand_kab, inputs.cand_rank, slots)
    masuk_row = np.bincount(inputs.cand_row[chosen], minlength=len(before)).astype(np.int64)
    masuk_d1_row = np.bincount(inputs.cand_row[chosen & d1], minlength=len(before)).astype(np.int64)
    masuk = np.bincount(inputs.cand_kab[chosen], minlength=n_kab).astype(np.int64)
    masuk_d1 = np.bincount(inputs.cand_kab[chosen & d1], minlength=n_kab).astype(np.int64)

    kab = pd.DataFrame(
        {
            "keluar": freed,
            **{r: np.bincount(kab_idx, weights=before[r], minlength=n_kab).astype(np.int64) for r in reasons},
            "kuota_keluar": out,
            "kuota_masuk": into,
            "slot": slots,
            "calon": calon,
            "calon_desil1": excluded_d1,
            "masuk": masuk,
            "masuk_desil1": masuk_d1,
            "slot_tidak_terpakai": slots - masuk,
        },
        index=pd.Index(inputs.kabupaten, name="kode"),
    )
    after = before.copy()
    keluar = before["keluar"].to_numpy()
    after["kpm_aktif"] = before["kpm_aktif"] - keluar + masuk_row
    after["penerima_bukan_sasaran"] = before["penerima_bukan_sasaran"] - keluar
    after["sasaran_penerima"] = before["sasaran_penerima"] + masuk_row
    after["desil1_penerima"] = before["desil1_penerima"] + masuk_d1_row
    after["keluar"] = keluar
    after["masuk"] = masuk_row
    return Result(inputs=inputs, rule=rule, kab=kab, after=after)
