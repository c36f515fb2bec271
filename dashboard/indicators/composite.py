"""Indeks Presisi: a transparent composite of four rates, with ranks and rank change.

Components (each a fraction 0–1, higher is better) and default weights:

=================  ===========================  ======
component          indicator                    weight
=================  ===========================  ======
``cakupan``        cakupan_sasaran              0.25
``ketepatan``      1 − inklusi                  0.25
``realisasi``      realisasi_kpm                0.25
``tepat_waktu``    tepat_waktu                  0.25
=================  ===========================  ======

Normalisation is on the natural scale: score = 100 × value (0 = worst
possible, 100 = best possible). Fixed scales keep scores comparable between
periods (a min–max rescaling across regions would only restate the ranks).
Indeks = Σ wₖ scoreₖ / Σ wₖ. A region missing any component has no index
(NaN), because re-weighting silently would change the meaning of the number.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

#: component → (indicator id, transform) where transform "1-x" means 1 − value.
COMPONENTS: dict[str, tuple[str, str]] = {
    "cakupan": ("cakupan_sasaran", "x"),
    "ketepatan": ("inklusi", "1-x"),
    "realisasi": ("realisasi_kpm", "x"),
    "tepat_waktu": ("tepat_waktu", "x"),
}

DEFAULT_WEIGHTS: dict[str, float] = dict.fromkeys(COMPONENTS, 0.25)

COMPONENT_LABELS: dict[str, tuple[str, str]] = {
    "cakupan": ("Cakupan sasaran", "Coverage"),
    "ketepatan": ("Ketepatan sasaran (1 − inklusi)", "Targeting (1 − inclusion error)"),
    "realisasi": ("Realisasi KPM", "Delivery rate"),
    "tepat_waktu": ("Tepat waktu", "On-time rate"),
}


def component_scores(values: pd.DataFrame) -> pd.DataFrame:
    """Turn indicator values into 0–100 component scores.

    Parameters
    ----------
    values : DataFrame
        One column per indicator id named in :data:`COMPONENTS` (fractions).

    Returns
    -------
    DataFrame
        One column per component, same index.
    """
    out = {}
    for name, (ind_id, transform) in COMPONENTS.items():
        v = values[ind_id].astype(float)
        out[name] = 100 * (1 - v if transform == "1-x" else v)
    return pd.DataFrame(out, index=values.index)


def composite_index(scores: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.Series:
    """Weighted mean of component scores; NaN when any weighted component is missing.

    Parameters
    ----------
    scores : DataFrame
        Component scores 0–100 (columns from :data:`COMPONENTS`).
    weights : mapping, optional
        component → non-negative weight (default equal). Components with
        weight 0 are ignored; unknown names raise ``KeyError``.

    Returns
    -------
    Series
        The index, 0–100.
    """
    w = dict(DEFAULT_WEIGHTS if weights is None else weights)
    unknown = set(w) - set(COMPONENTS)
    if unknown:
        raise KeyError(f"komponen tidak dikenal: {sorted(unknown)}")
    used = {k: float(v) for k, v in w.items() if v > 0}
    if not used:
        raise ValueError("semua bobot nol (all weights are zero)")
    total = sum(used.values())
    part = scores[list(used)]
    value = (part * pd.Series(used)).sum(axis=1, min_count=1) / total
    return value.where(part.notna().all(axis=1), np.nan)


def rank_desc(values: pd.Series) -> pd.Series:
    """Rank 1 = highest value; ties share the best rank; NaN has no rank (``Int64``)."""
    return values.rank(ascending=False, method="min").astype("Int64")


def rank_change(rank_now: pd.Series, rank_before: pd.Series) -> pd.Series:
    """Return ``rank_before − rank_now`` (positive = moved up); NA when either is missing."""
    return (rank_before.astype("Int64") - rank_now.astype("Int64")).astype("Int64")
