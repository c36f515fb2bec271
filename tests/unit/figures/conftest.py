"""A small engine-like table for the figure builders (no data build needed)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def table() -> pd.DataFrame:
    """Four regions: three with values (one small-n), one without data."""
    return pd.DataFrame(
        {
            "kode": ["18.01", "18.02", "18.03", "18.04"],
            "nama": ["Lampung Selatan", "Lampung Tengah", "Lampung Utara", "Lampung Barat"],
            "numerator": [900.0, 700.0, 20.0, np.nan],
            "denominator": [1000.0, 1000.0, 25.0, 0.0],
            "value": [0.9, 0.7, 0.8, np.nan],
            "ci_low": [0.88, 0.67, 0.61, np.nan],
            "ci_high": [0.92, 0.73, 0.91, np.nan],
            "small_n": [False, False, True, False],
            "funnel": ["above", "below", "within", None],
            "funnel_95": ["above", "below", "within", None],
            "status": ["kuning", "merah", "merah", "tidak_ada_data"],
            "rank": pd.array([1, 3, 2, pd.NA], dtype="Int64"),
            "gap_provinsi": [0.1, -0.1, 0.0, np.nan],
        }
    )
