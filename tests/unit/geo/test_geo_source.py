from pathlib import Path

import pytest

from dashboard.errors import UserError
from dashboard.geo import source


def test_verify_untouched_miniature_passes(mini_copy: Path, mini_checksums: dict[str, str]):
    assert source.verify(mini_copy, mini_checksums) == mini_checksums


def test_verify_tampered_file_is_rejected(mini_copy: Path, mini_checksums: dict[str, str]):
    target = mini_copy / "kel/18/wilayah_boundaries_kel_18.01.sql"
    target.write_text(target.read_text(encoding="utf-8").replace("105.01", "105.02", 1), encoding="utf-8")
    with pytest.raises(UserError, match="checksum"):
        source.verify(mini_copy, mini_checksums)


def test_verify_missing_file_is_rejected(mini_copy: Path, mini_checksums: dict[str, str]):
    (mini_copy / "kec/wilayah_boundaries_kec_18.sql").unlink()
    with pytest.raises(UserError, match="tidak ada"):
        source.verify(mini_copy, mini_checksums)


def test_resolve_source_geo_source_env_uses_local_copy(
    mini_copy: Path, mini_checksums: dict[str, str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("GEO_SOURCE", str(mini_copy))
    files = source.resolve_source(checksums=mini_checksums)
    assert (files.kind, files.kel_files()) == (
        "local",
        sorted(p for p in mini_checksums if p.startswith("kel/")),
    )


def test_resolve_source_unreachable_upstream_raises_bahasa_error(
    tmp_path: Path, mini_checksums: dict[str, str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("GEO_SOURCE", raising=False)
    with pytest.raises(UserError, match="sumber hulu tidak dapat dihubungi"):
        source.resolve_source(checksums=mini_checksums, cache_dir=tmp_path, base_url="http://127.0.0.1:9/db/")


def test_read_checksums_pinned_list_names_all_fifteen_kel_files():
    kel = [p for p in source.read_checksums() if p.startswith("kel/18/")]
    assert len(kel) == 15
