"""Disparity between regions: gaps, ratio, weighted CV, Gini, Theil T (+ decomposition).

Notation: regions i = 1..n with indicator value yᵢ ≥ 0 and weight wᵢ > 0
(by default the indicator's denominator, so the weighted mean equals the
value recomputed from summed numerators and denominators); W = Σ wᵢ and
μ = Σ wᵢ yᵢ / W. Regions with a missing value or a non-positive weight are
dropped. With equal weights the Gini and Theil functions reproduce PySAL
``inequality.gini.Gini`` and ``inequality.theil.Theil/TheilD`` (tested).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray


def _clean(y: ArrayLike, w: ArrayLike | None) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    vals = np.asarray(y, dtype=float)
    weights = np.ones_like(vals) if w is None else np.asarray(w, dtype=float)
    keep = np.isfinite(vals) & np.isfinite(weights) & (weights > 0)
    return vals[keep], weights[keep]


def gap_to_reference(values: ArrayLike, reference: float) -> NDArray[np.float64]:
    """Return yᵢ − reference (e.g. the province value), in the indicator's unit."""
    return np.asarray(values, dtype=float) - reference


def gap_to_best(values: ArrayLike, direction: str) -> NDArray[np.float64]:
    """Return the distance of each region to the best region (≥ 0).

    ``higher_better``: max(y) − yᵢ; ``lower_better``: yᵢ − min(y). NaN stays NaN.
    """
    vals = np.asarray(values, dtype=float)
    if not np.isfinite(vals).any():
        return np.full(vals.shape, np.nan)
    if direction == "lower_better":
        return vals - np.nanmin(vals)
    return np.nanmax(vals) - vals


def ratio_max_min(values: ArrayLike) -> float:
    """Return max(y) ÷ min(y) over defined values (NaN if min is 0 or fewer than 2 values)."""
    vals, _ = _clean(values, None)
    if vals.size < 2 or vals.min() <= 0:
        return float("nan")
    return float(vals.max() / vals.min())


def weighted_cv(values: ArrayLike, weights: ArrayLike | None = None) -> float:
    """Weighted coefficient of variation.

    ``CV = sqrt(Σ wᵢ (yᵢ − μ)² / W) / μ`` (population form). NaN if μ = 0 or no data.
    """
    y, w = _clean(values, weights)
    if y.size == 0:
        return float("nan")
    mu = float(np.sum(w * y) / np.sum(w))
    if mu == 0:
        return float("nan")
    return float(np.sqrt(np.sum(w * (y - mu) ** 2) / np.sum(w)) / mu)


def weighted_gini(values: ArrayLike, weights: ArrayLike | None = None) -> float:
    """Weighted Gini coefficient (mean-difference form).

    ``G = Σᵢ Σⱼ wᵢ wⱼ |yᵢ − yⱼ| / (2 W² μ)``, computed in O(n log n) after
    sorting by y with Cᵢ the cumulative weight up to and including i::

        G = Σᵢ wᵢ yᵢ (2Cᵢ − wᵢ − W) / (W · Σᵢ wᵢ yᵢ)

    With equal weights this is PySAL's ``Gini(y).g``. NaN if Σ wy = 0 or no data.
    """
    y, w = _clean(values, weights)
    if y.size == 0:
        return float("nan")
    order = np.argsort(y, kind="stable")
    y, w = y[order], w[order]
    total_w = w.sum()
    total_wy = float(np.sum(w * y))
    if total_wy == 0:
        return float("nan")
    cum = np.cumsum(w)
    return float(np.sum(w * y * (2 * cum - w - total_w)) / (total_w * total_wy))


def _xlogx_ratio(y: NDArray[np.float64], mu: float) -> NDArray[np.float64]:
    r = y / mu
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(r > 0, r * np.log(np.where(r > 0, r, 1.0)), 0.0)


def weighted_theil(values: ArrayLike, weights: ArrayLike | None = None) -> float:
    """Weighted Theil T.

    ``T = Σᵢ (wᵢ/W) (yᵢ/μ) ln(yᵢ/μ)`` with 0·ln 0 = 0. Equal weights give
    PySAL's ``Theil(y).T``. NaN if μ = 0 or no data.
    """
    y, w = _clean(values, weights)
    if y.size == 0:
        return float("nan")
    mu = float(np.sum(w * y) / np.sum(w))
    if mu == 0:
        return float("nan")
    return float(np.sum(w / w.sum() * _xlogx_ratio(y, mu)))


@dataclass(frozen=True)
class TheilDecomposition:
    """Theil T split into between-group and within-group parts (total = between + within)."""

    total: float
    between: float
    within: float


def theil_decomposition(
    values: ArrayLike, groups: ArrayLike, weights: ArrayLike | None = None
) -> TheilDecomposition:
    """Exact between/within decomposition of the weighted Theil T.

    With groups g (kabupaten) of units i (kecamatan), group weight W_g, group
    mean μ_g and sᵍ = W_g μ_g / (W μ) the group's share of the weighted total::

        T_between = Σ_g s_g ln(μ_g / μ)
        T_within  = Σ_g s_g T_g          (T_g = Theil T inside group g)
        T         = T_between + T_within (exact identity)

    Equal weights reproduce PySAL ``TheilD(y, groups)`` (``bg`` and ``wg``).

    Parameters
    ----------
    values : array_like
        Unit values.
    groups : array_like
        Group label per unit.
    weights : array_like, optional
        Unit weights (equal when None).

    Returns
    -------
    TheilDecomposition
        NaN parts when there is no data or μ = 0.
    """
    vals = np.asarray(values, dtype=float)
    grp = np.asarray(groups, dtype=object)
    wts = np.ones_like(vals) if weights is None else np.asarray(weights, dtype=float)
    keep = np.isfinite(vals) & np.isfinite(wts) & (wts > 0)
    y, w, g = vals[keep], wts[keep], grp[keep]
    nan = float("nan")
    if y.size == 0:
        return TheilDecomposition(nan, nan, nan)
    total_w = w.sum()
    mu = float(np.sum(w * y) / total_w)
    if mu == 0:
        return TheilDecomposition(nan, nan, nan)
    total = float(np.sum(w / total_w * _xlogx_ratio(y, mu)))
    between = 0.0
    within = 0.0
    for label in dict.fromkeys(g.tolist()):
        mask = g == label
        wg, yg = w[mask], y[mask]
        w_sum = wg.sum()
        mu_g = float(np.sum(wg * yg) / w_sum)
        share = w_sum * mu_g / (total_w * mu)
        if share <= 0:
            continue
        between += share * np.log(mu_g / mu)
        within += share * float(np.sum(wg / w_sum * _xlogx_ratio(yg, mu_g)))
    return TheilDecomposition(total, float(between), float(within))
