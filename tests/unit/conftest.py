"""Fixtures shared by the unit tests of the pipeline and the importer."""

import pandas as pd
import pytest


@pytest.fixture
def desa_master() -> pd.DataFrame:
    """A five-desa master list in four kabupaten (codes real in form, names invented)."""
    codes = ["18.01.04.2001", "18.01.04.2002", "18.04.01.2001", "18.07.05.2003", "18.72.01.1001"]
    return pd.DataFrame(
        {
            "kode_desa": codes,
            "nama_desa": ["Satu", "Dua", "Tiga", "Empat", "Lima"],
            "kode_kec": [c[:8] for c in codes],
            "nama_kec": ["A", "A", "B", "C", "D"],
            "kode_kab": [c[:5] for c in codes],
            "lon": [105.0] * 5,
            "lat": [-5.0] * 5,
        }
    )
