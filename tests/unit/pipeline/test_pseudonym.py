from __future__ import annotations

import stat
from pathlib import Path

import pandas as pd
import pytest

from dashboard import pseudonym


def test_key_from_env_used() -> None:
    assert pseudonym.key() == b"kunci-uji-presisi"


def test_key_without_env_file_created_mode_0600(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PRESISI_PSEUDONYM_KEY")
    first = pseudonym.key()
    path = tmp_path / "secrets" / "pseudonym.key"
    assert len(first) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert pseudonym.key() == first  # stable on second use


def test_pseudonymise_same_value_same_hash_missing_stays_missing() -> None:
    hashed = pseudonym.pseudonymise(
        pd.Series(["1801044507850001", None, "1801044507850001", ""], dtype="str")
    )
    assert hashed[0] == hashed[2]
    assert len(hashed[0]) == 16 and int(hashed[0], 16) >= 0
    assert hashed[1:2].isna().all() and pd.isna(hashed[3])


def test_pseudonym_different_key_different_hash() -> None:
    assert pseudonym.pseudonym("x", b"a") != pseudonym.pseudonym("x", b"b")


def test_pseudonymise_many_values_never_all_digits() -> None:
    hashed = pseudonym.pseudonymise(pd.Series([str(i) for i in range(20_000)], dtype="str"), b"k")
    assert not hashed.str.fullmatch(r"\d{16}").any()
    assert hashed.str.fullmatch(r"[0-9a-f]{16}").all()
    assert hashed.nunique() == 20_000
