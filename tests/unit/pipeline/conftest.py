from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "raw"
MIXED = FIXTURES / "campuran"
KEY = "kunci-uji-presisi"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PRESISI_PSEUDONYM_KEY", KEY)
    monkeypatch.setenv("PRESISI_SECRETS_DIR", str(tmp_path / "secrets"))


@pytest.fixture
def desa_master() -> pd.DataFrame:
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
