"""Uncertainty and fair comparison: Wilson intervals, small-n flags, funnel limits.

All functions are pure and vectorised over numpy arrays (scalars work too).
A zero denominator gives NaN ("no data"), never 0.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.stats import norm

#: Default minimum denominator below which a value is flagged as unstable.
SMALL_N = 30

WITHIN = "within"
ABOVE = "above"
BELOW = "below"


def z_value(level: float) -> float:
    """Return the two-sided standard-normal quantile for a confidence level (0.95 → 1.95996)."""
    return float(norm.ppf(0.5 + level / 2))


def rate(numerator: ArrayLike, denominator: ArrayLike) -> NDArray[np.float64]:
    """Return numerator ÷ denominator, NaN where the denominator is 0 or missing."""
    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def wilson(
    successes: ArrayLike, n: ArrayLike, level: float = 0.95
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Wilson score interval for a binomial proportion.

    With p̂ = k/n and z the two-sided quantile::

        centre = (p̂ + z²/(2n)) / (1 + z²/n)
        half   = z / (1 + z²/n) · sqrt(p̂(1 − p̂)/n + z²/(4n²))
        [low, high] = [centre − half, centre + half]

    Parameters
    ----------
    successes, n : array_like
        Counts; ``n == 0`` gives NaN bounds.
    level : float
        Confidence level.

    Returns
    -------
    (ndarray, ndarray)
        Lower and upper bounds, clipped to [0, 1].
    """
    k = np.asarray(successes, dtype=float)
    size = np.asarray(n, dtype=float)
    z = z_value(level)
    ok = size > 0
    safe = np.where(ok, size, 1.0)
    p = k / safe
    denom = 1 + z**2 / safe
    centre = (p + z**2 / (2 * safe)) / denom
    half = z / denom * np.sqrt(np.clip(p * (1 - p), 0, None) / safe + z**2 / (4 * safe**2))
    low = np.where(ok, np.clip(centre - half, 0, 1), np.nan)
    high = np.where(ok, np.clip(centre + half, 0, 1), np.nan)
    return low, high


def small_n(n: ArrayLike, minimum: int = SMALL_N) -> NDArray[np.bool_]:
    """Return True where the denominator is below ``minimum`` (0 and NaN included)."""
    size = np.asarray(n, dtype=float)
    return ~(size >= minimum)


def funnel_limits(
    p0: float, n: ArrayLike, level: float = 0.998
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Funnel-plot control limits around a reference proportion.

    Normal approximation to the binomial: ``p0 ± z·sqrt(p0(1 − p0)/n)``,
    clipped to [0, 1]; z = 1.960 for 95 % and 3.090 for 99.8 %.

    Parameters
    ----------
    p0 : float
        Reference (province) proportion.
    n : array_like
        Denominators; ``n == 0`` gives NaN limits.
    level : float
        Two-sided coverage (0.95 or 0.998 by convention).

    Returns
    -------
    (ndarray, ndarray)
        Lower and upper limits.
    """
    size = np.asarray(n, dtype=float)
    ok = (size > 0) & np.isfinite(p0)
    safe = np.where(ok, size, 1.0)
    half = z_value(level) * np.sqrt(max(p0 * (1 - p0), 0.0) / safe) if np.isfinite(p0) else np.nan
    low = np.where(ok, np.clip(p0 - half, 0, 1), np.nan)
    high = np.where(ok, np.clip(p0 + half, 0, 1), np.nan)
    return low, high


def funnel_flag(value: ArrayLike, n: ArrayLike, p0: float, level: float = 0.998) -> NDArray[np.object_]:
    """Classify each region against the funnel limits.

    Parameters
    ----------
    value : array_like
        Regional proportions.
    n : array_like
        Their denominators.
    p0 : float
        Reference (province) proportion.
    level : float
        Funnel coverage; 0.998 by default (the usual "outside control" limit).

    Returns
    -------
    ndarray of object
        ``"within"``, ``"above"``, ``"below"``, or None where the value or the
        limits are undefined.
    """
    val = np.asarray(value, dtype=float)
    low, high = funnel_limits(p0, n, level)
    out = np.full(val.shape, None, dtype=object)
    defined = np.isfinite(val) & np.isfinite(low)
    out[defined] = WITHIN
    out[defined & (val > high)] = ABOVE
    out[defined & (val < low)] = BELOW
    return out


def traffic_light(
    value: ArrayLike, hijau: float | None, merah: float | None, direction: str
) -> NDArray[np.object_]:
    """Return ``hijau``/``kuning``/``merah``/``tidak_ada_data``/``tanpa_ambang`` per value.

    Parameters
    ----------
    value : array_like
        Indicator values.
    hijau, merah : float or None
        Cut points (None → ``tanpa_ambang`` for defined values).
    direction : str
        ``higher_better`` (≥ hijau green, < merah red) or ``lower_better``
        (≤ hijau green, > merah red); anything else → ``tanpa_ambang``.

    Returns
    -------
    ndarray of object
    """
    val = np.asarray(value, dtype=float)
    out = np.full(val.shape, "tidak_ada_data", dtype=object)
    defined = np.isfinite(val)
    if hijau is None or merah is None or direction not in ("higher_better", "lower_better"):
        out[defined] = "tanpa_ambang"
        return out
    out[defined] = "kuning"
    if direction == "higher_better":
        out[defined & (val >= hijau)] = "hijau"
        out[defined & (val < merah)] = "merah"
    else:
        out[defined & (val <= hijau)] = "hijau"
        out[defined & (val > merah)] = "merah"
    return out
