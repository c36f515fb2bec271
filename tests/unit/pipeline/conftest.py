from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "raw"
MIXED = FIXTURES / "campuran"
KEY = "kunci-uji-presisi"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PRESISI_PSEUDONYM_KEY", KEY)
    monkeypatch.setenv("PRESISI_SECRETS_DIR", str(tmp_path / "secrets"))
