import pandas as pd
import pytest

from dashboard.indicators import composite as c


def _values():
    return pd.DataFrame(
        {
            "cakupan_sasaran": [0.5, 0.8, None],
            "inklusi": [0.2, 0.1, 0.3],
            "realisasi_kpm": [0.9, 0.7, 0.8],
            "tepat_waktu": [0.6, 0.6, 0.5],
        },
        index=["A", "B", "C"],
    )


def test_composite_equal_weights_hand_value():
    """A: scores 50, 80, 90, 60 → 70; B: 80, 90, 70, 60 → 75; C missing coverage → NaN."""
    idx = c.composite_index(c.component_scores(_values()))
    assert idx["A"] == pytest.approx(70.0)
    assert idx["B"] == pytest.approx(75.0)
    assert pd.isna(idx["C"])


def test_composite_custom_weights_hand_value():
    """Only realisasi (w 3) and tepat_waktu (w 1): A = (3·90 + 60)/4 = 82.5; C = (240 + 50)/4 = 72.5."""
    idx = c.composite_index(c.component_scores(_values()), {"realisasi": 3, "tepat_waktu": 1})
    assert idx["A"] == pytest.approx(82.5)
    assert idx["C"] == pytest.approx(72.5)


def test_rank_and_rank_change():
    """Index (70, 75, NaN) → ranks (2, 1, NA); before (1, 2, 3) → change (−1, +1, NA)."""
    now = c.rank_desc(pd.Series([70.0, 75.0, None], index=list("ABC")))
    change = c.rank_change(now, pd.Series([1, 2, 3], index=list("ABC")))
    assert now.tolist() == [2, 1, pd.NA]
    assert change.tolist() == [-1, 1, pd.NA]


def test_composite_unknown_component_raises():
    with pytest.raises(KeyError):
        c.composite_index(c.component_scores(_values()), {"bogus": 1})
