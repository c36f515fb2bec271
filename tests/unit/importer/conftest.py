from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "raw" / "campuran"
SECRET = b"kunci-uji-impor"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PRESISI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PRESISI_AUDIT_FILE", str(tmp_path / "data" / "audit" / "audit.jsonl"))
    monkeypatch.setenv("PRESISI_PSEUDONYM_KEY", "kunci-uji-impor")
    monkeypatch.setenv("PRESISI_SECRETS_DIR", str(tmp_path / "secrets"))
    monkeypatch.delenv("PRESISI_PROCESSED_DIR", raising=False)
    monkeypatch.delenv("PRESISI_SETTINGS_FILE", raising=False)


@pytest.fixture
def base_files(tmp_path: Path) -> dict[str, Path]:
    """Copies of the three tiny fixture exports (registry, penetapan_kpm, transaksi_salur)."""
    folder = tmp_path / "base"
    folder.mkdir()
    out = {}
    for path in sorted(FIXTURES.glob("*.csv")):
        target = folder / path.name
        target.write_bytes(path.read_bytes())
        out[path.name.split("_2025")[0]] = target
    return out


def tree_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below ``folder``."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
